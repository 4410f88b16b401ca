using System.Reflection;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Support;
using RemissFlow.Core.Workflow;
using RemissFlow.Workflows.Definitions;

namespace RemissFlow.Core.Tests.States;

/// <summary>
/// The C# state names and groups against the definitions the host loads (every version of each):
/// a state added, renamed, recategorised or made terminal in workflows/*.json, or a set edited in
/// code, turns one of these red.
/// </summary>
public sealed class DefinitionDriftTests
{
    private TestApp _app = null!;
    private WorkflowRegistry _registry = null!;

    [OneTimeSetUp]
    public async Task Load()
    {
        _app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        _registry = (await _app.Get<WorkflowHost>().EngineAsync()).Registry;
    }

    [OneTimeTearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private IReadOnlyList<WorkflowDefinition> RemissvarDefinitions =>
        _registry.Definitions.Where(d => DefinitionIds.Remissvar.Contains(d.DefinitionId)).ToList();

    private IReadOnlyList<WorkflowDefinition> RemissDefinitions =>
        _registry.Definitions.Where(d => d.DefinitionId == DefinitionIds.RemissUtskick).ToList();

    private static string[] Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal).ToArray();

    private static string[] StatesOf(IEnumerable<WorkflowDefinition> definitions, Func<StateDefinition, bool> which) =>
        definitions.SelectMany(d => d.States).Where(which).Select(s => s.Name).Distinct().Order(StringComparer.Ordinal).ToArray();

    private static string[] Sorted(IEnumerable<string> names) => names.Order(StringComparer.Ordinal).ToArray();

    [Test]
    public void Every_definition_the_code_names_is_loaded_in_at_least_one_version()
    {
        Assert.That(Sorted(_registry.Definitions.Select(d => d.DefinitionId).Distinct()),
            Is.EqualTo(Sorted(Constants(typeof(DefinitionIds)))));
        Assert.That(RemissvarDefinitions.Select(d => d.DefinitionId).Distinct(), Is.EquivalentTo(DefinitionIds.Remissvar));
    }

    [Test]
    public void The_state_constants_are_exactly_the_states_of_the_definitions()
    {
        Assert.That(Constants(typeof(RemissvarState)), Is.EqualTo(StatesOf(RemissvarDefinitions, _ => true)), nameof(RemissvarState));
        Assert.That(Constants(typeof(RemissState)), Is.EqualTo(StatesOf(RemissDefinitions, _ => true)), nameof(RemissState));
    }

    /// <summary>Per definition, not only over their union, so one lifecycle's flag cannot hide behind another's.</summary>
    [Test]
    public void The_remissvar_groups_agree_with_each_definitions_terminal_flag_and_category()
    {
        Assert.Multiple(() =>
        {
            foreach (var d in RemissvarDefinitions)
            {
                foreach (var s in d.States)
                {
                    Assert.That(RemissvarStates.Terminal.Contains(s.Name), Is.EqualTo(s.Terminal), $"{d} {s.Name}: Terminal");
                    Assert.That(RemissvarStates.IsAnswered(s.Name), Is.EqualTo(s.Category != "oppen"), $"{d} {s.Name}: Answered");
                    Assert.That(RemissvarStates.IsBesvarad(s.Name), Is.EqualTo(s.Category == "besvarad"), $"{d} {s.Name}: Besvarad");
                }
            }
        });
    }

    [Test]
    public void The_remiss_groups_agree_with_each_definitions_terminal_flag_and_answering_period()
    {
        Assert.Multiple(() =>
        {
            foreach (var d in RemissDefinitions)
            {
                foreach (var s in d.States)
                {
                    Assert.That(RemissStates.IsTerminal(s.Name), Is.EqualTo(s.Terminal), $"{d} {s.Name}: Terminal");
                }

                // The period in which answers are awaited is what the svarstid timer trigger leaves and enters.
                var expiry = d.Transitions.Where(t => t.Trigger == "svarstiden_gick_ut").ToList();
                Assert.That(expiry, Is.Not.Empty, $"{d} has no svarstiden_gick_ut");
                Assert.That(Sorted(RemissStates.AwaitingAnswers),
                    Is.EqualTo(Sorted(expiry.SelectMany(t => t.From.Append(t.To!)).Distinct())), $"{d}: AwaitingAnswers");
            }
        });
    }

