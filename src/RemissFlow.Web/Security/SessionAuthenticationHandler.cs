using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace RemissFlow.Web.Security;

/// <summary>
/// The app's one authentication scheme: authenticates with the bearer token when the request has an
/// Authorization: Bearer header, otherwise with the session cookie, and then refuses the principal when
/// its session is over — the account's security stamp changed since sign-in (new password, roles,
/// organisation, deactivation), the account is locked, or its session was ended (signed out, refresh
/// token reused). Checked on every request and cached nowhere beyond the request, so a dead session is
/// dead at once. Being the scheme itself (not a later step), every policy that authenticates again
/// gets the same refusal.
/// </summary>
public sealed class SessionAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IOptions<IdentityOptions> identity, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private string Inner => Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        ? IdentityConstants.BearerScheme
        : IdentityConstants.ApplicationScheme;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var inner = Inner;
        var result = await Context.AuthenticateAsync(inner);
        if (!result.Succeeded)
        {
            return result;
        }

        if (!await IsLiveAsync(result.Principal))
        {
            if (inner == IdentityConstants.ApplicationScheme)
            {
                // The browser may as well forget the cookie.
                await Context.SignOutAsync(IdentityConstants.ApplicationScheme);
            }

            return AuthenticateResult.Fail("Inloggningen har upphört att gälla.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(result.Principal, result.Properties, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => Context.ChallengeAsync(Inner, properties);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => Context.ForbidAsync(Inner, properties);

    private async Task<bool> IsLiveAsync(ClaimsPrincipal principal)
    {
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            || !Guid.TryParse(principal.FindFirstValue(SessionStore.SessionClaim), out var session))
        {
            return false;
        }

        var db = Context.RequestServices.GetRequiredService<RemissFlowDbContext>();
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.LockoutEnd })
            .FirstOrDefaultAsync(Context.RequestAborted);
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return user is not null
            && stamp is not null && string.Equals(stamp, user.SecurityStamp, StringComparison.Ordinal)
            && !(user.LockoutEnd > clock.GetUtcNow())
            && await Context.RequestServices.GetRequiredService<SessionStore>().IsLiveAsync(session, userId, Context.RequestAborted);
    }
}
