using System.Collections.Concurrent;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Oversikt;

/// <summary>
/// Keeps a rendered overview (the deadline board's JSON) until anything in the database changes. The key to
/// "anything changed" is the head of the audit log: every command that changes state must record an audit
/// event in the same transaction (<see cref="Mediation.TransactionStep"/> refuses otherwise), and the workflow
/// runner records one per step, so a new highest <c>handelser.Sequence</c> is exactly a committed change.
/// Reading that head is one primary-key lookup instead of the board's queries and plans. The date is part of
/// the key (plans are relative to today), and an entry also ages out after <see cref="MaxAge"/> as a safety net
/// for writes made outside the application (bulk loads, manual SQL). Thread-safe; one per process.
/// </summary>
public sealed class OversiktCache(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    private const int MaxEntries = 10_000;

    private sealed record Entry(long Stamp, DateOnly Today, DateTimeOffset At, object Value);

    private readonly ConcurrentDictionary<(string Kind, Guid Id), Entry> _entries = new();
    private readonly ConcurrentDictionary<(string Kind, Guid Id), SemaphoreSlim> _building = new();

    /// <summary>The current head of the audit log (0 when empty).</summary>
    public static async Task<long> StampAsync(RemissFlowDbContext db, CancellationToken ct) =>
        await db.Handelser.AsNoTracking().MaxAsync(h => (long?)h.Sequence, ct) ?? 0;

    public Task<byte[]> GetOrCreateAsync(string kind, Guid id, long stamp, Func<Task<byte[]>> create) => GetOrCreateAsync<byte[]>(kind, id, stamp, create);

    /// <summary>The same for a read model kept as an object; it is shared between requests, so it must not be changed after <paramref name="create"/> returns it.</summary>
    public async Task<T> GetOrCreateAsync<T>(string kind, Guid id, long stamp, Func<Task<T>> create)
        where T : class
    {
        var key = (kind, id);
        var today = StockholmTime.Today(clock);
        if (Fresh<T>(key, stamp, today) is { } hit)
        {
            return hit;
        }

        // One request builds while the others for the same board wait for it, instead of all building at once.
        var gate = _building.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            if (Fresh<T>(key, stamp, today) is { } built)
            {
                return built;
            }

            var value = await create();
            if (_entries.Count >= MaxEntries)
            {
                _entries.Clear();
            }

            _entries[key] = new Entry(stamp, today, clock.GetUtcNow(), value);
            return value;
        }
        finally
        {
            gate.Release();
        }
    }

    private T? Fresh<T>((string, Guid) key, long stamp, DateOnly today)
        where T : class =>
        _entries.TryGetValue(key, out var e) && e.Stamp == stamp && e.Today == today && clock.GetUtcNow() - e.At < MaxAge ? e.Value as T : null;
}
