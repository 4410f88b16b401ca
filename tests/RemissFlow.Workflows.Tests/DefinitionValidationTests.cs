using System.Text.Json.Nodes;
using RemissFlow.Workflows.Definitions;
using RemissFlow.Workflows.Runtime;
using RemissFlow.Workflows.Tests.Support;

namespace RemissFlow.Workflows.Tests;

/// <summary>Hand-broken definitions: each fault stops start-up with the file, the JSON path and the reason.</summary>
public class DefinitionValidationTests
{
    private const string File = "/defs/provning.v1.json";

    private static readonly HashSet<string> Guards = ["prov.klar"];
    private static readonly HashSet<string> Actions = ["prov.notifiera"];

    /// <summary>A small sound definition the tests break one fault at a time.</summary>
    private static JsonObject Sound() => JsonNode.Parse("""
        {
          "definitionId": "provning",
          "version": 1,
          "title": "Provning",
          "initialState": "a",
          "states": [
            { "name": "a", "label": "Ett" },
            { "name": "b", "label": "Två" },
            { "name": "klar", "label": "Klar", "terminal": true }
          ],
          "transitions": [
            { "trigger": "fram", "label": "Fram", "from": "a", "to": "b", "roles": ["Handlaggare"] },
            { "trigger": "bak", "label": "Bak", "from": ["b"], "to": "a", "roles": ["Handlaggare"], "guards": ["prov.klar"] },
            { "trigger": "avsluta", "label": "Avsluta", "from": "*", "to": "klar", "roles": ["Registrator"], "actions": ["prov.notifiera"] },
            { "trigger": "paminn", "label": "Påminn", "from": ["a", "b"], "roles": ["System"], "actions": ["prov.notifiera"] }
          ],
          "timers": [
            { "name": "paminnelse", "trigger": "paminn", "activeIn": ["a", "b"], "at": { "field": "svarsdatum", "workingDays": -2, "time": "08:00" } }
          ]
        }
        """)!.AsObject();

    private static IReadOnlyList<DefinitionError> Errors(JsonNode definition, string file = File) =>
        WorkflowRegistry.Validate([(file, definition.ToJsonString())], Guards, Actions);

    private static DefinitionError Single(JsonNode definition)
    {
        var errors = Errors(definition);
        Assert.That(errors, Has.Count.EqualTo(1), () => string.Join("\n", errors));
        Assert.That(errors[0].File, Is.EqualTo(File));
        return errors[0];
    }

    [Test]
    public void The_sound_definition_has_no_faults()
    {
        Assert.That(Errors(Sound()), Is.Empty);
    }

    [Test]
    public void Invalid_json_names_line_and_position()
    {
        var errors = WorkflowRegistry.Validate([(File, "{ \"definitionId\": \"provning\",\n  \"version\": }")], Guards, Actions);

        Assert.That(errors.Single().Path, Is.EqualTo("$ (line 2, byte 14)"));
        Assert.That(errors.Single().Message, Does.StartWith("is not valid JSON"));
    }

    [Test]
    public void Schema_fault_unknown_role()
    {
        var d = Sound();
        d["transitions"]![1]!["roles"]![0] = "Ordforande";

        var e = Single(d);

        Assert.That(e.Path, Is.EqualTo("$.transitions[1].roles[0]"));
        Assert.That(e.Message, Does.Contain("must be one of \"Registrator\""));
        Assert.That(e.Message, Does.EndWith("not \"Ordforande\""));
    }

    [Test]
    public void Schema_fault_misspelt_property_and_missing_required_one()
    {
        var d = Sound();
        d["transitions"]![0]!["gaurds"] = new JsonArray("prov.klar");
        d["states"]![1]!.AsObject().Remove("label");

        var errors = Errors(d);

        Assert.That(errors.Select(e => (e.Path, e.Message)), Is.EquivalentTo(new[]
        {
            ("$.states[1]", "is missing the required property \"label\""),
            ("$.transitions[0].gaurds", "is not a known property here (allowed: trigger, label, from, to, roles, actorOrganisation, guards, actions, requiresPayload, recomputeTimers)"),
        }));
    }

    [Test]
    public void Schema_fault_timer_with_both_days_and_working_days_points_into_the_alternative()
    {
        var d = Sound();
        d["timers"]![0]!["at"]!["days"] = 1;

        var e = Single(d);

        Assert.That(e.Path, Is.EqualTo("$.timers[0].at"));
        Assert.That(e.Message, Does.Contain("must not match"));
    }

    [Test]
    public void Schema_fault_bad_duration()
    {
        var d = Sound();
        d["timers"]![0]!["at"] = new JsonObject { ["after"] = "3 dagar" };

        var e = Single(d);

        Assert.That(e.Path, Is.EqualTo("$.timers[0].at.after"));
        Assert.That(e.Message, Does.StartWith("\"3 dagar\" does not match the pattern"));
    }

