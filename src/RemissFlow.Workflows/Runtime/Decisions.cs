using System.Collections.Concurrent;
using System.Reflection;
using RemissFlow.Workflows.Definitions;

namespace RemissFlow.Workflows.Runtime;

public enum DecisionOutcome
{
    /// <summary>The trigger may fire: the host makes its typed change, then <see cref="WorkflowEngine.Commit"/>s the decision.</summary>
    Permitted,

    /// <summary>Not allowed; <see cref="TransitionDecision.Message"/> says why, in Swedish. Nothing changed.</summary>
    Refused,

    /// <summary>A timer that no longer applies; apply <see cref="TransitionDecision.SkippedChanges"/>, which only remove the spent bookmark.</summary>
    Skipped,
}

/// <summary>
/// What the engine decided about one trigger on one instance, before anything changed. A permitted
/// decision names the transition (from, to, the definition's declared actions) for the host to carry
/// out; the engine then plans the bookmarks and the log entry from it in <see cref="WorkflowEngine.Commit"/>.
/// </summary>
public sealed record TransitionDecision
{
    public required DecisionOutcome Outcome { get; init; }
    public required string Trigger { get; init; }
    public RefusalReason Reason { get; init; }
    public string? Message { get; init; }
    public WorkflowInstance? Instance { get; init; }
    public WorkflowDefinition? Definition { get; init; }
    public TransitionDefinition? Transition { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }

    /// <summary>The timer bookmark this decision spends (timer decisions only).</summary>
    public WorkflowBookmark? ConsumedTimer { get; init; }

    /// <summary>The instance's sequence when decided; a commit after another step on the instance is a bug.</summary>
    public long Sequence { get; init; }

    public WorkflowChanges SkippedChanges { get; init; } = WorkflowChanges.None;

    public bool Permitted => Outcome == DecisionOutcome.Permitted;

    internal static TransitionDecision Refused(string trigger, RefusalReason reason, string message) =>
        new() { Outcome = DecisionOutcome.Refused, Trigger = trigger, Reason = reason, Message = message };

    internal static TransitionDecision Skipped(string trigger, string message, params WorkflowBookmark[] spent) =>
        new() { Outcome = DecisionOutcome.Skipped, Trigger = trigger, Message = message, SkippedChanges = new WorkflowChanges(spent, [], null) };
}

/// <summary>
/// Reads the <c>requiresPayload</c> names off the host's typed payload record: a public property of that
/// name (case-insensitive, so <c>diarienummer</c> is <c>Diarienummer</c>) holding a value. The drift test in
/// Core checks that every declared name is such a property, so a missing one is a test failure, not a silent refusal.
/// </summary>
public static class PayloadFields
{
    private static readonly ConcurrentDictionary<(Type, string), PropertyInfo?> Properties = new();

    public static PropertyInfo? Find(Type payloadType, string name) =>
        Properties.GetOrAdd((payloadType, name), key =>
            key.Item1.GetProperty(key.Item2, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase));

    public static bool HasValue(object? payload, string name) =>
        payload is not null
        && Find(payload.GetType(), name)?.GetValue(payload) is { } value
        && !(value is string s && string.IsNullOrWhiteSpace(s));
}
