using RemissFlow.Workflows.Definitions;

namespace RemissFlow.Workflows.Runtime;

/// <summary>A named condition on a transition, provided by the host (definitions only name it).</summary>
public interface IWorkflowGuard
{
    string Name { get; }

    /// <summary>
    /// Decides whether the transition may happen now. Also called when listing permitted triggers
    /// for the UI, so it must not change anything.
    /// </summary>
    ValueTask<GuardResult> CheckAsync(GuardContext context, CancellationToken cancellationToken);
}

public readonly record struct GuardResult(bool Allowed, string? Reason)
{
    public static GuardResult Allow() => new(true, null);

    /// <param name="reason">Swedish, shown to the user, e.g. "Ärendet har inte behandlats i förvaltningsgruppen."</param>
    public static GuardResult Refuse(string reason) => new(false, reason);
}

/// <param name="Payload">The host's typed payload record for the trigger, or null when listing buttons (no input yet).</param>
public sealed record GuardContext(
    WorkflowInstance Instance,
    WorkflowDefinition Definition,
    TransitionDefinition Transition,
    WorkflowActor Actor,
    IWorkflowSubject Subject,
    object? Payload);
