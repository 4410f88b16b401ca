namespace RemissFlow.Workflows.Runtime;

/// <summary>
/// One running lifecycle of one subject, pinned to the definition version it started on.
/// A plain class with settable properties so the host can map it with EF Core's fluent API;
/// <see cref="Sequence"/> makes a good concurrency token.
/// </summary>
public class WorkflowInstance
{
    public Guid Id { get; set; }
    public string DefinitionId { get; set; } = "";
    public int Version { get; set; }
    public string State { get; set; } = "";
    public string SubjectType { get; set; } = "";
    public Guid SubjectId { get; set; }

    /// <summary>Number of the last execution-log entry; bumped by every step.</summary>
    public long Sequence { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public static class BookmarkKinds
{
    /// <summary>Waiting in a state for a person's trigger; exactly one per non-terminal instance.</summary>
    public const string State = "state";

    /// <summary>Waiting for a time; fires <see cref="WorkflowBookmark.Trigger"/> at <see cref="WorkflowBookmark.ResumeAt"/>.</summary>
    public const string Timer = "timer";
}

/// <summary>
/// Something an instance waits for. Timers are rows with a resume time, so they survive restarts;
/// the claim fields let several hosts share one database (claim with SKIP LOCKED or a lease, fire,
/// delete the row in the same transaction).
/// </summary>
public class WorkflowBookmark
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }

    /// <summary><see cref="BookmarkKinds.State"/> or <see cref="BookmarkKinds.Timer"/>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The state name (state bookmarks) or the timer name (timer bookmarks).</summary>
    public string Name { get; set; } = "";

    public string? Trigger { get; set; }
    public DateTimeOffset? ResumeAt { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public bool IsTimer => Kind == BookmarkKinds.Timer;
}

/// <summary>One ordered record per step of an instance: what happened, who did it, with what payload.</summary>
public class WorkflowExecutionLogEntry
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public long Sequence { get; set; }
    public DateTimeOffset At { get; set; }
    public string Trigger { get; set; } = "";
    public string? FromState { get; set; }
    public string ToState { get; set; } = "";
    public int Version { get; set; }
    public Guid? ActorId { get; set; }
    public string ActorName { get; set; } = "";
    public string? PayloadJson { get; set; }
}
