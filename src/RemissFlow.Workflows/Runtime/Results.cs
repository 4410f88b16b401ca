namespace RemissFlow.Workflows.Runtime;

/// <summary>
/// Rows the host must add to and remove from its unit of work, together with the domain change and
/// the audit event. The engine never saves anything itself.
/// </summary>
public sealed record WorkflowChanges(
    IReadOnlyList<WorkflowBookmark> BookmarksToDelete,
    IReadOnlyList<WorkflowBookmark> BookmarksToCreate,
    WorkflowExecutionLogEntry? LogEntry)
{
    public static WorkflowChanges None { get; } = new([], [], null);
}

public sealed record WorkflowStartResult(WorkflowInstance Instance, WorkflowChanges Changes);

/// <summary>What a fire came to, as the host reports it (the timer poller counts these).</summary>
public enum FireOutcome
{
    /// <summary>The transition happened; apply <see cref="WorkflowFireResult.Changes"/> and save.</summary>
    Fired,

    /// <summary>Not allowed; <see cref="WorkflowFireResult.Message"/> says why, in Swedish. Nothing changed.</summary>
    Refused,

    /// <summary>A timer that no longer applies (already fired, state left, guard says no); apply the changes, which only remove the spent bookmark.</summary>
    Skipped,
}

public enum RefusalReason
{
    None,
    UnknownTrigger,
    WrongState,
    Role,
    Organisation,
    MissingPayload,
    Guard,
}

public sealed record WorkflowFireResult(
    FireOutcome Outcome,
    RefusalReason Reason,
    string? Message,
    string? FromState,
    string? ToState,
    WorkflowChanges Changes)
{
    public bool Succeeded => Outcome == FireOutcome.Fired;
}

/// <summary>A trigger from the current state as seen by one actor: a button, enabled or with the reason it is not.</summary>
public sealed record TriggerOption(
    string Trigger,
    string Label,
    string? ToState,
    bool Permitted,
    RefusalReason Reason,
    string? RefusalMessage,
    IReadOnlyList<string> RequiresPayload);

public sealed record WorkflowMigrationResult(
    bool Succeeded,
    IReadOnlyList<string> Errors,
    WorkflowChanges Changes)
{
    internal static WorkflowMigrationResult Failed(IReadOnlyList<string> errors) => new(false, errors, WorkflowChanges.None);
}
