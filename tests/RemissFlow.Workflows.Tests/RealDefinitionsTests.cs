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
            Is.EqualTo(new[] { "gallring.v1", "inkommande.v1", "protokoll.v1", "remiss-extern.v1", "remiss-extern.v2", "remiss-utskick.v1", "remiss-utskick.v2", "remissvar-bolag.v1", "remissvar-bolag.v2", "remissvar-extern.v1", "remissvar-extern.v2", "remissvar-namnd.v1", "remissvar-namnd.v2", "sammantrade.v1" }));
    }

    [TestCase("remissvar-namnd")]
    [TestCase("remissvar-bolag")]
    public void Version_2_keeps_every_state_of_version_1_so_running_arenden_migrate_with_the_identity_mapping(string definitionId)
    {
        var host = new TestHost(DateTimeOffset.UnixEpoch);
        var v1 = host.Registry.Get(definitionId, 1);
        var v2 = host.Registry.Get(definitionId, 2);

        Assert.Multiple(() =>
        {
            Assert.That(Runtime.WorkflowEngine.ValidateMapping(v1, v2, v1.States.ToDictionary(s => s.Name, s => s.Name)), Is.Empty);
            var ratta = v2.Transitions.Single(t => t.Trigger == "ratta_beslut");
            var angra = v2.Transitions.Single(t => t.Trigger == "angra_beslut");
            Assert.That((ratta.From.Single(), ratta.To), Is.EqualTo(("beslutad", (string?)null)), "a correction keeps the state");
            Assert.That((angra.From.Single(), angra.To), Is.EqualTo(("beslutad", (string?)"anmald")));
            Assert.That(ratta.RequiresPayload.Concat(angra.RequiresPayload), Has.Member("skal"), "the reason is required by the engine too");
            Assert.That(v1.Transitions.Select(t => t.Trigger), Has.No.Member("ratta_beslut"), "published v1 is unchanged");
        });
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
