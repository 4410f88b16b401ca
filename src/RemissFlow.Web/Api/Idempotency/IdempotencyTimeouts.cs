namespace RemissFlow.Web.Api.Idempotency;

public static class IdempotencyTimeouts
{
    /// <summary>A claim never completed this long is from a request that died (a crash, a killed process); it may be taken over.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    public static bool IsAbandoned(DateTimeOffset claimedAt, TimeProvider clock) => clock.GetUtcNow() - claimedAt > AbandonedAfter;
}
