using System.Security.Cryptography;
using System.Text;
using RemissFlow.Core.Workflow;


namespace RemissFlow.Core.Features.Svarslank;

/// <summary>What a token found: a link that works, or why it does not.</summary>
public enum SvarslankLage
{
    Giltig,
    Okand,
    Utgangen,
    Aterkallad,
}

/// <summary>A resolved link with its remissvar; both null when the token is unknown.</summary>
public sealed record SvarslankTraff(SvarslankLage Lage, Domain.Svarslank? Lank, Domain.Remissvar? Svar);

/// <summary>
/// Issuing and resolving svarslänkar. The token is 256 random bits, base64url, and only its SHA-256 is stored; a link
/// works until the end of its remissvar's live svarsdatum (Stockholm time), read from the remissvar each time.
/// </summary>
public static class Svarslankar
{
    /// <summary>32 random bytes as base64url without padding: always 43 characters.</summary>
    public const int TokenLength = 43;

    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    /// <summary>Anything else is refused before the database is asked, so a probe costs a string check.</summary>
    public static bool LooksLikeToken(string? token) =>
        token is { Length: TokenLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static string Url(CoreOptions options, string token) => $"{options.PublicBaseUrl.TrimEnd('/')}/svara/{token}";

    /// <summary>A new link for the remissvar, in the caller's unit of work; the raw token is returned once and never stored.</summary>
    public static string Issue(RemissFlowDbContext db, Guid remissvarId, DateTimeOffset now, Guid? by)
    {
        var token = NewToken();
        db.Svarslankar.Add(new Domain.Svarslank { RemissvarId = remissvarId, TokenHash = Hash(token), SkapadAt = now, SkapadAv = by });
        return token;
    }

    /// <summary>The line the missiv and every reminder e-mail carry for an outside organisation.</summary>
    public static string EmailLine(CoreOptions options, string token) =>
        $" Ni kan lämna ert svar direkt på {Url(options, token)} (länken gäller till och med svarsdatum och är personlig för er organisation; dela den inte).";

    public static bool IsAnswerable(Domain.Remissvar svar) => svar.Status is not RemissvarState.Aterkallad;

    public static async Task<SvarslankTraff> ResolveAsync(RemissFlowDbContext db, string? token, DateOnly today, CancellationToken ct)
    {
        if (!LooksLikeToken(token))
        {
            return new SvarslankTraff(SvarslankLage.Okand, null, null);
        }

        var hash = Hash(token!);
        var lank = await db.Svarslankar.FirstOrDefaultAsync(l => l.TokenHash == hash, ct);
        if (lank is null)
        {
            return new SvarslankTraff(SvarslankLage.Okand, null, null);
        }

        var svar = await db.Remissvar.FirstAsync(r => r.Id == lank.RemissvarId, ct);
        var lage = lank.AterkalladAt is not null || !IsAnswerable(svar) ? SvarslankLage.Aterkallad
            : today > svar.Svarsdatum ? SvarslankLage.Utgangen
            : SvarslankLage.Giltig;
        return new SvarslankTraff(lage, lank, svar);
    }

    /// <summary>The remissvar's links that still work today.</summary>
    public static async Task<List<Domain.Svarslank>> LiveAsync(RemissFlowDbContext db, Guid remissvarId, CancellationToken ct) =>
        await db.Svarslankar.Where(l => l.RemissvarId == remissvarId && l.AterkalladAt == null).ToListAsync(ct);
}
