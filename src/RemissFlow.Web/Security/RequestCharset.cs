using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Net.Http.Headers;
using RemissFlow.Web.Api;
using RemissFlow.Web.Hosting;

namespace RemissFlow.Web.Security;

/// <summary>
/// A body declared in a character encoding .NET does not know (Content-Type: application/json; charset=bogus) made the
/// JSON and form readers throw InvalidOperationException, a 500 on every endpoint with a body. Such a request is refused
/// here, before any reader sees it, with 415 and a Swedish message (the API as ProblemDetails, pages with the error page).
/// </summary>
public static class RequestCharset
{
    public static IApplicationBuilder UseKnownRequestCharset(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // The error page re-executed for this very request must still render.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is null
            && MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            && type.Charset is { HasValue: true } charset && !IsKnown(charset.Value!))
        {
            var detail = $"Teckenkodningen {charset.Value} i Content-Type stöds inte; skicka innehållet som UTF-8.";
            if (WebHosting.IsApi(context))
            {
                await ApiProblems.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, ApiProblems.TitleFor(415), detail);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            }

            return;
        }

        await next();
    });

    private static bool IsKnown(string charset)
    {
        try
        {
            Encoding.GetEncoding(charset.Trim('"'));
            return true;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return false;
        }
    }
}
