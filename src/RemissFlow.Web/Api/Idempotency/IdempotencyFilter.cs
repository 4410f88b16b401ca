using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RemissFlow.Web.Api.Idempotency;

/// <summary>Request bodies the idempotency filter fingerprints; services injected into the handler are not part of a request.</summary>
public interface IApiRequest;

/// <summary>
/// Idempotency-Key on API POSTs: the first request with a key runs and its response is stored;
/// the same key from the same user later gets that stored response (status, Location, body)
/// without running the command again. The same key with a different body is refused.
/// </summary>
public sealed class IdempotencyFilter(IIdempotencyStore store, SignedInUser user, TimeProvider clock, IConfiguration configuration) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(Header, out var values) || !user.IsSignedIn)
        {
            return await next(context);
        }

        var key = values.ToString();
        if (key.Length is 0 or > 200 || key.Any(c => c is < '!' or > '~'))
        {
            return ApiProblems.Field(Header, "Idempotency-Key måste vara 1–200 synliga ASCII-tecken, till exempel ett UUID.");
        }

        var scope = user.UserId.ToString("N");
        var retention = TimeSpan.FromHours(configuration.GetValue<double?>("RemissFlow:Idempotency:RetentionHours") ?? 24);
        var ct = http.RequestAborted;
        var claim = await store.TryClaimAsync(scope, key, Fingerprint(context), clock.GetUtcNow() + retention, ct);
        switch (claim.State)
        {
            case ClaimState.DifferentRequest:
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: ApiProblems.TitleFor(422),
                    detail: "Idempotency-Key har redan använts för en annan begäran. Använd en ny nyckel för en ny begäran.");
            case ClaimState.InProgress:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ApiProblems.TitleFor(409),
                    detail: "En begäran med samma Idempotency-Key behandlas fortfarande. Vänta en stund och försök igen.");
            case ClaimState.Completed:
                return new StoredResponseResult(claim.Response!, Replayed: true);
        }

        // Once the key is claimed the command runs to its end even if the client goes away. Cancelled by the client's
        // timeout between its commit and the stored response, the claim was released and the client's resend with the
        // same key did the work a second time (bench cluster found one doubled remiss under load).
        for (var i = 0; i < context.Arguments.Count; i++)
        {
            if (context.Arguments[i] is CancellationToken)
            {
                context.Arguments[i] = CancellationToken.None;
            }
        }

        StoredResponse response;
        try
        {
            response = await RunAndCapture(context, next);
        }
        catch
        {
            await store.ReleaseAsync(scope, key, CancellationToken.None);
            throw;
        }

        if (response.StatusCode >= 500)
        {
            await store.ReleaseAsync(scope, key, CancellationToken.None);
        }
        else
        {
            await store.CompleteAsync(scope, key, response, CancellationToken.None);
        }

        return new StoredResponseResult(response, Replayed: false);
    }

    /// <summary>Runs the endpoint with the response body buffered, so the exact bytes can be stored and sent.</summary>
    private static async Task<StoredResponse> RunAndCapture(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var original = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            var result = await next(context);
            var executable = result as IResult ?? (result is null ? TypedResults.Empty : TypedResults.Ok(result));
            await executable.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        return new StoredResponse(http.Response.StatusCode, http.Response.ContentType, http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null, buffer.ToArray());
    }

    private static string Fingerprint(EndpointFilterInvocationContext context)
    {
        var text = new StringBuilder();
        text.Append(context.HttpContext.Request.Method).Append(' ').Append(context.HttpContext.Request.Path).Append('\n');
        foreach (var argument in context.Arguments)
        {
            if (argument is IApiRequest or string or Guid or int or long or DateOnly)
            {
                text.Append(JsonSerializer.Serialize(argument, argument.GetType())).Append('\n');
            }
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
    }
}

/// <summary>Writes a stored response; the replay is marked so clients (and tests) can tell.</summary>
public sealed class StoredResponseResult(StoredResponse response, bool Replayed) : IResult
{
    public StoredResponse Response => response;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var r = httpContext.Response;
        r.StatusCode = response.StatusCode;
        if (response.Location is not null)
        {
            r.Headers.Location = response.Location;
        }

        if (Replayed)
        {
            r.Headers[IdempotencyFilter.ReplayedHeader] = "true";
        }

        // A 204 or 304 has no body (RFC 9110): Kestrel throws on a write to one, and a Content-Type would describe nothing.
        if (response.StatusCode is StatusCodes.Status204NoContent or StatusCodes.Status304NotModified)
        {
            return;
        }

        if (response.ContentType is not null)
        {
            r.ContentType = response.ContentType;
        }

        r.ContentLength = response.Body.Length;
        await r.Body.WriteAsync(response.Body, httpContext.RequestAborted);
    }
}
