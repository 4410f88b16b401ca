using Microsoft.AspNetCore.Identity;
using RemissFlow.Core.Domain;

namespace RemissFlow.Web.Security;

/// <summary>
/// Identity reports a deactivated account as locked out, like one locked for 15 minutes after
/// failed attempts; the sign-in form and the token endpoint tell the two apart so nobody waits
/// 15 minutes for nothing. Like the lockout message, it shows before the password is checked.
/// </summary>
public static class DeactivatedAccounts
{
    public const string Message = "Kontot är inaktiverat. Kontakta en administratör om du behöver logga in.";

    public static async Task<bool> IsDeactivatedAsync(UserManager<AppUser> users, string userName) =>
        (await users.FindByNameAsync(userName))?.IsDeactivated == true;
}
