using RemissFlow.Workflows.Runtime;
using RemissFlow.Workflows.Tests.Support;
using static RemissFlow.Workflows.Tests.Support.TestHost;

namespace RemissFlow.Workflows.Tests;

public class RemissUtskickTests
{
    private static readonly DateTimeOffset March17 = new(2026, 3, 17, 8, 0, 0, TimeSpan.Zero);

    private TestHost _host = null!;
    private TestSubject _remiss = null!;

    [SetUp]
    public void SetUp()
    {
        _host = new TestHost(March17);
        _remiss = new TestSubject("Remiss", Ks, null, new DateOnly(2026, 4, 24));
    }

    private WorkflowInstance SvarstidPagar()
    {
        var i = _host.Start("remiss-utskick", _remiss, KsRegistrator);
        _host.Do(i, "skicka_ut", KsRegistrator);
        _host.Do(i, "utskick_klart", WorkflowActor.System);
        return i;
    }

    [Test]
    public void Svarstid_runs_out_by_timer_late_instanser_are_chased_then_compiled_and_closed()
    {
        var i = SvarstidPagar();
        Assert.That(_host.Timer(i, "svarstid_ute")!.ResumeAt, Is.EqualTo(new DateTimeOffset(2026, 4, 24, 22, 0, 0, TimeSpan.Zero)),
            "midnight after svarsdatum, Stockholm summer time");

        _host.Clock.Set(new DateTimeOffset(2026, 4, 24, 22, 0, 0, TimeSpan.Zero));
        Assert.That(_host.RunDueTimers(), Is.EqualTo(new[] { "svarstiden_gick_ut" }));
        Assert.That(i.State, Is.EqualTo("svarstid_ute"));
        // Three weekdays after Friday 24 April: Wednesday 29 April 08:00 CEST.
        Assert.That(_host.Timer(i, "paminnelse_sena")!.ResumeAt, Is.EqualTo(new DateTimeOffset(2026, 4, 29, 6, 0, 0, TimeSpan.Zero)));
        _host.Clock.Set(new DateTimeOffset(2026, 4, 29, 6, 0, 0, TimeSpan.Zero));
        Assert.That(_host.RunDueTimers(), Is.EqualTo(new[] { "paminn_sena" }));
        _host.Do(i, "paminn_sena", KsSamordnare);

        _host.Do(i, "sammanstall", KsSamordnare);
        _host.Do(i, "avsluta", KsSamordnare);

        Assert.Multiple(() =>
        {
            Assert.That(i.State, Is.EqualTo("avslutad"));
            Assert.That(_host.ActionsOf("paminn_sena"), Is.EqualTo(new[] { "notify.sena_instanser", "notify.sena_instanser" }));
            Assert.That(_host.ActionsOf("skicka_ut"), Is.EqualTo(new[] { "remiss.skicka_ut" }));
            Assert.That(_host.BookmarksOf(i), Is.Empty);
        });
    }

    [Test]
    public void Compiling_before_svarsdatum_needs_every_answer()
    {
        var i = SvarstidPagar();
        _host.Guards["remiss.alla_har_svarat"] = _ => GuardResult.Refuse("Tre remissinstanser har inte svarat.");
        var refused = _host.Fire(i, "sammanstall", KsSamordnare);
        _host.Guards.Clear();

        _host.Do(i, "sammanstall", KsSamordnare);
        _host.Do(i, "oppna_sammanstallning", KsSamordnare, new { motivering = "Ett sent svar från Stadsbyggnadsnämnden." });
        _host.Do(i, "sammanstall", KsSamordnare);

        Assert.Multiple(() =>
        {
            Assert.That(refused.Message, Is.EqualTo("Tre remissinstanser har inte svarat."));
            Assert.That(i.State, Is.EqualTo("sammanstalld"));
            Assert.That(_host.TimerNames(i), Is.Empty, "svarstid timers are gone once compiled");
        });
    }

