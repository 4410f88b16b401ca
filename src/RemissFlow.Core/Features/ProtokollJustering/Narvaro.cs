namespace RemissFlow.Core.Features.ProtokollJustering;

/// <summary>
/// Who was present at a meeting, as far as the justering needs it. Until the meeting's närvaro is recorded, the
/// ledamöter holding a seat (ordförande, vice ordförande, ledamot) on the meeting day count as present; an
/// ersättare counts only once närvaro says they served.
/// </summary>
public static class Narvaro
{
    public static async Task<HashSet<Guid>> PresentAsync(RemissFlowDbContext db, Sammantrade meeting, CancellationToken ct) =>
        (await db.Ledamoter.AsNoTracking()
            .Where(l => l.OrganId == meeting.OrganId && l.Fran <= meeting.Datum && meeting.Datum <= l.Till && l.Uppdrag != Uppdrag.Ersattare)
            .Select(l => l.Id).ToListAsync(ct)).ToHashSet();
}
