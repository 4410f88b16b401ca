using System.Threading.RateLimiting;
using RemissFlow.Web.Api;
using RemissFlow.Web.Hosting;

namespace RemissFlow.Web.Security;

/// <summary>
/// Limits password attempts per client address, on the sign-in form and the token endpoint alike
/// (one partition per address, shared by both); Identity's lockout protects each account, this
/// protects against spraying many accounts. The policy is attached to the endpoints themselves
/// (<see cref="Policy"/>), not matched against the path, so no spelling of a path escapes it, and
/// a refused attempt never reaches the password check: not even a right password gets in.
/// </summary>
public static class SignInRateLimit
{
    public const string Policy = "inloggning";

    public const string Message = "För många inloggningsförsök från din adress. Vänta en minut och försök igen.";

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue<int?>("RemissFlow:SignIn:PermitsPerMinute") ?? 10;
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Policy, context =>
                IsPasswordAttempt(context.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "okänd",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            o.OnRejected = async (context, ct) =>
            {
                var response = context.HttpContext.Response;
                if (context.HttpContext.Request.Path.StartsWithSegments("/svara"))
                {
                    await SvarslankRateLimit.WriteRejectedAsync(response, ct);
                    return;
                }

                response.Headers.RetryAfter = "60";
                if (WebHosting.IsApi(context.HttpContext))
                {
                    await ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "För många försök", Message);
                }
                else
                {
                    response.ContentType = "text/plain; charset=utf-8";
                    await response.WriteAsync(Message, ct);
                }
            };
        });
        return services;
    }

    /// <summary>On a limited endpoint, everything but reading the page (GET, HEAD) may carry a password.</summary>
    private static bool IsPasswordAttempt(HttpRequest request) => !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method);
}