    [Test]
    public void Unknown_target_state()
    {
        var d = Sound();
        d["transitions"]![0]!["to"] = "c";

        var e = Single(d);

        Assert.That(e.Path, Is.EqualTo("$.transitions[0].to"));
        Assert.That(e.Message, Is.EqualTo("unknown state 'c' (states: a, b, klar)"));
    }

    [Test]
    public void Unknown_source_state_in_a_list()
    {
        var d = Sound();
        d["transitions"]![1]!["from"] = new JsonArray("b", "bb");

        var e = Single(d);

        Assert.That(e.Path, Is.EqualTo("$.transitions[1].from[1]"));
        Assert.That(e.Message, Is.EqualTo("unknown state 'bb' (states: a, b, klar)"));
    }

    [Test]
    public void Timer_active_in_an_unknown_state()
    {
        var d = Sound();
        d["timers"]![0]!["activeIn"] = new JsonArray("a", "c");

        var e = Single(d);

        Assert.That(e.Path, Is.EqualTo("$.timers[0].activeIn[1]"));
        Assert.That(e.Message, Is.EqualTo("unknown state 'c' (states: a, b, klar)"));
    }

    [Test]
    public void A_state_defined_twice()
    {
        var d = Sound();
        d["states"]!.AsArray().Add(new JsonObject { ["name"] = "b", ["label"] = "Två igen" });

        var e = Single(d);

        Assert.That(e.Path, Is.EqualTo("$.states[3].name"));
        Assert.That(e.Message, Is.EqualTo("state 'b' is already defined at $.states[1]"));
    }

    [Test]
    public void Unknown_initial_state()
    {
        var d = Sound();
        d["initialState"] = "start";

        var e = Single(d);

        Assert.That(e.Path, Is.EqualTo("$.initialState"));
    }

    [Test]
    public void Unreachable_state()
    {
        var d = Sound();
        d["states"]!.AsArray().Add(new JsonObject { ["name"] = "glomd", ["label"] = "Glömd", ["terminal"] = true });

        var e = Single(d);

        Assert.That(e.Path, Is.EqualTo("$.states[3]"));
        Assert.That(e.Message, Is.EqualTo("state 'glomd' cannot be reached from the initial state 'a'"));
    }

    [Test]
    public void A_non_terminal_state_without_a_way_out()
    {
        var d = Sound();
        d["transitions"]!.AsArray().RemoveAt(2);
        d["transitions"]!.AsArray().RemoveAt(1);
        d["transitions"]!.AsArray().Insert(0, JsonNode.Parse("""{ "trigger": "avsluta", "label": "Avsluta", "from": "a", "to": "klar", "roles": ["Registrator"] }"""));

        var errors = Errors(d);

        Assert.That(errors.Select(e => e.Path), Is.EqualTo(new[] { "$.states[1]" }));
        Assert.That(errors[0].Message, Is.EqualTo("state 'b' is not terminal, but no transition leads out of it"));
    }

    [Test]
    public void A_transition_out_of_a_terminal_state()
    {
        var d = Sound();
        d["transitions"]![1]!["from"] = new JsonArray("b", "klar");

        var e = Single(d);

        Assert.That(e.Path, Is.EqualTo("$.transitions[1].from[1]"));
        Assert.That(e.Message, Is.EqualTo("state 'klar' is terminal; no transition may leave it"));
    }

    [Test]
    public void One_trigger_leaving_one_state_twice()
    {
        var d = Sound();
        d["transitions"]![1]!["trigger"] = "avsluta";

        var e = Single(d);

        Assert.That(e.Path, Is.EqualTo("$.transitions[2]"));
        Assert.That(e.Message, Is.EqualTo("trigger 'avsluta' already leaves state 'b' by $.transitions[1]"));
    }

    [Test]
    public void Timer_firing_an_unknown_trigger()
    {
        var d = Sound();
        d["timers"]![0]!["trigger"] = "paminnn";

        var e = Single(d);

        Assert.That(e.Path, Is.EqualTo("$.timers[0].trigger"));
        Assert.That(e.Message, Is.EqualTo("no transition has the trigger 'paminnn'"));
    }

    [Test]
    public void Timer_active_in_a_state_its_trigger_does_not_leave()
    {
        var d = Sound();
        d["transitions"]![3]!["from"] = "a";

        var e = Single(d);

        Assert.That(e.Path, Is.EqualTo("$.timers[0].activeIn[1]"));
        Assert.That(e.Message, Is.EqualTo("trigger 'paminn' has no transition from state 'b', so the timer would fire into nothing"));
    }

