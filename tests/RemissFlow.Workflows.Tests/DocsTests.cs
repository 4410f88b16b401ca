using RemissFlow.Workflows.Graph;
using RemissFlow.Workflows.Tests.Support;

namespace RemissFlow.Workflows.Tests;

public class DocsTests
{
    [Test]
    public void Docs_diagrams_and_tables_match_the_definitions()
    {
        var host = new TestHost(DateTimeOffset.UnixEpoch);
        var document = File.ReadAllText(RepoPaths.WorkflowsDoc);
        var definitions = host.Registry.Definitions.OrderBy(d => d.DefinitionId).ThenBy(d => d.Version).ToList();

        if (Environment.GetEnvironmentVariable("REMISSFLOW_UPDATE_DOCS") == "1")
        {
            document = definitions.Aggregate(document, WorkflowDocs.Update);
            File.WriteAllText(RepoPaths.WorkflowsDoc, document);
        }

        Assert.Multiple(() =>
        {
            foreach (var d in definitions)
            {
                Assert.That(WorkflowDocs.Extract(document, d), Is.EqualTo(WorkflowDocs.Render(d)),
                    $"docs/workflows.md is out of date for {d}; run the tests with REMISSFLOW_UPDATE_DOCS=1");
            }
        });
    }

    [Test]
    public void Mermaid_draws_states_initial_edges_terminals_and_from_any_once()
    {
        var host = new TestHost(DateTimeOffset.UnixEpoch);
        var text = MermaidGraph.Render(host.Registry.Get("remiss-utskick", 1));
        var lines = text.Split('\n');

        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("stateDiagram-v2"));
            Assert.That(lines, Does.Contain("    state \"Svarstid pågår\" as svarstid_pagar"));
            Assert.That(lines, Does.Contain("    [*] --> utkast"));
            Assert.That(lines, Does.Contain("    utkast --> utskickad : Skicka ut remissen"));
            Assert.That(lines, Does.Contain("    alla_oppna_lagen --> aterkallad : Återkalla remissen"));
            Assert.That(lines.Count(l => l.Contains("--> aterkallad", StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(lines, Does.Contain("    avslutad --> [*]"));
            // Two transitions share "sammanstall"; each source gets its edge, none twice.
            Assert.That(lines.Count(l => l.EndsWith(": Sammanställ svaren", StringComparison.Ordinal)), Is.EqualTo(2));
            // Internal transitions are left to the tables.
            Assert.That(text, Does.Not.Contain("Lägg till remissinstans"));
        });
    }

    [Test]
    public void Update_appends_a_missing_section_and_replaces_a_stale_one()
    {
        var host = new TestHost(DateTimeOffset.UnixEpoch);
        var d = host.Registry.Get("remissvar-extern", 1);

        var appended = WorkflowDocs.Update("# Titel\n", d);
        var stale = appended.Replace("Registrera inkommet svar", "Gammal text", StringComparison.Ordinal);
        var replaced = WorkflowDocs.Update(stale, d);

        Assert.Multiple(() =>
        {
            Assert.That(appended, Does.StartWith("# Titel\n\n" + WorkflowDocs.BeginMarker(d)));
            Assert.That(WorkflowDocs.Extract(stale, d), Is.Not.EqualTo(WorkflowDocs.Render(d)));
            Assert.That(replaced, Is.EqualTo(appended));
        });
    }
}
