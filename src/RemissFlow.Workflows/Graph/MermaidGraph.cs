using System.Globalization;
using System.Text;
using RemissFlow.Workflows.Definitions;

namespace RemissFlow.Workflows.Graph;

/// <summary>
/// Renders a definition as a Mermaid <c>stateDiagram-v2</c>. Only state changes are drawn;
/// internal transitions (reminders, anstånd) and timers would bury the lifecycle and are listed
/// in the tables of <see cref="WorkflowDocs"/> instead. Transitions from "*" are drawn once,
/// from a pseudo-state "Alla öppna lägen", rather than from every state.
/// </summary>
public static class MermaidGraph
{
    private const string AnyOpenId = "alla_oppna_lagen";

    public static string Render(WorkflowDefinition definition)
    {
        var sb = new StringBuilder();
        sb.Append("stateDiagram-v2\n");
        foreach (var s in definition.States)
        {
            sb.Append(CultureInfo.InvariantCulture, $"    state \"{Escape(s.Label)}\" as {Id(s.Name)}\n");
        }
        var fromAny = definition.Transitions.Where(t => t.FromAnyNonTerminal && t.To is not null).ToList();
        if (fromAny.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"    state \"Alla öppna lägen\" as {AnyOpenId}\n");
        }
        sb.Append(CultureInfo.InvariantCulture, $"    [*] --> {Id(definition.InitialState)}\n");

        // One edge per (from, to, label): several transitions sharing a trigger would otherwise repeat it.
        var edges = new List<string>();
        foreach (var t in definition.Transitions.Where(t => t.To is not null))
        {
            var sources = t.FromAnyNonTerminal ? [AnyOpenId] : t.From.Select(Id);
            foreach (var from in sources)
            {
                var edge = $"    {from} --> {Id(t.To!)} : {Escape(t.Label)}\n";
                if (!edges.Contains(edge))
                {
                    edges.Add(edge);
                }
            }
        }
        edges.ForEach(e => sb.Append(e));
        foreach (var s in definition.States.Where(s => s.Terminal))
        {
            sb.Append(CultureInfo.InvariantCulture, $"    {Id(s.Name)} --> [*]\n");
        }
        return sb.ToString();
    }

    private static string Id(string name) => name.Replace('-', '_');

    // Mermaid ends a label at a colon and a state name at a quote; its entity codes keep both.
    private static string Escape(string text) => text.Replace(":", "#58;", StringComparison.Ordinal).Replace("\"", "#quot;", StringComparison.Ordinal);
}
