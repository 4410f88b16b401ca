using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core;
using RemissFlow.Core.Bench;
using RemissFlow.Core.Deadlines;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Oversikt;
using RemissFlow.Core.Persistence;
using RemissFlow.Workflows.Calendar;

namespace RemissFlow.Cli;

/// <summary>
/// <c>bench data</c> (fills the configured database), <c>bench queries</c> (times the board and the KS
/// matrix in process) and <c>bench web</c> (a bounded load on a running app on this machine).
/// </summary>
public static class BenchCommands
{
    public static Command Create()
    {
        var bench = new Command("bench", "Prestandamätning: bänkdata, frågornas tider och last mot webbappen.");
        bench.Subcommands.Add(Data());
        bench.Subcommands.Add(Queries());
        bench.Subcommands.Add(Web());
        bench.Subcommands.Add(Search());
        bench.Subcommands.Add(Cluster());
        bench.Subcommands.Add(KallelseBenchCommand.Create());
        return bench;
    }

    private static Command Data()
    {
        var remisser = new Option<int>("--remisser") { Description = "Antal remisser.", DefaultValueFactory = _ => 1000 };
        var instanser = new Option<int>("--instanser") { Description = "Remissinstanser per remiss (lika många organisationer skapas).", DefaultValueFactory = _ => 80 };
        var command = new Command("data", "Fyller den konfigurerade databasen med bänkdata: organisationer, sammanträden, användare, remisser och remissvar i alla lägen.")
        {
            remisser, instanser,
        };
        command.SetAction(async (parse, ct) =>
        {
            var r = parse.GetValue(remisser);
            var n = parse.GetValue(instanser);
            if (r is < 1 or > 100_000 || n is < 3 or > 600)
            {
                throw new CliUsageException("--remisser ska vara 1–100000 och --instanser 3–600");
            }

            var output = parse.InvocationConfiguration.Output;
            await using var provider = CliApp.BuildServices();
            await Startup.PrepareAsync(provider, ct);
            using var scope = provider.CreateScope();
            var progress = new SyncProgress(line => output.WriteLine(line));
            var result = await ActivatorUtilities.CreateInstance<BulkData>(scope.ServiceProvider).GenerateAsync(r, n, progress: progress, ct: ct);
            await output.WriteLineAsync(
                $"bänkdata: {result.Remisser} remisser, {result.Remissvar} remissvar, {result.Organisationer} organisationer, {result.Anvandare} användare, " +
                $"{result.WorkflowInstanser} arbetsflöden, {result.Bokmarken} bokmärken, {result.Tjansteutlatanden} tjänsteutlåtanden, {result.Anstand} anstånd " +
                $"på {result.Tid.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
            await output.WriteLineAsync("lägen: " + string.Join(", ", result.Statusar.OrderByDescending(s => s.Value).Select(s => $"{s.Key} {s.Value}")));
            await output.WriteLineAsync($"nämndsekreterare: {result.SekreterareEpost}, KS-samordnare: {result.SamordnareEpost}, lösenord: {result.Losenord}");
            return CliExit.Ok;
        });
        return command;
    }

    /// <summary>
    /// <c>bench search</c>: the full size is 6,000 remisser × 150 instanser (900,000 remissvar) and a million documents; smaller
    /// runs say their fraction. Fills the configured database with BulkData first unless it already holds bench data.
    /// </summary>
    private static Command Search()
    {
        var remisser = new Option<int>("--remisser") { Description = "Antal remisser (fullstort: 6000).", DefaultValueFactory = _ => 6000 };
        var instanser = new Option<int>("--instanser") { Description = "Remissinstanser per remiss (fullstort: 150).", DefaultValueFactory = _ => 150 };
        var dokument = new Option<int>("--dokument") { Description = "Uppladdade svarsdokument med text (fullstort: 1000000).", DefaultValueFactory = _ => 1_000_000 };
        var runs = new Option<int>("--runs") { Description = "Mätningar per fråga efter den kalla.", DefaultValueFactory = _ => 100 };
        var command = new Command("search", "Mäter sökningen på en stor stads tio år: indexering (poster per sekund, storlek) och frågor kallt och varmt (p99-mål 100 ms).")
        {
            remisser, instanser, dokument, runs,
        };
        command.SetAction(async (parse, ct) =>
        {
            var (r, n, d, k) = (parse.GetValue(remisser), parse.GetValue(instanser), parse.GetValue(dokument), parse.GetValue(runs));
            if (r is < 1 or > 100_000 || n is < 3 or > 600 || d is < 0 or > 5_000_000 || k is < 1 or > 2000)
            {
                throw new CliUsageException("--remisser ska vara 1–100000, --instanser 3–600, --dokument 0–5000000 och --runs 1–2000");
            }

            var output = parse.InvocationConfiguration.Output;
            await using var provider = CliApp.BuildServices();
            await Startup.PrepareAsync(provider, ct);
            var progress = new SyncProgress(line => output.WriteLine(line));
            using (var scope = provider.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>();
                if (!await db.Organisationer.AnyAsync(o => o.Name.StartsWith(BulkData.NamePrefix), ct))
                {
                    var data = await ActivatorUtilities.CreateInstance<BulkData>(scope.ServiceProvider).GenerateAsync(r, n, progress: progress, ct: ct);
                    await output.WriteLineAsync($"bänkdata: {data.Remisser} remisser, {data.Remissvar} remissvar på {data.Tid.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
                }
            }

            var fraction = Math.Min((double)r * n / 900_000, d / 1_000_000.0);
            var databas = provider.GetRequiredService<DatabaseOptions>().Provider.ToString().ToLowerInvariant();
            await output.WriteLineAsync($"databas: {databas}; {r} remisser × {n} instanser, {d} dokument ({(fraction * 100).ToString("0.#", CultureInfo.InvariantCulture)} % av full storlek)");
            var figures = await SearchBench.RunAsync(provider, d, k, 20261202, line => output.WriteLine(line), ct);
            foreach (var line in figures.Lines)
            {
                await output.WriteLineAsync(line);
            }

            await output.WriteLineAsync(figures.MeetsTarget ? "målet p99 < 100 ms nås för alla frågor" : "målet p99 < 100 ms nås INTE för alla frågor");
            return CliExit.Ok;
        });
        return command;
    }

    /// <summary>
    /// <c>bench cluster</c>: two nodes of the built web app behind nginx on a throwaway database on the configured PostgreSQL
    /// server (or <c>--postgres</c>), a mixed load with one node killed and restarted; see <see cref="ClusterBench"/>.
    /// </summary>
    private static Command Cluster()
    {
        var postgres = new Option<string>("--postgres") { Description = "Anslutning till PostgreSQL-servern (annars den konfigurerade); en egen databas skapas och tas bort." };
        var web = new Option<string>("--web") { Description = "Den byggda webbappen (RemissFlow.Web.dll); annars den bredvid den här byggda CLI:n." };
        var duration = new Option<string>("--duration") { Description = "Lastens längd, t.ex. 60s (högst 5 min).", DefaultValueFactory = _ => "60s" };
        var rate = new Option<int>("--rate") { Description = "Förfrågningar per sekund.", DefaultValueFactory = _ => 200 };
        var capacity = new Option<string>("--capacity") { Description = "Längden på varje genomströmningsfas (två noder, en nod) efter lasten.", DefaultValueFactory = _ => "10s" };
        var command = new Command("cluster", "Två appnoder bakom nginx på en egen PostgreSQL-databas, blandad last, en nod dödas (kill -9) och startas om; skriver ut förlorade och dubbla skrivningar, timrar och e-post.")
        {
            postgres, web, duration, rate, capacity,
        };
        command.SetAction(async (parse, ct) =>
        {
            var d = ParseDuration(parse.GetRequiredValue(duration), "--duration");
            var c = ParseDuration(parse.GetRequiredValue(capacity), "--capacity");
            var r = parse.GetValue(rate);
            if (d > WebLoad.MaxDuration || c > WebLoad.MaxDuration || r is < 1 or > 2000)
            {
                throw new CliUsageException($"--duration och --capacity högst {WebLoad.MaxDuration.TotalMinutes:0} min, --rate 1–2000");
            }

            var server = parse.GetValue(postgres);
            if (string.IsNullOrWhiteSpace(server))
            {
                var database = DatabaseOptions.FromConfiguration(CliApp.Environment.Configuration());
                server = database.Provider == DatabaseProvider.Postgres ? database.ConnectionString
                    : throw new CliUsageException("--postgres behövs (eller Database__Provider=postgres med ConnectionStrings__RemissFlow)");
            }

            var dll = parse.GetValue(web) ?? BuiltWebApp();
            var options = new ClusterBenchOptions(server, Path.GetFullPath(dll), d, r, c);
            var output = parse.InvocationConfiguration.Output;
            var result = await ClusterBench.RunAsync(options, output, ct);
            await output.WriteLineAsync(ClusterBench.Format(options, result));
            return result.Passed ? CliExit.Ok : CliExit.Failure;
        });
        return command;
    }

    /// <summary>src/RemissFlow.Cli/bin/{configuration}/{tfm}/ → src/RemissFlow.Web/bin/{configuration}/{tfm}/RemissFlow.Web.dll.</summary>
    private static string BuiltWebApp()
    {
        var tfm = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = tfm.Parent;
        var src = configuration?.Parent?.Parent?.Parent;
        return src is null ? "RemissFlow.Web.dll" : Path.Combine(src.FullName, "RemissFlow.Web", "bin", configuration!.Name, tfm.Name, "RemissFlow.Web.dll");
    }

    private static Command Queries()
    {
        var runs = new Option<int>("--runs") { Description = "Mätningar per fråga (efter uppvärmning).", DefaultValueFactory = _ => 50 };
        var command = new Command("queries", "Mäter bevakningstavlan (den nämnd med flest öppna remissvar) och KS-matrisen (den remiss med flest instanser) i processen.")
        {
            runs,
        };
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(runs);
            if (n is < 1 or > 2000)
            {
                throw new CliUsageException("--runs ska vara 1–2000");
            }

            var output = parse.InvocationConfiguration.Output;
            await using var provider = CliApp.BuildServices();
            await Startup.PrepareAsync(provider, ct);
            var (organisationId, organisation, remissId, remissDnr) = await TargetsAsync(provider, ct);
            var provider_ = provider.GetRequiredService<DatabaseOptions>().Provider.ToString().ToLowerInvariant();
            await output.WriteLineAsync($"databas: {provider_}; tavlan för {organisation}, matrisen för {remissDnr}; {n} mätningar efter 3 uppvärmningar");

            // Each run gets its own scope, as a web request does.
            var rows = 0;
            var board = await TimeAsync(n, async sp =>
            {
                var b = await sp.GetRequiredService<DeadlineBoardQuery>().ForOrganisationAsync(organisationId, ct);
                rows = b.Rows.Count;
            }, provider);
            await output.WriteLineAsync(Line($"bevakningstavlan ({rows} rader, planer i minnet)", board));

            var cold = await TimeAsync(n, async sp =>
            {
                // A fresh memo every run: what the first request of the day costs.
                var q = new DeadlineBoardQuery(sp.GetRequiredService<RemissFlowDbContext>(), sp.GetRequiredService<PlanQuery>(),
                    new PlanMemo(sp.GetRequiredService<IWorkingDayCalendar>()), sp.GetRequiredService<TimeProvider>());
                await q.ForOrganisationAsync(organisationId, ct);
            }, provider);
            await output.WriteLineAsync(Line($"bevakningstavlan ({rows} rader, planer beräknas om)", cold));

            // The board's two halves, to see where its time goes: the planner's input (PlanQuery's batch path) alone.
            var ids = await OpenIdsAsync(provider, organisationId, ct);
            var requests = await TimeAsync(n, async sp => await sp.GetRequiredService<PlanQuery>().RequestsAsync(ids, ct), provider);
            await output.WriteLineAsync(Line("  varav planunderlaget (PlanQuery.RequestsAsync)", requests));

            var matrixRows = 0;
            var matrix = await TimeAsync(n, async sp =>
            {
                var m = await sp.GetRequiredService<KsMatrixQuery>().ForRemissAsync(remissId, ct);
                matrixRows = m!.Rows.Count;
            }, provider);
            await output.WriteLineAsync(Line($"KS-matrisen ({matrixRows} instanser)", matrix));
            return CliExit.Ok;
        });
        return command;
    }

    private static Command Web()
    {
        var url = new Option<string>("--url") { Description = "Webbappens adress på den här datorn, t.ex. http://127.0.0.1:5099.", Required = true };
        var email = new Option<string>("--email") { Description = "Inloggning (bearer-token via POST /api/token); behövs inte med --pages." };
        var password = new Option<string>("--password") { Description = "Lösenordet; behövs inte med --pages." };
        var pages = new Option<bool>("--pages") { Description = "Mät i stället varje rolls vardagssidor (startsida, ärende, TU-redigerare, matris, bevakning) en förfrågan i taget, på bänkdatan i den konfigurerade databasen." };
        var requests = new Option<int>("--requests") { Description = "Med --pages: mätningar per sida efter uppvärmningen.", DefaultValueFactory = _ => 200 };
        var path = new Option<string>("--path") { Description = "Vad som hämtas.", DefaultValueFactory = _ => "/api/bevakning" };
        var duration = new Option<string>("--duration") { Description = "Mätningens längd, t.ex. 20s (högst 5 min).", DefaultValueFactory = _ => "20s" };
        var warmup = new Option<string>("--warmup") { Description = "Uppvärmning före mätningen, räknas inte.", DefaultValueFactory = _ => "3s" };
        var rate = new Option<int>("--rate") { Description = "Förfrågningar per sekund.", DefaultValueFactory = _ => 200 };
        var connections = new Option<int>("--connections") { Description = "Högst så många förfrågningar samtidigt.", DefaultValueFactory = _ => 64 };
        var command = new Command("web", "Last mot en körande webbapp på den här datorn i en bestämd takt under en bestämd tid; skriver ut takt, svarstider och serverns tid.")
        {
            url, email, password, path, duration, warmup, rate, connections, pages, requests,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (!Uri.TryCreate(parse.GetRequiredValue(url), UriKind.Absolute, out var uri))
            {
                throw new CliUsageException("--url är ingen giltig adress");
            }

            if (WebLoad.Refusal(uri) is { } refusal)
            {
                throw new CliUsageException(refusal);
            }

            if (parse.GetValue(pages))
            {
                return await PagesAsync(parse, uri, parse.GetValue(requests), ct);
            }

            if (string.IsNullOrEmpty(parse.GetValue(email)) || string.IsNullOrEmpty(parse.GetValue(password)))
            {
                throw new CliUsageException("--email och --password behövs (eller --pages)");
            }

            var d = ParseDuration(parse.GetRequiredValue(duration), "--duration");
            var w = ParseDuration(parse.GetRequiredValue(warmup), "--warmup", allowZero: true);
            var r = parse.GetValue(rate);
            var c = parse.GetValue(connections);
            if (d > WebLoad.MaxDuration || w > WebLoad.MaxDuration || r is < 1 or > WebLoad.MaxRate || c is < 1 or > WebLoad.MaxConnections)
            {
                throw new CliUsageException($"--duration och --warmup högst {WebLoad.MaxDuration.TotalMinutes:0} min, --rate 1–{WebLoad.MaxRate}, --connections 1–{WebLoad.MaxConnections}");
            }

            var options = new WebLoadOptions(uri, parse.GetValue(email)!, parse.GetValue(password)!, parse.GetRequiredValue(path), d, r, c, w);
            var output = parse.InvocationConfiguration.Output;
            // Never longer than asked for, plus time for the last answers to come back.
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(d + w + TimeSpan.FromSeconds(60));
            var result = await WebLoad.RunAsync(options, output, limit.Token);
            await output.WriteLineAsync(WebLoad.Format(options, result));
            return result.Failed == 0 ? CliExit.Ok : CliExit.Failure;
        });
        return command;
    }

