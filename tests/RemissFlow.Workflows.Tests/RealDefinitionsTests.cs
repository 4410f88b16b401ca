using System.Text.Json;
using RemissFlow.Workflows.Definitions;
using RemissFlow.Workflows.Tests.Support;

namespace RemissFlow.Workflows.Tests;

public class RealDefinitionsTests
{
    private static IEnumerable<(string, string)> Files() =>
        Directory.GetFiles(RepoPaths.Workflows, "*.json")
            .Where(f => Path.GetFileName(f) != WorkflowRegistry.SchemaFileName)
            .Order()
            .Select(f => (f, File.ReadAllText(f)));

    [Test]
    public void Every_file_in_workflows_validates_against_the_registered_guards_and_actions()
    {
        var errors = WorkflowRegistry.Validate(Files(), TestHost.GuardNames.ToHashSet(), TestHost.ActionNames.ToHashSet());

        Assert.That(errors, Is.Empty, () => string.Join("\n", errors));
    }

    [Test]
    public void The_four_lifecycles_are_defined()
    {
        var host = new TestHost(DateTimeOffset.UnixEpoch);

        Assert.That(host.Registry.Definitions.Select(d => $"{d.DefinitionId}.v{d.Version}").Order(),
            Is.EqualTo(new[] { "remiss-utskick.v1", "remiss-utskick.v2", "remissvar-bolag.v1", "remissvar-extern.v1", "remissvar-namnd.v1" }));
    }

    [Test]
    public void Every_guard_and_action_the_host_registers_is_used_by_some_definition()
    {
        // Keeps TestHost's lists (the contract Core implements) from collecting dead names.
        var host = new TestHost(DateTimeOffset.UnixEpoch);
        var transitions = host.Registry.Definitions.SelectMany(d => d.Transitions).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(transitions.SelectMany(t => t.Guards).Distinct().Order(), Is.EqualTo(TestHost.GuardNames.Order()));
            Assert.That(transitions.SelectMany(t => t.Actions).Distinct().Order(), Is.EqualTo(TestHost.ActionNames.Order()));
        });
    }

    [Test]
    public void The_embedded_schema_is_the_file_in_workflows()
    {
        using var embedded = JsonDocument.Parse(WorkflowDefinitionLoader.SchemaText);
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Workflows, "schema.json")));

        Assert.That(CanonicalJson.Sha256Hex(embedded.RootElement), Is.EqualTo(CanonicalJson.Sha256Hex(file.RootElement)));
    }

    [Test]
    public void Guard_and_action_names_are_documented_for_Core()
    {
        var doc = File.ReadAllText(RepoPaths.WorkflowsDoc);
        var contract = doc[..doc.IndexOf("<!-- BEGIN GENERATED", StringComparison.Ordinal)];

        Assert.That(TestHost.GuardNames.Concat(TestHost.ActionNames).Where(n => !contract.Contains($"`{n}`", StringComparison.Ordinal)), Is.Empty,
            "names missing from the hand-written contract section of docs/workflows.md");
    }

    [Test]
    public void Labels_are_Swedish_and_names_are_ascii()
    {
        var host = new TestHost(DateTimeOffset.UnixEpoch);
        var names = host.Registry.Definitions.SelectMany(d =>
            d.States.Select(s => s.Name).Concat(d.Transitions.Select(t => t.Trigger)).Concat(d.Timers.Select(t => t.Name))).ToList();
        var labels = host.Registry.Definitions.SelectMany(d => d.States.Select(s => s.Label).Concat(d.Transitions.Select(t => t.Label))).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(names.Where(n => n.Any(c => c > 127)), Is.Empty);
            Assert.That(labels.Count(l => l.Any(c => "åäöÅÄÖ".Contains(c))), Is.GreaterThan(20), "labels are written with å ä ö");
        });
    }
}
