using RemissFlow.Workflows.Runtime;
using RemissFlow.Workflows.Tests.Support;
using static RemissFlow.Workflows.Tests.Support.TestHost;

namespace RemissFlow.Workflows.Tests;

/// <summary>
/// The decision API: the engine decides without changing anything, the host makes its typed change, and
/// the commit moves the instance and plans the bookmarks from the subject as the change left it.
/// </summary>
public class DecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 17, 8, 0, 0, TimeSpan.Zero);

    private TestHost _host = null!;
    private TestSubject _subject = null!;

    [SetUp]
    public void SetUp()
    {
        _host = new TestHost(Now);
        _subject = new TestSubject("Remissvar", Sf, Ks, new DateOnly(2026, 4, 24));
    }

    private WorkflowInstance Tilldelad()
    {
        var i = _host.Start("remissvar-namnd", _subject);
        _host.Do(i, "registrera", Registrator, new { diarienummer = "SF 2026/186" });
        _host.Do(i, "tilldela", Registrator, new { handlaggareId = Handlaggare.Id });
        return i;
    }

    private TransitionDecision Decide(WorkflowInstance i, string trigger, WorkflowActor actor, object? payload = null) =>
        _host.Engine.DecideAsync(i, trigger, actor, _subject, payload).GetAwaiter().GetResult();

    [Test]
    public void A_permitted_decision_names_the_transition_and_changes_nothing()
    {
        var i = Tilldelad();
        var bookmarks = _host.BookmarksOf(i).ToList();
        var log = _host.Log.Count;

        var decision = Decide(i, "paborja_beredning", Handlaggare);

        Assert.Multiple(() =>
        {
            Assert.That(decision.Outcome, Is.EqualTo(DecisionOutcome.Permitted));
            Assert.That((decision.From, decision.To), Is.EqualTo(("tilldelad", "under_beredning")));
            Assert.That(decision.Transition!.Trigger, Is.EqualTo("paborja_beredning"));
            Assert.That(decision.Definition!.DefinitionId, Is.EqualTo("remissvar-namnd"));
            Assert.That(decision.Sequence, Is.EqualTo(3));
            Assert.That(i.State, Is.EqualTo("tilldelad"));
            Assert.That(i.Sequence, Is.EqualTo(3));
            Assert.That(_host.BookmarksOf(i), Is.EqualTo(bookmarks));
            Assert.That(_host.Log, Has.Count.EqualTo(log));
        });
    }

    [Test]
    public void A_decision_carries_the_definition_s_declared_actions_for_the_host_to_carry_out()
    {
        var i = Tilldelad();

        var decision = Decide(i, "tilldela_om", Registrator, new { handlaggareId = Guid.NewGuid() });

        Assert.That(decision.Transition!.Actions, Is.EqualTo(new[] { "arende.tilldela_handlaggare", "notify.handlaggare" }));
    }

    [Test]
    public void A_refused_decision_cannot_be_committed()
    {
        var i = Tilldelad();
        var refused = Decide(i, "godkann", Handlaggare);

        Assert.Multiple(() =>
        {
            Assert.That(refused.Outcome, Is.EqualTo(DecisionOutcome.Refused));
            Assert.That(refused.Reason, Is.EqualTo(RefusalReason.Role));
            Assert.That(() => _host.Engine.Commit(refused, _host.BookmarksOf(i), _subject, Handlaggare),
                Throws.InvalidOperationException.With.Message.EqualTo("Only a permitted decision can be committed; 'godkann' was Refused."));
            Assert.That(i.State, Is.EqualTo("tilldelad"));
        });
    }

    [Test]
    public void A_decision_is_committed_once_and_not_after_the_instance_moved_on()
    {
        var i = Tilldelad();
        var first = Decide(i, "paborja_beredning", Handlaggare);
        var second = Decide(i, "paborja_beredning", Handlaggare);

        var committed = _host.Engine.Commit(first, _host.BookmarksOf(i), _subject, Handlaggare);
        _host.Apply(committed.Changes);

        Assert.Multiple(() =>
        {
            Assert.That(committed.Outcome, Is.EqualTo(FireOutcome.Fired));
            Assert.That(committed.Changes.LogEntry!.Sequence, Is.EqualTo(4));
            Assert.That(i.State, Is.EqualTo("under_beredning"));
            Assert.That(() => _host.Engine.Commit(second, _host.BookmarksOf(i), _subject, Handlaggare),
                Throws.InvalidOperationException.With.Message.EqualTo("The instance moved on after 'paborja_beredning' was decided; decide again."));
            Assert.That(() => _host.Engine.Commit(first, _host.BookmarksOf(i), _subject, Handlaggare), Throws.InvalidOperationException);
            Assert.That(i.Sequence, Is.EqualTo(4));
        });
    }

    [Test]
    public void The_commit_plans_the_timers_from_the_date_the_host_s_change_moved()
    {
        var i = Tilldelad();
        _host.Do(i, "begar_anstand", Handlaggare, new { onskatSvarsdatum = "2026-05-29", motivering = "Nämnden sammanträder först i maj." });
        var decision = Decide(i, "bevilja_anstand", KsRegistrator, new { nyttSvarsdatum = "2026-05-29" });

        // The host's typed change: the new svarsdatum, between the decision and the commit.
        _subject.Svarsdatum = new DateOnly(2026, 5, 29);
        _host.Apply(_host.Engine.Commit(decision, _host.BookmarksOf(i), _subject, KsRegistrator, "{\"nyttSvarsdatum\":\"2026-05-29\"}").Changes);

        var timer = decision.Definition!.Timers.Single(t => t.Name == "svarsdatum_ks");
        Assert.Multiple(() =>
        {
            Assert.That(_host.Timer(i, "svarsdatum_ks")!.ResumeAt, Is.EqualTo(StockholmTime.ToUtc(new DateOnly(2026, 5, 29), timer.At.Time)));
            Assert.That(_host.Log[^1].PayloadJson, Is.EqualTo("{\"nyttSvarsdatum\":\"2026-05-29\"}"), "the host's record of the payload, as given");
        });
    }

    [Test]
    public void A_due_timer_decision_spends_its_bookmark_when_committed()
    {
        var i = Tilldelad();
        var timer = _host.Timer(i, "paminnelse_handlaggare")!;
        _host.Clock.Set(timer.ResumeAt!.Value);

        var decision = _host.Engine.DecideTimerAsync(i, _host.BookmarksOf(i), timer, _subject).GetAwaiter().GetResult();
        var committed = _host.Engine.Commit(decision, _host.BookmarksOf(i), _subject, WorkflowActor.System);

        Assert.Multiple(() =>
        {
            Assert.That(decision.Outcome, Is.EqualTo(DecisionOutcome.Permitted));
            Assert.That(decision.Trigger, Is.EqualTo("paminn_handlaggare"));
            Assert.That(decision.ConsumedTimer, Is.SameAs(timer));
            Assert.That(committed.Changes.BookmarksToDelete, Is.EqualTo(new[] { timer }));
            Assert.That(committed.Changes.LogEntry!.ActorName, Is.EqualTo("System"));
        });
    }
}
