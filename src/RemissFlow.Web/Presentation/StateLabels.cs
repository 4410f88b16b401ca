using RemissFlow.Core.Workflow;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Web.Presentation;

/// <summary>Status words straight from the loaded workflow definitions (<see cref="StateLabel"/>).</summary>
public sealed class StateLabels(WorkflowHost host)
{
    public async Task<string> LabelAsync(string? definitionId, int version, string state, CancellationToken ct) =>
        StateLabel.Of((await host.EngineAsync(ct)).Registry, definitionId, version, state);

    public async Task<string> RemissAsync(string state, CancellationToken ct = default) =>
        StateLabel.OfRemiss((await host.EngineAsync(ct)).Registry, state);
}
