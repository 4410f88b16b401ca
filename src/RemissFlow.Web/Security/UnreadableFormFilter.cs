using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.Filters;

namespace RemissFlow.Web.Security;

/// <summary>
/// A form post whose body the multipart reader cannot parse (no boundary, cut off, oversized part headers) left the page
/// with nothing bound — not even the route's id — so the page answered 404 as if it did not exist. The form is read here,
/// before model binding and after the request size and form limits of the page are set (their filters run at order 900);
/// one that cannot be read is answered 400, and the status code pages show the Swedish error page.
/// </summary>
public sealed class UnreadableFormFilter : IAsyncResourceFilter, IOrderedFilter
{
    public int Order => 1000;

    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        // The error page, re-executed for this very request, must render rather than refuse the same body again.
        var reExecuted = context.HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || context.HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        if (request.HasFormContentType && !reExecuted)
        {
            try
            {
                await request.ReadFormAsync(context.HttpContext.RequestAborted);
            }
            catch (Exception e) when (e is InvalidDataException or IOException && e is not BadHttpRequestException && !context.HttpContext.RequestAborted.IsCancellationRequested)
            {
                context.Result = new BadRequestResult();
                return;
            }
        }

        await next();
    }
}
