namespace RemissFlow.Web.Security;

/// <summary>
/// Headers on every response. The CSP allows no inline script or style at all, so any text a
/// user manages to get into a page can never run; the stylesheet and scripts are files under wwwroot.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (!headers.ContainsKey("Cache-Control") && context.User.Identity?.IsAuthenticated == true)
            {
                // Pages of a signed-in user hold case data; keep them out of shared caches and the back-forward cache after sign-out.
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next();
    });
}
