using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Background;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Lifecycle;
using RemissFlow.Core.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Tests.WorkflowOps;

/// <summary>
/// Reminder and escalation timers on a real database with a fake clock: exact resume times (the
/// Swedish working-day calendar, 08:00 and 16:00 Stockholm time), once each, across a restart,
/// moved by an anstånd, and only for instanser that have not answered.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class TimerTests(DatabaseProvider provider)
{
    private static readonly DateOnly Svarsdatum = new(2026, 4, 24);

    // 10 working days before Friday 24 April 2026 (långfredag 3 April and annandag påsk 6 April lie
    // further back) is Friday 10 April; 08:00 in Stockholm in April is 06:00 UTC.
    private static readonly DateTimeOffset HandlaggareReminder = new(2026, 4, 10, 6, 0, 0, TimeSpan.Zero);

    private TestApp _app = null!;
    private Scenario _s = null!;

    [SetUp]
    public async Task Start()
    {
        _app = await TestApp.StartAsync(provider);
        _s = await Scenario.BuildAsync(_app);
    }

    [TearDown]
    public async Task Stop() => await _app.DisposeAsync();

    /// <summary>SF's answer, registered and assigned: the state where the handläggare's reminder runs.</summary>
    private async Task<(Guid Remiss, Guid Svar)> AssignedAsync(params Guid[] more)
    {
        var remiss = await _s.SendRemissAsync(Svarsdatum, [_s.Sf, .. more]);
        var svar = (await _s.SvarAsync(remiss, _s.Sf)).Id;
        await _app.Ok(_s["sf.reg"], new RegisterRemissvar.Command(svar));
        await _app.Ok(_s["sf.reg"], new AssignHandlaggare.Command(svar, _s["sf.hl"].UserId!.Value));
        return (remiss, svar);
    }

    private Task<List<string>> RemindersFor(string person) =>
        _app.Query(db => db.Notiser.Where(n => n.UserId == _s[person].UserId && n.Rubrik.StartsWith("Påminnelse")).Select(n => n.Rubrik).ToListAsync());

    private Task<Dictionary<string, DateTimeOffset>> TimersOf(Guid svar) =>
        _app.Query(async db =>
        {
            var instance = await db.WorkflowInstances.SingleAsync(i => i.SubjectId == svar);
            var timers = await db.WorkflowBookmarks.Where(b => b.InstanceId == instance.Id && b.Kind == BookmarkKinds.Timer).ToListAsync();
            return timers.ToDictionary(b => b.Name, b => b.ResumeAt!.Value.ToUniversalTime());
        });

    private Task<List<WorkflowBookmark>> StateBookmarksOf(Guid svar) =>
        _app.Query(async db =>
        {
            var instance = await db.WorkflowInstances.SingleAsync(i => i.SubjectId == svar);
            return await db.WorkflowBookmarks.AsNoTracking().Where(b => b.InstanceId == instance.Id && b.Kind == BookmarkKinds.State).ToListAsync();
        });

    [Test]
    public async Task A_state_change_rewrites_the_state_bookmark_in_place_and_leaves_the_timers_alone()
    {
        var (_, svar) = await AssignedAsync();
        var before = (await StateBookmarksOf(svar)).Single();
        var timers = await TimersOf(svar);
        Assert.That(before.Name, Is.EqualTo("tilldelad"));

        _app.Clock.Advance(TimeSpan.FromHours(2));
        await _app.Ok(_s["sf.hl"], new FireRemissvarTrigger.Command(svar, "paborja_beredning"));

        var after = (await StateBookmarksOf(svar)).Single();
        Assert.That(after.Id, Is.EqualTo(before.Id), "the row was deleted and inserted instead of updated");
        Assert.That(after.Name, Is.EqualTo("under_beredning"));
        Assert.That(after.CreatedAt.ToUniversalTime(), Is.EqualTo(_app.Clock.GetUtcNow().ToUniversalTime()).Within(TimeSpan.FromSeconds(1)));
        Assert.That(after.ResumeAt, Is.Null);
        Assert.That(await TimersOf(svar), Is.EquivalentTo(timers));

        // A terminal state has no state bookmark: the rewritten row goes, with the timers.
        await _app.Ok(_s["sf.chef"], new FireRemissvarTrigger.Command(svar, "avsta"));
        Assert.That(await StateBookmarksOf(svar), Is.Empty);
        Assert.That(await TimersOf(svar), Is.Empty);
    }

    [Test]
    public async Task The_handlaggare_reminder_fires_at_0800_Stockholm_ten_working_days_before_svarsdatum_once()
    {
        var (_, svar) = await AssignedAsync();
        var poller = _app.Get<TimerPoller>();
        Assert.That((await TimersOf(svar))["paminnelse_handlaggare"], Is.EqualTo(HandlaggareReminder));

        _app.Clock.Set(HandlaggareReminder - TimeSpan.FromMinutes(1));
        Assert.That(await poller.RunOnceAsync(CancellationToken.None), Is.Zero);
        Assert.That(await RemindersFor("sf.hl"), Is.Empty);

        _app.Clock.Set(HandlaggareReminder);
        Assert.That(await poller.RunOnceAsync(CancellationToken.None), Is.EqualTo(1));
        Assert.That(await RemindersFor("sf.hl"), Is.EqualTo(new[] { "Påminnelse: SF 2026/1 ska besvaras senast 24 april 2026" }));

        _app.Clock.Advance(TimeSpan.FromHours(1));
        Assert.That(await poller.RunOnceAsync(CancellationToken.None), Is.Zero);
        Assert.That(await RemindersFor("sf.hl"), Has.Count.EqualTo(1));
        Assert.That((await TimersOf(svar)).ContainsKey("paminnelse_handlaggare"), Is.False);
        var log = await _app.Query(db => db.WorkflowLog.CountAsync(l => l.Trigger == "paminn_handlaggare"));
        Assert.That(log, Is.EqualTo(1));
    }

    [Test]
    public async Task Timers_survive_a_restart_and_fire_on_the_new_host()
    {
        var (_, svar) = await AssignedAsync();

        // The first process stops here; a new one starts on the same database.
        await using var restarted = _app.AnotherHost("host-after-restart");
        await Startup.PrepareAsync(restarted.Services);
        _app.Clock.Set(HandlaggareReminder);
        Assert.That(await restarted.Get<TimerPoller>().RunOnceAsync(CancellationToken.None), Is.EqualTo(1));

        Assert.That(await RemindersFor("sf.hl"), Has.Count.EqualTo(1));
        var fired = await _app.Query(db => db.WorkflowLog.Where(l => l.Trigger == "paminn_handlaggare").Select(l => l.ActorName).SingleAsync());
        Assert.That(fired, Is.EqualTo(WorkflowActor.System.Name));
        Assert.That((await TimersOf(svar)).Keys, Is.EquivalentTo(new[] { "paminnelse_namndsekreterare", "svarsdatum_ks" }));
    }

    [Test]
    public async Task A_granted_anstand_moves_every_reminder_to_the_new_svarsdatum()
    {
        var (_, svar) = await AssignedAsync();
        await _app.Ok(_s["sf.hl"], new RequestAnstand.Command(svar, new DateOnly(2026, 5, 15), "Nämnden sammanträder först i maj."));
        await _app.Ok(_s["ks.reg"], new DecideAnstand.Command(svar, true, new DateOnly(2026, 5, 15), "Beviljas."));

        // 15 May 2026 is a Friday; Kristi himmelfärdsdag (14 May) and första maj are not working days.
        Assert.That(await TimersOf(svar), Is.EquivalentTo(new Dictionary<string, DateTimeOffset>
        {
            ["paminnelse_handlaggare"] = new(2026, 4, 29, 6, 0, 0, TimeSpan.Zero),
            ["paminnelse_namndsekreterare"] = new(2026, 5, 7, 6, 0, 0, TimeSpan.Zero),
            ["svarsdatum_ks"] = new(2026, 5, 15, 14, 0, 0, TimeSpan.Zero),
        }));

        var poller = _app.Get<TimerPoller>();
        _app.Clock.Set(HandlaggareReminder);
        Assert.That(await poller.RunOnceAsync(CancellationToken.None), Is.Zero, "the old reminder date must be gone");
        _app.Clock.Set(new DateTimeOffset(2026, 4, 29, 6, 0, 0, TimeSpan.Zero));
        await poller.RunOnceAsync(CancellationToken.None);

        // The anstånd is SF's alone: the remiss's own svarstid (24 April) still ran out for KS.
        var since = HandlaggareReminder;
        var fired = await _app.Query(db => db.WorkflowLog.Where(l => l.At >= since).Select(l => l.Trigger).ToListAsync());
        Assert.That(fired, Is.EquivalentTo(new[] { "paminn_handlaggare", "svarstiden_gick_ut" }));
        Assert.That(await RemindersFor("sf.hl"), Is.EqualTo(new[] { "Påminnelse: SF 2026/1 ska besvaras senast 15 maj 2026" }));
    }

    [Test]
    public async Task On_svarsdatum_at_1600_KS_hears_of_the_instans_that_has_not_answered_and_not_of_the_one_that_has()
    {
        var (remiss, _) = await AssignedAsync(_s.Sof);
        var sof = (await _s.SvarAsync(remiss, _s.Sof)).Id;
        await _app.Ok(_s["sof.reg"], new RegisterRemissvar.Command(sof));
        await _app.Ok(_s["sof.chef"], new FireRemissvarTrigger.Command(sof, "avsta"));
        var poller = _app.Get<TimerPoller>();
        var escalation = new DateTimeOffset(2026, 4, 24, 14, 0, 0, TimeSpan.Zero);
        Task<List<string>> KsHeard() => _app.Query(db => db.Notiser
            .Where(n => n.UserId == _s["ks.sam"].UserId && n.Rubrik.Contains("har inte svarat")).Select(n => n.Rubrik).ToListAsync());

        _app.Clock.Set(escalation - TimeSpan.FromMinutes(1));
        await poller.RunOnceAsync(CancellationToken.None);
        Assert.That(await KsHeard(), Is.Empty);

        _app.Clock.Set(escalation);
        await poller.RunOnceAsync(CancellationToken.None);
        await poller.RunOnceAsync(CancellationToken.None);
        Assert.That(await KsHeard(), Is.EqualTo(new[] { "Servicenämnden har inte svarat på KS 2026/1" }));
        Assert.That(await _app.Query(db => db.WorkflowLog.CountAsync(l => l.Trigger == "eskalera_till_ks")), Is.EqualTo(1));
    }

    [Test]
    public async Task A_claim_left_by_a_crashed_host_is_fired_by_another_host_after_the_lease()
    {
        await AssignedAsync();
        _app.Clock.Set(HandlaggareReminder);
        await using var crashed = _app.AnotherHost("host-crashed");
        await using var survivor = _app.AnotherHost("host-survivor");

        // The crashed host claimed the due timer and died before firing it.
        Assert.That(await crashed.Get<TimerPoller>().ClaimAsync(20, CancellationToken.None), Has.Count.EqualTo(1));
        Assert.That(await survivor.Get<TimerPoller>().RunOnceAsync(CancellationToken.None), Is.Zero, "the lease still holds");
        Assert.That(await RemindersFor("sf.hl"), Is.Empty);

        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.That(await survivor.Get<TimerPoller>().RunOnceAsync(CancellationToken.None), Is.EqualTo(1));
        Assert.That(await survivor.Get<TimerPoller>().RunOnceAsync(CancellationToken.None), Is.Zero);
        Assert.That(await RemindersFor("sf.hl"), Has.Count.EqualTo(1));
        Assert.That(await _app.Query(db => db.WorkflowLog.CountAsync(l => l.Trigger == "paminn_handlaggare")), Is.EqualTo(1));
    }
}
