using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace RemissFlow.Core.Background;

/// <summary>
/// Traces and counters of the work no request starts: timers fired and e-mail delivered. The names are what an
/// OpenTelemetry set-up subscribes to (the web host does, see Web/Hosting/Telemetry); without one they cost nothing.
/// </summary>
public static class BackgroundTelemetry
{
    public const string Name = "RemissFlow.Background";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> TimersFired = Meter.CreateCounter<long>("remissflow.timers.fired", description: "Workflow timers fired on this node");

    public static readonly Counter<long> EmailsSent = Meter.CreateCounter<long>("remissflow.outbox.sent", description: "E-mails the outbox delivered from this node");

    public static readonly Counter<long> EmailsFailed = Meter.CreateCounter<long>("remissflow.outbox.failed", description: "E-mail deliveries that failed (retried or given up)");

    public static readonly Counter<long> ClaimsReleased = Meter.CreateCounter<long>("remissflow.claims.released", description: "Timer and outbox claims handed back at shutdown");

    /// <summary>
    /// Hands back this node's claims when it stops cleanly, so another node takes the timers and e-mail at once
    /// instead of after the lease. Only once the service's loop has ended: a claim whose work is still running
    /// keeps its lease, or the work could be done twice.
    /// </summary>
    /// <remarks>
    /// Best effort: when the database is gone or the host is already torn down, the claims simply lapse with their
    /// lease, as after a crash, so a failure here must not fail the shutdown.
    /// </remarks>
    public static async Task ReleaseClaimsAsync(IServiceScopeFactory scopes, string hostName, CancellationToken ct)
    {
        try
        {
            await ReleaseAsync(scopes, hostName, ct);
        }
        catch (Exception e) when (e is ObjectDisposedException or System.Data.Common.DbException or InvalidOperationException or OperationCanceledException)
        {
        }
    }

    private static async Task ReleaseAsync(IServiceScopeFactory scopes, string hostName, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>();
        using var turn = await scope.ServiceProvider.GetRequiredService<WriteGate>().EnterAsync(db, ct);
        var timers = await db.WorkflowBookmarks.Where(b => b.ClaimedBy == hostName)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.ClaimedBy, (string?)null).SetProperty(b => b.ClaimedUntil, (DateTimeOffset?)null), ct);
        var emails = await db.UtgaendeEpost.Where(m => m.ClaimedBy == hostName && m.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), ct);
        ClaimsReleased.Add(timers + emails);
    }
}
