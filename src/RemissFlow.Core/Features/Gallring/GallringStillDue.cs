namespace RemissFlow.Core.Features.Gallring;

/// <summary>
/// Which handlingar of a proposal may still be gallrade now: due today under the same plan row (version) they were
/// proposed under. The decision checks this before it fires and the transition again inside the step.
/// </summary>
public static class GallringStillDue
{
    public static async Task<List<(GallringsPost Post, GallringsplanRad Rad)>> ForAsync(RemissFlowDbContext db, Gallringsbeslut beslut, DateOnly today, CancellationToken ct)
    {
        var poster = await db.GallringsPoster.AsNoTracking().Where(p => p.BeslutId == beslut.Id).ToListAsync(ct);
        var now = (await Gallringsplan.KandidaterAsync(db, beslut.OrganisationId, today, ct, utom: beslut.Id)).ToDictionary(k => k.HandlingId);
        return poster
            .Where(p => now.TryGetValue(p.HandlingId, out var k) && k.Status == GallringsStatus.Forfallen && k.Rad!.Id == p.PlanradId)
            .Select(p => (p, now[p.HandlingId].Rad!))
            .ToList();
    }
}
