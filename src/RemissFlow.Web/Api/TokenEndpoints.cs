using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RemissFlow.Core.Domain;
using RemissFlow.Web.Api.Idempotency;
using RemissFlow.Web.Security;

namespace RemissFlow.Web.Api;

/// <summary>Bearer tokens for API clients: ASP.NET Core Identity's own stateless tokens, with the same lockout as the sign-in page.</summary>
public static class TokenEndpoints
{
    public sealed record TokenRequest(string? Email, string? Password) : IApiRequest;

    public sealed record RefreshRequest(string? RefreshToken) : IApiRequest;

    public static void MapTokenEndpoints(this RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/token").AllowAnonymous().WithTags("Inloggning");
        tokens.MapPost("/", CreateToken).WithSummary("Loggar in med e-post och lösenord och ger en bearer-token (accessToken, refreshToken, expiresIn).");
        tokens.MapPost("/refresh", Refresh).WithSummary("Byter en refreshToken mot en ny token.");
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> CreateToken(TokenRequest request, SignInManager<AppUser> signIn)
    {
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            return ApiProblems.Field("Email", "E-post måste fyllas i.");
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            return ApiProblems.Field("Password", "Lösenord måste fyllas i.");
        }

        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.Email.Trim(), request.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            // The bearer handler has written the token response.
            return TypedResults.Empty;
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: ApiProblems.TitleFor(401),
            detail: !result.IsLockedOut
                ? "Fel e-post eller lösenord."
                : await DeactivatedAccounts.IsDeactivatedAsync(signIn.UserManager, request.Email.Trim())
                    ? DeactivatedAccounts.Message
                    : "Kontot är låst efter för många misslyckade försök. Försök igen om 15 minuter.");
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> Refresh(
        RefreshRequest request, SignInManager<AppUser> signIn, IOptionsMonitor<BearerTokenOptions> options, TimeProvider clock)
    {
        var ticket = string.IsNullOrEmpty(request.RefreshToken)
            ? null
            : options.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: ApiProblems.TitleFor(401),
                detail: "Refresh-token är ogiltig eller har gått ut. Logga in igen med POST /api/token.");
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }
}
