using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Access;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Core.Search;

/// <summary>
/// The access keys of an index row, as tokens: the read rule of the page a hit links to (RemissAccess,
/// ArendeAccess and the area policies) split into "who may read this row" on the row and "what I may read"
/// on the principal, so that the check is one more term of the full-text query. A row's tokens are derived
/// from the live rows in the writing transaction; whatever changes them (a status, the remisslista, an
/// approval) makes the interceptor write the row again in the same transaction.
/// </summary>
public static class SearchAccess
{
    // "zz" keeps the keys apart from any Swedish word a prefix query could reach.
    public const string Publik = "zzpublik";
    public const string AllaRemisser = "zzallaremisser";
    public const string Admin = "zzadmin";

    /// <summary>A remiss or remisshandling, for an instans on its remisslista.</summary>
    public static string Lista(Guid instans) => "zzl" + Hex(instans);

    /// <summary>An answer's rows (ärende, files, beslut, TU), for the instans that owns it.</summary>
    public static string Instans(Guid instans) => "zzi" + Hex(instans);

    /// <summary>An answer's rows once it is handed in (a TU only its approved version), for the sender.</summary>
    public static string Avsandare(Guid avsandare) => "zzs" + Hex(avsandare);

    /// <summary>A meeting, for its organisation's nämndsekreterare.</summary>
    public static string Mote(Guid organisation) => "zzm" + Hex(organisation);

    private static string Hex(Guid id) => id.ToString("N", CultureInfo.InvariantCulture);

    /// <summary>The tokens a principal reads by: a row matches when it carries any of them.</summary>
    public static IReadOnlyList<string> Reads(SearchPrincipal who)
    {
        if (who.IsPublic)
        {
            return [Publik];
        }

        var org = who.OrganisationId ?? Guid.Empty;
        var tokens = new List<string> { who.SeesAllRemisser ? AllaRemisser : Lista(org), Instans(org) };
        if (who.ReadsSentAnswers)
        {
            tokens.Add(Avsandare(org));
        }

        if (who.Has(Role.Namndsekreterare))
        {
            tokens.Add(Mote(org));
        }

        if (who.Has(Role.Administrator))
        {
            tokens.Add(Admin);
        }

        return tokens;
    }

    /// <summary>The tokens of each document, read from the live rows through the caller's transaction.</summary>
    public static async Task<IReadOnlyList<string>[]> TokensAsync(RemissFlowDbContext db, IReadOnlyList<SearchDocument> documents, CancellationToken ct)
    {
        var remissIds = documents.Where(d => d.Typ is SearchTypes.Remiss or SearchTypes.Remisshandling && d.RemissId is not null).Select(d => d.RemissId!.Value).Distinct().ToList();
        var svarIds = documents.Where(d => d.RemissvarId is not null).Select(d => d.RemissvarId!.Value).Distinct().ToList();
        var tuIds = documents.Where(d => d.Typ == SearchTypes.Tjansteutlatande && d.ForalderId is not null).Select(d => d.ForalderId!.Value).Distinct().ToList();

        var remisser = new Dictionary<Guid, (string Status, bool Utskickad)>();
        var listor = new Dictionary<Guid, List<Guid>>();
        foreach (var chunk in remissIds.Chunk(500))
        {
            // A remiss from outside is registered, not sent: the public sees it only on its page once the answer is expedierad.
            foreach (var r in await db.Remisser.AsNoTracking().Where(r => chunk.Contains(r.Id)).Select(r => new { r.Id, r.Status, r.UtskickDatum, r.MottagenDatum }).ToListAsync(ct))
            {
                remisser[r.Id] = (r.Status, r.UtskickDatum is not null && r.MottagenDatum is null);
            }

            foreach (var v in await db.Remissvar.AsNoTracking().Where(v => chunk.Contains(v.RemissId)).Select(v => new { v.RemissId, v.InstansId }).ToListAsync(ct))
            {
                (listor.TryGetValue(v.RemissId, out var list) ? list : listor[v.RemissId] = []).Add(v.InstansId);
            }
        }

        var svar = new Dictionary<Guid, (Guid Instans, Guid Avsandare, string Status)>();
        foreach (var chunk in svarIds.Chunk(500))
        {
            foreach (var v in await (from v in db.Remissvar.AsNoTracking()
                                     join r in db.Remisser on v.RemissId equals r.Id
                                     where chunk.Contains(v.Id)
                                     select new { v.Id, v.InstansId, r.AvsandareId, v.Status }).ToListAsync(ct))
            {
                svar[v.Id] = (v.InstansId, v.AvsandareId, v.Status);
            }
        }

        var godkand = new Dictionary<Guid, int?>();
        foreach (var chunk in tuIds.Chunk(500))
        {
            foreach (var t in await db.Tjansteutlatanden.AsNoTracking().Where(t => chunk.Contains(t.Id)).Select(t => new { t.Id, t.GodkandVersion }).ToListAsync(ct))
            {
                godkand[t.Id] = t.GodkandVersion;
            }
        }

        // A sekretess-marked handling is read only inside the organisation that holds it (SekretessRegister).
        var marked = new HashSet<Guid>();
        foreach (var (typ, kinds) in new[] { (SekretessTyp.Fil, new[] { SearchTypes.Remisshandling, SearchTypes.Svarsfil }), (SekretessTyp.TuVersion, [SearchTypes.Tjansteutlatande]), (SekretessTyp.Beslut, [SearchTypes.Beslut]) })
        {
            marked.UnionWith(await Features.Sekretess.SekretessRegister.MarkedAsync(db, typ, documents.Where(d => kinds.Contains(d.Typ)).Select(d => d.Id), ct));
        }

        var result = new IReadOnlyList<string>[documents.Count];
        for (var i = 0; i < documents.Count; i++)
        {
            var d = documents[i];
            var tokens = new List<string>();
            switch (d.Typ)
            {
                case SearchTypes.Remiss or SearchTypes.Remisshandling when d.RemissId is { } rid && remisser.TryGetValue(rid, out var r) && r.Status != Remiss.Raderad:
                    // Publikt/Visa: a remiss once it is sent out, never a deleted one; nothing else is public.
                    if (d.Typ == SearchTypes.Remiss && r.Utskickad)
                    {
                        tokens.Add(Publik);
                    }

                    tokens.Add(AllaRemisser);
                    if (!marked.Contains(d.Id))
                    {
                        tokens.AddRange((listor.GetValueOrDefault(rid) ?? []).Distinct().Select(Lista));
                    }

                    break;
                case SearchTypes.Arende or SearchTypes.Svarsfil or SearchTypes.Beslut or SearchTypes.Tjansteutlatande when d.RemissvarId is { } sid && svar.TryGetValue(sid, out var v):
                    tokens.Add(Instans(v.Instans));

                    // A TU draft is the instans's own until it is approved; the sender reads only the approved version of a handed-in answer.
                    var forSender = ArendeAccess.SentToSender.Contains(v.Status)
                        && (d.Typ != SearchTypes.Tjansteutlatande || (d.ForalderId is { } t && godkand.GetValueOrDefault(t) is { } n && n == d.Nummer));
                    if (forSender && !marked.Contains(d.Id))
                    {
                        tokens.Add(Avsandare(v.Avsandare));
                    }

                    break;
                case SearchTypes.Sammantrade when d.OrganisationId is { } o:
                    tokens.Add(Mote(o));
                    break;
                case SearchTypes.Organisation or SearchTypes.Person:
                    tokens.Add(Admin);
                    break;
                default:
                    break;
            }

            result[i] = tokens;
        }

        return result;
    }
}