    private static async Task<int> PagesAsync(ParseResult parse, Uri uri, int requests, CancellationToken ct)
    {
        if (requests is < 10 or > 5000)
        {
            throw new CliUsageException("--requests ska vara 10–5000");
        }

        var output = parse.InvocationConfiguration.Output;
        await using var provider = CliApp.BuildServices();
        var targets = await PageBench.TargetsAsync(provider, ct);
        var db = provider.GetRequiredService<DatabaseOptions>().Provider.ToString().ToLowerInvariant();
        await output.WriteLineAsync($"databas: {db}; {targets.Count} sidor, {requests} förfrågningar var efter 20 i uppvärmning, en i taget mot {uri}");
        await output.WriteLineAsync(PageBench.Header);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(WebLoad.MaxDuration * 2);
        var results = await PageBench.RunAsync(uri, targets, requests, 20, output, limit.Token);
        var missed = results.Where(r => !r.MeetsTarget).ToList();
        await output.WriteLineAsync(missed.Count == 0
            ? $"alla {results.Count} sidor inom målet"
            : $"{missed.Count} av {results.Count} sidor utanför målet: {string.Join(", ", missed.Select(m => m.Target.Path))}");
        return missed.Count == 0 ? CliExit.Ok : CliExit.Failure;
    }

