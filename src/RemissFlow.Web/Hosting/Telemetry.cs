using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RemissFlow.Core.Background;

namespace RemissFlow.Web.Hosting;

/// <summary>
/// Traces, metrics and logs over OTLP, and only when an endpoint is configured (RemissFlow:Telemetry:OtlpEndpoint or
/// the standard OTEL_EXPORTER_OTLP_ENDPOINT): ASP.NET Core requests, EF Core commands, and the timers and outbox
/// (<see cref="BackgroundTelemetry"/>). Every log line carries the request's scope, whose RequestId is the
/// TraceIdentifier the error page shows as its felkod, and the trace and span ids, so a felkod a user reads out
/// finds the request's logs and its trace. RemissFlow:Logging:Json=true writes the same as JSON lines on stdout.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "remissflow";

    public static WebApplicationBuilder AddRemissFlowTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (configuration.GetValue<bool>("RemissFlow:Logging:Json"))
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });
        }

        var endpoint = configuration["RemissFlow:Telemetry:OtlpEndpoint"] ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return builder;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var otlp) || otlp.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"RemissFlow:Telemetry:OtlpEndpoint måste vara en http- eller https-adress, inte '{endpoint}'.");
        }

        var node = configuration["RemissFlow:NodeName"] ?? Environment.MachineName;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceInstanceId: node))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = c => !IsProbe(c.Request.Path))
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource(BackgroundTelemetry.Name)
                .AddOtlpExporter(o => o.Endpoint = otlp))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddMeter(BackgroundTelemetry.Name)
                .AddOtlpExporter(o => o.Endpoint = otlp))
            .WithLogging(l => l.AddOtlpExporter(o => o.Endpoint = otlp), o => o.IncludeScopes = true);
        return builder;
    }

    /// <summary>A load balancer's probes every few seconds would drown the traces that matter.</summary>
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/livez") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/healthz");
}
