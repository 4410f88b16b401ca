using RemissFlow.Workflows.Definitions;

namespace RemissFlow.Core.Workflow;

/// <summary>
/// The Swedish word for a state is the state's <c>label</c> in its definition, so a renamed or added
/// state needs no change in code; a bolag's "hos_forvaltningschef" reads "Hos vd för godkännande".
/// </summary>
public static class StateLabel
{
    /// <summary>
    /// The label in the given definition version. Without one (a remissvar that has no workflow
    /// instance) or when that version lacks the state: the same definition's other versions first, then
    /// remiss-utskick and the remissvar lifecycles fullest first, newest version first. The state's own
    /// name only if no loaded definition knows it.
    /// </summary>
    public static string Of(WorkflowRegistry registry, string? definitionId, int version, string state)
    {
        if (definitionId is not null && registry.Find(definitionId, version)?.FindState(state) is { } exact)
        {
            return exact.Label;
        }

        return registry.Definitions
            .Where(d => d.FindState(state) is not null)
            .OrderBy(d => d.DefinitionId == definitionId ? -1 : Preference(d.DefinitionId))
            .ThenByDescending(d => d.Version)
            .Select(d => d.GetState(state).Label)
            .FirstOrDefault() ?? state;
    }

    /// <summary>A remiss's state (its label is the same in every version of remiss-utskick; DefinitionDriftTests pins that).</summary>
    public static string OfRemiss(WorkflowRegistry registry, string state) => Of(registry, DefinitionIds.RemissUtskick, 0, state);

    private static int Preference(string definitionId) =>
        definitionId == DefinitionIds.RemissUtskick ? 0
        : Array.IndexOf(DefinitionIds.Remissvar, definitionId) is var i and >= 0 ? 1 + i
        : int.MaxValue;
}