    [Test]
    public void Sending_needs_a_ready_remiss_and_instanser_can_be_added_afterwards()
    {
        var i = _host.Start("remiss-utskick", _remiss, KsRegistrator);
        _host.Guards["remiss.klar_for_utskick"] = _ => GuardResult.Refuse("Remisslistan är tom.");
        var refused = _host.Fire(i, "skicka_ut", KsRegistrator);
        _host.Guards.Clear();
        _host.Do(i, "skicka_ut", KsRegistrator);

        _host.Do(i, "lagg_till_instans", KsRegistrator, new { organisationId = Sof });

        Assert.Multiple(() =>
        {
            Assert.That(refused.Message, Is.EqualTo("Remisslistan är tom."));
            Assert.That(i.State, Is.EqualTo("utskickad"));
            Assert.That(_host.ActionsOf("lagg_till_instans"), Is.EqualTo(new[] { "remisslista.lagg_till" }));
        });
    }

    [Test]
    public void Only_KS_staff_handle_the_remiss()
    {
        var i = _host.Start("remiss-utskick", _remiss, KsRegistrator);

        var result = _host.Fire(i, "skicka_ut", Registrator);

        Assert.That(result.Message, Is.EqualTo("”Skicka ut remissen” får bara göras av den organisation som äger ärendet."));
    }

    [Test]
    public void A_draft_is_deleted_not_withdrawn()
    {
        var i = _host.Start("remiss-utskick", _remiss, KsRegistrator);

        var aterkalla = _host.Fire(i, "aterkalla", KsRegistrator, new { motivering = "Fel remiss." });
        var handlaggare = _host.Fire(i, "radera", WorkflowActor.Create(Guid.NewGuid(), "Hanna Handläggare", Ks, WorkflowRoles.Handlaggare));
        _host.Do(i, "radera", KsRegistrator);

        Assert.Multiple(() =>
        {
            Assert.That(i.Version, Is.EqualTo(2));
            Assert.That(aterkalla.Reason, Is.EqualTo(RefusalReason.WrongState));
            Assert.That(handlaggare.Reason, Is.EqualTo(RefusalReason.Role));
            Assert.That(i.State, Is.EqualTo("raderad"));
            Assert.That(_host.BookmarksOf(i), Is.Empty);
        });
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Aterkalla_from_any_open_state_after_utskick_closes_the_remiss_and_cascades(int steps)
    {
        var i = _host.Start("remiss-utskick", _remiss, KsRegistrator);
        var path = new (string, WorkflowActor)[] { ("skicka_ut", KsRegistrator), ("utskick_klart", WorkflowActor.System), ("svarstiden_gick_ut", WorkflowActor.System) };
        foreach (var (trigger, actor) in path.Take(steps))
        {
            _host.Do(i, trigger, actor);
        }

        var missing = _host.Fire(i, "aterkalla", KsRegistrator);
        _host.Do(i, "aterkalla", KsRegistrator, new { motivering = "Förslaget dras tillbaka." });

        Assert.Multiple(() =>
        {
            Assert.That(missing.Reason, Is.EqualTo(RefusalReason.MissingPayload));
            Assert.That(i.State, Is.EqualTo("aterkallad"));
            Assert.That(_host.ActionsOf("aterkalla"), Is.EqualTo(new[] { "remiss.aterkalla_alla_svar" }));
            Assert.That(_host.BookmarksOf(i), Is.Empty);
        });
    }

    [Test]
    public void Withdrawal_cascades_to_every_open_answer_as_the_system()
    {
        var remiss = SvarstidPagar();
        var namnd = new TestSubject("Remissvar", Sf, Ks, _remiss.Svarsdatum);
        var extern_ = new TestSubject("Remissvar", Guid.NewGuid(), Ks, _remiss.Svarsdatum);
        var a = _host.Start("remissvar-namnd", namnd);
        var b = _host.Start("remissvar-extern", extern_);
        // What Core's remiss.aterkalla_alla_svar does: fire aterkalla as System on every open remissvar.
        _host.ActionEffects["remiss.aterkalla_alla_svar"] = _ =>
        {
            foreach (var answer in new[] { a, b })
            {
                _host.Do(answer, "aterkalla", WorkflowActor.System);
            }
        };

        _host.Do(remiss, "aterkalla", KsRegistrator, new { motivering = "Förslaget dras tillbaka." });

        Assert.That(new[] { remiss.State, a.State, b.State }, Is.EqualTo(new[] { "aterkallad", "aterkallad", "aterkallad" }));
    }
}

public class RemissvarBolagTests
{
    private TestHost _host = null!;
    private TestSubject _subject = null!;
    private static readonly Guid Bolag = Guid.Parse("00000000-0000-0000-0000-0000000d0004");
    private static readonly WorkflowActor BolagRegistrator = WorkflowActor.Create(Guid.NewGuid(), "Bo Registrator", Bolag, WorkflowRoles.Registrator);
    private static readonly WorkflowActor BolagHandlaggare = WorkflowActor.Create(Guid.NewGuid(), "Ella Handläggare", Bolag, WorkflowRoles.Handlaggare);
    private static readonly WorkflowActor Vd = WorkflowActor.Create(Guid.NewGuid(), "Vera Vd", Bolag, WorkflowRoles.Forvaltningschef);
    private static readonly WorkflowActor Styrelsesekreterare = WorkflowActor.Create(Guid.NewGuid(), "Sam Sekreterare", Bolag, WorkflowRoles.Namndsekreterare);

