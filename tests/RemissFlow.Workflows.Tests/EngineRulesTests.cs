using RemissFlow.Workflows.Runtime;
using RemissFlow.Workflows.Tests.Support;
using static RemissFlow.Workflows.Tests.Support.TestHost;

namespace RemissFlow.Workflows.Tests;

/// <summary>Refusals, the button list, and the idempotency of timers: the rules every definition gets.</summary>
public class EngineRulesTests
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

    private WorkflowInstance HosForvaltningschef()
    {
        var i = _host.Start("remissvar-namnd", _subject);
        _host.Do(i, "registrera", Registrator, new { diarienummer = "SF 2026/186" });
        _host.Do(i, "tilldela", Registrator, new { handlaggareId = Handlaggare.Id });
        _host.Do(i, "paborja_beredning", Handlaggare);
        _host.Do(i, "skicka_till_forvaltningschef", Handlaggare);
        return i;
    }

    private static void AssertUnchanged(WorkflowInstance i, WorkflowFireResult result, string state, long sequence)
    {
        Assert.That(result.Outcome, Is.EqualTo(FireOutcome.Refused));
        Assert.That(result.Changes, Is.EqualTo(WorkflowChanges.None));
        Assert.That(i.State, Is.EqualTo(state));
        Assert.That(i.Sequence, Is.EqualTo(sequence));
    }

    [Test]
    public void Wrong_role_is_refused_in_Swedish()
    {
        var i = HosForvaltningschef();
        var executed = _host.Executed.Count;

        var result = _host.Fire(i, "godkann", Handlaggare);

        Assert.Multiple(() =>
        {
            AssertUnchanged(i, result, "hos_forvaltningschef", 5);
            Assert.That(result.Reason, Is.EqualTo(RefusalReason.Role));
            Assert.That(result.Message, Is.EqualTo("Du saknar behörighet för ”Godkänn tjänsteutlåtandet”: det kräver rollen förvaltningschef."));
            Assert.That(_host.Executed, Has.Count.EqualTo(executed), "no action ran");
        });
    }

    [Test]
    public void Several_roles_are_listed_without_the_system_role()
    {
        var i = _host.Start("remissvar-namnd", _subject);
        _host.Do(i, "registrera", Registrator, new { diarienummer = "SF 2026/186" });
        _host.Do(i, "tilldela", Registrator, new { handlaggareId = Handlaggare.Id });

        var result = _host.Fire(i, "begar_anstand", Chef, new { onskatSvarsdatum = "2026-05-15", motivering = "x" });

        Assert.That(result.Message, Is.EqualTo("Du saknar behörighet för ”Begär anstånd”: det kräver en av rollerna handläggare, nämndsekreterare eller registrator."));
    }

    [Test]
    public void Staff_of_another_forvaltning_are_refused_even_with_the_right_role()
    {
        var i = HosForvaltningschef();

        var result = _host.Fire(i, "godkann", AnnanHandlaggare);

        Assert.Multiple(() =>
        {
            AssertUnchanged(i, result, "hos_forvaltningschef", 5);
            Assert.That(result.Reason, Is.EqualTo(RefusalReason.Organisation));
            Assert.That(result.Message, Is.EqualTo("”Godkänn tjänsteutlåtandet” får bara göras av den organisation som äger ärendet."));
        });
    }

    [Test]
    public void A_trigger_from_another_state_is_refused_with_the_state_label()
    {
        var i = HosForvaltningschef();

        var result = _host.Fire(i, "besluta", Sekreterare, new { paragraf = "§ 1", beslutsutfall = "bifall" });

        Assert.Multiple(() =>
        {
            AssertUnchanged(i, result, "hos_forvaltningschef", 5);
            Assert.That(result.Reason, Is.EqualTo(RefusalReason.WrongState));
            Assert.That(result.Message, Is.EqualTo("”Registrera nämndens beslut” går inte att göra när ärendet är i läget ”Hos förvaltningschef”."));
        });
    }

    [Test]
    public void Nothing_can_be_done_in_a_terminal_state()
    {
        var i = HosForvaltningschef();
        _host.Do(i, "avsta", Chef);

        var result = _host.Fire(i, "aterkalla", WorkflowActor.System);

        Assert.Multiple(() =>
        {
            AssertUnchanged(i, result, "avstatt", 6);
            Assert.That(result.Message, Is.EqualTo("”Stäng – remissen är återkallad” går inte att göra: ärendet är avslutat (Avstått)."));
        });
    }

    [Test]
    public void An_unknown_trigger_is_refused_not_thrown()
    {
        var i = HosForvaltningschef();

        var result = _host.Fire(i, "publicera", Chef);

        Assert.Multiple(() =>
        {
            AssertUnchanged(i, result, "hos_forvaltningschef", 5);
            Assert.That(result.Reason, Is.EqualTo(RefusalReason.UnknownTrigger));
            Assert.That(result.Message, Is.EqualTo("Händelsen ”publicera” finns inte i arbetsflödet Remissvar från en nämnd."));
        });
    }

    [Test]
    public void Missing_payload_fields_are_named()
    {
        var i = _host.Start("remissvar-namnd", _subject);

        var none = _host.Fire(i, "registrera", Registrator);
        var blank = _host.Fire(i, "registrera", Registrator, new { diarienummer = "  " });
        _host.Do(i, "registrera", Registrator, new { diarienummer = "SF 2026/186" });
        _host.Do(i, "tilldela", Registrator, new { handlaggareId = Handlaggare.Id });
        var two = _host.Fire(i, "begar_anstand", Handlaggare, new { motivering = (string?)null });

        Assert.Multiple(() =>
        {
            Assert.That(none.Reason, Is.EqualTo(RefusalReason.MissingPayload));
            Assert.That(none.Message, Is.EqualTo("'Registrera i diariet' kräver uppgiften diarienummer."));
            Assert.That(blank.Message, Is.EqualTo(none.Message));
            Assert.That(two.Message, Is.EqualTo("'Begär anstånd' kräver uppgifterna onskatSvarsdatum och motivering."));
        });
    }

    [Test]
    public void A_failing_guard_refuses_with_its_own_message_and_sees_the_context()
    {
        GuardContext? seen = null;
        _host.Guards["tu.utkast_finns"] = c =>
        {
            seen = c;
            return GuardResult.Refuse("Det finns inget utkast till tjänsteutlåtande.");
        };
        var i = _host.Start("remissvar-namnd", _subject);
        _host.Do(i, "registrera", Registrator, new { diarienummer = "SF 2026/186" });
        _host.Do(i, "tilldela", Registrator, new { handlaggareId = Handlaggare.Id });
        _host.Do(i, "paborja_beredning", Handlaggare);

        var result = _host.Fire(i, "skicka_till_forvaltningschef", Handlaggare);

        Assert.Multiple(() =>
        {
            AssertUnchanged(i, result, "under_beredning", 4);
            Assert.That(result.Reason, Is.EqualTo(RefusalReason.Guard));
            Assert.That(result.Message, Is.EqualTo("Det finns inget utkast till tjänsteutlåtande."));
            Assert.That(seen!.Actor, Is.EqualTo(Handlaggare));
            Assert.That(seen.Subject, Is.SameAs(_subject));
            Assert.That(seen.Transition.Trigger, Is.EqualTo("skicka_till_forvaltningschef"));
        });
    }

    [Test]
    public void An_action_that_throws_leaves_the_instance_untouched()
    {
        var i = _host.Start("remissvar-namnd", _subject);
        _host.ActionEffects["diarium.registrera"] = _ => throw new InvalidOperationException("diariet är nere");

        Assert.That(() => _host.Fire(i, "registrera", Registrator, new { diarienummer = "SF 2026/186" }),
            Throws.InvalidOperationException.With.Message.EqualTo("diariet är nere"));
        Assert.Multiple(() =>
        {
            Assert.That(i.State, Is.EqualTo("inkommen"));
            Assert.That(i.Sequence, Is.EqualTo(1));
            Assert.That(_host.Log, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Permitted_triggers_are_the_buttons_of_this_actor_and_refused_ones_say_why()
    {
        var i = HosForvaltningschef();

        var chef = _host.Engine.GetTriggersAsync(i, Chef, _subject).GetAwaiter().GetResult();
        var chefPermitted = _host.Engine.PermittedTriggersAsync(i, Chef, _subject).GetAwaiter().GetResult();
        var handlaggare = _host.Engine.PermittedTriggersAsync(i, Handlaggare, _subject).GetAwaiter().GetResult();
        var ks = _host.Engine.PermittedTriggersAsync(i, KsRegistrator, _subject).GetAwaiter().GetResult();

        Assert.Multiple(() =>
        {
            Assert.That(chefPermitted.Select(o => o.Trigger), Is.EqualTo(new[] { "tilldela_om", "godkann", "returnera", "avsta" }));
            Assert.That(chefPermitted.Single(o => o.Trigger == "godkann").Label, Is.EqualTo("Godkänn tjänsteutlåtandet"));
            Assert.That(chefPermitted.Single(o => o.Trigger == "returnera").RequiresPayload, Is.EqualTo(new[] { "kommentar" }));
            Assert.That(chef.Select(o => o.Trigger), Has.No.Member("paminn_forvaltningschef"), "timer-only triggers are not buttons");
            Assert.That(chef.Single(o => o.Trigger == "bevilja_anstand").RefusalMessage, Does.StartWith("Du saknar behörighet"));
            Assert.That(chef.Single(o => o.Trigger == "aterkalla").Reason, Is.EqualTo(RefusalReason.Role));
            Assert.That(handlaggare.Select(o => o.Trigger), Is.EqualTo(new[] { "begar_anstand" }));
            Assert.That(ks.Select(o => o.Trigger), Is.EqualTo(new[] { "bevilja_anstand", "avsla_anstand", "aterkalla" }));
        });
    }

    [Test]
    public void Guards_are_asked_only_when_role_and_organisation_pass()
    {
        var asked = 0;
        _host.Guards["anstand.begart"] = _ =>
        {
            asked++;
            return GuardResult.Refuse("Inget anstånd är begärt.");
        };
        var i = HosForvaltningschef();

        var forHandlaggare = _host.Engine.GetTriggersAsync(i, Handlaggare, _subject).GetAwaiter().GetResult();
        var askedForHandlaggare = asked;
        var forKs = _host.Engine.GetTriggersAsync(i, KsRegistrator, _subject).GetAwaiter().GetResult();

        Assert.Multiple(() =>
        {
            Assert.That(askedForHandlaggare, Is.Zero);
            Assert.That(asked, Is.EqualTo(2), "bevilja_anstand and avsla_anstand");
            Assert.That(forHandlaggare.Single(o => o.Trigger == "bevilja_anstand").Reason, Is.EqualTo(RefusalReason.Role));
            Assert.That(forKs.Single(o => o.Trigger == "bevilja_anstand").RefusalMessage, Is.EqualTo("Inget anstånd är begärt."));
        });
    }

    [Test]
    public void A_timer_bookmark_already_fired_does_nothing_the_second_time()
    {
        var i = HosForvaltningschef();
        var timer = _host.Timer(i, "paminnelse_forvaltningschef")!;
        var staleView = _host.BookmarksOf(i);
        _host.Clock.Advance(TimeSpan.FromDays(3));

        var first = _host.FireTimer(i, staleView, timer);
        _host.Apply(first.Changes);
        var second = _host.FireTimer(i, _host.BookmarksOf(i), timer);

        Assert.Multiple(() =>
        {
            Assert.That(first.Outcome, Is.EqualTo(FireOutcome.Fired));
            Assert.That(first.Changes.BookmarksToDelete, Is.EqualTo(new[] { timer }));
            Assert.That(second.Outcome, Is.EqualTo(FireOutcome.Skipped));
            Assert.That(second.Changes.BookmarksToDelete, Is.Empty);
            Assert.That(second.Changes.LogEntry, Is.Null);
            Assert.That(_host.Executed.Count(e => e.Trigger == "paminn_forvaltningschef"), Is.EqualTo(1));
        });
    }

    [Test]
    public void A_timer_of_a_state_that_was_left_is_skipped_and_cleared()
    {
        var i = HosForvaltningschef();
        var timer = _host.Timer(i, "paminnelse_forvaltningschef")!;
        var sequence = i.Sequence;
        // The host crashed after the transition but left the timer row (it should have deleted it).
        i.State = "godkand";
        _host.Clock.Advance(TimeSpan.FromDays(4));

        var result = _host.FireTimer(i, _host.BookmarksOf(i), timer);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FireOutcome.Skipped));
            Assert.That(result.Changes.BookmarksToDelete, Is.EqualTo(new[] { timer }));
            Assert.That(i.Sequence, Is.EqualTo(sequence));
            Assert.That(_host.Executed.Any(e => e.Trigger == "paminn_forvaltningschef"), Is.False);
        });
    }

    [Test]
    public void A_timer_is_not_fired_before_its_time_even_if_asked()
    {
        var i = HosForvaltningschef();
        var timer = _host.Timer(i, "paminnelse_forvaltningschef")!;

        var result = _host.FireTimer(i, _host.BookmarksOf(i), timer);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(FireOutcome.Skipped));
            Assert.That(result.Changes.BookmarksToDelete, Is.Empty);
            Assert.That(_host.Timer(i, "paminnelse_forvaltningschef"), Is.SameAs(timer));
        });
    }

    [Test]
    public void Due_timers_are_oldest_first_and_skip_live_claims()
    {
        var now = Now;
        WorkflowBookmark B(string name, int minutesAgo, DateTimeOffset? claimedUntil = null) => new()
        {
            Id = Guid.NewGuid(), Kind = BookmarkKinds.Timer, Name = name, ResumeAt = now.AddMinutes(-minutesAgo), ClaimedUntil = claimedUntil,
        };
        var bookmarks = new[]
        {
            B("later", 1), B("earliest", 30), B("future", -5), B("claimed", 20, now.AddMinutes(1)), B("claim_expired", 10, now.AddMinutes(-1)),
            new WorkflowBookmark { Id = Guid.NewGuid(), Kind = BookmarkKinds.State, Name = "under_beredning" },
        };

        var due = WorkflowEngine.DueTimers(bookmarks, now);

        Assert.That(due.Select(b => b.Name), Is.EqualTo(new[] { "earliest", "claim_expired", "later" }));
    }

    [Test]
    public void Recompute_after_a_corrected_svarsdatum_moves_the_date_timers_only()
    {
        var i = HosForvaltningschef();
        var after = _host.Timer(i, "paminnelse_forvaltningschef")!;

        _subject.Svarsdatum = new DateOnly(2026, 5, 8);
        var changes = _host.Engine.RecomputeTimers(i, _host.BookmarksOf(i), _subject);
        _host.Apply(changes);

        Assert.Multiple(() =>
        {
            Assert.That(changes.LogEntry, Is.Null);
            Assert.That(changes.BookmarksToDelete.Select(b => b.Name).Order(), Is.EqualTo(new[] { "paminnelse_namndsekreterare", "svarsdatum_ks" }));
            Assert.That(_host.Timer(i, "paminnelse_forvaltningschef"), Is.SameAs(after), "a duration timer does not depend on svarsdatum");
            Assert.That(_host.Timer(i, "paminnelse_namndsekreterare")!.ResumeAt, Is.EqualTo(new DateTimeOffset(2026, 5, 1, 6, 0, 0, TimeSpan.Zero)));
            Assert.That(_host.Timer(i, "svarsdatum_ks")!.ResumeAt, Is.EqualTo(new DateTimeOffset(2026, 5, 8, 14, 0, 0, TimeSpan.Zero)));
        });
    }

    [Test]
    public void Without_svarsdatum_date_timers_are_not_scheduled()
    {
        _subject.Svarsdatum = null;

        var i = HosForvaltningschef();

        Assert.That(_host.TimerNames(i), Is.EqualTo(new[] { "paminnelse_forvaltningschef" }));
    }
}
