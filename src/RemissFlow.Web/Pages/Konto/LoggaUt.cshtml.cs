using Microsoft.AspNetCore.Identity;

namespace RemissFlow.Web.Pages.Konto;

/// <summary>
/// Signing out is a POST with an antiforgery token, so another site cannot sign a user out with a link.
/// It ends this session on the server too, so a copy of the cookie stops working; the person's other
/// sessions (another browser, an API client's tokens) go on: signing out on a shared computer should
/// not cut off work elsewhere. Everything ends at once with a new password or a deactivation.
/// </summary>
[AllowAnonymous]
public sealed class LoggaUtModel(SignInManager<AppUser> signIn, SessionStore sessions, Microsoft.Extensions.Options.IOptions<OidcSettings> oidc) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Guid.TryParse(User.FindFirst(SessionStore.SessionClaim)?.Value, out var session))
        {
            await sessions.EndAsync(session, "utloggad", ct);
        }

        if (oidc.Value.Enabled && User.HasClaim(c => c.Type == OidcAuthentication.MarkerClaim))
        {
            // RP-initiated logout: the provider's session ends too, or the next sign-in would pass straight through it. The cookie
            // goes first; the provider's handler, last, sends the browser to the end-session page with the id token as hint.
            return SignOut(new Microsoft.AspNetCore.Authentication.AuthenticationProperties { RedirectUri = "/konto/logga-in" },
                IdentityConstants.ApplicationScheme, OidcAuthentication.Scheme);
        }

        await signIn.SignOutAsync();
        return LocalRedirect("/konto/logga-in");
    }
}
