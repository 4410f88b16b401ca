using System.Text.Json.Nodes;
using RemissFlow.Core.Tests.Support;
using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;
using RemissFlow.Workflows.Definitions;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Tests.WorkflowOps;

/// <summary>
/// The definitions' <c>actions</c> and <c>requiresPayload</c> are declarations; the typed transitions are
/// what carries them out. These hold the two to each other, over every published version.
/// </summary>
public sealed class TransitionDriftTests
{
    private static IEnumerable<(string, string)> Files(Func<string, string>? edit = null) =>
        Directory.GetFiles(RepoPaths.Workflows, "*.v*.json").Order(StringComparer.Ordinal)
            .Select(f => (f, edit is null ? File.ReadAllText(f) : edit(File.ReadAllText(f))));

    private static async Task<IReadOnlyCollection<WorkflowDefinition>> LoadAsync(Func<string, string>? edit = null) =>
        (await WorkflowRegistry.LoadAsync(Files(edit), CoreGuards.All(), TransitionCatalogue.ActionNames, new InMemoryPublishedVersionLedger(), TimeProvider.System)).Definitions;

    [Test]
    public async Task Every_trigger_action_and_required_field_of_the_definitions_is_carried_out_by_typed_code()
    {
        var definitions = await LoadAsync();

        Assert.Multiple(() =>
        {
            Assert.That(definitions, Has.Count.EqualTo(14));
            Assert.That(TransitionCatalogue.Drift(definitions), Is.Empty);
        });
    }

    [Test]
    public async Task An_action_the_trigger_s_transition_does_not_carry_out_is_drift()
    {
        // notify.handlaggare is carried out by other transitions, so the loader's name check alone lets it pass.
        var definitions = await LoadAsync(json => Edit(json, "remissvar-namnd", 2, "godkann", t => t["actions"]!.AsArray().Add("notify.handlaggare")));

        Assert.That(TransitionCatalogue.Drift(definitions), Is.EqualTo(new[] { "remissvar-namnd v2 transitions[7] (godkann): action 'notify.handlaggare' is not carried out by Godkann" }));
    }

    [Test]
    public async Task A_required_field_the_payload_record_does_not_have_is_drift()
    {
        var definitions = await LoadAsync(json => Edit(json, "remissvar-bolag", 1, "justera", t => t["requiresPayload"]!.AsArray().Add("justeringsprotokoll")));

        Assert.That(TransitionCatalogue.Drift(definitions), Is.EqualTo(new[] { "remissvar-bolag v1 transitions[11] (justera): requiresPayload 'justeringsprotokoll' is not a property of Justering" }));
    }

    [Test]
    public async Task A_declared_action_no_definition_lists_and_a_trigger_without_a_transition_are_drift()
    {
        var definitions = await LoadAsync();
        var transitions = TransitionCatalogue.All.Where(t => t.Trigger != "bordlagg").Append(new Overdeclared()).Where(t => t is not RemissFlow.Core.Workflow.Transitions.Justera);

        Assert.That(TransitionCatalogue.Drift(definitions, transitions), Is.EquivalentTo(new[]
        {
            "remissvar-bolag v1 transitions[8] (bordlagg): no typed transition carries out 'bordlagg' on Remissvar",
            "remissvar-bolag v2 transitions[8] (bordlagg): no typed transition carries out 'bordlagg' on Remissvar",
            "remissvar-namnd v1 transitions[10] (bordlagg): no typed transition carries out 'bordlagg' on Remissvar",
            "remissvar-namnd v2 transitions[10] (bordlagg): no typed transition carries out 'bordlagg' on Remissvar",
            "Overdeclared: declares 'protokoll.arkivera', which no definition lists for 'justera'",
        }));
    }

    [Test]
    public void Besluta_requires_the_kind_of_decision_and_the_effect_reads_the_text_both_from_one_record()
    {
        BeslutData Beslut(bool aterremiss) => new(12, "Nämnden tillstyrker förslaget.", Guid.NewGuid(), new DateOnly(2026, 3, 12), RemissFlow.Core.Domain.Standpunkt.Tillstyrker,
            aterremiss, false, [], [], [], null, null, null);

        Assert.Multiple(() =>
        {
            Assert.That(PayloadFields.HasValue(Beslut(false), "beslutsutfall"), Is.True);
            Assert.That(Beslut(false).Beslutsutfall, Is.EqualTo("beslut"));
            Assert.That(Beslut(true).Beslutsutfall, Is.EqualTo("aterremiss"));
            Assert.That(PayloadFields.HasValue(Beslut(false) with { Beslutstext = " " }, "beslutstext"), Is.False, "a blank text is missing, as it was in JSON");
        });
    }

    private static string Edit(string json, string definitionId, int version, string trigger, Action<JsonObject> change)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        if ((string?)root["definitionId"] != definitionId || (int?)root["version"] != version)
        {
            return json;
        }

        change(root["transitions"]!.AsArray().Select(t => t!.AsObject()).First(t => (string?)t["trigger"] == trigger));
        return root.ToJsonString();
    }

    private sealed class Overdeclared : Transition<RemissvarSubject, Justering>
    {
        public override string Trigger => "justera";

        public override IReadOnlySet<string> Actions { get; } = Declares("protokoll.registrera_justering", "protokoll.arkivera");

        public override Task ApplyAsync(TransitionContext<RemissvarSubject> c, Justering payload, CancellationToken ct) => Task.CompletedTask;
    }
}
