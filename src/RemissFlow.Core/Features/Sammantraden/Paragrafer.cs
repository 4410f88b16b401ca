using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Core.Features.Sammantraden;

/// <summary>
/// The § numbers of a meeting's items: they follow the föredragningslista's order and run on through the organ's
/// calendar year (the year's first meeting starts at § 1), typed-in items as well as remiss ärenden.
/// </summary>
public static class Paragrafer
{
    /// <summary>Numbers the items that have no § yet, after the highest § the organ has used this year.</summary>
    public static async Task NumberAsync(RemissFlowDbContext db, Sammantrade meeting, CancellationToken ct)
    {
        var arenden = await db.Foredragningspunkter.Where(p => p.SammantradeId == meeting.Id).ToListAsync(ct);
        var ovriga = await db.OvrigaPunkter.Where(p => p.SammantradeId == meeting.Id).ToListAsync(ct);
        var items = arenden.Select(p => (Ordning: p.Ordning, At: p.AnmaldAt, Get: (Func<int?>)(() => p.Paragraf), Set: (Action<int>)(n => p.Paragraf = n)))
            .Concat(ovriga.Select(p => (Ordning: p.Ordning, At: (DateTimeOffset?)p.AnmaldAt, Get: (Func<int?>)(() => p.Paragraf), Set: (Action<int>)(n => p.Paragraf = n))))
            .OrderBy(i => i.Ordning).ThenBy(i => i.At).ToList();
        if (items.All(i => i.Get() is not null))
        {
            return;
        }

        var next = Math.Max(await HighestAsync(db, meeting, ct), items.Max(i => i.Get() ?? 0)) + 1;
        foreach (var item in items.Where(i => i.Get() is null))
        {
            item.Set(next++);
        }
    }

    /// <summary>The highest § in the organ's protokoll of the meeting's year outside this meeting: items numbered, beslut recorded, ordförandebeslut reported.</summary>
    public static async Task<int> HighestAsync(RemissFlowDbContext db, Sammantrade meeting, CancellationToken ct)
    {
        var from = new DateOnly(meeting.Datum.Year, 1, 1);
        var to = new DateOnly(meeting.Datum.Year, 12, 31);
        var others = await db.Sammantraden.Where(m => m.OrganId == meeting.OrganId && m.Datum >= from && m.Datum <= to && m.Id != meeting.Id)
            .Select(m => m.Id).ToListAsync(ct);
        var items = await db.Foredragningspunkter.Where(p => others.Contains(p.SammantradeId)).MaxAsync(p => p.Paragraf, ct) ?? 0;
        var ovriga = await db.OvrigaPunkter.Where(p => others.Contains(p.SammantradeId)).MaxAsync(p => p.Paragraf, ct) ?? 0;
        var nullable = others.Select(id => (Guid?)id).ToList();
        var beslut = await db.Beslut.Where(b => nullable.Contains(b.SammantradeId) || nullable.Contains(b.AnmalsVidSammantradeId)).MaxAsync(b => b.Paragraf, ct) ?? 0;
        return Math.Max(items, Math.Max(ovriga, beslut));
    }
}
