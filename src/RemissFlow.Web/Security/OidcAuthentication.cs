using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using RemissFlow.Core.Features.Oidc;

namespace RemissFlow.Web.Security;

/// <summary>Section RemissFlow:Oidc of the configuration. Sign-in through the provider is off unless Authority and ClientId are set.</summary>
public sealed class OidcSettings
{
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The claim that names the person for good (sub; oid with Entra ID). An e-mail address is not stable and is never used to match.</summary>
    public string StableClaim { get; set; } = "sub";

    public string GroupsClaim { get; set; } = "groups";

    public string EmailClaim { get; set; } = "email";

    public string NameClaim { get; set; } = "name";

    public string Scope { get; set; } = "openid profile email";

    /// <summary>The text of the sign-in page's button.</summary>
    public string ButtonText { get; set; } = "Logga in med kommunens konto";

    /// <summary>Only a test provider on 127.0.0.1 may be reached over plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>Where the sign-out form's redirect goes, which the CSP's form-action must allow.</summary>
    public string? Origin => Enabled && Uri.TryCreate(Authority, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
}

/// <summary>
/// OpenID Connect sign-in (authorization code flow with PKCE; the handler checks state against its correlation cookie,
/// the nonce against its nonce cookie, and the id token's signature, issuer, audience and lifetime). The provider only
/// vouches for the person: the callback hands the claims to <see cref="OidcInloggning"/> and then signs in with the app's
/// own session cookie and a session row, exactly as a password does, so sign-out, deactivation and the security stamp
/// work the same. The session cookie keeps the id token, for the RP-initiated logout's id_token_hint.
/// </summary>
public static partial class OidcAuthentication
{
    public const string Scheme = "oidc";
    public const string Section = "RemissFlow:Oidc";

    /// <summary>On the session cookie of a sign-in through the provider, so sign-out also ends the provider's session.</summary>
    public const string MarkerClaim = "remissflow:oidc";

    public const string CallbackPath = "/konto/oidc/svar";
    public const string SignedOutCallbackPath = "/konto/oidc/utloggad";
    public const string DeniedPath = "/konto/oidc/nekad";

    public static AuthenticationBuilder AddRemissFlowOidc(this AuthenticationBuilder builder, IConfiguration configuration)
    {
        builder.Services.Configure<OidcSettings>(configuration.GetSection(Section));
        var settings = configuration.GetSection(Section).Get<OidcSettings>() ?? new OidcSettings();
        if (!settings.Enabled)
        {
            return builder;
        }

        return builder.AddOpenIdConnect(Scheme, "Kommunens inloggningstjänst", o =>
        {
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            o.ResponseType = OpenIdConnectResponseType.Code;
            // A top-level GET back from the provider carries SameSite=Lax cookies, so the correlation and nonce cookies need not be SameSite=None.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.Scope.Clear();
            foreach (var scope in settings.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                o.Scope.Add(scope);
            }

            o.SaveTokens = true;
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = true;
            o.ClaimActions.MapJsonKey(settings.GroupsClaim, settings.GroupsClaim);
            o.ClaimActions.MapUniqueJsonKey(settings.StableClaim, settings.StableClaim);
            o.ClaimActions.MapUniqueJsonKey(settings.EmailClaim, settings.EmailClaim);
            o.ClaimActions.MapUniqueJsonKey(settings.NameClaim, settings.NameClaim);
            o.CallbackPath = CallbackPath;
            o.SignedOutCallbackPath = SignedOutCallbackPath;
            o.SignedOutRedirectUri = "/konto/logga-in";
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.SignOutScheme = IdentityConstants.ApplicationScheme;
            o.RemoteAuthenticationTimeout = TimeSpan.FromMinutes(10);
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Events = new OpenIdConnectEvents
            {
                OnTicketReceived = TicketReceivedAsync,
                OnRemoteFailure = RemoteFailureAsync,
            };
        });
    }

    private static async Task TicketReceivedAsync(TicketReceivedContext context)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var settings = services.GetRequiredService<IOptions<OidcSettings>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcAuthentication));
        context.HandleResponse();
        var principal = context.Principal!;
        var subject = principal.FindFirstValue(settings.StableClaim);
        if (string.IsNullOrWhiteSpace(subject))
        {
            LogNoStableClaim(logger, settings.StableClaim);
            http.Response.Redirect($"{DeniedPath}?orsak=misslyckad");
            return;
        }

        var current = services.GetRequiredService<CurrentActor>();
        current.Actor = Actor.System;
        Result<OidcInloggningSvar> result;
        try
        {
            result = await services.GetRequiredService<IMediator>().Send(new OidcInloggning.Command(subject, principal.FindFirstValue(settings.EmailClaim),
                principal.FindFirstValue(settings.NameClaim), principal.FindAll(settings.GroupsClaim).Select(c => c.Value).ToList()), http.RequestAborted);
        }
        finally
        {
            current.Actor = SignedInUser.Anonymous;
        }

        if (!result.Succeeded)
        {
            LogRefused(logger, result.Refusal!.Message);
            http.Response.Redirect($"{DeniedPath}?orsak=misslyckad");
            return;
        }

        if (result.Value.Utfall != OidcUtfall.Inloggad)
        {
            http.Response.Redirect($"{DeniedPath}?orsak={Orsak(result.Value.Utfall)}");
            return;
        }

        var user = await services.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(result.Value.UserId!.Value.ToString());
        var signIn = services.GetRequiredService<SignInManager<AppUser>>();
        var session = await services.GetRequiredService<SessionStore>().StartAsync(user!.Id, SessionKind.Kaka, http.RequestAborted);
        var properties = new AuthenticationProperties();
        properties.StoreTokens(context.Properties?.GetTokens().Where(t => t.Name == OpenIdConnectParameterNames.IdToken) ?? []);
        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        await signIn.SignInWithClaimsAsync(user, properties, [new Claim(SessionStore.SessionClaim, session.ToString()), new Claim(MarkerClaim, "1")]);
        var back = context.ReturnUri;
        http.Response.Redirect(back is not null && back.StartsWith('/') && !back.StartsWith("//", StringComparison.Ordinal) && !back.StartsWith("/\\", StringComparison.Ordinal) ? back : "/");
    }

    /// <summary>A state, nonce or token the handler refused (or the provider's own error): a clear page, never a 500.</summary>
    private static Task RemoteFailureAsync(RemoteFailureContext context)
    {
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcAuthentication));
        LogRemoteFailure(logger, context.Failure?.Message ?? "okänt fel");
        context.HandleResponse();
        context.Response.Redirect($"{DeniedPath}?orsak=misslyckad");
        return Task.CompletedTask;
    }

    public static string Orsak(OidcUtfall utfall) => utfall switch
    {
        OidcUtfall.IngenRoll => "ingen-roll",
        OidcUtfall.FleraOrganisationer => "flera-organisationer",
        OidcUtfall.Inaktiverat => "inaktiverat",
        OidcUtfall.EpostUpptagen => "epost-upptagen",
        OidcUtfall.EpostSaknas => "epost-saknas",
        _ => "misslyckad",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenID Connect sign-in refused: the provider's answer lacks the stable claim {Claim}.")]
    private static partial void LogNoStableClaim(ILogger logger, string claim);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenID Connect sign-in refused: {Message}")]
    private static partial void LogRefused(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenID Connect sign-in failed at the callback: {Failure}")]
    private static partial void LogRemoteFailure(ILogger logger, string failure);
}
