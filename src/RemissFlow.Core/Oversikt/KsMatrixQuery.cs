using RemissFlow.Core.Access;
using RemissFlow.Core.Sammanstallning;
using RemissFlow.Core.Workflow;
using RemissFlow.Workflows.Calendar;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Oversikt;

/// <param name="Anstand">For an open answer: the anstånd date that matters (pending, or granted and not yet passed).</param>
/// <param name="AnstandBeviljat">Whether <paramref name="Anstand"/> has been granted or is still asked for.</param>
/// <param name="ForsenadArbetsdagar">Working days late: how late the answer came, or how overdue a missing one is today.</param>
public sealed record KsMatrixRow(
    Guid RemissvarId,
    Guid InstansId,
    string Instans,
    OrganisationKind InstansKind,
    int Ordning,
    string? Dnr,
    string Status,
    SvarsKategori Kategori,
    DateOnly Svarsdatum,
    DateOnly? Anstand,
    bool AnstandBeviljat,
    DateOnly? InlamnadDatum,
    int? ForsenadArbetsdagar,
    Utfall? Utfall,
    Standpunkt? Standpunkt);

public sealed record KsMatrixSummary(int Antal, int BesvaratITid, int BesvaratSent, int Avstatt, int Anstand, int Saknas, int Aterkallad, int EjBesvarad = 0);

public sealed record KsMatrix(Guid RemissId, string Dnr, string Title, string Status, DateOnly Svarsdatum, DateOnly AsOf, IReadOnlyList<KsMatrixRow> Rows, KsMatrixSummary Summary);

/// <summary>
/// KS's live view of one remiss: every instans on the remisslista and where its answer stands.
/// Shaped for the page and the API: three narrow queries by indexed keys (the remiss, its remissvar with
/// their instans, the anstånd of those remissvar), no documents, no tracking. The sammanställning needs more
/// per row (TU, beslut, files) and has its own query; the categories here follow the same rules.
/// It does not ask who reads: a caller on behalf of a person checks <see cref="RemissAccess.RefuseReadAsync"/> first.
/// </summary>
public sealed class KsMatrixQuery(RemissFlowDbContext db, IWorkingDayCalendar calendar, TimeProvider clock)
{
    private sealed record SvarRow(Guid Id, Guid InstansId, string Instans, OrganisationKind Kind, string? Dnr, string Status, DateOnly Svarsdatum,
        DateTimeOffset? InlamnadAt, Utfall? Utfall, Standpunkt? Standpunkt);

    public async Task<KsMatrix?> ForRemissAsync(Guid remissId, CancellationToken ct = default)
    {
        var remiss = await db.Remisser.AsNoTracking().Where(r => r.Id == remissId)
            .Select(r => new { r.Id, r.Dnr, r.Title, r.Status, r.Svarsdatum })
            .FirstOrDefaultAsync(ct);
        if (remiss is null)
        {
            return null;
        }

        var today = StockholmTime.Today(clock);
        var svar = await (from s in db.Remissvar.AsNoTracking()
                          join o in db.Organisationer on s.InstansId equals o.Id
                          where s.RemissId == remissId
                          select new SvarRow(s.Id, s.InstansId, o.Name, o.Kind, s.Dnr, s.Status, s.Svarsdatum, s.InlamnadAt ?? s.PreliminartSvarAt, s.Utfall, s.Standpunkt))
            .ToListAsync(ct);
        var ordning = await db.Set<RemisslistaPost>().AsNoTracking().Where(p => p.RemissId == remissId)
            .ToDictionaryAsync(p => p.OrganisationId, p => p.Ordning, ct);
        // Anstånd only matter for open answers; joined on the remiss so the database walks its own index, not a list of ids.
        var anstand = (await (from a in db.Anstand.AsNoTracking()
                              join s in db.Remissvar on a.RemissvarId equals s.Id
                              where s.RemissId == remissId && a.Beslut != AnstandBeslut.Avslaget
                              select new { a.RemissvarId, Fakta = new AnstandFakta(a.Beslut, a.BegartDatum, a.BeviljatDatum, a.BegartAt) })
                .ToListAsync(ct))
            .ToLookup(a => a.RemissvarId, a => a.Fakta);
        var rows = svar
            .Select(s => Row(s, ordning.GetValueOrDefault(s.InstansId, int.MaxValue), today, anstand[s.Id]))
            .OrderBy(r => r.Ordning).ThenBy(r => r.Instans, StringComparer.Ordinal)
            .ToList();
        int Of(SvarsKategori k) => rows.Count(r => r.Kategori == k);
        var summary = new KsMatrixSummary(rows.Count, Of(SvarsKategori.BesvaratITid), Of(SvarsKategori.BesvaratSent), Of(SvarsKategori.Avstatt),
            Of(SvarsKategori.Anstand), Of(SvarsKategori.Saknas), Of(SvarsKategori.Aterkallad), Of(SvarsKategori.EjBesvarad));
        return new KsMatrix(remiss.Id, remiss.Dnr, remiss.Title, remiss.Status, remiss.Svarsdatum, today, rows, summary);
    }

    private KsMatrixRow Row(SvarRow s, int ordning, DateOnly today, IEnumerable<AnstandFakta> anstand)
    {
        var k = SvarsKlassning.Classify(s.Status, s.Utfall, s.Svarsdatum, s.InlamnadAt, anstand, today, calendar);
        return new KsMatrixRow(s.Id, s.InstansId, s.Instans, s.Kind, ordning, s.Dnr, s.Status, k.Kategori, s.Svarsdatum, k.Anstand?.Datum, k.Anstand?.Beviljat ?? false,
            k.InlamnadDatum, k.ForsenadArbetsdagar, k.Besvarad ? s.Utfall : null, k.Besvarad ? s.Standpunkt : null);
    }
}
