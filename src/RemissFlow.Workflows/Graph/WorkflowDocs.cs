using System.Globalization;
using System.Text;
using RemissFlow.Workflows.Definitions;

namespace RemissFlow.Workflows.Graph;

/// <summary>
/// The generated part of <c>docs/workflows.md</c> for one definition: its diagram and tables of
/// states, transitions and timers. Generated so the documentation can never disagree with the JSON.
/// </summary>
public static class WorkflowDocs
{
    public static string BeginMarker(WorkflowDefinition d) => $"<!-- BEGIN GENERATED {d.DefinitionId}.v{d.Version} -->";

    public static string EndMarker(WorkflowDefinition d) => $"<!-- END GENERATED {d.DefinitionId}.v{d.Version} -->";

    /// <summary>The text between the markers (without them), newline-terminated.</summary>
    public static string Render(WorkflowDefinition d)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"### `{d.DefinitionId}` v{d.Version} — {d.Title}\n\n");
        sb.Append("```mermaid\n").Append(MermaidGraph.Render(d)).Append("```\n\n");

        sb.Append("| state | label | terminal | category |\n| --- | --- | --- | --- |\n");
        foreach (var s in d.States)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| `{s.Name}`{(s.Name == d.InitialState ? " (initial)" : "")} | {s.Label} | {(s.Terminal ? "yes" : "")} | {s.Category} |\n");
        }

        sb.Append("\n| trigger | label | from | to | roles | organisation | guards | actions | payload |\n")
          .Append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        foreach (var t in d.Transitions)
        {
            var from = t.FromAnyNonTerminal ? "* (alla öppna)" : string.Join(", ", t.From);
            var to = t.To ?? (t.RecomputeTimers ? "(samma; timers räknas om)" : "(samma)");
            sb.Append(CultureInfo.InvariantCulture, $"| `{t.Trigger}` | {t.Label} | {from} | {to} | {string.Join(", ", t.Roles)} | {t.ActorOrganisation.ToString().ToLowerInvariant()} | {Code(t.Guards)} | {Code(t.Actions)} | {string.Join(", ", t.RequiresPayload)} |\n");
        }

        if (d.Timers.Count > 0)
        {
            sb.Append("\n| timer | fires | active in | at |\n| --- | --- | --- | --- |\n");
            foreach (var t in d.Timers)
            {
                sb.Append(CultureInfo.InvariantCulture, $"| `{t.Name}` | `{t.Trigger}` | {string.Join(", ", t.ActiveIn)} | {t.At} |\n");
            }
        }
        return sb.ToString();
    }

    private static string Code(IReadOnlyList<string> names) => string.Join(", ", names.Select(n => $"`{n}`"));

    /// <summary>
    /// Replaces the generated section of <paramref name="d"/> in <paramref name="document"/>, or appends
    /// it with its markers when missing.
    /// </summary>
    public static string Update(string document, WorkflowDefinition d)
    {
        var begin = BeginMarker(d);
        var end = EndMarker(d);
        var section = $"{begin}\n{Render(d)}{end}";
        var start = document.IndexOf(begin, StringComparison.Ordinal);
        var stop = document.IndexOf(end, StringComparison.Ordinal);
        if (start < 0 || stop < start)
        {
            return document.TrimEnd('\n') + "\n\n" + section + "\n";
        }
        return document[..start] + section + document[(stop + end.Length)..];
    }

    /// <summary>The generated text currently between the markers, or null when the markers are missing.</summary>
    public static string? Extract(string document, WorkflowDefinition d)
    {
        var begin = BeginMarker(d);
        var start = document.IndexOf(begin, StringComparison.Ordinal);
        var stop = document.IndexOf(EndMarker(d), StringComparison.Ordinal);
        return start < 0 || stop < start ? null : document[(start + begin.Length + 1)..stop];
    }
}
