namespace RemissFlow.Web.Api.Idempotency;

/// <summary>A response kept so that a repeated request with the same key gets exactly this answer again.</summary>
public sealed record StoredResponse(int StatusCode, string? ContentType, string? Location, byte[] Body);

public enum ClaimState
{
    /// <summary>This request owns the key now and must run, then <see cref="IIdempotencyStore.CompleteAsync"/> or <see cref="IIdempotencyStore.ReleaseAsync"/>.</summary>
    Claimed,

    /// <summary>Another request with the same key is running right now.</summary>
    InProgress,

    /// <summary>The same request ran before; <see cref="IdempotencyClaim.Response"/> is its answer.</summary>
    Completed,

    /// <summary>The key was used before for a different request (other path or body).</summary>
    DifferentRequest,
}

public sealed record IdempotencyClaim(ClaimState State, StoredResponse? Response = null);

/// <summary>
/// Keys are scoped per user: the same key from two users are two different requests.
/// Claiming must be atomic, so two simultaneous requests with one key never both run.
/// </summary>
public interface IIdempotencyStore
{
    Task<IdempotencyClaim> TryClaimAsync(string scope, string key, string requestHash, DateTimeOffset expiresAt, CancellationToken ct);

    Task CompleteAsync(string scope, string key, StoredResponse response, CancellationToken ct);

    /// <summary>Gives the key back after a failure that stored nothing (an exception, a 5xx), so a retry can run.</summary>
    Task ReleaseAsync(string scope, string key, CancellationToken ct);

    Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken ct);
}
