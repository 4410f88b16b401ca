using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Core.Features.Sammantraden;

/// <summary>One item of a meeting's föredragningslista: a remiss ärende placed from RemissFlow, or an item typed in.</summary>
public sealed record Punkt(Guid Id, int Ordning, string Rubrik, string? Dnr, string? Foredragande, string? Beslutsforslag, Guid? RemissvarId, DateTimeOffset? AnmaldAt, int? Paragraf = null)
{
    public bool ArRemissarende => RemissvarId is not null;
}

/// <summary>
/// The föredragningslista in its one order: the remiss ärenden and the typed-in items share the numbering, so the
/// kallelse, the page and the ledamot read the same list. A remiss item's föredragande is its handläggare and its
/// beslutsförslag the approved TU's förslag till beslut (none before approval: a draft never goes out).
/// </summary>
public static class Foredragningslista
{
    public static async Task<IReadOnlyList<Punkt>> LoadAsync(RemissFlowDbContext db, Guid sammantradeId, CancellationToken ct)
    {
        var arenden = await (from p in db.Foredragningspunkter.AsNoTracking()
                             join v in db.Remissvar.AsNoTracking() on p.RemissvarId equals v.Id
                             where p.SammantradeId == sammantradeId
                             select new Punkt(p.Id, p.Ordning, p.Rubrik, v.Dnr,
                                 db.Users.Where(u => u.Id == v.HandlaggareId).Select(u => u.DisplayName).FirstOrDefault(),
                                 (from t in db.Tjansteutlatanden
                                  join tv in db.TjansteutlatandeVersioner on t.Id equals tv.TjansteutlatandeId
                                  where t.RemissvarId == v.Id && tv.Nummer == t.GodkandVersion
                                  select tv.ForslagTillBeslut).FirstOrDefault(),
                                 v.Id, p.AnmaldAt, p.Paragraf)).ToListAsync(ct);
        var ovriga = await db.OvrigaPunkter.AsNoTracking().Where(p => p.SammantradeId == sammantradeId)
            .Select(p => new Punkt(p.Id, p.Ordning, p.Rubrik, p.Dnr, p.Foredragande, p.Beslutsforslag, null, p.AnmaldAt, p.Paragraf)).ToListAsync(ct);
        return arenden.Concat(ovriga).OrderBy(p => p.Ordning).ThenBy(p => p.AnmaldAt).ToList();
    }

    /// <summary>The next number at the end of the list, counting both kinds of item.</summary>
    public static async Task<int> NextOrdningAsync(RemissFlowDbContext db, Guid sammantradeId, CancellationToken ct)
    {
        var arenden = await db.Foredragningspunkter.Where(p => p.SammantradeId == sammantradeId).Select(p => (int?)p.Ordning).MaxAsync(ct) ?? 0;
        var ovriga = await db.OvrigaPunkter.Where(p => p.SammantradeId == sammantradeId).Select(p => (int?)p.Ordning).MaxAsync(ct) ?? 0;
        return Math.Max(arenden, ovriga) + 1;
    }
}
