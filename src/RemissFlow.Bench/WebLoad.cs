using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace RemissFlow.Cli;

public sealed record WebLoadOptions(Uri Url, string Email, string Password, string Path, TimeSpan Duration, int Rate, int Connections, TimeSpan Warmup);

public sealed record LatencySummary(double P50, double P95, double P99, double Max)
{
    public static LatencySummary Of(List<double> values)
    {
        if (values.Count == 0)
        {
            return new LatencySummary(double.NaN, double.NaN, double.NaN, double.NaN);
        }

        values.Sort();
        return new LatencySummary(Percentile(values, 0.50), Percentile(values, 0.95), Percentile(values, 0.99), values[^1]);
    }

    /// <summary>Nearest rank on sorted values.</summary>
    public static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}

public sealed record WebLoadResult(int Sent, int Ok, int Failed, TimeSpan Elapsed, LatencySummary Client, LatencySummary? Server, LatencySummary? ServerQuery, LatencySummary Lag, long Bytes)
{
    public double PerSecond => Ok / Elapsed.TotalSeconds;
}

/// <summary>
/// An open-loop load at a fixed request rate: requests are started on schedule whether or not earlier
/// ones have answered (up to <see cref="WebLoadOptions.Connections"/> in flight), so a slow server shows
/// as latency and lag instead of quietly lowering the rate. Only ever against this machine: the URL must
/// be a loopback address, and both duration and rate are bounded.
/// </summary>
public static class WebLoad
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(5);

    public const int MaxRate = 5000;

    public const int MaxConnections = 512;

    /// <summary>The reason <paramref name="url"/> may not be loaded, or null when it is a loopback http(s) URL.</summary>
    public static string? Refusal(Uri url)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return "adressen måste vara en absolut http- eller https-adress";
        }

        // Names other than localhost could resolve anywhere; only literal loopback addresses and localhost are accepted.
        var loopback = url.IsLoopback && (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            ? IPAddress.IsLoopback(IPAddress.Parse(url.IdnHost.Trim('[', ']')))
            : string.Equals(url.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase));
        return loopback ? null : $"lasttestet körs bara mot den egna datorn (127.0.0.1, ::1 eller localhost), inte mot {url.Host}";
    }

    public static async Task<WebLoadResult> RunAsync(WebLoadOptions o, TextWriter log, CancellationToken ct)
    {
        if (Refusal(o.Url) is { } refusal)
        {
            throw new BenchUsageException(refusal);
        }

        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = o.Connections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
            AllowAutoRedirect = false,
        };
        using var http = new HttpClient(handler) { BaseAddress = o.Url, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http, o, ct));

        var path = o.Path.StartsWith('/') ? o.Path : "/" + o.Path;
        using (var probe = await http.GetAsync(path, ct))
        {
            if (!probe.IsSuccessStatusCode)
            {
                throw new BenchFailure($"GET {path} svarade {(int)probe.StatusCode} {probe.ReasonPhrase}; kontrollera att användaren får se sidan");
            }
        }

        if (o.Warmup > TimeSpan.Zero)
        {
            await log.WriteLineAsync($"uppvärmning {o.Warmup.TotalSeconds:0} s …");
            await PhaseAsync(http, path, o with { Duration = o.Warmup }, ct);
        }

        return await PhaseAsync(http, path, o, ct);
    }

    private static async Task<string> TokenAsync(HttpClient http, WebLoadOptions o, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("/api/token", new { email = o.Email, password = o.Password }, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchFailure($"inloggningen som {o.Email} misslyckades ({(int)response.StatusCode})");
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return json.RootElement.GetProperty("accessToken").GetString() ?? throw new BenchFailure("svaret på POST /api/token saknar accessToken");
    }

    private static async Task<WebLoadResult> PhaseAsync(HttpClient http, string path, WebLoadOptions o, CancellationToken ct)
    {
        var total = (int)Math.Min(int.MaxValue, Math.Ceiling(o.Duration.TotalSeconds * o.Rate));
        var client = new double[total];
        var server = new double[total];
        var query = new double[total];
        var lag = new double[total];
        var ok = new bool[total];
        long bytes = 0;
        using var slots = new SemaphoreSlim(o.Connections, o.Connections);
        var tasks = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)o.Rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, ct);
            }

            await slots.WaitAsync(ct);
            var index = i;
            lag[index] = Math.Max(0, (clock.Elapsed - due).TotalMilliseconds);
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    var start = Stopwatch.GetTimestamp();
                    using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead, ct);
                    var body = await response.Content.ReadAsByteArrayAsync(ct);
                    client[index] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    ok[index] = response.IsSuccessStatusCode;
                    Interlocked.Add(ref bytes, body.Length);
                    (server[index], query[index]) = ServerTiming(response);
                }
                catch (HttpRequestException)
                {
                    ok[index] = false;
                }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                {
                    // The client's timeout: counted as a failure, not a crash of the run.
                    ok[index] = false;
                }
                finally
                {
                    slots.Release();
                }
            }, ct));
        }

        await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed;
        var okCount = ok.Count(x => x);
        var okIdx = Enumerable.Range(0, total).Where(i => ok[i]).ToList();
        var serverValues = okIdx.Select(i => server[i]).Where(v => v >= 0).ToList();
        var queryValues = okIdx.Select(i => query[i]).Where(v => v >= 0).ToList();
        return new WebLoadResult(total, okCount, total - okCount, elapsed,
            LatencySummary.Of(okIdx.Select(i => client[i]).ToList()),
            serverValues.Count == 0 ? null : LatencySummary.Of(serverValues),
            queryValues.Count == 0 ? null : LatencySummary.Of(queryValues),
            LatencySummary.Of(lag.ToList()),
            bytes);
    }

    /// <summary>Reads <c>app;dur=</c> and <c>query;dur=</c> from Server-Timing; -1 when absent.</summary>
    public static (double App, double Query) ServerTiming(HttpResponseMessage response)
    {
        double app = -1, query = -1;
        if (!response.Headers.TryGetValues("Server-Timing", out var values))
        {
            return (app, query);
        }

        foreach (var metric in values.SelectMany(v => v.Split(',')))
        {
            var parts = metric.Split(';', StringSplitOptions.TrimEntries);
            var dur = parts.Skip(1).FirstOrDefault(p => p.StartsWith("dur=", StringComparison.Ordinal));
            if (dur is null || !double.TryParse(dur.AsSpan(4), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
            {
                continue;
            }

            if (parts[0] == "app")
            {
                app = ms;
            }
            else if (parts[0] == "query")
            {
                query = ms;
            }
        }

        return (app, query);
    }

    public static string Format(WebLoadOptions o, WebLoadResult r)
    {
        static string Ms(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
        static string Line(string what, LatencySummary s) => $"{what}: p50 {Ms(s.P50)} ms, p95 {Ms(s.P95)} ms, p99 {Ms(s.P99)} ms, max {Ms(s.Max)} ms";
        var lines = new List<string>
        {
            $"GET {new Uri(o.Url, o.Path)} i {o.Duration.TotalSeconds:0} s, mål {o.Rate} förfrågningar/s, högst {o.Connections} samtidiga",
            $"förfrågningar: {r.Sent} (lyckade {r.Ok}, misslyckade {r.Failed}); {r.PerSecond.ToString("0.0", CultureInfo.InvariantCulture)} lyckade per sekund; {r.Bytes / Math.Max(1, r.Ok)} byte per svar",
            Line("svarstid hos klienten", r.Client),
        };
        if (r.Server is { } s)
        {
            lines.Add(Line("serverns tid (Server-Timing app)", s));
        }

        if (r.ServerQuery is { } q)
        {
            lines.Add(Line("frågans tid (Server-Timing query)", q));
        }

        lines.Add(Line("startad efter schemat", r.Lag));
        return string.Join(Environment.NewLine, lines);
    }
}
