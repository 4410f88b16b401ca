using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Bench;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Cli;

/// <param name="Role">Who asks, in Swedish, for the printout.</param>
/// <param name="What">What the page is, in Swedish.</param>
public sealed record PageTarget(string Role, string What, string Email, string Path);

/// <param name="First">The first request's time: for a page kept in a cache, what it costs after a change.</param>
public sealed record PageTiming(PageTarget Target, int Requests, double First, LatencySummary Client, double ClientMedian, LatencySummary? Server, double ServerMedian, long BytesPerAnswer)
{
    /// <summary>The target is judged on the client's full-response time on loopback: it includes everything the server does, also what Server-Timing cannot see.</summary>
    public bool MeetsTarget => ClientMedian < PageBench.MedianTargetMs && Client.P99 < PageBench.P99TargetMs;
}

/// <summary>
/// <c>bench web --pages</c>: each role's everyday pages on the bench data, one request at a time (closed loop),
/// so the figures are each page's own time and not a queue. Finds its targets in the configured database (the one
/// the app under test uses): the nämnd with most open remissvar, its nämndsekreterare and handläggare, one of the
/// handläggare's open ärenden, and the remiss with most instanser for KS.
/// </summary>
public static class PageBench
{
    public const double MedianTargetMs = 50;

    public const double P99TargetMs = 200;

    public static async Task<IReadOnlyList<PageTarget>> TargetsAsync(IServiceProvider provider, CancellationToken ct)
    {
        using var scope = provider.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>();
        var busiest = await db.Remissvar.AsNoTracking()
            .Where(v => v.InlamnadAt == null && v.Utfall == null && v.Status != "aterkallad")
            .Join(db.Organisationer.Where(o => o.Kind == OrganisationKind.Namnd), v => v.InstansId, o => o.Id, (v, o) => o.Id)
            .GroupBy(id => id)
            .Select(g => new { Id = g.Key, Count = g.Count() })
            .OrderByDescending(x => x.Count)
            .FirstOrDefaultAsync(ct) ?? throw new BenchFailure("databasen har inga öppna remissvar hos någon nämnd; kör bench data först");
        var org = await db.Organisationer.AsNoTracking().SingleAsync(o => o.Id == busiest.Id, ct);
        var prefix = org.DnrPrefix.ToLowerInvariant();

        // An open ärende being drafted, with most TU versions (the editor's heaviest case), measured as its own handläggare.
        var arende = await db.Remissvar.AsNoTracking()
            .Where(v => v.InstansId == org.Id && v.HandlaggareId != null && v.InlamnadAt == null && v.Utfall == null)
            .Select(v => new
            {
                v.Id,
                Handlaggare = v.HandlaggareId!.Value,
                Drafting = v.Status == "tilldelad" && db.Tjansteutlatanden.Any(t => t.RemissvarId == v.Id),
                Versions = db.Tjansteutlatanden.Where(t => t.RemissvarId == v.Id).SelectMany(t => t.Versioner).Count(),
            })
            .OrderByDescending(x => x.Drafting).ThenByDescending(x => x.Versions).ThenBy(x => x.Id)
            .FirstOrDefaultAsync(ct) ?? throw new BenchFailure($"{org.Name} har inga öppna ärenden med handläggare i bänkdatan");
        var handlaggareEmail = await db.Users.AsNoTracking().Where(u => u.Id == arende.Handlaggare).Select(u => u.Email!).SingleAsync(ct);
        var remiss = await db.Remisser.AsNoTracking()
            .Select(r => new { r.Id, r.Svarsdatum, Count = db.Remissvar.Count(v => v.RemissId == r.Id) })
            .OrderByDescending(r => r.Count).ThenByDescending(r => r.Svarsdatum)
            .FirstAsync(ct);

        var ks = $"samordnare@{BulkData.EmailDomain}";
        var sekreterare = BulkData.SekreterareEmail(org);
        var chef = $"handlaggare1.{prefix}@{BulkData.EmailDomain}";
        var handlaggare2 = $"handlaggare2.{prefix}@{BulkData.EmailDomain}";
        return
        [
            new("KS-samordnare", "startsidan", ks, "/"),
            new("KS-samordnare", $"remissen med matrisen ({remiss.Count} instanser)", ks, $"/remisser/{remiss.Id}"),
            new("KS-samordnare", "översikten", ks, "/oversikt"),
            new("KS-samordnare", "matrisen (API)", ks, $"/api/oversikt/remisser/{remiss.Id}/matris"),
            new("nämndsekreterare + registrator", "startsidan", sekreterare, "/"),
            new("nämndsekreterare + registrator", "bevakningen", sekreterare, "/bevakning"),
            new("nämndsekreterare + registrator", "bevakningen (API)", sekreterare, "/api/bevakning"),
            new("nämndsekreterare + registrator", "inkorgen", sekreterare, "/inkorg"),
            new("handläggare + förvaltningschef", "startsidan", chef, "/"),
            new("handläggare", "startsidan", handlaggare2, "/"),
            new("ärendets handläggare", "mina ärenden", handlaggareEmail, "/mina-arenden"),
            new("ärendets handläggare", "ärendet", handlaggareEmail, $"/arenden/{arende.Id}"),
            new("ärendets handläggare", $"TU-redigeraren ({arende.Versions} versioner)", handlaggareEmail, $"/arenden/{arende.Id}/tu"),
            new("administratör", "startsidan", BulkData.AdministratorEmail, "/"),
        ];
    }

