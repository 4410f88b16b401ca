using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace RemissFlow.Web.Hosting;

/// <summary>
/// Refuses a request whose declared Content-Length is over its endpoint's body limit before the endpoint runs.
/// Kestrel enforces the limit only when the body is read, so an endpoint that takes no body (publicera, a trigger)
/// would otherwise do its work and answer 413 afterwards, when the server drains the rest.
/// </summary>
public sealed class DeclaredBodyLimit(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength is { } length)
        {
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } metadata
                ? metadata.MaxRequestBodySize
                : context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            if (limit is { } max && length > max)
            {
                throw new BadHttpRequestException("Begäran är för stor.", StatusCodes.Status413PayloadTooLarge);
            }
        }

        return next(context);
    }
}