    [Test]
    public void Timer_trigger_not_open_to_the_system()
    {
        var d = Sound();
        d["transitions"]![3]!["roles"] = new JsonArray("Handlaggare");

        var e = Single(d);

        Assert.That(e.Path, Is.EqualTo("$.timers[0].trigger"));
        Assert.That(e.Message, Does.Contain("must allow the role System"));
    }

    [Test]
    public void Guard_no_code_provides()
    {
        var d = Sound();
        d["transitions"]![1]!["guards"] = new JsonArray("prov.klar", "prov.saknas");

        var e = Single(d);

        Assert.That(e.Path, Is.EqualTo("$.transitions[1].guards[1]"));
        Assert.That(e.Message, Is.EqualTo("no registered guard is named 'prov.saknas'"));
    }

    [Test]
    public void Action_no_code_provides()
    {
        var d = Sound();
        d["transitions"]![2]!["actions"] = new JsonArray("prov.arkivera");

        var e = Single(d);

        Assert.That(e.Path, Is.EqualTo("$.transitions[2].actions[0]"));
        Assert.That(e.Message, Is.EqualTo("no registered action is named 'prov.arkivera'"));
    }

    [Test]
    public void File_name_must_match_definition_and_version()
    {
        var errors = Errors(Sound(), "/defs/provning.v2.json");

        Assert.That(errors.Single().Path, Is.EqualTo("$.definitionId"));
        Assert.That(errors.Single().Message, Does.Contain("must be in a file named provning.v1.json"));
    }

    [Test]
    public void Two_files_claiming_one_version()
    {
        var errors = WorkflowRegistry.Validate([(File, Sound().ToJsonString()), ("/other/provning.v1.json", Sound().ToJsonString())], Guards, Actions);

        Assert.That(errors.Single(), Is.EqualTo(new DefinitionError("/other/provning.v1.json", "$.version", "provning version 1 is also defined in /defs/provning.v1.json")));
    }

    [Test]
    public void Start_up_throws_one_exception_naming_every_fault()
    {
        var d = Sound();
        d["transitions"]![0]!["to"] = "c";
        d["transitions"]![2]!["actions"] = new JsonArray("prov.arkivera");
        var guards = new[] { new NamedGuard("prov.klar") };
        var actions = new[] { "prov.notifiera" };

        var ex = Assert.ThrowsAsync<WorkflowDefinitionException>(() =>
            WorkflowRegistry.LoadAsync([(File, d.ToJsonString())], guards, actions, new InMemoryPublishedVersionLedger(), TimeProvider.System));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Errors, Has.Count.EqualTo(2));
            Assert.That(ex.Message, Does.Contain($"{File}: $.transitions[0].to: unknown state 'c'"));
            Assert.That(ex.Message, Does.Contain($"{File}: $.transitions[2].actions[0]: no registered action is named 'prov.arkivera'"));
        });
    }

    [Test]
    public void A_broken_file_in_a_directory_stops_loading_the_directory()
    {
        var dir = Directory.CreateTempSubdirectory("rf-wf-");
        try
        {
            System.IO.File.Copy(Path.Combine(RepoPaths.Workflows, "schema.json"), Path.Combine(dir.FullName, "schema.json"));
            var broken = Sound();
            broken["initialState"] = "start";
            System.IO.File.WriteAllText(Path.Combine(dir.FullName, "provning.v1.json"), broken.ToJsonString());

            var ex = Assert.ThrowsAsync<WorkflowDefinitionException>(() => WorkflowRegistry.LoadDirectoryAsync(
                dir.FullName, [new NamedGuard("prov.klar")], ["prov.notifiera"], new InMemoryPublishedVersionLedger(), TimeProvider.System));

            Assert.That(ex!.Errors.Single().File, Is.EqualTo(Path.Combine(dir.FullName, "provning.v1.json")));
            Assert.That(ex.Errors.Single().Path, Is.EqualTo("$.initialState"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Test]
    public void Two_guards_under_one_name_are_a_host_fault()
    {
        Assert.That(() => WorkflowRegistry.LoadAsync([(File, Sound().ToJsonString())], [new NamedGuard("prov.klar"), new NamedGuard("prov.klar")], ["prov.notifiera"], new InMemoryPublishedVersionLedger(), TimeProvider.System),
            Throws.InvalidOperationException.With.Message.EqualTo("Two guards are registered under the name 'prov.klar'."));
    }

    internal sealed class NamedGuard(string name) : IWorkflowGuard
    {
        public string Name => name;

        public ValueTask<GuardResult> CheckAsync(GuardContext context, CancellationToken cancellationToken) => ValueTask.FromResult(GuardResult.Allow());
    }
}
