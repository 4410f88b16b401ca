using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;

namespace RemissFlow.Web.Api.Idempotency;

/// <summary>
/// Keys in an <see cref="IDistributedCache"/> (in memory by default). Honest limits:
/// IDistributedCache has no atomic add, so claims are atomic only within this process, and the
/// in-memory cache forgets everything on restart. Use <see cref="DatabaseIdempotencyStore"/>
/// once its table exists (RemissFlow:Idempotency:Store = "database").
/// </summary>
public sealed class DistributedCacheIdempotencyStore(IDistributedCache cache, TimeProvider clock) : IIdempotencyStore
{
    private static readonly SemaphoreSlim ClaimLock = new(1, 1);

    private sealed record Entry(string RequestHash, DateTimeOffset ClaimedAt, StoredResponse? Response);

    private static string CacheKey(string scope, string key) => $"idempotens:{scope}:{key}";

    public async Task<IdempotencyClaim> TryClaimAsync(string scope, string key, string requestHash, DateTimeOffset expiresAt, CancellationToken ct)
    {
        await ClaimLock.WaitAsync(ct);
        try
        {
            var existing = await ReadAsync(scope, key, ct);
            if (existing is not null && !(existing.Response is null && IdempotencyTimeouts.IsAbandoned(existing.ClaimedAt, clock)))
            {
                if (!string.Equals(existing.RequestHash, requestHash, StringComparison.Ordinal))
                {
                    return new IdempotencyClaim(ClaimState.DifferentRequest);
                }

                return existing.Response is null ? new IdempotencyClaim(ClaimState.InProgress) : new IdempotencyClaim(ClaimState.Completed, existing.Response);
            }

            await WriteAsync(scope, key, new Entry(requestHash, clock.GetUtcNow(), null), expiresAt, ct);
            return new IdempotencyClaim(ClaimState.Claimed);
        }
        finally
        {
            ClaimLock.Release();
        }
    }

    public async Task CompleteAsync(string scope, string key, StoredResponse response, CancellationToken ct)
    {
        var existing = await ReadAsync(scope, key, ct) ?? throw new InvalidOperationException("Completing an idempotency key that was never claimed.");
        await WriteAsync(scope, key, existing with { Response = response }, clock.GetUtcNow() + IdempotencyTimeouts.DefaultRetention, ct);
    }

    public Task ReleaseAsync(string scope, string key, CancellationToken ct) => cache.RemoveAsync(CacheKey(scope, key), ct);

    /// <summary>The cache expires its own entries.</summary>
    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken ct) => Task.FromResult(0);

    private async Task<Entry?> ReadAsync(string scope, string key, CancellationToken ct)
    {
        var bytes = await cache.GetAsync(CacheKey(scope, key), ct);
        return bytes is null ? null : JsonSerializer.Deserialize<Entry>(bytes);
    }

    private Task WriteAsync(string scope, string key, Entry entry, DateTimeOffset expiresAt, CancellationToken ct) =>
        cache.SetAsync(CacheKey(scope, key), JsonSerializer.SerializeToUtf8Bytes(entry), new DistributedCacheEntryOptions { AbsoluteExpiration = expiresAt }, ct);
}

public static class IdempotencyTimeouts
{
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromHours(24);

    /// <summary>A claim never completed this long is from a request that died (a crash, a killed process); it may be taken over.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    public static bool IsAbandoned(DateTimeOffset claimedAt, TimeProvider clock) => clock.GetUtcNow() - claimedAt > AbandonedAfter;
}
