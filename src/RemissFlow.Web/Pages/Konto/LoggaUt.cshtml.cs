using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RemissFlow.Core.Domain;

namespace RemissFlow.Web.Pages.Konto;

/// <summary>Signing out is a POST with an antiforgery token, so another site cannot sign a user out with a link.</summary>
[AllowAnonymous]
public sealed class LoggaUtModel(SignInManager<AppUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/konto/logga-in");
    }
}
