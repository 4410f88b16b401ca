namespace RemissFlow.Core.Features.ProtokollJustering;

/// <summary>When the anslag went up and the last day of the appeal period (KL 13:5), per meeting whose protokoll was anslaget.</summary>
public sealed record Overklagandetid(DateOnly Anslaget, DateOnly SistaDag)
{
    public static async Task<Dictionary<Guid, Overklagandetid>> ForMeetingsAsync(RemissFlowDbContext db, IEnumerable<Guid?> sammantradeIds, CancellationToken ct)
    {
        var ids = sammantradeIds.Where(i => i is not null).Select(i => i!.Value).Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await db.Protokoll.AsNoTracking().Where(p => ids.Contains(p.SammantradeId) && p.AnslagUppsatt != null)
            .Select(p => new { p.SammantradeId, p.AnslagUppsatt }).ToListAsync(ct);
        return rows.ToDictionary(r => r.SammantradeId, r => new Overklagandetid(r.AnslagUppsatt!.Value, r.AnslagUppsatt.Value.AddDays(21)));
    }

    private static Overklagandetid Of(DateOnly anslaget) => new(anslaget, anslaget.AddDays(21));

    /// <summary>The appeal period of each remissvar of a remiss decided at a meeting whose protokoll was anslaget, by the remissvar's dnr.</summary>
    public static async Task<Dictionary<string, Overklagandetid>> ForRemissAsync(RemissFlowDbContext db, Guid remissId, CancellationToken ct)
    {
        var rows = await (from v in db.Remissvar.AsNoTracking()
                          join b in db.Beslut.AsNoTracking() on v.Id equals b.RemissvarId
                          join p in db.Protokoll.AsNoTracking() on b.SammantradeId equals p.SammantradeId
                          where v.RemissId == remissId && v.Dnr != null && p.AnslagUppsatt != null
                          select new { v.Dnr, p.AnslagUppsatt }).ToListAsync(ct);
        return rows.GroupBy(r => r.Dnr!).ToDictionary(g => g.Key, g => Of(g.Max(r => r.AnslagUppsatt!.Value)));
    }
}
