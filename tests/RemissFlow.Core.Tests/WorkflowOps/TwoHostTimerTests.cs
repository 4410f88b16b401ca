using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Background;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Lifecycle;
using RemissFlow.Core.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Tests.WorkflowOps;

/// <summary>
/// Two application instances polling one PostgreSQL at the same moment: SKIP LOCKED hands each due
/// timer to one of them, and every timer fires exactly once.
/// </summary>
public sealed class TwoHostTimerTests
{
    [Test]
    public async Task Two_hosts_polling_one_PostgreSQL_fire_every_due_timer_exactly_once()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Postgres);
        var s = await Scenario.BuildAsync(app);
        var svarsdatum = new DateOnly(2026, 4, 24);
        for (var i = 0; i < 7; i++)
        {
            // Per remiss: its own svarstid timer, the KS escalation of SF, SOF and the bolag, and the
            // extern organisation's reminder and escalation (two timers on one instance).
            await s.SendRemissAsync(svarsdatum, s.Sf, s.Sof, s.Bolag, s.Extern);
        }

        app.Clock.Set(new DateTimeOffset(2026, 4, 27, 10, 0, 0, TimeSpan.Zero));
        var now = app.Clock.GetUtcNow();
        var due = await app.Query(db => db.WorkflowBookmarks
            .Where(b => b.Kind == BookmarkKinds.Timer && b.ResumeAt <= now)
            .Select(b => new { b.InstanceId, b.Trigger })
            .ToListAsync());
        Assert.That(due, Has.Count.EqualTo(42));

        await using var hostB = app.AnotherHost("host-b");
        await using var hostC = app.AnotherHost("host-c");
        await Task.WhenAll(Startup.PrepareAsync(hostB.Services), Startup.PrepareAsync(hostC.Services));
        var pollerB = hostB.Get<TimerPoller>();
        var pollerC = hostC.Get<TimerPoller>();
        var fired = await Task.WhenAll(
            Task.Run(() => pollerB.RunOnceAsync(CancellationToken.None)),
            Task.Run(() => pollerC.RunOnceAsync(CancellationToken.None)));

        var timerTriggers = due.Select(d => d.Trigger!).Distinct().ToList();
        var log = await app.Query(db => db.WorkflowLog
            .Where(l => timerTriggers.Contains(l.Trigger))
            .GroupBy(l => new { l.InstanceId, l.Trigger })
            .Select(g => new { g.Key.InstanceId, g.Key.Trigger, Count = g.Count() })
            .ToListAsync());
        Assert.Multiple(() =>
        {
            Assert.That(fired.Sum(), Is.EqualTo(42), $"host-b fired {fired[0]}, host-c fired {fired[1]}");
            Assert.That(log.Select(l => (l.InstanceId, l.Trigger)), Is.EquivalentTo(due.Select(d => (d.InstanceId, d.Trigger!))));
            Assert.That(log.Select(l => l.Count), Is.All.EqualTo(1));
        });
        Assert.That(await app.Query(db => db.WorkflowBookmarks.CountAsync(b => b.Kind == BookmarkKinds.Timer && b.ResumeAt <= now)), Is.Zero);
        Assert.That(await pollerB.RunOnceAsync(CancellationToken.None) + await pollerC.RunOnceAsync(CancellationToken.None), Is.Zero);
    }
}
