using System.Diagnostics;
using System.Globalization;

namespace RemissFlow.Web.Hosting;

/// <summary>
/// Adds <c>Server-Timing: app;dur=…</c> to every answer that does not set its own (the board and matrix
/// endpoints add their query time too), so <c>bench web --pages</c> can tell the server's time from the
/// client's. Measured when the headers go out: for a page larger than the response buffer that is before
/// its last bytes are written, which is why the bench also prints the client's full-response time.
/// </summary>
public sealed class ServerTiming(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        context.Response.OnStarting(static state =>
        {
            var (http, started) = ((HttpContext, long))state;
            if (!http.Response.Headers.ContainsKey("Server-Timing"))
            {
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                http.Response.Headers["Server-Timing"] = "app;dur=" + ms.ToString("0.0", CultureInfo.InvariantCulture);
            }

            return Task.CompletedTask;
        }, (context, start));
        return next(context);
    }
}
