using RemissFlow.Core.Files;

namespace RemissFlow.Core.Features.Sekretess;

/// <summary>The ärende a handling belongs to and the organisation that holds it: who may mark it, and whose roles still read it once marked.</summary>
public sealed record SekretessHandling(string Typ, Guid Id, Guid OrganisationId, string ArendeTyp, Guid ArendeId, string? Dnr, string Namn, Guid? HandlaggareId);

/// <summary>
/// The one place every reader asks whether a handling is secret. Public readers (the public page and its downloads,
/// the public sammanställning, public search, the e-arkiv package) drop a marked handling altogether; readers of
/// another organisation (the sender reading an answer, an instans reading a remisshandling) drop it too; the holding
/// organisation still reads it.
/// </summary>
public static class SekretessRegister
{
    /// <summary>The ids among <paramref name="ids"/> that are marked as <paramref name="typ"/>.</summary>
    public static async Task<HashSet<Guid>> MarkedAsync(RemissFlowDbContext db, string typ, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var result = new HashSet<Guid>();
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            result.UnionWith(await db.Sekretessmarkeringar.AsNoTracking().Where(m => m.HandlingTyp == typ && chunk.Contains(m.HandlingId)).Select(m => m.HandlingId).ToListAsync(ct));
        }

        return result;
    }

    /// <summary>The masked public copies of the given handlingar that have one, by handling id.</summary>
    public static async Task<Dictionary<Guid, MaskeradKopia>> MaskedCopiesAsync(RemissFlowDbContext db, string typ, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var result = new Dictionary<Guid, MaskeradKopia>();
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            foreach (var k in await db.MaskeradeKopior.AsNoTracking().Where(m => m.HandlingTyp == typ && chunk.Contains(m.HandlingId)).ToListAsync(ct))
            {
                result[k.HandlingId] = k;
            }
        }

        return result;
    }

    /// <summary>Stores <paramref name="content"/> as the handling's one masked public copy, replacing an earlier one.</summary>
    public static async Task<MaskeradKopia> SaveMaskedCopyAsync(RemissFlowDbContext db, FileStore files, string typ, Guid id, string fileName,
        byte[] content, string maskering, Guid? skapadAv, DateTimeOffset skapadAt, CancellationToken ct)
    {
        var stored = await files.SaveAsync(content, UploadPolicy.Pdf, ct);
        var kopia = await db.MaskeradeKopior.FirstOrDefaultAsync(k => k.HandlingTyp == typ && k.HandlingId == id, ct);
        if (kopia is null)
        {
            kopia = new MaskeradKopia { HandlingTyp = typ, HandlingId = id, FileName = fileName, MediaType = UploadPolicy.Pdf, Sha256 = stored.Sha256, Maskering = maskering };
            db.MaskeradeKopior.Add(kopia);
        }

        kopia.FileName = fileName;
        kopia.Sha256 = stored.Sha256;
        kopia.Size = stored.Size;
        kopia.Maskering = maskering;
        kopia.SkapadAv = skapadAv;
        kopia.SkapadAt = skapadAt;
        return kopia;
    }

    public static async Task<bool> IsMarkedAsync(RemissFlowDbContext db, string typ, Guid id, CancellationToken ct) =>
        await db.Sekretessmarkeringar.AsNoTracking().AnyAsync(m => m.HandlingTyp == typ && m.HandlingId == id, ct);

    /// <summary>The marking and its provision's citation ("OSL 21:7"), or null.</summary>
    public static async Task<(Sekretessmarkering Markering, string Hanvisning)?> FindAsync(RemissFlowDbContext db, string typ, Guid id, CancellationToken ct)
    {
        var row = await (from m in db.Sekretessmarkeringar.AsNoTracking()
                         join o in db.OslBestammelser on m.OslBestammelseId equals o.Id
                         where m.HandlingTyp == typ && m.HandlingId == id
                         select new { m, o.Kapitel, o.Paragraf }).FirstOrDefaultAsync(ct);
        return row is null ? null : (row.m, $"OSL {row.Kapitel}:{row.Paragraf}");
    }

    /// <summary>Whether <paramref name="reader"/> may read a marked handling held by <paramref name="holder"/>: only inside the holding organisation.</summary>
    public static bool MayRead(Guid? reader, Guid holder) => reader is { } r && r == holder;

    /// <summary>The handling behind (typ, id), or null when there is none.</summary>
    public static async Task<SekretessHandling?> HandlingAsync(RemissFlowDbContext db, string typ, Guid id, CancellationToken ct)
    {
        switch (typ)
        {
            case SekretessTyp.Fil:
                var b = await db.Bilagor.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
                if (b is null)
                {
                    return null;
                }

                if (b.RemissvarId is { } sid)
                {
                    var v = await db.Remissvar.AsNoTracking().FirstOrDefaultAsync(x => x.Id == sid, ct);
                    if (v is null)
                    {
                        return null;
                    }

                    // An outside organisation's answer is registered, and held, by the sender (it has no accounts here).
                    var utomstaende = await db.Organisationer.AsNoTracking().AnyAsync(o => o.Id == v.InstansId && o.Kind == OrganisationKind.ExternOrganisation, ct);
                    var holder = utomstaende ? await db.Remisser.AsNoTracking().Where(r => r.Id == v.RemissId).Select(r => r.AvsandareId).SingleAsync(ct) : v.InstansId;
                    return new SekretessHandling(typ, id, holder, nameof(Remissvar), v.Id, v.Dnr ?? v.AvsandareDnr, b.FileName, utomstaende ? null : v.HandlaggareId);
                }

                if (b.RemissId is { } rid)
                {
                    var r = await db.Remisser.AsNoTracking().FirstOrDefaultAsync(x => x.Id == rid, ct);
                    return r is null ? null : new SekretessHandling(typ, id, r.AvsandareId, nameof(Remiss), r.Id, r.Dnr, b.FileName, null);
                }

                return null;
            case SekretessTyp.TuVersion:
                var t = await (from x in db.TjansteutlatandeVersioner.AsNoTracking()
                               join tu in db.Tjansteutlatanden on x.TjansteutlatandeId equals tu.Id
                               join v in db.Remissvar on tu.RemissvarId equals v.Id
                               where x.Id == id
                               select new { x.Nummer, v }).FirstOrDefaultAsync(ct);
                return t is null ? null : new SekretessHandling(typ, id, t.v.InstansId, nameof(Remissvar), t.v.Id, t.v.Dnr ?? t.v.AvsandareDnr, $"Tjänsteutlåtande version {t.Nummer}", t.v.HandlaggareId);
            case SekretessTyp.Beslut:
                var s = await (from x in db.Beslut.AsNoTracking()
                               join v in db.Remissvar on x.RemissvarId equals v.Id
                               where x.Id == id
                               select new { x.Paragraf, v }).FirstOrDefaultAsync(ct);
                return s is null ? null : new SekretessHandling(typ, id, s.v.InstansId, nameof(Remissvar), s.v.Id, s.v.Dnr ?? s.v.AvsandareDnr,
                    s.Paragraf is { } p ? $"Protokollsparagraf § {p}" : "Beslut", s.v.HandlaggareId);
            default:
                return null;
        }
    }

    /// <summary>The refusal for an actor who may not mark or unmark <paramref name="h"/>: a registrator of the holding organisation, or the ärende's handläggare.</summary>
    public static Refusal? MayMark(SekretessHandling? h, Actor actor)
    {
        if (h is null || actor.OrganisationId != h.OrganisationId)
        {
            // Another organisation's handling is not there to be seen, let alone marked.
            return Refusal.NotFound("Handlingen");
        }

        if (actor.Has(Role.Registrator))
        {
            return null;
        }

        return actor.Has(Role.Handlaggare) && (h.HandlaggareId is null || h.HandlaggareId == actor.UserId)
            ? null
            : Refusal.Forbidden("Bara registratorn eller ärendets handläggare kan sekretessmarkera en handling.");
    }
}
