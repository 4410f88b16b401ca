using System.Threading.RateLimiting;
using RemissFlow.Web.Api;
using RemissFlow.Web.Hosting;

namespace RemissFlow.Web.Security;

/// <summary>
/// Limits password attempts per client address, on the sign-in form and the token endpoint
/// alike; Identity's lockout protects each account, this protects against spraying many accounts.
/// </summary>
public static class SignInRateLimit
{
    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue<int?>("RemissFlow:SignIn:PermitsPerMinute") ?? 10;
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsPasswordAttempt(context.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "okänd",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            o.OnRejected = async (context, ct) =>
            {
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = "60";
                const string message = "För många inloggningsförsök från din adress. Vänta en minut och försök igen.";
                if (WebHosting.IsApi(context.HttpContext))
                {
                    await ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "För många försök", message);
                }
                else
                {
                    response.ContentType = "text/plain; charset=utf-8";
                    await response.WriteAsync(message, ct);
                }
            };
        });
        return services;
    }

    public static bool IsPasswordAttempt(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.Equals("/konto/logga-in", StringComparison.OrdinalIgnoreCase)
            || request.Path.Equals("/api/token", StringComparison.OrdinalIgnoreCase));
}
