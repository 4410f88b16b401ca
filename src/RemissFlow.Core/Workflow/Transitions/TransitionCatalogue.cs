using RemissFlow.Workflows.Definitions;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Workflow.Transitions;

/// <summary>
/// Every typed transition, keyed by subject type and trigger: where the runner finds the effect of a
/// trigger no handler names (timers, plain buttons fired by name), and what the loader and the drift
/// test hold the definitions' action names against.
/// </summary>
public static class TransitionCatalogue
{
    public static IReadOnlyList<ITransition> All { get; } = RemissTransitions.All().Concat(RemissvarTransitions.All()).Concat(SammantradeTransitions.All()).Concat(ProtokollTransitions.All()).Concat(GallringTransitions.All()).Concat(InkommandeTransitions.All()).ToList();

    private static readonly Dictionary<(string, string), ITransition> ByKey = All.ToDictionary(t => (t.SubjectType, t.Trigger));

    /// <summary>Every action name some transition declares it carries out; a definition naming another fails to load.</summary>
    public static IReadOnlySet<string> ActionNames { get; } = All.SelectMany(t => t.Actions).ToHashSet(StringComparer.Ordinal);

    public static ITransition? Find(string subjectType, string trigger) => ByKey.GetValueOrDefault((subjectType, trigger));

    /// <summary>The subject a definition's instances run for: remiss-utskick for the remiss, sammantrade for a meeting, the others for a remissvar.</summary>
    public static string SubjectTypeOf(string definitionId) =>
        definitionId == DefinitionIds.Sammantrade ? SammantradeSubject.Type
        : definitionId == DefinitionIds.Protokoll ? ProtokollSubject.Type
        : definitionId == DefinitionIds.Gallring ? GallringSubject.Type
        : definitionId == DefinitionIds.Inkommande ? InkommandeSubject.Type
        : definitionId.StartsWith("remissvar-", StringComparison.Ordinal) ? RemissvarSubject.Type
        : RemissSubject.Type;

    /// <summary>The subject type a transition's subject class stands for.</summary>
    public static string SubjectTypeOf(Type subject) =>
        subject == typeof(RemissSubject) ? RemissSubject.Type
        : subject == typeof(SammantradeSubject) ? SammantradeSubject.Type
        : subject == typeof(ProtokollSubject) ? ProtokollSubject.Type
        : subject == typeof(GallringSubject) ? GallringSubject.Type
        : subject == typeof(InkommandeSubject) ? InkommandeSubject.Type
        : RemissvarSubject.Type;

    /// <summary>
    /// Where the definitions and the typed code disagree: a trigger no transition carries out, an action a
    /// definition lists that its trigger's transition does not declare, a declared action no definition lists
    /// for that trigger, a <c>requiresPayload</c> name that is not a property of the trigger's payload record,
    /// or a transition no definition fires. Empty when they agree; the drift test holds it so.
    /// </summary>
    public static IReadOnlyList<string> Drift(IEnumerable<WorkflowDefinition> definitions, IEnumerable<ITransition>? transitions = null)
    {
        var catalogue = (transitions ?? All).ToDictionary(t => (t.SubjectType, t.Trigger));
        var faults = new List<string>();
        var listed = new Dictionary<(string, string), HashSet<string>>();
        foreach (var d in definitions)
        {
            var subjectType = SubjectTypeOf(d.DefinitionId);
            foreach (var t in d.Transitions)
            {
                var at = $"{d} transitions[{t.Index}] ({t.Trigger})";
                if (!catalogue.TryGetValue((subjectType, t.Trigger), out var transition))
                {
                    faults.Add($"{at}: no typed transition carries out '{t.Trigger}' on {subjectType}");
                    continue;
                }

                var actions = listed.TryGetValue((subjectType, t.Trigger), out var set) ? set : listed[(subjectType, t.Trigger)] = new HashSet<string>(StringComparer.Ordinal);
                actions.UnionWith(t.Actions);
                faults.AddRange(t.Actions.Where(a => !transition.Actions.Contains(a))
                    .Select(a => $"{at}: action '{a}' is not carried out by {transition.GetType().Name}"));
                faults.AddRange(t.RequiresPayload.Where(name => PayloadFields.Find(transition.PayloadType, name) is null)
                    .Select(name => $"{at}: requiresPayload '{name}' is not a property of {transition.PayloadType.Name}"));
            }
        }

        foreach (var ((subjectType, trigger), transition) in catalogue)
        {
            if (!listed.TryGetValue((subjectType, trigger), out var actions))
            {
                faults.Add($"{transition.GetType().Name}: no definition fires '{trigger}' on {subjectType}");
                continue;
            }

            faults.AddRange(transition.Actions.Where(a => !actions.Contains(a))
                .Select(a => $"{transition.GetType().Name}: declares '{a}', which no definition lists for '{trigger}'"));
        }

        return faults;
    }
}
