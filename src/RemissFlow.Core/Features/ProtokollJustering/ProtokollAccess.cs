using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Workflow;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.ProtokollJustering;

/// <summary>Finds a meeting's protokoll for the nämndsekreterare, drawing it up (and starting its workflow) the first time.</summary>
public static class ProtokollAccess
{
    public static async Task<(Protokoll? Protokoll, Sammantrade? Meeting, Organ? Organ, Refusal? Refusal)> ForSekreterareAsync(
        RemissFlowDbContext db, WorkflowRunner workflow, Actor actor, Guid sammantradeId, TimeProvider clock, CancellationToken ct)
    {
        var (meeting, organ, refusal) = await MeetingAccess.ForSekreterareAsync(db, actor, sammantradeId, ct);
        if (refusal is not null)
        {
            return (null, null, null, refusal);
        }

        if (await LoadAsync(db, meeting!.Id, ct) is { } existing)
        {
            return (existing, meeting, organ, null);
        }

        // A beslut is recorded only once the meeting has begun; so is its protokoll.
        if (meeting.Datum > StockholmTime.Today(clock))
        {
            return (null, null, null, Refusal.InvalidState($"Sammanträdet {meeting.Datum:yyyy-MM-dd} har inte hållits ännu; protokollet kan inte upprättas."));
        }

        var protokoll = new Protokoll { SammantradeId = meeting.Id, Status = "upprattat", CreatedAt = clock.GetUtcNow(), Forvaringsplats = organ!.Name + "s kansli" };
        db.Protokoll.Add(protokoll);
        await workflow.StartAsync(protokoll, meeting, organ, ct);
        return (protokoll, meeting, organ, null);
    }

    public static async Task<Protokoll?> LoadAsync(RemissFlowDbContext db, Guid sammantradeId, CancellationToken ct) =>
        await db.Protokoll.Include(p => p.Godkannanden).FirstOrDefaultAsync(p => p.SammantradeId == sammantradeId, ct);
}