    [SetUp]
    public void SetUp()
    {
        _host = new TestHost(new DateTimeOffset(2026, 3, 17, 8, 0, 0, TimeSpan.Zero));
        _subject = new TestSubject("Remissvar", Bolag, Ks, new DateOnly(2026, 4, 24));
    }

    private WorkflowInstance HosVd()
    {
        var i = _host.Start("remissvar-bolag", _subject);
        _host.Do(i, "registrera", BolagRegistrator, new { diarienummer = "MB 2026/12" });
        _host.Do(i, "tilldela", BolagRegistrator, new { handlaggareId = BolagHandlaggare.Id });
        _host.Do(i, "paborja_beredning", BolagHandlaggare);
        _host.Do(i, "skicka_till_forvaltningschef", BolagHandlaggare);
        return i;
    }

    [Test]
    public void The_styrelse_decides_after_the_vd_approves()
    {
        var i = HosVd();
        _host.Do(i, "returnera", Vd, new { kommentar = "Lägg till bolagets ekonomiska bedömning." });
        _host.Do(i, "skicka_till_forvaltningschef", BolagHandlaggare);
        _host.Do(i, "godkann", Vd);
        _host.Do(i, "anmal_till_sammantrade", Styrelsesekreterare, new { sammantradeId = Guid.NewGuid() });
        _host.Do(i, "aterremittera", Styrelsesekreterare, new { paragraf = "§ 5" });
        _host.Do(i, "skicka_till_forvaltningschef", BolagHandlaggare);
        _host.Do(i, "godkann", Vd);
        _host.Do(i, "anmal_till_sammantrade", Styrelsesekreterare, new { sammantradeId = Guid.NewGuid() });
        _host.Do(i, "besluta", Styrelsesekreterare, new { paragraf = "§ 8", beslutsutfall = "bifall" });
        _host.Do(i, "justera", Styrelsesekreterare, new { justeringsdatum = "2026-04-20" });
        _host.Do(i, "lamna_in", Styrelsesekreterare);

        Assert.That(i.State, Is.EqualTo("inlamnad"));
    }

    [Test]
    public void A_bolag_has_no_beredning_bodies_nor_ordforandebeslut()
    {
        var d = _host.Registry.Get("remissvar-bolag", 1);
        var i = HosVd();

        var ordforande = _host.Fire(i, "ordforandebeslut", Styrelsesekreterare, new { beslutsdatum = "2026-04-20" });

        Assert.Multiple(() =>
        {
            Assert.That(d.FindState("hos_beredningsorgan"), Is.Null);
            Assert.That(ordforande.Reason, Is.EqualTo(RefusalReason.UnknownTrigger));
            Assert.That(d.GetState("hos_forvaltningschef").Label, Is.EqualTo("Hos vd för godkännande"));
        });
    }

