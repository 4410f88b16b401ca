namespace RemissFlow.Core.Features.ProtokollJustering;

/// <summary>
/// Who was present at a meeting, as far as the justering and the protokoll need it. Once the meeting's närvaro is
/// recorded it decides; until then the ledamöter holding a seat (ordförande, vice ordförande, ledamot) on the meeting
/// day count as present, so a meeting recorded before närvaro existed can still be justerad.
/// </summary>
public static class Narvarande
{
    public static async Task<HashSet<Guid>> PresentAsync(RemissFlowDbContext db, Sammantrade meeting, CancellationToken ct)
    {
        var recorded = await db.Narvaro.AsNoTracking().Where(n => n.SammantradeId == meeting.Id)
            .Select(n => new { n.LedamotId, n.Narvarande }).ToListAsync(ct);
        if (recorded.Count > 0)
        {
            return recorded.Where(n => n.Narvarande).Select(n => n.LedamotId).ToHashSet();
        }

        return (await db.Ledamoter.AsNoTracking()
            .Where(l => l.OrganId == meeting.OrganId && l.Fran <= meeting.Datum && meeting.Datum <= l.Till && l.Uppdrag != Uppdrag.Ersattare)
            .Select(l => l.Id).ToListAsync(ct)).ToHashSet();
    }
}
