using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RemissFlow.Core.Features.Remissvar;

namespace RemissFlow.Core.Background;

public sealed record BackgroundOptions(TimeSpan PollInterval, TimeSpan Lease, string HostName)
{
    public static BackgroundOptions Default { get; } = new(TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(2), HostId());

    /// <summary>A claim owner unique to one app node, even for two nodes in one process (the cluster tests run two hosts).</summary>
    public static BackgroundOptions ForNode(string? nodeName) => Default with { HostName = HostId(nodeName) };

    /// <summary>
    /// With a poll interval and a lease other than the defaults (seconds; null keeps the default): <c>bench cluster</c>
    /// shortens both so a node killed in a one-minute run has its claims lapse within the run.
    /// </summary>
    public static BackgroundOptions ForNode(string? nodeName, double? pollSeconds, double? leaseSeconds) => ForNode(nodeName) with
    {
        PollInterval = pollSeconds is > 0 ? TimeSpan.FromSeconds(pollSeconds.Value) : Default.PollInterval,
        Lease = leaseSeconds is > 0 ? TimeSpan.FromSeconds(leaseSeconds.Value) : Default.Lease,
    };

    private static string HostId(string? nodeName = null)
    {
        var id = $"{nodeName ?? Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        return id.Length <= 100 ? id : id[^100..];
    }
}

/// <summary>
/// Fires due workflow timers. Timers are rows, so they survive restarts. Each due row is first
/// claimed with a lease (on PostgreSQL with SKIP LOCKED, so several app instances never take the
/// same row); firing is idempotent, so a claim that outlives a crash only delays the timer.
/// </summary>
public sealed partial class TimerPoller(IServiceScopeFactory scopes, TimeProvider clock, BackgroundOptions options, BackgroundHeartbeats heartbeats, ILogger<TimerPoller> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
                heartbeats.Beat(nameof(TimerPoller), clock.GetUtcNow());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPollFailed(log, e);
            }

            await Task.Delay(options.PollInterval, clock, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (ExecuteTask is null or { IsCompleted: true })
        {
            await BackgroundTelemetry.ReleaseClaimsAsync(scopes, options.HostName, cancellationToken);
        }
    }

    /// <summary>Claims and fires every timer due now; returns how many fired.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var fired = 0;
        while (true)
        {
            var claimed = await ClaimAsync(20, ct);
            if (claimed.Count == 0)
            {
                return fired;
            }

            foreach (var id in claimed)
            {
                using var activity = BackgroundTelemetry.Source.StartActivity("timer.fire");
                activity?.SetTag("remissflow.bookmark", id);
                var result = await FireAsync(id, ct);
                activity?.SetTag("remissflow.outcome", result.Succeeded ? result.Value.ToString() : "refused");
                if (result.Succeeded && result.Value == RemissFlow.Workflows.Runtime.FireOutcome.Fired)
                {
                    fired++;
                    BackgroundTelemetry.TimersFired.Add(1);
                }
                else if (!result.Succeeded)
                {
                    LogRefused(log, id, result.Refusal!.Message);
                }
            }
        }
    }

    /// <summary>
    /// Two hosts may fire two timers of the same instance at once (each claimed its own row): the
    /// later commit meets the earlier one's new Sequence and is refused as stale, or collides on the
    /// execution log's (instance, sequence) key. Nothing of it was committed, so firing again on a
    /// fresh scope sees the new state; without the retry the timer would wait for its lease to lapse.
    /// </summary>
    private async Task<Result<RemissFlow.Workflows.Runtime.FireOutcome>> FireAsync(Guid bookmarkId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var scope = scopes.CreateScope();
                var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new FireDueTimer.Command(bookmarkId), ct);
                if (result.Succeeded || result.Refusal!.Kind != RefusalKind.Conflict || attempt == 3)
                {
                    return result;
                }
            }
            catch (DbUpdateException) when (attempt < 3)
            {
            }
        }
    }

    public async Task<IReadOnlyList<Guid>> ClaimAsync(int batch, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>();
        var now = clock.GetUtcNow();
        var until = now + options.Lease;
        if (db.IsPostgres)
        {
            return await db.Database.SqlQuery<Guid>($"""
                UPDATE workflow_bookmarks SET "ClaimedBy" = {options.HostName}, "ClaimedUntil" = {until}
                WHERE "Id" IN (
                    SELECT "Id" FROM workflow_bookmarks
                    WHERE "Kind" = 'timer' AND "ResumeAt" <= {now} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" <= {now})
                    ORDER BY "ResumeAt" LIMIT {batch}
                    FOR UPDATE SKIP LOCKED)
                RETURNING "Id" AS "Value"
                """).ToListAsync(ct);
        }

        // SQLite has one writer at a time, so the UPDATE itself is the claim.
        var gate = scope.ServiceProvider.GetRequiredService<WriteGate>();
        using var turn = await gate.EnterAsync(db, ct);
        return await db.Database.SqlQuery<Guid>($"""
            UPDATE workflow_bookmarks SET "ClaimedBy" = {options.HostName}, "ClaimedUntil" = {until.UtcTicks}
            WHERE "Id" IN (
                SELECT "Id" FROM workflow_bookmarks
                WHERE "Kind" = 'timer' AND "ResumeAt" <= {now.UtcTicks} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" <= {now.UtcTicks})
                ORDER BY "ResumeAt" LIMIT {batch})
            RETURNING "Id" AS "Value"
            """).ToListAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer poll failed")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {Bookmark} was refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, Guid bookmark, string reason);
}

/// <summary>When each background service last completed a round; /healthz reads it.</summary>
public sealed class BackgroundHeartbeats
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _beats = new();

    public void Beat(string service, DateTimeOffset at) => _beats[service] = at;

    public IReadOnlyDictionary<string, DateTimeOffset> Snapshot() => new Dictionary<string, DateTimeOffset>(_beats);
}
