using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RemissFlow.Web.Hosting;

/// <summary>Answers with a real query against the schema, not just an open connection: a database without our tables is not healthy.</summary>
public sealed class DatabaseHealthCheck(RemissFlowDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var organisations = await db.Organisationer.CountAsync(cancellationToken);
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            return HealthCheckResult.Healthy($"{(db.IsPostgres ? "PostgreSQL" : "SQLite")} svarar.", new Dictionary<string, object>
            {
                ["provider"] = db.IsPostgres ? "postgres" : "sqlite",
                ["organisationer"] = organisations,
                ["millisekunder"] = Math.Round(elapsed.TotalMilliseconds, 1),
            });
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("Databasen svarar inte.", ex);
        }
    }
}

public sealed class BackgroundServicesHealthCheck(HeartbeatRegistry heartbeats) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var entries = heartbeats.Snapshot();
        var data = entries.ToDictionary(e => e.Name, e => (object)new
        {
            senast = e.LastBeat,
            intervallSekunder = e.Interval.TotalSeconds,
            fel = e.LastError,
            aktuell = !heartbeats.IsStale(e),
        });
        var stale = entries.Where(heartbeats.IsStale).Select(e => e.Name).ToList();
        return Task.FromResult(stale.Count == 0
            ? HealthCheckResult.Healthy($"{entries.Count} bakgrundstjänst(er) rapporterar.", data)
            : HealthCheckResult.Unhealthy($"Har inte rapporterat i tid: {string.Join(", ", stale)}.", data: data));
    }
}

/// <summary>
/// Unhealthy from the moment the host begins to stop: /readyz then answers 503, the load balancer sends no new
/// requests, and Kestrel finishes the ones it has (HostOptions.ShutdownTimeout, RemissFlow:ShutdownSeconds).
/// </summary>
public sealed class DrainingHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("Noden stängs ner och tar inte emot nya anrop.")
            : HealthCheckResult.Healthy("Noden tar emot anrop."));
}

public static class HealthEndpoint
{
    /// <summary>The checks /readyz runs: can this node serve a request now (its database answers, it is not stopping)?</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// /livez: the process answers at all, and nothing else, so a load balancer or orchestrator restarts only a node
    /// that is hung, never every node because their shared database is down.
    /// </summary>
    public static HealthCheckOptions Live { get; } = new()
    {
        Predicate = _ => false,
        ResponseWriter = WriteAsync,
    };

    /// <summary>/readyz: whether to send this node requests. A stale background service does not make it unready: another node's timers may be the ones running.</summary>
    public static HealthCheckOptions Ready { get; } = new()
    {
        Predicate = c => c.Tags.Contains(ReadyTag),
        ResponseWriter = WriteAsync,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    public static HealthCheckOptions Options { get; } = new()
    {
        ResponseWriter = WriteAsync,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
    };

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            totalMillisekunder = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            kontroller = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                beskrivning = e.Value.Description,
                data = e.Value.Data,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