    public static TimeSpan ParseDuration(string text, string option, bool allowZero = false)
    {
        var t = text.Trim().ToLowerInvariant();
        var (number, unit) = t.EndsWith("ms", StringComparison.Ordinal) ? (t[..^2], 0.001)
            : t.EndsWith('s') ? (t[..^1], 1.0)
            : t.EndsWith("min", StringComparison.Ordinal) ? (t[..^3], 60.0)
            : t.EndsWith('m') ? (t[..^1], 60.0)
            : (t, 1.0);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || (!allowZero && value == 0) || double.IsInfinity(value))
        {
            throw new CliUsageException($"{option}: förstår inte \"{text}\" (skriv t.ex. 20s eller 1m)");
        }

        return TimeSpan.FromSeconds(Math.Min(value * unit, 86_400));
    }

    private static async Task<(Guid OrganisationId, string Organisation, Guid RemissId, string RemissDnr)> TargetsAsync(IServiceProvider provider, CancellationToken ct)
    {
        using var scope = provider.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>();
        var busiest = await db.Remissvar.AsNoTracking()
            .Where(v => v.InlamnadAt == null && v.Utfall == null && v.Status != "aterkallad")
            .Join(db.Organisationer.Where(o => o.Kind == OrganisationKind.Namnd), v => v.InstansId, o => o.Id, (v, o) => new { o.Id, o.Name })
            .GroupBy(x => new { x.Id, x.Name })
            .Select(g => new { g.Key.Id, g.Key.Name, Count = g.Count() })
            .OrderByDescending(x => x.Count).ThenBy(x => x.Name)
            .FirstOrDefaultAsync(ct) ?? throw new CliFailure("databasen har inga öppna remissvar hos någon nämnd; kör bench data först");
        var remiss = await db.Remisser.AsNoTracking()
            .Select(r => new { r.Id, r.Dnr, r.Svarsdatum, Count = db.Remissvar.Count(v => v.RemissId == r.Id) })
            .OrderByDescending(r => r.Count).ThenByDescending(r => r.Svarsdatum)
            .FirstAsync(ct);
        return (busiest.Id, busiest.Name, remiss.Id, remiss.Dnr);
    }

    private static async Task<List<Guid>> OpenIdsAsync(IServiceProvider provider, Guid organisationId, CancellationToken ct)
    {
        using var scope = provider.CreateScope();
        var board = await scope.ServiceProvider.GetRequiredService<DeadlineBoardQuery>().ForOrganisationAsync(organisationId, ct);
        return board.Rows.Select(r => r.RemissvarId).ToList();
    }

    /// <param name="CpuMs">Process CPU time per run: unlike wall time, it does not grow when other processes share the cores.</param>
    private sealed record Timing(double First, LatencySummary Summary, double CpuMs);

    private static async Task<Timing> TimeAsync(int runs, Func<IServiceProvider, Task> run, IServiceProvider provider)
    {
        double first = 0;
        for (var i = 0; i < 3; i++)
        {
            using var scope = provider.CreateScope();
            var start = Stopwatch.GetTimestamp();
            await run(scope.ServiceProvider);
            if (i == 0)
            {
                first = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }

        var times = new List<double>(runs);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < runs; i++)
        {
            using var scope = provider.CreateScope();
            var start = Stopwatch.GetTimestamp();
            await run(scope.ServiceProvider);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / runs;
        return new Timing(first, LatencySummary.Of(times), cpuMs);
    }

    private static string Line(string what, Timing t)
    {
        static string Ms(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
        return $"{what}: median {Ms(t.Summary.P50)} ms, p95 {Ms(t.Summary.P95)} ms, p99 {Ms(t.Summary.P99)} ms, max {Ms(t.Summary.Max)} ms (första körningen {Ms(t.First)} ms; CPU {Ms(t.CpuMs)} ms per körning)";
    }

    /// <summary>Progress written on the generator's own thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<string> write) : IProgress<string>
    {
        public void Report(string value) => write(value);
    }
}
