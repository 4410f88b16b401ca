using System.Text.Json;
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

/// <summary>A named effect of a transition, provided by the host; runs in the host's transaction before the state changes.</summary>
public interface IWorkflowAction
{
    string Name { get; }

    ValueTask ExecuteAsync(ActionContext context, CancellationToken cancellationToken);
}

public readonly record struct GuardResult(bool Allowed, string? Reason)
{
    public static GuardResult Allow() => new(true, null);

    /// <param name="reason">Swedish, shown to the user, e.g. "Ärendet har inte behandlats i förvaltningsgruppen."</param>
    public static GuardResult Refuse(string reason) => new(false, reason);
}

public sealed record GuardContext(
    WorkflowInstance Instance,
    WorkflowDefinition Definition,
    TransitionDefinition Transition,
    WorkflowActor Actor,
    IWorkflowSubject Subject,
    JsonElement? Payload);

public sealed record ActionContext(
    WorkflowInstance Instance,
    WorkflowDefinition Definition,
    TransitionDefinition Transition,
    string FromState,
    string ToState,
    WorkflowActor Actor,
    IWorkflowSubject Subject,
    JsonElement? Payload,
    DateTimeOffset Now);