    public static async Task<IReadOnlyList<PageTiming>> RunAsync(Uri url, IReadOnlyList<PageTarget> targets, int requests, int warmup, TextWriter log, CancellationToken ct)
    {
        if (WebLoad.Refusal(url) is { } refusal)
        {
            throw new BenchUsageException(refusal);
        }

        using var handler = new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None };
        using var http = new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        var tokens = new Dictionary<string, string>();
        var results = new List<PageTiming>();
        foreach (var target in targets)
        {
            if (!tokens.TryGetValue(target.Email, out var token))
            {
                token = tokens[target.Email] = await TokenAsync(http, target.Email, ct);
            }

            var client = new List<double>(requests);
            var server = new List<double>(requests);
            long bytes = 0;
            var first = double.NaN;
            for (var i = -warmup; i < requests; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, target.Path);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                var start = Stopwatch.GetTimestamp();
                HttpResponseMessage answer;
                try
                {
                    answer = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
                }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new BenchFailure($"GET {target.Path} som {target.Email} svarade inte inom {http.Timeout.TotalSeconds:0} s");
                }

                using var response = answer;
                var body = await response.Content.ReadAsByteArrayAsync(ct);
                var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    throw new BenchFailure($"GET {target.Path} som {target.Email} svarade {(int)response.StatusCode} {response.ReasonPhrase}");
                }

                if (i == -warmup)
                {
                    first = ms;
                }

                if (i < 0)
                {
                    continue;
                }

                client.Add(ms);
                bytes += body.Length;
                var (app, _) = WebLoad.ServerTiming(response);
                if (app >= 0)
                {
                    server.Add(app);
                }
            }

            var c = LatencySummary.Of(client);
            var s = server.Count == 0 ? null : LatencySummary.Of(server);
            var timing = new PageTiming(target, requests, first, c, c.P50, s, s?.P50 ?? double.NaN, bytes / Math.Max(1, requests));
            results.Add(timing);
            await log.WriteLineAsync(Line(timing));
        }

        return results;
    }

    public static string Header =>
        $"roll | sida | första ms | median ms | p99 ms | serverns median/p99 ms (Server-Timing) | byte | mål median < {MedianTargetMs:0} ms, p99 < {P99TargetMs:0} ms";

    public static string Line(PageTiming t)
    {
        static string Ms(double v) => double.IsNaN(v) ? "–" : v.ToString("0.0", CultureInfo.InvariantCulture);
        var server = t.Server is { } s ? $"{Ms(s.P50)}/{Ms(s.P99)}" : "–";
        return $"{t.Target.Role} | {t.Target.What} ({t.Target.Path}) | {Ms(t.First)} | {Ms(t.ClientMedian)} | {Ms(t.Client.P99)} | {server} | {t.BytesPerAnswer} | {(t.MeetsTarget ? "✓" : "✗")}";
    }

    private static async Task<string> TokenAsync(HttpClient http, string email, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("/api/token", new { email, password = BulkData.Password }, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchFailure($"inloggningen som {email} misslyckades ({(int)response.StatusCode}); är appen startad mot samma databas som bänkdatan?");
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return json.RootElement.GetProperty("accessToken").GetString() ?? throw new BenchFailure("svaret på POST /api/token saknar accessToken");
    }
}
