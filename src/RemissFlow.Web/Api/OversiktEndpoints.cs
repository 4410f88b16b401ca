using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.Extensions.Options;
using RemissFlow.Core.Access;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Oversikt;

namespace RemissFlow.Web.Api;

/// <summary>
/// The two overviews as JSON: the signed-in nämndsekreterare's deadline board and KS's matrix of one remiss.
/// Each answer carries <c>Server-Timing</c> (<c>query</c>: the read model, from the cache when nothing has changed;
/// <c>app</c>: the handler including serialization), so a load test can tell server time from everything around it.
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
        // The lean, cached read of the matrix for dashboards and load runs; /api/remisser/{id}/matris is the full one.
        api.MapGet("/oversikt/remisser/{id:guid}/matris", Matrix)
            .RequireAuthorization(AccessPolicies.Remisser)
            .AddEndpointFilter(ServerTiming)
            .WithTags("Översikter")
            .WithSummary("KS-matrisen: remissens instanser och var varje svar står (besvarat i tid eller sent, avstått, anstånd, saknas).");
    }

    private static async Task<FileContentHttpResult> Board(HttpContext http, DeadlineBoardQuery query, SignedInUser user, OversiktCache cache,
        RemissFlowDbContext db, IConfiguration configuration, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var organisationId = user.Actor.OrganisationId!.Value;
        async Task<byte[]> Build() => Serialize(await query.ForOrganisationAsync(organisationId, ct), json.Value.SerializerOptions);
        var body = UseCache(configuration)
            ? await cache.GetOrCreateAsync("bevakning", organisationId, await OversiktCache.StampAsync(db, ct), Build)
            : await Build();
        http.Items[QueryTimeKey] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return TypedResults.Bytes(body, JsonType);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Matrix(Guid id, HttpContext http, KsMatrixQuery query, OversiktCache cache,
        SignedInUser user, RemissFlowDbContext db, IConfiguration configuration, IOptions<JsonOptions> json, CancellationToken ct)
    {
        // The policy lets in every KS registrator and samordnare; the remiss must also be their organisation's, as for the full
        // matrix. Checked before the cache, which is keyed by remiss alone and would otherwise hand the sender's copy to anyone.
        if (await RemissAccess.RefuseReadAsync(db, id, user.Actor, ct) is { } refusal)
        {
            return ApiProblems.From(refusal);
        }

        var start = Stopwatch.GetTimestamp();
        async Task<byte[]> Build() => await query.ForRemissAsync(id, ct) is { } matrix ? Serialize(matrix, json.Value.SerializerOptions) : [];
        var body = UseCache(configuration)
            ? await cache.GetOrCreateAsync("matris", id, await OversiktCache.StampAsync(db, ct), Build)
            : await Build();
        http.Items[QueryTimeKey] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return body.Length == 0 ? ApiProblems.From(Refusal.NotFound("Remissen")) : TypedResults.Bytes(body, JsonType);
    }

    /// <summary>RemissFlow:Oversikt:Cache=false turns the cache off, to measure the queries themselves under load.</summary>
    internal static bool UseCache(IConfiguration configuration) => configuration.GetValue("RemissFlow:Oversikt:Cache", true);

    private const string JsonType = "application/json; charset=utf-8";

    /// <summary>Serialized to bytes, not streamed: the bytes are what the cache keeps, and the app time in Server-Timing then includes serialization.</summary>
    private static byte[] Serialize<T>(T value, JsonSerializerOptions options) => JsonSerializer.SerializeToUtf8Bytes(value, options);

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
