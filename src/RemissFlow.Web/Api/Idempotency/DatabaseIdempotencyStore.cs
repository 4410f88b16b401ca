namespace RemissFlow.Web.Api.Idempotency;

/// <summary>
/// Keys in the database table idempotency_keys, shared by every instance and kept across
/// restarts. The claim is one INSERT … ON CONFLICT DO NOTHING (SQLite ≥ 3.24 and PostgreSQL
/// alike), so the primary key decides atomically which request runs. Plain SQL, because the
/// table belongs to the web layer and needs no entity in the core model.
/// </summary>
public sealed class DatabaseIdempotencyStore(RemissFlowDbContext db, TimeProvider clock) : IIdempotencyStore
{
    private sealed class Row
    {
        public string RequestHash { get; set; } = "";

        public int? StatusCode { get; set; }

        public string? ContentType { get; set; }

        public string? Location { get; set; }

        public byte[]? Body { get; set; }

        public long CreatedAt { get; set; }
    }

    public async Task<IdempotencyClaim> TryClaimAsync(string scope, string key, string requestHash, DateTimeOffset expiresAt, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            var inserted = await db.Database.ExecuteSqlAsync(
                $"INSERT INTO idempotency_keys (scope, idem_key, request_hash, created_at, expires_at) VALUES ({scope}, {key}, {requestHash}, {now}, {expiresAt.ToUnixTimeMilliseconds()}) ON CONFLICT (scope, idem_key) DO NOTHING",
                ct);
            if (inserted == 1)
            {
                return new IdempotencyClaim(ClaimState.Claimed);
            }

            var row = await db.Database.SqlQuery<Row>(
                    $"SELECT request_hash AS \"RequestHash\", status_code AS \"StatusCode\", content_type AS \"ContentType\", location AS \"Location\", body AS \"Body\", created_at AS \"CreatedAt\" FROM idempotency_keys WHERE scope = {scope} AND idem_key = {key}")
                .ToListAsync(ct);
            if (row.Count == 0)
            {
                continue;
            }

            var existing = row[0];
            if (existing.StatusCode is null && IdempotencyTimeouts.IsAbandoned(DateTimeOffset.FromUnixTimeMilliseconds(existing.CreatedAt), clock))
            {
                await db.Database.ExecuteSqlAsync(
                    $"DELETE FROM idempotency_keys WHERE scope = {scope} AND idem_key = {key} AND status_code IS NULL AND created_at = {existing.CreatedAt}", ct);
                continue;
            }

            if (!string.Equals(existing.RequestHash, requestHash, StringComparison.Ordinal))
            {
                return new IdempotencyClaim(ClaimState.DifferentRequest);
            }

            return existing.StatusCode is { } status
                ? new IdempotencyClaim(ClaimState.Completed, new StoredResponse(status, existing.ContentType, existing.Location, existing.Body ?? []))
                : new IdempotencyClaim(ClaimState.InProgress);
        }

        return new IdempotencyClaim(ClaimState.InProgress);
    }

    public async Task CompleteAsync(string scope, string key, StoredResponse response, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync(
            $"UPDATE idempotency_keys SET status_code = {response.StatusCode}, content_type = {response.ContentType}, location = {response.Location}, body = {response.Body} WHERE scope = {scope} AND idem_key = {key}",
            ct);

    public async Task ReleaseAsync(string scope, string key, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"DELETE FROM idempotency_keys WHERE scope = {scope} AND idem_key = {key} AND status_code IS NULL", ct);

    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"DELETE FROM idempotency_keys WHERE expires_at < {now.ToUnixTimeMilliseconds()}", ct);
}
