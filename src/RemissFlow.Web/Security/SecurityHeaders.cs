namespace RemissFlow.Web.Security;

/// <summary>
/// Headers on every response. The CSP allows no inline script or style at all, so any text a
/// user manages to get into a page can never run; the stylesheet and scripts are files under wwwroot.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    private const string StyleHashesKey = "RemissFlow.CspStyleHashes";

    /// <summary>
    /// Lets exactly these inline &lt;style&gt; elements of this one response apply, by their SHA-256 (CSP 3 hash source):
    /// a standalone document preview carries its own stylesheet, and nothing else inline (no other element, no style
    /// attribute) gains anything. Everything else about the policy stays as it is.
    /// </summary>
    public static void AllowInlineStyles(HttpContext context, string html)
    {
        var hashes = context.Items[StyleHashesKey] as List<string> ?? [];
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(html, "<style>(.*?)</style>", System.Text.RegularExpressions.RegexOptions.Singleline))
        {
            hashes.Add("sha256-" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(m.Groups[1].Value))));
        }

        context.Items[StyleHashesKey] = hashes;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        // Signing out of a provider session is a form post that redirects to the provider's end-session page.
        var origin = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<OidcSettings>>().Value.Origin;
        var policy = origin is null ? ContentSecurityPolicy : ContentSecurityPolicy.Replace("form-action 'self'", $"form-action 'self' {origin}", StringComparison.Ordinal);
        return app.UseSecurityHeaders(policy);
    }

    private static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, string policy) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Items[StyleHashesKey] is List<string> hashes
                ? policy.Replace("style-src 'self'", "style-src 'self' " + string.Join(' ', hashes.Select(h => $"'{h}'")), StringComparison.Ordinal)
                : policy;
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
