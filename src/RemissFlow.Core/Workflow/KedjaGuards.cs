using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Workflow;

/// <summary>The guards remiss-extern names.</summary>
public static class KedjaGuards
{
    /// <summary>Where the receiving ärende's answer is decided and may go out: a justerat beslut, or an ordförandebeslut.</summary>
    public static readonly IReadOnlySet<string> Beslutat = new HashSet<string>(StringComparer.Ordinal) { RemissvarState.Justerad, RemissvarState.OrdforandebeslutFattat };

    public static IEnumerable<IWorkflowGuard> All() =>
    [
        new CoreGuard("remiss.svaret_beslutat", async (_, s, ct) =>
        {
            var remiss = ((RemissSubject)s).Remiss;
            var states = await s.Db.Remissvar.Where(a => a.RemissId == remiss.Id).Select(a => a.Status).ToListAsync(ct);
            return states.Count == 1 && Beslutat.Contains(states[0])
                ? GuardResult.Allow()
                : GuardResult.Refuse("Svaret är inte beslutat än: beslutet måste vara fattat och justerat innan svaret expedieras.");
        }),
    ];
}
