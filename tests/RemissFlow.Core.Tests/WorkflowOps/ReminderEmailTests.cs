using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Background;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Notifications;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Lifecycle;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.WorkflowOps;

/// <summary>
/// A reminder timer reaches the handläggare twice: in the inbox, and by e-mail through a real SMTP
/// listener via the outbox — at the right fake-clock time, once, also across a restart and an outage.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class ReminderEmailTests(DatabaseProvider provider)
{
    private const string Subject = "Påminnelse: SF 2026/1 ska besvaras senast 24 april 2026";
    private static readonly DateTimeOffset ReminderAt = new(2026, 4, 10, 6, 0, 0, TimeSpan.Zero);

    private TestSmtpServer _server = null!;
    private TestApp _app = null!;
    private Scenario _s = null!;

    [SetUp]
    public async Task Start()
    {
        _server = TestSmtpServer.Start();
        _app = await TestApp.StartAsync(provider, smtp: new SmtpOptions("127.0.0.1", _server.Port, "remissflow@example.test") { Timeout = TimeSpan.FromSeconds(10) });
        _s = await Scenario.BuildAsync(_app);
        var remiss = await _s.SendRemissAsync(new DateOnly(2026, 4, 24), _s.Sf);
        var svar = (await _s.SvarAsync(remiss, _s.Sf)).Id;
        await _app.Ok(_s["sf.reg"], new RegisterRemissvar.Command(svar));
        await _app.Ok(_s["sf.reg"], new AssignHandlaggare.Command(svar, _s["sf.hl"].UserId!.Value));

        // Everything queued before the reminder (assignment, KS notices) goes out first, so the tests below see only the reminder.
        await _app.Get<OutboxSender>().RunOnceAsync(CancellationToken.None);
        Assert.That(_server.Messages.Where(m => m.Subject == Subject), Is.Empty);
    }

    [TearDown]
    public async Task Stop()
    {
        await _app.DisposeAsync();
        await _server.DisposeAsync();
    }

    private List<ReceivedEmail> Reminders() => _server.Messages.Where(m => m.Subject == Subject).ToList();

    private Task<UtgaendeEpost> OutboxRow() => _app.Query(db => db.UtgaendeEpost.AsNoTracking().SingleAsync(m => m.Rubrik == Subject));

    private Task<int> InboxCount() => _app.Query(db => db.Notiser.CountAsync(n => n.UserId == _s["sf.hl"].UserId && n.Rubrik == Subject));

    [Test]
    public async Task The_reminder_arrives_in_the_inbox_and_by_SMTP_at_its_time_once_with_Swedish_text_intact()
    {
        var timers = _app.Get<TimerPoller>();
        var outbox = _app.Get<OutboxSender>();
        _app.Clock.Set(ReminderAt - TimeSpan.FromMinutes(1));
        await timers.RunOnceAsync(CancellationToken.None);
        await outbox.RunOnceAsync(CancellationToken.None);
        Assert.That((await InboxCount(), Reminders().Count), Is.EqualTo((0, 0)));

        _app.Clock.Set(ReminderAt);
        await timers.RunOnceAsync(CancellationToken.None);
        Assert.That(await outbox.RunOnceAsync(CancellationToken.None), Is.EqualTo(1));
        _app.Clock.Advance(TimeSpan.FromHours(2));
        await timers.RunOnceAsync(CancellationToken.None);
        await outbox.RunOnceAsync(CancellationToken.None);

        Assert.That(await InboxCount(), Is.EqualTo(1));
        var mail = Reminders().Single();
        Assert.Multiple(() =>
        {
            Assert.That(mail.RcptTo, Is.EqualTo(new[] { "sf.hl@example.test" }));
            Assert.That(mail.Subject, Is.EqualTo(Subject));
            Assert.That(mail.TextBody, Does.Contain("Remissen Handlingsplan för ett jämställt Stockholm 2030 ska besvaras senast 24 april 2026."));
            Assert.That(mail.TextBody, Does.Contain("Öppna ärendet i RemissFlow: /arenden/"));
        });
    }

    [Test]
    public async Task Queued_before_a_restart_and_sent_by_the_next_process_once()
    {
        _app.Clock.Set(ReminderAt);
        await _app.Get<TimerPoller>().RunOnceAsync(CancellationToken.None);
        Assert.That((await OutboxRow()).SentAt, Is.Null);

        // The process that queued the e-mail stops; the next one sends it.
        await using var restarted = _app.AnotherHost("host-after-restart");
        Assert.That(await restarted.Get<OutboxSender>().RunOnceAsync(CancellationToken.None), Is.EqualTo(1));
        Assert.That(await restarted.Get<OutboxSender>().RunOnceAsync(CancellationToken.None), Is.Zero);
        Assert.That(await _app.Get<OutboxSender>().RunOnceAsync(CancellationToken.None), Is.Zero);

        Assert.That(Reminders(), Has.Count.EqualTo(1));
        Assert.That((await OutboxRow()).SentAt, Is.EqualTo(ReminderAt));
    }

    [Test]
    public async Task An_SMTP_outage_is_retried_after_the_backoff_and_delivers_exactly_once()
    {
        var outbox = _app.Get<OutboxSender>();
        _app.Clock.Set(ReminderAt);
        await _app.Get<TimerPoller>().RunOnceAsync(CancellationToken.None);

        _server.RefuseConnections();
        Assert.That(await outbox.RunOnceAsync(CancellationToken.None), Is.Zero);
        var failed = await OutboxRow();
        Assert.Multiple(() =>
        {
            Assert.That(failed.Attempts, Is.EqualTo(1));
            Assert.That(failed.SentAt, Is.Null);
            Assert.That(failed.LastError, Is.Not.Null.And.Not.Empty);
            Assert.That(failed.NextAttemptAt, Is.EqualTo(ReminderAt + OutboxSender.Backoff(1)));
        });

        _server.Recover();
        Assert.That(await outbox.RunOnceAsync(CancellationToken.None), Is.Zero, "not before the backoff");
        Assert.That(Reminders(), Is.Empty);

        _app.Clock.Advance(OutboxSender.Backoff(1));
        Assert.That(await outbox.RunOnceAsync(CancellationToken.None), Is.EqualTo(1));
        _app.Clock.Advance(TimeSpan.FromHours(1));
        Assert.That(await outbox.RunOnceAsync(CancellationToken.None), Is.Zero);
        Assert.That(Reminders(), Has.Count.EqualTo(1));
        Assert.That((await OutboxRow()).Attempts, Is.EqualTo(2));
    }

    [Test]
    public async Task A_server_that_hangs_up_on_QUIT_after_accepting_has_the_message_once_and_it_is_not_sent_again()
    {
        var outbox = _app.Get<OutboxSender>();
        _app.Clock.Set(ReminderAt);
        await _app.Get<TimerPoller>().RunOnceAsync(CancellationToken.None);

        _server.HangUpOnQuit();
        Assert.That(await outbox.RunOnceAsync(CancellationToken.None), Is.EqualTo(1));
        _app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.That(await outbox.RunOnceAsync(CancellationToken.None), Is.Zero);

        var row = await OutboxRow();
        Assert.Multiple(() =>
        {
            Assert.That(Reminders(), Has.Count.EqualTo(1));
            Assert.That(row.SentAt, Is.EqualTo(ReminderAt));
            Assert.That(row.LastError, Is.Null);
            Assert.That(row.AvbrutnaForsok, Is.Zero);
        });
    }

    [Test]
    public async Task A_claim_left_by_a_host_that_died_mid_send_is_counted_and_the_resend_keeps_the_Message_ID()
    {
        _app.Clock.Set(ReminderAt);
        await _app.Get<TimerPoller>().RunOnceAsync(CancellationToken.None);
        var id = (await OutboxRow()).Id;

        // What a host killed between its claim and its record leaves behind: the claim, no outcome.
        await _app.Query(db => db.UtgaendeEpost.Where(m => m.Id == id).ExecuteUpdateAsync(u => u
            .SetProperty(m => m.ClaimedBy, "host-that-died").SetProperty(m => m.ClaimedUntil, ReminderAt + TimeSpan.FromMinutes(2))));
        await using var survivor = _app.AnotherHost("host-that-lived");
        Assert.That(await survivor.Get<OutboxSender>().RunOnceAsync(CancellationToken.None), Is.Zero, "not while the claim holds");

        _app.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.That(await survivor.Get<OutboxSender>().RunOnceAsync(CancellationToken.None), Is.EqualTo(1));
        var row = await OutboxRow();
        Assert.Multiple(() =>
        {
            Assert.That(row.AvbrutnaForsok, Is.EqualTo(1));
            Assert.That(row.ClaimedBy, Is.EqualTo("host-that-lived"));
            Assert.That(Reminders().Single().Header("Message-ID"), Is.EqualTo($"<{id:D}@remissflow>"));
        });
    }

    [Test]
    public async Task A_permanent_550_rejection_is_recorded_and_not_retried()
    {
        var outbox = _app.Get<OutboxSender>();
        _app.Clock.Set(ReminderAt);
        await _app.Get<TimerPoller>().RunOnceAsync(CancellationToken.None);

        _server.RejectMail(550);
        Assert.That(await outbox.RunOnceAsync(CancellationToken.None), Is.Zero);
        var rejected = await OutboxRow();
        Assert.That(rejected.Attempts, Is.EqualTo(OutboxSender.MaxAttempts));
        // The reply code and the server's own text (System.Net.Mail used to put its "Mailbox unavailable" there).
        Assert.That(rejected.LastError, Does.Contain("550 Requested action aborted"));

        _server.Recover();
        _app.Clock.Advance(TimeSpan.FromDays(2));
        Assert.That(await outbox.RunOnceAsync(CancellationToken.None), Is.Zero);
        Assert.That(Reminders(), Is.Empty);
        Assert.That(await InboxCount(), Is.EqualTo(1), "the inbox notice stands even when the e-mail could not be sent");
    }
}
