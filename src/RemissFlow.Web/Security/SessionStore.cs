namespace RemissFlow.Web.Security;

public enum SessionKind
{
    /// <summary>The sign-in form's session cookie.</summary>
    Kaka,

    /// <summary>A family of bearer and refresh tokens from POST /api/token.</summary>
    Token,
}

/// <summary>
/// Sessions the server can end (table auth_sessions, migration V0004). Cookies and tokens are
/// stateless by themselves; each carries its session id, and <see cref="ActorMiddleware"/> refuses
/// one whose session was ended. Signing out ends that one session; a password, role or organisation
/// change and a deactivation end them all through the security stamp instead. Refresh tokens are
/// single use: the second use of one ends its whole family, the access tokens made from it included.
/// </summary>
public sealed partial class SessionStore(RemissFlowDbContext db, TimeProvider clock, ILogger<SessionStore> logger)
{
    public const string SessionClaim = "remissflow:session";
    public const string RefreshClaim = "remissflow:refresh";

    /// <summary>However much a cookie slides or a token family is refreshed, its session ends this long after sign-in.</summary>
    public static TimeSpan Lifetime(SessionKind kind) => kind == SessionKind.Kaka ? TimeSpan.FromDays(7) : TimeSpan.FromDays(30);

    public async Task<Guid> StartAsync(Guid userId, SessionKind kind, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        // Sessions past their end are of no use to anyone; a sign-in clears them away, so the table stays small without a job.
        await db.Database.ExecuteSqlAsync($"DELETE FROM refresh_tokens WHERE expires_at < {nowMs}", ct);
        await db.Database.ExecuteSqlAsync($"DELETE FROM auth_sessions WHERE expires_at < {nowMs}", ct);

        var id = Guid.CreateVersion7(now);
        var expires = now.Add(Lifetime(kind)).ToUnixTimeMilliseconds();
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO auth_sessions (id, user_id, kind, created_at, expires_at) VALUES ({id.ToString()}, {userId.ToString()}, {kind.ToString()}, {nowMs}, {expires})", ct);
        return id;
    }

    public async Task<bool> IsLiveAsync(Guid sessionId, Guid userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var found = await db.Database.SqlQuery<int>(
                $"SELECT 1 AS \"Value\" FROM auth_sessions WHERE id = {sessionId.ToString()} AND user_id = {userId.ToString()} AND revoked_at IS NULL AND expires_at > {now}")
            .ToListAsync(ct);
        return found.Count > 0;
    }

    public async Task EndAsync(Guid sessionId, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await db.Database.ExecuteSqlAsync(
            $"UPDATE auth_sessions SET revoked_at = {now}, revoked_reason = {reason} WHERE id = {sessionId.ToString()} AND revoked_at IS NULL", ct);
    }

    /// <summary>Records a new refresh token of the session (its id only) and returns that id.</summary>
    public async Task<Guid> IssueRefreshAsync(Guid sessionId, TimeSpan lifetime, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO refresh_tokens (id, session_id, created_at, expires_at) VALUES ({id.ToString()}, {sessionId.ToString()}, {now.ToUnixTimeMilliseconds()}, {now.Add(lifetime).ToUnixTimeMilliseconds()})", ct);
        return id;
    }

    /// <summary>
    /// Spends a refresh token: true once, for a token of a live session. The spend is one conditional
    /// UPDATE, so of two requests racing with the same token only one wins. A token already spent is a
    /// stolen copy or a replay: its whole family (session) ends, so neither holder keeps access.
    /// </summary>
    public async Task<bool> RedeemRefreshAsync(Guid tokenId, Guid sessionId, Guid userId, CancellationToken ct)
    {
        if (!await IsLiveAsync(sessionId, userId, ct))
        {
            return false;
        }

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var spent = await db.Database.ExecuteSqlAsync(
            $"UPDATE refresh_tokens SET used_at = {now} WHERE id = {tokenId.ToString()} AND session_id = {sessionId.ToString()} AND used_at IS NULL AND expires_at > {now}", ct);
        if (spent == 1)
        {
            return true;
        }

        var known = await db.Database.SqlQuery<int>(
                $"SELECT 1 AS \"Value\" FROM refresh_tokens WHERE id = {tokenId.ToString()} AND session_id = {sessionId.ToString()} AND used_at IS NOT NULL")
            .ToListAsync(ct);
        if (known.Count > 0)
        {
            LogRefreshReused(logger, sessionId);
            await EndAsync(sessionId, "refresh_ateranvand", ct);
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A refresh token of session {SessionId} was used a second time; the session and all its tokens are ended.")]
    private static partial void LogRefreshReused(ILogger logger, Guid sessionId);
}
