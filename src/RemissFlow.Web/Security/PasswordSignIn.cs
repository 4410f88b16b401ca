using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace RemissFlow.Web.Security;

/// <summary>
/// The one way a password signs in, for the sign-in form and POST /api/token alike. It says as little
/// as it can: an unknown address, a wrong password, a locked and a deactivated account get the same
/// answer, and take the same time, because the password is checked against a hash in every case (a
/// stand-in hash when there is no account or it may not sign in).
/// </summary>
public sealed class PasswordSignIn(SignInManager<AppUser> signIn, SessionStore sessions, IOptionsMonitor<BearerTokenOptions> bearer)
{
    public const string FailureMessage =
        "Inloggningen misslyckades. Kontrollera e-post och lösenord. Efter fem misslyckade försök låses kontot i 15 minuter; ett inaktiverat konto kan inte logga in.";

    private static string? _standIn;

    /// <summary>Signs in with <paramref name="scheme"/> (the cookie, or bearer, whose handler writes the token response). False for every kind of failure.</summary>
    public async Task<bool> SignInAsync(string email, string password, string scheme, CancellationToken ct)
    {
        var users = signIn.UserManager;
        var user = await users.FindByNameAsync(email);
        if (user is null || await users.IsLockedOutAsync(user) || !await signIn.CanSignInAsync(user))
        {
            // Identity would answer a locked account before hashing anything; the time would tell it apart.
            users.PasswordHasher.VerifyHashedPassword(user ?? StandInUser, user?.PasswordHash ?? StandInHash(users.PasswordHasher), password);
            return false;
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            return false;
        }

        var kind = scheme == IdentityConstants.BearerScheme ? SessionKind.Token : SessionKind.Kaka;
        var session = await sessions.StartAsync(user.Id, kind, ct);
        List<Claim> claims = [new(SessionStore.SessionClaim, session.ToString())];
        if (kind == SessionKind.Token)
        {
            var refresh = await sessions.IssueRefreshAsync(session, bearer.Get(IdentityConstants.BearerScheme).RefreshTokenExpiration, ct);
            claims.Add(new(SessionStore.RefreshClaim, refresh.ToString()));
        }

        signIn.AuthenticationScheme = scheme;
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, claims);
        return true;
    }

    private static readonly AppUser StandInUser = new() { Id = Guid.Empty, DisplayName = "", UserName = "" };

    /// <summary>Made once with the app's own hasher, so checking against it costs what checking a real hash costs.</summary>
    private static string StandInHash(IPasswordHasher<AppUser> hasher) =>
        _standIn ??= hasher.HashPassword(StandInUser, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
}
