namespace RemissFlow.Core.Workflow.Transitions;

/// <summary>
/// Every typed transition, keyed by subject type and trigger: where the runner finds the effect of a
/// trigger no handler names (timers, plain buttons fired by name), and what the loader and the drift
/// test hold the definitions' action names against.
/// </summary>
public static class TransitionCatalogue
{
    public static IReadOnlyList<ITransition> All { get; } = RemissTransitions.All().Concat(RemissvarTransitions.All()).ToList();

    private static readonly Dictionary<(string, string), ITransition> ByKey = All.ToDictionary(t => (t.SubjectType, t.Trigger));

    /// <summary>Every action name some transition declares it carries out; a definition naming another fails to load.</summary>
    public static IReadOnlySet<string> ActionNames { get; } = All.SelectMany(t => t.Actions).ToHashSet(StringComparer.Ordinal);

    public static ITransition? Find(string subjectType, string trigger) => ByKey.GetValueOrDefault((subjectType, trigger));

    /// <summary>The subject a definition's instances run for: remiss-utskick for the remiss, the others for a remissvar.</summary>
    public static string SubjectTypeOf(string definitionId) =>
        definitionId.StartsWith("remissvar-", StringComparison.Ordinal) ? RemissvarSubject.Type : RemissSubject.Type;
}
