using System.Collections.Concurrent;

namespace RemissFlow.Web.Hosting;

/// <summary>
/// Background services report here after every successful round; /healthz calls a service
/// unhealthy when its last beat is older than twice its interval (plus a grace minute), so a
/// loop that hangs or keeps failing shows up even though its thread is still alive.
/// </summary>
public sealed class HeartbeatRegistry(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public sealed record Entry(string Name, TimeSpan Interval, DateTimeOffset RegisteredAt, DateTimeOffset? LastBeat, string? LastError);

    public void Register(string name, TimeSpan interval) =>
        _entries[name] = new Entry(name, interval, clock.GetUtcNow(), null, null);

    public void Beat(string name) =>
        _entries.AddOrUpdate(name, n => new Entry(n, TimeSpan.FromMinutes(1), clock.GetUtcNow(), clock.GetUtcNow(), null),
            (_, e) => e with { LastBeat = clock.GetUtcNow(), LastError = null });

    public void Failed(string name, string error) =>
        _entries.AddOrUpdate(name, n => new Entry(n, TimeSpan.FromMinutes(1), clock.GetUtcNow(), null, error),
            (_, e) => e with { LastError = error });

    public IReadOnlyList<Entry> Snapshot() => _entries.Values.OrderBy(e => e.Name, StringComparer.Ordinal).ToList();

    public bool IsStale(Entry entry)
    {
        var since = entry.LastBeat ?? entry.RegisteredAt;
        return clock.GetUtcNow() - since > (entry.Interval * 2) + TimeSpan.FromMinutes(1);
    }
}

/// <summary>A periodic background job that beats the <see cref="HeartbeatRegistry"/> after each successful round.</summary>
public abstract partial class HeartbeatService(HeartbeatRegistry heartbeats, ILogger logger) : BackgroundService
{
    protected abstract string Name { get; }

    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunOnceAsync(CancellationToken ct);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        heartbeats.Register(Name, Interval);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
                heartbeats.Beat(Name);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A failed round is reported, not fatal: the next round may succeed, and /healthz shows the gap meanwhile.
                heartbeats.Failed(Name, ex.Message);
                LogRoundFailed(logger, Name, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Background service {Service}: a round failed")]
    private static partial void LogRoundFailed(ILogger logger, string service, Exception ex);
}