    [Test]
    public void A_bolag_may_avsta_and_ask_for_anstand()
    {
        var i = HosVd();
        _host.Do(i, "begar_anstand", BolagHandlaggare, new { onskatSvarsdatum = "2026-05-08", motivering = "Styrelsen möts i maj." });
        _host.Do(i, "bevilja_anstand", KsSamordnare, new { nyttSvarsdatum = "2026-05-08" });
        _host.Do(i, "avsta", Vd);

        Assert.Multiple(() =>
        {
            Assert.That(_subject.Svarsdatum, Is.EqualTo(new DateOnly(2026, 5, 8)));
            Assert.That(i.State, Is.EqualTo("avstatt"));
        });
    }
}

public class RemissvarExternTests
{
    private static readonly Guid Forening = Guid.Parse("00000000-0000-0000-0000-0000000e0005");

    private TestHost _host = null!;
    private TestSubject _subject = null!;

    [SetUp]
    public void SetUp()
    {
        _host = new TestHost(new DateTimeOffset(2026, 3, 17, 8, 0, 0, TimeSpan.Zero));
        _subject = new TestSubject("Remissvar", Forening, Ks, new DateOnly(2026, 4, 24));
    }

    [Test]
    public void The_answer_arrives_and_KS_registers_it()
    {
        var i = _host.Start("remissvar-extern", _subject);
        Assert.That(_host.TimerNames(i), Is.EqualTo(new[] { "paminnelse_instans", "svarsdatum_ks" }));

        _host.Clock.Set(new DateTimeOffset(2026, 4, 17, 6, 0, 0, TimeSpan.Zero));
        var reminded = _host.RunDueTimers();
        _host.Do(i, "registrera_svar", KsRegistrator, new { dokumentId = Guid.NewGuid() });

        Assert.Multiple(() =>
        {
            Assert.That(reminded, Is.EqualTo(new[] { "paminn_instans" }));
            Assert.That(i.State, Is.EqualTo("inlamnad"));
            Assert.That(_host.BookmarksOf(i), Is.Empty);
        });
    }

    [Test]
    public void The_organisation_declines()
    {
        var i = _host.Start("remissvar-extern", _subject);

        _host.Do(i, "avsta", KsSamordnare);

        Assert.That(i.State, Is.EqualTo("avstatt"));
    }

    [Test]
    public void Anstand_granted_by_KS_reschedules_and_a_late_answer_escalates()
    {
        var i = _host.Start("remissvar-extern", _subject);
        _host.Do(i, "bevilja_anstand", KsRegistrator, new { nyttSvarsdatum = "2026-05-04" });
        Assert.That(_host.Timer(i, "svarsdatum_ks")!.ResumeAt, Is.EqualTo(new DateTimeOffset(2026, 5, 4, 14, 0, 0, TimeSpan.Zero)));

        _host.Clock.Set(new DateTimeOffset(2026, 5, 4, 14, 0, 0, TimeSpan.Zero));
        var fired = _host.RunDueTimers();

        Assert.Multiple(() =>
        {
            Assert.That(fired, Is.EqualTo(new[] { "paminn_instans", "eskalera_till_ks" }));
            Assert.That(_host.ActionsOf("eskalera_till_ks"), Is.EqualTo(new[] { "notify.ks" }));
            Assert.That(i.State, Is.EqualTo("utskickad"));
        });
    }

    [Test]
    public void Nobody_outside_KS_registers_the_answer()
    {
        var i = _host.Start("remissvar-extern", _subject);

        var result = _host.Fire(i, "registrera_svar", Registrator, new { dokumentId = Guid.NewGuid() });

        Assert.That(result.Message, Is.EqualTo("”Registrera inkommet svar” får bara göras av den organisation som skickade remissen."));
    }
}
