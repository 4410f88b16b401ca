using Microsoft.AspNetCore.Identity;

namespace RemissFlow.Web.Pages.Konto;

/// <summary>
/// Signing out is a POST with an antiforgery token, so another site cannot sign a user out with a link.
/// It ends this session on the server too, so a copy of the cookie stops working; the person's other
/// sessions (another browser, an API client's tokens) go on: signing out on a shared computer should
/// not cut off work elsewhere. Everything ends at once with a new password or a deactivation.
/// </summary>
[AllowAnonymous]
public sealed class LoggaUtModel(SignInManager<AppUser> signIn, SessionStore sessions) : PageModel
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

        await signIn.SignOutAsync();
        return LocalRedirect("/konto/logga-in");
    }
}
