using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RemissFlow.Web.Api.Idempotency;

namespace RemissFlow.Web.Api;

/// <summary>
/// Bearer tokens for API clients: ASP.NET Core Identity's own tokens, signed in like the sign-in page (same limit,
/// lockout and answer), each carrying its session so it can be ended (see <see cref="SessionStore"/>).
/// </summary>
public static class TokenEndpoints
{
    public sealed record TokenRequest(string? Email, string? Password) : IApiRequest;

    public sealed record RefreshRequest(string? RefreshToken) : IApiRequest;

    public static void MapTokenEndpoints(this RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/token").AllowAnonymous().WithTags("Inloggning");
        // The limit belongs to the endpoint, so every spelling of its path (/api/token/, /API/Token) counts.
        tokens.MapPost("/", CreateToken).RequireRateLimiting(SignInRateLimit.Policy)
            .WithSummary("Loggar in med e-post och lösenord och ger en bearer-token (accessToken, refreshToken, expiresIn).");
        tokens.MapPost("/refresh", Refresh)
            .WithSummary("Byter en refreshToken mot en ny token. Varje refreshToken gäller en gång; används den igen slutar hela inloggningen gälla.");
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> CreateToken(TokenRequest request, PasswordSignIn signIn, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            return ApiProblems.Field("Email", "E-post måste fyllas i.");
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            return ApiProblems.Field("Password", "Lösenord måste fyllas i.");
        }

        if (await signIn.SignInAsync(request.Email.Trim(), request.Password, IdentityConstants.BearerScheme, ct))
        {
            // The bearer handler has written the token response.
            return TypedResults.Empty;
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: ApiProblems.TitleFor(401), detail: PasswordSignIn.FailureMessage);
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> Refresh(
        RefreshRequest request, SignInManager<AppUser> signIn, SessionStore sessions, IOptionsMonitor<BearerTokenOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var bearer = options.Get(IdentityConstants.BearerScheme);
        var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null : bearer.RefreshTokenProtector.Unprotect(request.RefreshToken);
        var user = ticket?.Properties.ExpiresUtc is { } expires && clock.GetUtcNow() < expires
            ? await signIn.ValidateSecurityStampAsync(ticket.Principal)
            : null;
        if (user is null
            || !Guid.TryParse(ticket!.Principal.FindFirstValue(SessionStore.SessionClaim), out var session)
            || !Guid.TryParse(ticket.Principal.FindFirstValue(SessionStore.RefreshClaim), out var refresh)
            || !await sessions.RedeemRefreshAsync(refresh, session, user.Id, ct))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: ApiProblems.TitleFor(401),
                detail: "Refresh-token är ogiltig, redan använd eller har gått ut. Logga in igen med POST /api/token.");
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        var next = await sessions.IssueRefreshAsync(session, bearer.RefreshTokenExpiration, ct);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(SessionStore.SessionClaim, session.ToString()));
        identity.AddClaim(new Claim(SessionStore.RefreshClaim, next.ToString()));
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }
}
