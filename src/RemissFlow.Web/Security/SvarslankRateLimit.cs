using System.Threading.RateLimiting;

namespace RemissFlow.Web.Security;

/// <summary>
/// The svarslänk page is open to anyone who has an address, so it is limited twice: submissions per token (a leaked or
/// scripted link cannot flood KS's inbox with versions), through the rate limiter's policy on the page; and look-ups of
/// unknown tokens per client address (guessing), through <see cref="Probes"/>, which the page asks only once the token
/// is found unknown, so an organisation reading its own page is never counted.
/// </summary>
public sealed class SvarslankRateLimit : IDisposable
{
    public const string Policy = "svarslank";

    public const string Message = "För många försök. Vänta en stund och försök igen.";

    public SvarslankRateLimit(IConfiguration configuration)
    {
        var perMinute = configuration.GetValue<int?>("RemissFlow:Svarslank:UnknownPerMinute") ?? 10;
        Probes = PartitionedRateLimiter.Create<string, string>(ip => RateLimitPartition.GetFixedWindowLimiter(ip,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <summary>Unknown tokens per client address.</summary>
    public PartitionedRateLimiter<string> Probes { get; }

    public bool MayProbe(HttpContext context)
    {
        using var lease = Probes.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "okänd");
        return lease.IsAcquired;
    }

    public void Dispose() => Probes.Dispose();

    /// <summary>The 429 page: Swedish, plain, and saying when to come back.</summary>
    public static async Task WriteRejectedAsync(HttpResponse response, CancellationToken ct)
    {
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = "60";
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(
            "<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            "<title>För många försök – RemissFlow</title></head><body><main><h1>För många försök</h1><p>" + Message + "</p></main></body></html>", ct);
    }
}

public static class SvarslankRateLimitServices
{
    public static IServiceCollection AddSvarslankRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var perHour = configuration.GetValue<int?>("RemissFlow:Svarslank:SubmissionsPerHour") ?? 10;
        services.AddSingleton<SvarslankRateLimit>();
        services.AddRateLimiter(o => o.AddPolicy(SvarslankRateLimit.Policy, context =>
            HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    // The token's hash, not the token: the limiter's keys are no store of working links.
                    "svar:" + Core.Features.Svarslank.Svarslankar.Hash(context.Request.RouteValues["token"] as string ?? ""),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(string.Empty)));
        return services;
    }
}
