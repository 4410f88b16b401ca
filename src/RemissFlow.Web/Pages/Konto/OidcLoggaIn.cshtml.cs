using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace RemissFlow.Web.Pages.Konto;

/// <summary>Sends the browser to the identity provider (a 404 when sign-in through a provider is not configured).</summary>
[AllowAnonymous]
public sealed class OidcLoggaInModel(IOptions<OidcSettings> oidc) : PageModel
{
    [BindProperty(Name = "tillbaka", SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet()
    {
        if (!oidc.Value.Enabled)
        {
            return NotFound();
        }

        return Challenge(new AuthenticationProperties { RedirectUri = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/" }, OidcAuthentication.Scheme);
    }
}
