using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Lifecycle;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Foundation;

/// <summary>
/// SQLite: a command reads without holding the process's write turn and takes it at its first
/// write. These tests hold the turn themselves to make the interleavings happen on purpose.
/// </summary>
public sealed class WriteTurnTests
{
    private TestApp _app = null!;
    private Scenario _s = null!;

    [SetUp]
    public async Task Start()
    {
        _app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        _s = await Scenario.BuildAsync(_app);
    }

    [TearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private async Task<IDisposable> HoldWriteTurnAsync()
    {
        using var scope = _app.Services.CreateScope();
        return await _app.Services.GetRequiredService<WriteGate>().EnterAsync(scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>(), CancellationToken.None);
    }

    private async Task<Guid> RegisteredSvarAsync()
    {
        var remiss = await _s.SendRemissAsync(new DateOnly(2026, 4, 24), _s.Sf);
        var svar = await _s.SvarAsync(remiss, _s.Sf);
        await _app.Ok(_s["sf.reg"], new RegisterRemissvar.Command(svar.Id));
        await _app.Ok(_s["sf.reg"], new AssignHandlaggare.Command(svar.Id, _s["sf.hl"].UserId!.Value));
        return svar.Id;
    }

    [Test]
    public async Task A_command_that_changes_nothing_does_not_wait_for_the_write_turn()
    {
        var svar = await RegisteredSvarAsync();
        using var held = await HoldWriteTurnAsync();

        // Refused by the workflow (wrong state): it only read, so it answers while someone else writes.
        var refused = _app.Send(_s["sf.chef"], new FireRemissvarTrigger.Command(svar, "godkann"));
        var finished = await Task.WhenAny(refused, Task.Delay(TimeSpan.FromSeconds(10)));

        Assert.That(finished, Is.SameAs(refused), "the refusal waited for the write turn");
        Assert.That((await refused).Refusal!.Kind, Is.EqualTo(RefusalKind.InvalidState));
    }

    [Test]
    public async Task A_changing_command_waits_for_the_turn_and_then_commits()
    {
        var svar = await RegisteredSvarAsync();
        var held = await HoldWriteTurnAsync();

        var started = _app.Send(_s["sf.hl"], new FireRemissvarTrigger.Command(svar, "paborja_beredning"));
        await Task.Delay(300);
        Assert.That(started.IsCompleted, Is.False, "the write went ahead without its turn");
        Assert.That(await _app.Query(db => db.Remissvar.Where(r => r.Id == svar).Select(r => r.Status).SingleAsync()), Is.EqualTo("tilldelad"));

        held.Dispose();
        Assert.That((await started).Value, Is.EqualTo("under_beredning"));
        Assert.That(await _app.Query(db => db.Remissvar.Where(r => r.Id == svar).Select(r => r.Status).SingleAsync()), Is.EqualTo("under_beredning"));
    }

    [Test]
    public async Task Two_commands_that_read_the_same_version_one_commits_the_other_gets_the_conflict_refusal()
    {
        var svar = await RegisteredSvarAsync();
        var handlaggare = _s["sf.hl"];
        var held = await HoldWriteTurnAsync();

        // Both read version N of the ärende while the turn is taken, then queue for it.
        var first = _app.Send(handlaggare, new FireRemissvarTrigger.Command(svar, "paborja_beredning"));
        var second = _app.Send(_s["sf.reg"], new AssignHandlaggare.Command(svar, handlaggare.UserId!.Value));
        await Task.Delay(300);
        held.Dispose();
        var results = await Task.WhenAll(first, second);

        Assert.That(results.Count(r => r.Succeeded), Is.EqualTo(1), string.Join("; ", results.Select(r => r.Refusal?.Message)));
        var loser = results.Single(r => !r.Succeeded).Refusal!;
        Assert.That(loser.Kind, Is.EqualTo(RefusalKind.Conflict));
        Assert.That(loser, Is.EqualTo(Refusal.StaleVersion));

        using var scope = _app.Services.CreateScope();
        var verified = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
        Assert.That(verified.Intact, Is.True, verified.ToString());
    }

    [Test]
    public async Task A_raw_write_before_taking_the_turn_fails_loudly_and_writes_nothing()
    {
        var svar = await RegisteredSvarAsync();
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>();
        db.TakeWriteTurn = _ => Task.CompletedTask;
        try
        {
            var error = Assert.ThrowsAsync<InvalidOperationException>(() =>
                db.Database.ExecuteSqlAsync($"UPDATE remissvar SET \"Status\" = 'avstatt' WHERE \"Id\" = {svar}"));
            Assert.That(error!.Message, Does.Contain("BeginWritingAsync"));
        }
        finally
        {
            db.TakeWriteTurn = null;
        }

        Assert.That(await _app.Query(db => db.Remissvar.Where(r => r.Id == svar).Select(r => r.Status).SingleAsync()), Is.EqualTo("tilldelad"));
    }
}
