using RemissFlow.Core.Workflow;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Web.Presentation;

/// <summary>
/// Status words straight from the workflow definitions (the state's "label"), so a renamed or added
/// state needs no change here. A bolag's "hos_forvaltningschef" reads "Hos vd för godkännande".
/// </summary>
public sealed class StateLabels(WorkflowHost host)
{
    public async Task<string> LabelAsync(string? definitionId, int version, string state, CancellationToken ct)
    {
        if (definitionId is null)
        {
            return SwedishLabels.Status(state);
        }

        var engine = await host.EngineAsync(ct);
        return engine.Registry.Find(definitionId, version)?.States.FirstOrDefault(s => s.Name == state)?.Label ?? SwedishLabels.Status(state);
    }
}
