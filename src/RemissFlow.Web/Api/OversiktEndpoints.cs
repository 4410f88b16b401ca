using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Oversikt;
using RemissFlow.Web.Security;

namespace RemissFlow.Web.Api;

/// <summary>
/// The two overviews as JSON: the signed-in nämndsekreterare's deadline board and KS's matrix of one remiss.
/// Each answer carries <c>Server-Timing</c> (<c>query</c>: the read model; <c>app</c>: handler including
/// serialization), so a load test can tell server time from everything around it.
/// </summary>
public static class OversiktEndpoints
{
    private const string QueryTimeKey = "RemissFlow.QueryMs";

    public static void MapOversiktEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/bevakning", Board)
            .RequireAuthorization(AccessPolicies.Bevakning)
            .AddEndpointFilter(ServerTiming)
            .WithTags("Översikter")
            .WithSummary("Bevakningstavlan: nämndens öppna remissvar med plan och status, de mest riskabla först.");
        api.MapGet("/remisser/{id:guid}/matris", Matrix)
            .RequireAuthorization(AccessPolicies.Remisser)
            .AddEndpointFilter(ServerTiming)
            .WithTags("Översikter")
            .WithSummary("KS-matrisen: remissens instanser och var varje svar står (besvarat i tid eller sent, avstått, anstånd, saknas).");
    }

    private static async Task<FileContentHttpResult> Board(HttpContext http, DeadlineBoardQuery query, SignedInUser user, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var board = await query.ForOrganisationAsync(user.Actor.OrganisationId!.Value, ct);
        http.Items[QueryTimeKey] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return Json(board, json.Value.SerializerOptions);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Matrix(Guid id, HttpContext http, KsMatrixQuery query, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var matrix = await query.ForRemissAsync(id, ct);
        http.Items[QueryTimeKey] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return matrix is null ? ApiProblems.From(Refusal.NotFound("Remissen")) : Json(matrix, json.Value.SerializerOptions);
    }

    /// <summary>Serialized here, not streamed, so the app time in Server-Timing includes the serialization.</summary>
    private static FileContentHttpResult Json<T>(T value, JsonSerializerOptions options) =>
        TypedResults.Bytes(JsonSerializer.SerializeToUtf8Bytes(value, options), "application/json; charset=utf-8");

    private static async ValueTask<object?> ServerTiming(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var start = Stopwatch.GetTimestamp();
        var http = context.HttpContext;
        http.Response.OnStarting(() =>
        {
            var app = Stopwatch.GetElapsedTime(start).TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture);
            var timing = $"app;dur={app}";
            if (http.Items[QueryTimeKey] is double q)
            {
                timing = $"query;dur={q.ToString("0.00", CultureInfo.InvariantCulture)}, {timing}";
            }

            http.Response.Headers["Server-Timing"] = timing;
            return Task.CompletedTask;
        });
        return await next(context);
    }
}
