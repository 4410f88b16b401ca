using RemissFlow.Workflows.Runtime;
using RemissFlow.Workflows.Tests.Support;
using static RemissFlow.Workflows.Tests.Support.TestHost;

namespace RemissFlow.Workflows.Tests;

/// <summary>
/// remissvar-namnd driven through the engine: Serviceförvaltningen answering KS 2025/1616, due
/// Friday 24 April 2026, with weekday working days (holidays are the Swedish calendar's concern).
/// </summary>
public class RemissvarNamndTests
{
    private static readonly DateTimeOffset March17 = new(2026, 3, 17, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Svarsdatum = new(2026, 4, 24);

    private TestHost _host = null!;
    private TestSubject _subject = null!;

    [SetUp]
    public void SetUp()
    {
        _host = new TestHost(March17);
        _subject = new TestSubject("Remissvar", Sf, Ks, Svarsdatum);
    }

    private static DateTimeOffset Utc(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    private WorkflowInstance StartedAndUnderBeredning()
    {
        var i = _host.Start("remissvar-namnd", _subject);
        _host.Do(i, "registrera", Registrator, new { diarienummer = "SF 2026/186" });
        _host.Do(i, "tilldela", Registrator, new { handlaggareId = Handlaggare.Id });
        _host.Do(i, "paborja_beredning", Handlaggare);
        return i;
    }

    private WorkflowInstance Godkand()
    {
        var i = StartedAndUnderBeredning();
        _host.Do(i, "skicka_till_forvaltningschef", Handlaggare);
        _host.Do(i, "godkann", Chef);
        return i;
    }

    [Test]
    public void Start_pins_the_latest_version_and_schedules_the_svarsdatum_escalation()
    {
        var i = _host.Start("remissvar-namnd", _subject);

        Assert.Multiple(() =>
        {
            Assert.That(i.State, Is.EqualTo("inkommen"));
            Assert.That(i.Version, Is.EqualTo(2), "v2 (rätta och ångra beslut) is the latest");
            Assert.That(i.SubjectId, Is.EqualTo(_subject.Id));
            Assert.That(i.Sequence, Is.EqualTo(1));
            Assert.That(_host.BookmarksOf(i).Where(b => b.Kind == BookmarkKinds.State).Select(b => b.Name), Is.EqualTo(new[] { "inkommen" }));
            Assert.That(_host.TimerNames(i), Is.EqualTo(new[] { "svarsdatum_ks" }));
            // 24 April 16:00 in Stockholm is summer time, UTC+2.
            Assert.That(_host.Timer(i, "svarsdatum_ks")!.ResumeAt, Is.EqualTo(Utc(4, 24, 14)));
            Assert.That(_host.Log.Single().Trigger, Is.EqualTo("start"));
        });
    }

    [Test]
    public void Happy_path_from_inkommen_to_inlamnad_with_log_and_exact_timers()
    {
        var i = StartedAndUnderBeredning();

        Assert.Multiple(() =>
        {
            Assert.That(_host.TimerNames(i), Is.EqualTo(new[] { "paminnelse_handlaggare", "paminnelse_namndsekreterare", "svarsdatum_ks" }));
            // Ten weekdays before Friday 24 April is Friday 10 April; five is Friday 17 April; 08:00 CEST = 06:00 UTC.
            Assert.That(_host.Timer(i, "paminnelse_handlaggare")!.ResumeAt, Is.EqualTo(Utc(4, 10, 6)));
            Assert.That(_host.Timer(i, "paminnelse_namndsekreterare")!.ResumeAt, Is.EqualTo(Utc(4, 17, 6)));
        });

        _host.Do(i, "skicka_till_forvaltningschef", Handlaggare);
        Assert.That(_host.Timer(i, "paminnelse_forvaltningschef")!.ResumeAt, Is.EqualTo(March17 + TimeSpan.FromDays(3)));
        _host.Do(i, "godkann", Chef);
        _host.Do(i, "anmal_till_sammantrade", Sekreterare, new { sammantradeId = Guid.NewGuid() });
        _host.Do(i, "besluta", Sekreterare, new { paragraf = "§ 12", beslutsutfall = "bifall" });
        _host.Do(i, "justera", Sekreterare, new { justeringsdatum = "2026-04-21" });
        _host.Do(i, "lamna_in", Sekreterare);

        Assert.Multiple(() =>
        {
            Assert.That(i.State, Is.EqualTo("inlamnad"));
            Assert.That(i.Sequence, Is.EqualTo(10));
            Assert.That(_host.BookmarksOf(i), Is.Empty, "a terminal state waits for nothing");
            Assert.That(_host.Log.Select(l => l.Sequence), Is.EqualTo(Enumerable.Range(1, 10).Select(n => (long)n)));
            Assert.That(_host.Log.Select(l => l.ToState), Is.EqualTo(new[]
            {
                "inkommen", "registrerad", "tilldelad", "under_beredning", "hos_forvaltningschef", "godkand", "anmald", "beslutad", "justerad", "inlamnad",
            }));
            Assert.That(_host.Log[7].PayloadJson, Is.EqualTo("{\"paragraf\":\"\\u00A7 12\",\"beslutsutfall\":\"bifall\"}"));
            Assert.That(_host.Log[7].ActorName, Is.EqualTo(Sekreterare.Name));
            Assert.That(_host.ActionsOf("lamna_in"), Is.EqualTo(new[] { "svar.skicka_till_avsandare" }));
            Assert.That(_host.ActionsOf("tilldela"), Is.EqualTo(new[] { "arende.tilldela_handlaggare", "notify.handlaggare" }));
        });
    }

    [Test]
    public void Beredning_bodies_are_passed_until_the_organisations_configuration_is_satisfied()
    {
        // Serviceförvaltningen requires förvaltningsgruppen and the råd för funktionshinderfrågor.
        var required = new[] { "forvaltningsgrupp", "funktionshinderrad" };
        var passed = new List<string>();
        _host.Guards["beredning.organ_kravs"] = c =>
        {
            var organ = (string)PayloadFields.Find(c.Payload!.GetType(), "organ")!.GetValue(c.Payload)!;
            return required.Contains(organ) && !passed.Contains(organ) ? GuardResult.Allow() : GuardResult.Refuse($"Förvaltningen använder inte {organ}, eller så har det redan behandlat ärendet.");
        };
        _host.Guards["beredning.organ_klara"] = _ =>
            required.Except(passed).FirstOrDefault() is { } missing ? GuardResult.Refuse($"Ärendet har inte behandlats i {missing}.") : GuardResult.Allow();
        var i = StartedAndUnderBeredning();

        var early = _host.Fire(i, "skicka_till_forvaltningschef", Handlaggare);
        var notUsed = _host.Fire(i, "anmal_till_beredningsorgan", Handlaggare, new { organ = "pensionarsrad" });
        _host.Do(i, "anmal_till_beredningsorgan", Handlaggare, new { organ = "forvaltningsgrupp" });
        var stateInOrgan = i.State;
        _host.Do(i, "registrera_behandling", Handlaggare, new { organ = "forvaltningsgrupp", datum = "2026-03-25" });
        passed.Add("forvaltningsgrupp");
        _host.Do(i, "anmal_till_beredningsorgan", Handlaggare, new { organ = "funktionshinderrad" });
        _host.Do(i, "registrera_behandling", Handlaggare, new { organ = "funktionshinderrad", datum = "2026-03-26" });
        passed.Add("funktionshinderrad");
        _host.Do(i, "skicka_till_forvaltningschef", Handlaggare);

        Assert.Multiple(() =>
        {
            Assert.That(early.Reason, Is.EqualTo(RefusalReason.Guard));
            Assert.That(early.Message, Is.EqualTo("Ärendet har inte behandlats i forvaltningsgrupp."));
            Assert.That(notUsed.Outcome, Is.EqualTo(FireOutcome.Refused));
            Assert.That(stateInOrgan, Is.EqualTo("hos_beredningsorgan"));
            Assert.That(i.State, Is.EqualTo("hos_forvaltningschef"));
            Assert.That(_host.ActionsOf("registrera_behandling").Count(), Is.EqualTo(2));
        });
    }

    [Test]
    public void An_organisation_without_beredning_bodies_goes_straight_to_the_forvaltningschef()
    {
        var i = StartedAndUnderBeredning();

        _host.Do(i, "skicka_till_forvaltningschef", Handlaggare);

        Assert.That(i.State, Is.EqualTo("hos_forvaltningschef"));
    }

    [Test]
    public void Forvaltningschef_returns_the_TU_and_the_reminder_already_sent_is_not_repeated()
    {
        var i = StartedAndUnderBeredning();
        _host.Clock.Set(Utc(4, 10, 6));
        Assert.That(_host.RunDueTimers(), Is.EqualTo(new[] { "paminn_handlaggare" }));

        _host.Do(i, "skicka_till_forvaltningschef", Handlaggare);
        var returned = _host.Fire(i, "returnera", Chef, new { kommentar = "Förtydliga konsekvenserna för barn." });

        Assert.Multiple(() =>
        {
            Assert.That(returned.Succeeded, Is.True);
            Assert.That(i.State, Is.EqualTo("under_beredning"));
            Assert.That(_host.ActionsOf("returnera"), Is.EqualTo(new[] { "tu.registrera_retur", "notify.handlaggare" }));
            // The handläggare reminder fired before; its time is past, so re-entering beredning does not schedule it again.
            Assert.That(_host.TimerNames(i), Is.EqualTo(new[] { "paminnelse_namndsekreterare", "svarsdatum_ks" }));
            Assert.That(_host.BookmarksOf(i).Where(b => b.Kind == BookmarkKinds.State).Select(b => b.Name), Is.EqualTo(new[] { "under_beredning" }));
        });
    }

    [Test]
    public void Forvaltningschef_reminder_fires_three_days_after_the_TU_arrives_and_dies_with_the_state()
    {
        var i = StartedAndUnderBeredning();
        _host.Clock.Advance(TimeSpan.FromHours(5));
        _host.Do(i, "skicka_till_forvaltningschef", Handlaggare);
        var expected = March17 + TimeSpan.FromHours(5) + TimeSpan.FromDays(3);
        Assert.That(_host.Timer(i, "paminnelse_forvaltningschef")!.ResumeAt, Is.EqualTo(expected));

        _host.Clock.Set(expected - TimeSpan.FromSeconds(1));
        Assert.That(_host.RunDueTimers(), Is.Empty);
        _host.Clock.Set(expected);
        Assert.That(_host.RunDueTimers(), Is.EqualTo(new[] { "paminn_forvaltningschef" }));
        Assert.That(_host.Timer(i, "paminnelse_forvaltningschef"), Is.Null);
        Assert.That(i.State, Is.EqualTo("hos_forvaltningschef"), "a reminder does not move the ärende");

        _host.Do(i, "godkann", Chef);
        Assert.That(_host.TimerNames(i), Is.EqualTo(new[] { "paminnelse_namndsekreterare", "svarsdatum_ks" }));
    }

    [Test]
    public void Aterremiss_sends_the_arende_back_to_beredning_and_it_can_be_decided_later()
    {
        var i = Godkand();
        _host.Do(i, "anmal_till_sammantrade", Sekreterare, new { sammantradeId = Guid.NewGuid() });

        _host.Do(i, "aterremittera", Sekreterare, new { paragraf = "§ 7" });
        Assert.That(i.State, Is.EqualTo("under_beredning"));
        _host.Do(i, "skicka_till_forvaltningschef", Handlaggare);
        _host.Do(i, "godkann", Chef);
        _host.Do(i, "anmal_till_sammantrade", Sekreterare, new { sammantradeId = Guid.NewGuid() });
        _host.Do(i, "bordlagg", Sekreterare);
        Assert.That(i.State, Is.EqualTo("godkand"));
        _host.Do(i, "anmal_till_sammantrade", Sekreterare, new { sammantradeId = Guid.NewGuid() });
        _host.Do(i, "besluta", Sekreterare, new { paragraf = "§ 9", beslutsutfall = "bifall_med_tillagg" });
        _host.Do(i, "justera", Sekreterare, new { justeringsdatum = "2026-04-22" });
        _host.Do(i, "lamna_in", Registrator);

        Assert.That(i.State, Is.EqualTo("inlamnad"));
    }

    [TestCase("registrerad")]
    [TestCase("under_beredning")]
    [TestCase("hos_forvaltningschef")]
    [TestCase("anmald")]
    public void Avstar_is_an_answer_from_any_open_state_before_the_decision(string from)
    {
        var i = _host.Start("remissvar-namnd", _subject);
        var path = new (string Trigger, WorkflowActor Actor, object? Payload)[]
        {
            ("registrera", Registrator, new { diarienummer = "SF 2026/186" }),
            ("tilldela", Registrator, new { handlaggareId = Handlaggare.Id }),
            ("paborja_beredning", Handlaggare, null),
            ("skicka_till_forvaltningschef", Handlaggare, null),
            ("godkann", Chef, null),
            ("anmal_till_sammantrade", Sekreterare, new { sammantradeId = Guid.NewGuid() }),
        };
        foreach (var (trigger, actor, payload) in path)
        {
            if (i.State == from)
            {
                break;
            }
            _host.Do(i, trigger, actor, payload);
        }

        _host.Do(i, "avsta", from == "anmald" ? Sekreterare : Chef);

        Assert.Multiple(() =>
        {
            Assert.That(i.State, Is.EqualTo("avstatt"));
            Assert.That(_host.Registry.Get("remissvar-namnd", 1).GetState(i.State).Category, Is.EqualTo("besvarad"));
            Assert.That(_host.ActionsOf("avsta"), Is.EqualTo(new[] { "svar.skicka_avstar" }));
            Assert.That(_host.BookmarksOf(i), Is.Empty);
        });
    }

    [Test]
    public void Anstand_granted_by_the_sender_moves_svarsdatum_and_recomputes_the_timers()
    {
        var i = StartedAndUnderBeredning();
        _host.Clock.Set(Utc(4, 10, 6));
        _host.RunDueTimers();
        _host.Guards["anstand.begart"] = _ => GuardResult.Refuse("Inget anstånd är begärt.");

        var early = _host.Fire(i, "bevilja_anstand", KsRegistrator, new { nyttSvarsdatum = "2026-05-15" });
        _host.Do(i, "begar_anstand", Handlaggare, new { onskatSvarsdatum = "2026-05-15", motivering = "Förvaltningsgruppen möts först i maj." });
        _host.Guards["anstand.begart"] = _ => GuardResult.Allow();
        _host.Guards["anstand.inget_pagaende"] = _ => GuardResult.Refuse("Ett anstånd är redan begärt och väntar på beslut.");
        var twice = _host.Fire(i, "begar_anstand", Handlaggare, new { onskatSvarsdatum = "2026-05-20", motivering = "x" });
        var byTheOwner = _host.Fire(i, "bevilja_anstand", Chef, new { nyttSvarsdatum = "2026-05-15" });
        _host.Do(i, "bevilja_anstand", KsRegistrator, new { nyttSvarsdatum = "2026-05-15" });

        Assert.Multiple(() =>
        {
            Assert.That(early.Message, Is.EqualTo("Inget anstånd är begärt."));
            Assert.That(twice.Message, Is.EqualTo("Ett anstånd är redan begärt och väntar på beslut."));
            Assert.That(byTheOwner.Reason, Is.EqualTo(RefusalReason.Role));
            Assert.That(i.State, Is.EqualTo("under_beredning"));
            Assert.That(_subject.Svarsdatum, Is.EqualTo(new DateOnly(2026, 5, 15)));
            // The handläggare reminder went out for the old date; the new date gets a new one: 10 weekdays before Friday 15 May.
            Assert.That(_host.Timer(i, "paminnelse_handlaggare")!.ResumeAt, Is.EqualTo(Utc(5, 1, 6)));
            Assert.That(_host.Timer(i, "paminnelse_namndsekreterare")!.ResumeAt, Is.EqualTo(Utc(5, 8, 6)));
            Assert.That(_host.Timer(i, "svarsdatum_ks")!.ResumeAt, Is.EqualTo(Utc(5, 15, 14)));
            Assert.That(_host.BookmarksOf(i).Count(b => b.IsTimer), Is.EqualTo(3));
        });
    }

    [Test]
    public void Anstand_refused_by_the_sender_keeps_svarsdatum_and_timers()
    {
        var i = StartedAndUnderBeredning();
        var before = _host.BookmarksOf(i).Select(b => (b.Name, b.ResumeAt)).ToList();
        _host.Do(i, "begar_anstand", Handlaggare, new { onskatSvarsdatum = "2026-05-15", motivering = "Sammanträdet i april är inställt." });
        _host.Guards["anstand.begart"] = _ => GuardResult.Allow();

        _host.Do(i, "avsla_anstand", KsSamordnare, new { motivering = "KS behöver svaren till sitt sammanträde i maj." });

        Assert.Multiple(() =>
        {
            Assert.That(_subject.Svarsdatum, Is.EqualTo(Svarsdatum));
            Assert.That(_host.BookmarksOf(i).Select(b => (b.Name, b.ResumeAt)), Is.EquivalentTo(before));
            Assert.That(_host.ActionsOf("avsla_anstand"), Is.EqualTo(new[] { "anstand.avsla", "notify.handlaggare" }));
        });
    }

    [Test]
    public void Ordforandebeslut_when_no_meeting_fits_is_answered_then_reported_at_the_next_meeting()
    {
        var i = Godkand();
        _host.Guards["sammantrade.inget_fore_svarsdatum"] = _ => GuardResult.Refuse("Nämnden har ett sammanträde den 21 april som hinner före svarsdatum.");
        var refused = _host.Fire(i, "ordforandebeslut", Sekreterare, new { beslutsdatum = "2026-04-20" });
        _host.Guards.Remove("sammantrade.inget_fore_svarsdatum");

        _host.Do(i, "ordforandebeslut", Sekreterare, new { beslutsdatum = "2026-04-20" });
        _host.Do(i, "lamna_in", Sekreterare);
        var stillOpen = i.State;
        var timersAfterAnswer = _host.TimerNames(i);
        _host.Do(i, "anmal_ordforandebeslut", Sekreterare, new { sammantradeId = Guid.NewGuid(), paragraf = "§ 3" });

        Assert.Multiple(() =>
        {
            Assert.That(refused.Message, Is.EqualTo("Nämnden har ett sammanträde den 21 april som hinner före svarsdatum."));
            Assert.That(stillOpen, Is.EqualTo("inlamnad_ej_anmald"));
            Assert.That(timersAfterAnswer, Is.Empty, "the answer is in; no reminder or escalation remains");
            Assert.That(i.State, Is.EqualTo("inlamnad"));
        });
    }

    [Test]
    public void Forvaltningens_svar_only_where_the_sender_allows_it()
    {
        var i = Godkand();
        _host.Guards["avsandare.tillater_forvaltningens_svar"] = _ => GuardResult.Refuse("Avsändaren kräver ett beslut av nämnden.");
        var refused = _host.Fire(i, "forvaltningens_svar", Chef);
        Assert.That(refused.Message, Is.EqualTo("Avsändaren kräver ett beslut av nämnden."));
        Assert.That(i.State, Is.EqualTo("godkand"));

        _host.Guards.Clear();
        _host.Do(i, "forvaltningens_svar", Chef);

        Assert.That(i.State, Is.EqualTo("besvarad_av_forvaltningen"));
    }

    [Test]
    public void Preliminart_svar_then_the_namnd_decides_and_the_final_answer_follows()
    {
        var i = Godkand();

        _host.Do(i, "preliminart_svar", Chef);
        var afterPreliminary = _host.TimerNames(i);
        _host.Do(i, "anmal_till_sammantrade", Sekreterare, new { sammantradeId = Guid.NewGuid() });
        _host.Do(i, "besluta", Sekreterare, new { paragraf = "§ 4", beslutsutfall = "bifall" });
        _host.Do(i, "justera", Sekreterare, new { justeringsdatum = "2026-05-05" });
        _host.Do(i, "lamna_in", Sekreterare);

        Assert.Multiple(() =>
        {
            Assert.That(afterPreliminary, Is.Empty, "a preliminary answer counts as answered for the reminders");
            Assert.That(_host.ActionsOf("preliminart_svar"), Is.EqualTo(new[] { "svar.skicka_preliminart" }));
            Assert.That(i.State, Is.EqualTo("inlamnad"));
        });
    }

    [TestCase("inkommen")]
    [TestCase("hos_forvaltningschef")]
    [TestCase("inlamnad_ej_anmald")]
    public void Aterkallad_by_the_sender_closes_any_open_answer(string from)
    {
        var i = _host.Start("remissvar-namnd", _subject);
        if (from != "inkommen")
        {
            _host.Do(i, "registrera", Registrator, new { diarienummer = "SF 2026/186" });
            _host.Do(i, "tilldela", Registrator, new { handlaggareId = Handlaggare.Id });
            _host.Do(i, "paborja_beredning", Handlaggare);
            _host.Do(i, "skicka_till_forvaltningschef", Handlaggare);
        }
        if (from == "inlamnad_ej_anmald")
        {
            _host.Do(i, "godkann", Chef);
            _host.Do(i, "ordforandebeslut", Sekreterare, new { beslutsdatum = "2026-04-20" });
            _host.Do(i, "lamna_in", Sekreterare);
        }
        Assert.That(i.State, Is.EqualTo(from));

        var byOwner = _host.Fire(i, "aterkalla", Registrator);
        _host.Do(i, "aterkalla", WorkflowActor.System);

        Assert.Multiple(() =>
        {
            Assert.That(byOwner.Reason, Is.EqualTo(RefusalReason.Organisation));
            Assert.That(byOwner.Message, Is.EqualTo("”Stäng – remissen är återkallad” får bara göras av den organisation som skickade remissen."));
            Assert.That(i.State, Is.EqualTo("aterkallad"));
            Assert.That(_host.BookmarksOf(i), Is.Empty);
        });
    }

    [Test]
    public void Reminders_fire_at_their_exact_times_and_only_once()
    {
        var i = StartedAndUnderBeredning();

        _host.Clock.Set(Utc(4, 10, 5));
        var before = _host.RunDueTimers();
        _host.Clock.Set(Utc(4, 10, 6));
        var handlaggare = _host.RunDueTimers();
        var again = _host.RunDueTimers();
        _host.Clock.Set(Utc(4, 17, 6));
        var sekreterare = _host.RunDueTimers();
        _host.Clock.Set(Utc(4, 24, 14));
        var ks = _host.RunDueTimers();

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.Empty);
            Assert.That(handlaggare, Is.EqualTo(new[] { "paminn_handlaggare" }));
            Assert.That(again, Is.Empty);
            Assert.That(sekreterare, Is.EqualTo(new[] { "paminn_namndsekreterare" }));
            Assert.That(ks, Is.EqualTo(new[] { "eskalera_till_ks" }));
            Assert.That(_host.Executed.Where(e => e.Trigger is "paminn_handlaggare" or "paminn_namndsekreterare" or "eskalera_till_ks").Select(e => e.Action),
                Is.EqualTo(new[] { "notify.handlaggare", "notify.namndsekreterare", "notify.ks" }));
            Assert.That(_host.Log.Last().ActorName, Is.EqualTo("System"));
            Assert.That(i.State, Is.EqualTo("under_beredning"));
            Assert.That(_host.BookmarksOf(i).Where(b => b.IsTimer), Is.Empty);
        });
    }

    [Test]
    public void A_winter_svarsdatum_is_computed_in_standard_time()
    {
        _subject.Svarsdatum = new DateOnly(2026, 1, 20);
        _host.Clock.Set(new DateTimeOffset(2025, 12, 1, 9, 0, 0, TimeSpan.Zero));

        var i = StartedAndUnderBeredning();

        // Ten weekdays before Tuesday 20 January is Tuesday 6 January; 08:00 CET = 07:00 UTC.
        Assert.That(_host.Timer(i, "paminnelse_handlaggare")!.ResumeAt, Is.EqualTo(new DateTimeOffset(2026, 1, 6, 7, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public void A_reminder_whose_time_has_passed_when_the_state_is_entered_is_not_scheduled()
    {
        _host.Clock.Set(Utc(4, 20, 10));

        var i = StartedAndUnderBeredning();

        Assert.That(_host.TimerNames(i), Is.EqualTo(new[] { "svarsdatum_ks" }));
    }
}