    /// <summary>
    /// "Editable" has no flag in the JSON; it is the handläggare's turn, which the definitions express as
    /// the states the handläggare is reminded in.
    /// </summary>
    [Test]
    public void The_handlaggare_holds_the_arende_exactly_where_the_definitions_remind_the_handlaggare()
    {
        Assert.Multiple(() =>
        {
            foreach (var d in RemissvarDefinitions.Where(d => d.Transitions.Any(t => t.Trigger == "paminn_handlaggare")))
            {
                var reminded = d.Transitions.Where(t => t.Trigger == "paminn_handlaggare").SelectMany(t => t.From).Distinct();
                Assert.That(Sorted(RemissvarStates.HandlaggarensTur.Where(s => d.FindState(s) is not null)), Is.EqualTo(Sorted(reminded)), d.ToString());
            }

            Assert.That(SaveTjansteutlatandeEditable(), Is.EquivalentTo(RemissvarStates.HandlaggarensTur));
        });
    }

    private static IEnumerable<string> SaveTjansteutlatandeEditable() => RemissFlow.Core.Features.Remissvar.SaveTjansteutlatande.Editable;

    /// <summary>A label is looked up by definition id when the version is unknown (a remiss page), so all versions must agree.</summary>
    [Test]
    public void A_states_label_is_the_same_in_every_version_of_its_definition()
    {
        Assert.Multiple(() =>
        {
            foreach (var group in _registry.Definitions.SelectMany(d => d.States.Select(s => (d.DefinitionId, s.Name, s.Label))).GroupBy(x => (x.DefinitionId, x.Name)))
            {
                Assert.That(group.Select(x => x.Label).Distinct(), Has.Exactly(1).Items, $"{group.Key.DefinitionId} {group.Key.Name}");
            }
        });
    }

    [Test]
    public void The_label_shown_for_a_state_is_its_label_in_the_definition_the_instance_runs()
    {
        Assert.Multiple(() =>
        {
            foreach (var d in _registry.Definitions)
            {
                foreach (var s in d.States)
                {
                    Assert.That(StateLabel.Of(_registry, d.DefinitionId, d.Version, s.Name), Is.EqualTo(s.Label), $"{d} {s.Name}");
                }
            }

            foreach (var s in RemissDefinitions.SelectMany(d => d.States))
            {
                Assert.That(StateLabel.OfRemiss(_registry, s.Name), Is.EqualTo(s.Label), $"remiss {s.Name}");
            }
        });

        Assert.That(StateLabel.Of(_registry, DefinitionIds.RemissvarBolag, 2, RemissvarState.HosForvaltningschef), Is.EqualTo("Hos vd för godkännande"));
        Assert.That(StateLabel.Of(_registry, DefinitionIds.RemissvarExtern, 1, RemissvarState.Inlamnad), Is.EqualTo("Svar inkommet"));
    }

    [Test]
    public void Without_a_definition_the_label_comes_from_the_fullest_lifecycle_that_has_the_state()
    {
        var namnd = _registry.Latest(DefinitionIds.RemissvarNamnd);
        Assert.That(StateLabel.Of(_registry, null, 0, RemissvarState.HosForvaltningschef), Is.EqualTo(namnd.GetState(RemissvarState.HosForvaltningschef).Label));
        Assert.That(StateLabel.Of(_registry, null, 0, RemissvarState.Inlamnad), Is.EqualTo(namnd.GetState(RemissvarState.Inlamnad).Label));
        // A version that lacks the state (raderad came with remiss-utskick v2) falls back to the version that has it.
        Assert.That(StateLabel.Of(_registry, DefinitionIds.RemissUtskick, 1, RemissState.Raderad), Is.EqualTo("Raderat utkast"));
    }
}
