using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RemissFlow.Core.Domain;
using RemissFlow.Web.Security;

namespace RemissFlow.Web.Pages.Konto;

public sealed class LoggaInModel(SignInManager<AppUser> signIn) : PageModel
{
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

    public async Task<IActionResult> OnPostAsync()
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

        var result = await signIn.PasswordSignInAsync(Input.Email!.Trim(), Input.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        // One message for unknown e-mail and wrong password alike, so the form does not reveal which accounts exist.
        ModelState.AddModelError(string.Empty, !result.IsLockedOut
            ? "Fel e-post eller lösenord."
            : await DeactivatedAccounts.IsDeactivatedAsync(signIn.UserManager, Input.Email.Trim())
                ? DeactivatedAccounts.Message
                : "Kontot är låst i 15 minuter efter för många misslyckade inloggningsförsök.");
        return Page();
    }
}
