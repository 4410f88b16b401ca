using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace RemissFlow.Web.Pages.Konto;

/// <summary>The page's posts share the per-address limit with POST /api/token; reading the page is not limited.</summary>
[EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class LoggaInModel(PasswordSignIn signIn, Microsoft.Extensions.Options.IOptions<OidcSettings> oidc) : PageModel
{
    public OidcSettings Oidc => oidc.Value;

    public sealed class InputModel
    {
        public string? Email { get; set; }

        public string? Password { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(Name = "tillbaka", SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Input.Email))
        {
            ModelState.AddModelError("Input.Email", "E-post måste fyllas i.");
        }

        if (string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("Input.Password", "Lösenord måste fyllas i.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await signIn.SignInAsync(Input.Email!.Trim(), Input.Password!, IdentityConstants.ApplicationScheme, ct))
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        // One message for every failure, so the form does not reveal which accounts exist or are locked.
        ModelState.AddModelError(string.Empty, PasswordSignIn.FailureMessage);
        return Page();
    }
}
