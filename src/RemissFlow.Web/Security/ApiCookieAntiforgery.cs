using Microsoft.AspNetCore.Antiforgery;
using RemissFlow.Web.Api;
using RemissFlow.Web.Hosting;

namespace RemissFlow.Web.Security;

/// <summary>
/// A browser sends the session cookie with any request another site makes it send, and some of those
/// (a form post, a body-less POST) need no preflight; SameSite=Lax is the only thing in their way. So a
/// change over /api (POST, PUT, PATCH, DELETE) made with the cookie must also carry the antiforgery token
/// (header X-CSRF-TOKEN or form field __RequestVerificationToken), which another site cannot read. API
/// clients use bearer tokens, which a browser never adds by itself, and need none. Reads, and endpoints
/// open to everyone (sign-in), are not affected.
/// </summary>
public sealed class ApiCookieAntiforgery(RequestDelegate next)
{
    public const string Message =
        "Ändringar via API:t med inloggningskakan kräver en antiforgery-token (huvudet X-CSRF-TOKEN eller fältet __RequestVerificationToken). API-klienter loggar in med en bearer-token från POST /api/token.";

    public async Task InvokeAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (WebHosting.IsApi(context)
            && !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method) || HttpMethods.IsTrace(context.Request.Method))
            && context.User.Identity?.IsAuthenticated == true
            && !context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null
            && !await antiforgery.IsRequestValidAsync(context))
        {
            await ApiProblems.WriteAsync(context, StatusCodes.Status403Forbidden, ApiProblems.TitleFor(403), Message);
            return;
        }

        await next(context);
    }
}
