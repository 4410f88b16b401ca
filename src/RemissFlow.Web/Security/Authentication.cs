using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using RemissFlow.Web.Hosting;

namespace RemissFlow.Web.Security;

/// <summary>
/// Cookie sessions for the pages, bearer tokens for API clients. Both are ASP.NET Core
/// Identity's own schemes, protected by data protection (keys in the data directory, so restarts
/// keep them valid); each carries its session id, which <see cref="SessionStore"/> can end.
/// </summary>
public static class Authentication
{
    /// <summary>Picks bearer when the request carries an Authorization: Bearer header, otherwise the cookie, and checks the session (see <see cref="SessionAuthenticationHandler"/>).</summary>
    public const string Scheme = "RemissFlow";

    public static IServiceCollection AddRemissFlowAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        new IdentityBuilder(typeof(AppUser), typeof(IdentityRole<Guid>), services).AddSignInManager();

        var authentication = services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
                o.DefaultForbidScheme = Scheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(Scheme, "Kaka eller bearer-token", _ => { })
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.BearerTokenExpiration = TimeSpan.FromHours(1);
                o.RefreshTokenExpiration = TimeSpan.FromDays(7);
            });
        authentication.AddIdentityCookies();
        authentication.AddRemissFlowOidc(configuration);

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "RemissFlow.Session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = "/konto/logga-in";
            o.LogoutPath = "/konto/logga-ut";
            o.AccessDeniedPath = "/konto/nekad";
            o.ReturnUrlParameter = "tillbaka";
            o.Events = new CookieAuthenticationEvents
            {
                // The API answers 401/403 (as ProblemDetails, written by the status-code pages); only pages redirect.
                OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden),
                // No OnValidatePrincipal: Identity's validator looks at the stamp only every 30 minutes and rebuilds the
                // principal without the session claim; SessionAuthenticationHandler checks stamp and session on every request instead.
            };
        });

        services.AddScoped<SessionStore>();
        services.AddScoped<PasswordSignIn>();
        services.AddHttpContextAccessor();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, AreaRequirementHandler>();
        services.AddAuthorization(o =>
        {
            o.FallbackPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build();
            AccessPolicies.Register(o);
        });
        return services;
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (WebHosting.IsApi(context.HttpContext))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
