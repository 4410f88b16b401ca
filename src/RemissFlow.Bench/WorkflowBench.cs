using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Features.Organisationer;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Workflows.Definitions;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Workflow;

/// <summary>What to measure: store sizes, how many triggers, which databases.</summary>
public sealed record WorkflowBenchOptions
{
    public IReadOnlyList<int> Sizes { get; init; } = [1_000, 10_000, 100_000];

    /// <summary>Triggers timed one at a time, per trigger kind (capped by the store size).</summary>
    public int SequentialTriggers { get; init; } = 1_000;

    /// <summary>Transitions fired by the concurrent callers together (capped by the store size).</summary>
    public int ConcurrentTransitions { get; init; } = 4_000;

    public int Callers { get; init; } = 8;

    /// <summary>Uncounted rounds on a small store before the first measurement, so the first size is not measured cold.</summary>
    public int WarmupRounds { get; init; } = 2;

    /// <summary>Untimed repeat firings before measuring, so the JIT has optimised the hot path.</summary>
    public int WarmupTransitions { get; init; } = 400;

    /// <summary>Definition versions the instances are spread over (v1 from workflows/, the rest are copies with a new version number).</summary>
    public int Versions { get; init; } = 3;

    /// <summary>A PostgreSQL server (no database name needed): each size gets its own throwaway database there. Null: SQLite only.</summary>
    public string? PostgresServer { get; init; }

    public bool RunSqlite { get; init; } = true;

    public required string WorkflowsDirectory { get; init; }

    public required string TemplatesDirectory { get; init; }
}

/// <summary>One store size on one database: latency per trigger and throughput of the concurrent callers.</summary>
public sealed record WorkflowBenchResult(
    string Provider,
    int Instances,
    TimeSpan PrefillTime,
    IReadOnlyList<(string Trigger, int Count, double MedianMs, double P99Ms, double AllocatedKb)> Latencies,
    int ConcurrentTransitions,
    int Callers,
    double TransitionsPerSecond,
    double CpuMsPerTransition);

/// <summary>
/// <c>workflow bench</c>: how the engine behaves as the instance store grows. Each size gets a fresh
/// database whose store is pre-filled in bulk (see <see cref="PrefillAsync"/>), then triggers are
/// fired through the real mediator pipeline — validation, authorization, transaction, engine,
/// audit chain — exactly as a signed-in user's click, first one at a time (latency per trigger),
/// then from several concurrent callers (throughput).
/// </summary>
public sealed class WorkflowBench(WorkflowBenchOptions options)
{
    private const string Definition = "remissvar-namnd";
    private const int Namnder = 5;
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    public async Task<IReadOnlyList<WorkflowBenchResult>> RunAsync(TextWriter output, CancellationToken ct = default)
    {
        var results = new List<WorkflowBenchResult>();
        var workflows = WriteVersionedWorkflows();
        try
        {
            var providers = new List<DatabaseProvider>();
            if (options.RunSqlite)
            {
                providers.Add(DatabaseProvider.Sqlite);
            }

            if (!string.IsNullOrWhiteSpace(options.PostgresServer))
            {
                providers.Add(DatabaseProvider.Postgres);
            }

            await output.WriteLineAsync($"workflow bench: {options.Callers} samtidiga anropare, {options.Versions} versioner av {Definition}, {System.Environment.ProcessorCount} kärnor");
            if (options.WarmupRounds > 0 && providers.Count > 0)
            {
                // The first size measured in a fresh process paid for the process's own warm-up (JIT tiers, pools,
                // caches) and looked slower than the larger stores. After one uncounted round the concurrent
                // callers still spent 2.2–2.4 ms of processor time per transition against 1.3–1.4 later (the JIT
                // was still recompiling their path); after two, the first size measures like the others.
                await output.WriteLineAsync($"uppvärmning: {options.WarmupRounds} otidtagna omgångar med 1 000 instanser");
                for (var round = 0; round < options.WarmupRounds; round++)
                {
                    await RunOneAsync(providers[0], 1_000, workflows, ct);
                }
            }

            foreach (var provider in providers)
            {
                foreach (var size in options.Sizes)
                {
                    var result = await RunOneAsync(provider, size, workflows, ct);
                    results.Add(result);
                    await output.WriteLineAsync(Format(result));
                }
            }

            await output.WriteAsync(Summary(results));
        }
        finally
        {
            Directory.Delete(workflows, recursive: true);
        }

        return results;
    }

    public static string Format(WorkflowBenchResult r)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{r.Provider,-10} {r.Instances,7:N0} instanser (förifyllt på {r.PrefillTime.TotalSeconds:F1} s)");
        foreach (var (trigger, count, median, p99, allocated) in r.Latencies)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{System.Environment.NewLine}    {trigger,-20} n={count,5}  median {median,6:F2} ms  p99 {p99,6:F2} ms  {allocated,5:F0} kB allokerat");
        }

        sb.Append(CultureInfo.InvariantCulture, $"{System.Environment.NewLine}    {r.Callers} anropare: {r.ConcurrentTransitions} övergångar, {r.TransitionsPerSecond,7:F0} övergångar/s, {r.CpuMsPerTransition:F2} ms processortid per övergång");
        return sb.ToString().Replace('\u00a0', ' ');
    }

    /// <summary>The largest store's figures against the smallest's, per provider: the flatness the engine promises.</summary>
    public static string Summary(IReadOnlyList<WorkflowBenchResult> results)
    {
        var sb = new StringBuilder();
        foreach (var group in results.GroupBy(r => r.Provider))
        {
            var small = group.MinBy(r => r.Instances)!;
            var large = group.MaxBy(r => r.Instances)!;
            if (small == large)
            {
                continue;
            }

            foreach (var (trigger, _, median, p99, _) in large.Latencies)
            {
                var baseline = small.Latencies.First(l => l.Trigger == trigger);
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"{group.Key}: {trigger} vid {large.Instances:N0} mot {small.Instances:N0}: median ×{median / baseline.MedianMs:F2}, p99 ×{p99 / baseline.P99Ms:F2}");
            }

            sb.AppendLine(CultureInfo.InvariantCulture,
                $"{group.Key}: genomströmning vid {large.Instances:N0} mot {small.Instances:N0}: ×{large.TransitionsPerSecond / small.TransitionsPerSecond:F2}");
        }

        return sb.ToString().Replace('\u00a0', ' ');
    }

    private async Task<WorkflowBenchResult> RunOneAsync(DatabaseProvider provider, int size, string workflows, CancellationToken ct)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("remissflow-bench-").FullName;
        string? pgDatabase = null;
        DatabaseOptions database;
        if (provider == DatabaseProvider.Sqlite)
        {
            database = new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dataDirectory, "bench.db")}");
        }
        else
        {
            pgDatabase = "rf_bench_" + Guid.NewGuid().ToString("N")[..12];
            await using (var connection = new NpgsqlConnection(options.PostgresServer))
            {
                await connection.OpenAsync(ct);
                await using var create = new NpgsqlCommand($"CREATE DATABASE {pgDatabase}", connection);
                await create.ExecuteNonQueryAsync(ct);
            }

            database = new DatabaseOptions(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(options.PostgresServer) { Database = pgDatabase, MaxPoolSize = 32 }.ConnectionString);
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new SteppingClock(Now));
        services.AddRemissFlowCore(new CoreOptions(database, dataDirectory, workflows, options.TemplatesDirectory));
        var provider_ = services.BuildServiceProvider();
        try
        {
            await Startup.PrepareAsync(provider_, ct);
            var people = await PeopleAsync(provider_, ct);
            var watch = Stopwatch.StartNew();
            var svar = await PrefillAsync(provider_, people, size, ct);
            var prefill = watch.Elapsed;

            // Disjoint slices of the store: warm-up, timed one at a time, and the concurrent callers' own partitions.
            var random = new Random(size);
            var order = svar.OrderBy(_ => random.Next()).ToList();
            var warm = Math.Max(10, Math.Min(200, size / 5));
            var sequential = Math.Min(options.SequentialTriggers, (size - warm) / 2);
            var concurrentInstances = Math.Min(options.ConcurrentTransitions / 2, size - warm - sequential);

            // Warm-up until the JIT has optimised both triggers' paths (tiered compilation needs some hundred calls; without
            // it the first store size measured half-compiled code): tilldela_om can be fired again and again on the same ärenden.
            var warmSlice = order.Take(warm).ToList();
            await FireSequentialAsync(provider_, people, warmSlice, ct);
            for (var round = 0; round < options.WarmupTransitions / warmSlice.Count; round++)
            {
                foreach (var s in warmSlice)
                {
                    await FireAsync(provider_, people, s, "tilldela_om", ct);
                }
            }

            var latencies = await FireSequentialAsync(provider_, people, order.Skip(warm).Take(sequential).ToList(), ct);

            var slices = order.Skip(warm + sequential).Take(concurrentInstances)
                .Select((s, i) => (s, i)).GroupBy(x => x.i % options.Callers, x => x.s).Select(g => g.ToList()).ToList();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            watch.Restart();
            var fired = await Task.WhenAll(slices.Select(slice => Task.Run(async () =>
            {
                var n = 0;
                foreach (var s in slice)
                {
                    await FireAsync(provider_, people, s, "paborja_beredning", ct);
                    await FireAsync(provider_, people, s, "tilldela_om", ct);
                    n += 2;
                }

                return n;
            }, ct)));
            var elapsed = watch.Elapsed;
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            return new WorkflowBenchResult(provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL", size, prefill,
                latencies, fired.Sum(), options.Callers, fired.Sum() / elapsed.TotalSeconds, cpu.TotalMilliseconds / Math.Max(1, fired.Sum()));
        }
        finally
        {
            await provider_.DisposeAsync();
            if (pgDatabase is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await using var connection = new NpgsqlConnection(options.PostgresServer);
                await connection.OpenAsync(CancellationToken.None);
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {pgDatabase} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync(CancellationToken.None);
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private sealed record Org(Guid Id, Actor Registrator, Actor Handlaggare, Guid[] HandlaggarIds);

    private sealed record People(Guid Ks, IReadOnlyList<Org> Orgs);

    private sealed record Svar(Guid Id, int Org);

    /// <summary>The organisations and people come through the real use cases; they are few.</summary>
    private static async Task<People> PeopleAsync(IServiceProvider sp, CancellationToken ct)
    {
        var admin = new Actor(Guid.NewGuid(), "Bench administratör", null, new HashSet<Role> { Role.Administrator });
        var ks = await OkAsync(sp, admin, new CreateOrganisation.Command("Kommunstyrelsen", OrganisationKind.Kommunstyrelse, "KS", "Stadsledningskontoret"), ct);
        var orgs = new List<Org>();
        for (var i = 0; i < Namnder; i++)
        {
            var org = await OkAsync(sp, admin, new CreateOrganisation.Command($"Nämnd {i + 1}", OrganisationKind.Namnd, $"N{(char)('A' + i)}", $"Förvaltning {i + 1}"), ct);
            async Task<Actor> Person(string key, Role role)
            {
                var id = await OkAsync(sp, admin, new CreateUser.Command($"{key}{i}@bench.test", $"Bench {key} {i}", org, [role], "Remissarbete-2026"), ct);
                return new Actor(id, $"Bench {key} {i}", org, new HashSet<Role> { role });
            }

            var reg = await Person("reg", Role.Registrator);
            var hl1 = await Person("hl", Role.Handlaggare);
            var hl2 = await Person("hl2-", Role.Handlaggare);
            orgs.Add(new Org(org, reg, hl1, [hl1.UserId!.Value, hl2.UserId!.Value]));
        }

        return new People(ks, orgs);
    }

    /// <summary>
    /// Bulk-inserted, not created through the use cases (100,000 full lifecycles would take far
    /// longer than the measurement): remisser from KS, one remissvar per nämnd and remiss in state
    /// <c>tilldelad</c> with a handläggare, its workflow instance pinned round-robin to v1…vN, the
    /// state bookmark and the timers the engine itself computes for that state, one execution-log
    /// row and one hash-chained audit event per instance. Rows go in with EF Core in chunks of
    /// 5,000 on a fresh context with change detection off, one transaction per chunk.
    /// </summary>
    private async Task<List<Svar>> PrefillAsync(IServiceProvider sp, People people, int size, CancellationToken ct)
    {
        var engine = await sp.GetRequiredService<WorkflowHost>().EngineAsync(ct);
        var definitions = Enumerable.Range(1, options.Versions).Select(v => engine.Registry.Get(Definition, v)).ToList();
        var svarsdatum = Enumerable.Range(0, 20).Select(d => DateOnly.FromDateTime(Now.UtcDateTime).AddDays(40 + d)).ToList();
        var timers = new Dictionary<(int, DateOnly), List<(TimerDefinition Timer, DateTimeOffset At)>>();
        foreach (var d in definitions)
        {
            foreach (var date in svarsdatum)
            {
                var subject = new BenchSubject(date);
                timers[(d.Version, date)] = d.TimersActiveIn("tilldelad")
                    .Select(t => (t, engine.ResumeAt(t, subject, Now)))
                    .Where(x => x.Item2 is { } at && at > Now)
                    .Select(x => (x.t, x.Item2!.Value))
                    .ToList();
            }
        }

        var created = new List<Svar>(size);
        long sequence;
        string previous;
        using (var scope = sp.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>();
            var last = await db.Handelser.AsNoTracking().OrderByDescending(h => h.Sequence).Select(h => new { h.Sequence, h.Hash }).FirstAsync(ct);
            (sequence, previous) = (last.Sequence, last.Hash);
        }

        const int chunk = 5_000;
        var remissCount = (size + Namnder - 1) / Namnder;
        for (var start = 0; start < remissCount; start += chunk / Namnder)
        {
            using var scope = sp.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            for (var r = start; r < Math.Min(remissCount, start + (chunk / Namnder)); r++)
            {
                var date = svarsdatum[r % svarsdatum.Count];
                var remiss = new Remiss
                {
                    AvsandareId = people.Ks, Dnr = $"KS 2026/{r + 1}", Title = $"Remiss {r + 1} för mätning", Svarsdatum = date,
                    UtskickDatum = DateOnly.FromDateTime(Now.UtcDateTime), Status = "svarstid_pagar", CreatedAt = Now,
                };
                db.Remisser.Add(remiss);
                for (var o = 0; o < Namnder && created.Count < size; o++)
                {
                    var org = people.Orgs[o];
                    var definition = definitions[created.Count % definitions.Count];
                    var svar = new Domain.Remissvar
                    {
                        RemissId = remiss.Id, InstansId = org.Id, AvsandareDnr = remiss.Dnr, HandlaggareId = org.HandlaggarIds[0],
                        Svarsdatum = date, RegistreradDatum = DateOnly.FromDateTime(Now.UtcDateTime), Status = "tilldelad", CreatedAt = Now,
                    };
                    var instance = new WorkflowInstance
                    {
                        Id = Guid.CreateVersion7(), DefinitionId = Definition, Version = definition.Version, State = "tilldelad",
                        SubjectType = RemissvarSubject.Type, SubjectId = svar.Id, Sequence = 1, CreatedAt = Now, UpdatedAt = Now,
                    };
                    svar.WorkflowInstanceId = instance.Id;
                    db.Remissvar.Add(svar);
                    db.WorkflowInstances.Add(instance);
                    db.WorkflowBookmarks.Add(new WorkflowBookmark { Id = Guid.CreateVersion7(), InstanceId = instance.Id, Kind = BookmarkKinds.State, Name = "tilldelad", CreatedAt = Now });
                    foreach (var (timer, at) in timers[(definition.Version, date)])
                    {
                        db.WorkflowBookmarks.Add(new WorkflowBookmark
                        {
                            Id = Guid.CreateVersion7(), InstanceId = instance.Id, Kind = BookmarkKinds.Timer, Name = timer.Name, Trigger = timer.Trigger, ResumeAt = at, CreatedAt = Now,
                        });
                    }

                    db.WorkflowLog.Add(new WorkflowExecutionLogEntry
                    {
                        Id = Guid.CreateVersion7(), InstanceId = instance.Id, Sequence = 1, At = Now, Trigger = "tilldela", FromState = "registrerad", ToState = "tilldelad",
                        Version = definition.Version, ActorId = org.Registrator.UserId, ActorName = org.Registrator.Name,
                    });
                    var h = new Handelse
                    {
                        Sequence = ++sequence, At = AuditChain.Normalize(Now), ActorId = org.Registrator.UserId, ActorName = org.Registrator.Name,
                        ArendeTyp = RemissvarSubject.Type, ArendeId = svar.Id, Dnr = remiss.Dnr, Action = "workflow.tilldela",
                        Beskrivning = "Tilldela handläggare (förifyllt för mätning)", Before = "{\"state\":\"registrerad\"}", After = "{\"state\":\"tilldelad\"}",
                        PreviousHash = previous, Hash = string.Empty,
                    };
                    h.Hash = AuditChain.ComputeHash(h);
                    previous = h.Hash;
                    db.Handelser.Add(h);
                    created.Add(new Svar(svar.Id, o));
                }
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        using (var scope = sp.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>();
            // Fresh statistics, as a long-running database would have; otherwise the planner guesses for an empty table.
            await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        }

        return created;
    }

    private static async Task<List<(string, int, double, double, double)>> FireSequentialAsync(IServiceProvider sp, People people, List<Svar> svar, CancellationToken ct)
    {
        var results = new List<(string, int, double, double, double)>();
        foreach (var trigger in new[] { "paborja_beredning", "tilldela_om" })
        {
            var times = new List<double>(svar.Count);
            // Allocation per transition is the figure a busy machine cannot blur: it tracks the work done.
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            foreach (var s in svar)
            {
                var start = Stopwatch.GetTimestamp();
                await FireAsync(sp, people, s, trigger, ct);
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            times.Sort();
            results.Add((trigger, times.Count, Percentile(times, 0.5), Percentile(times, 0.99), allocated / 1024.0 / Math.Max(1, times.Count)));
        }

        return results;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>One click: a new scope with the user as actor, through the mediator. A refusal is a broken bench, not a figure.</summary>
    private static async Task FireAsync(IServiceProvider sp, People people, Svar s, string trigger, CancellationToken ct)
    {
        var org = people.Orgs[s.Org];
        if (trigger == "paborja_beredning")
        {
            await OkAsync(sp, org.Handlaggare, new FireRemissvarTrigger.Command(s.Id, trigger), ct);
        }
        else
        {
            await OkAsync(sp, org.Registrator, new AssignHandlaggare.Command(s.Id, org.HandlaggarIds[1]), ct);
        }
    }

    private static async Task<T> OkAsync<T>(IServiceProvider sp, Actor actor, IRequest<T> request, CancellationToken ct)
    {
        using var scope = sp.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = actor;
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, ct);
        return result.Succeeded ? result.Value : throw new InvalidOperationException($"{request.GetType().FullName} refused: {result.Refusal!.Message}");
    }

    /// <summary>workflows/ plus copies of remissvar-namnd v1 as v2…vN (new title, so a new hash), in a temp directory.</summary>
    private string WriteVersionedWorkflows()
    {
        var directory = Directory.CreateTempSubdirectory("remissflow-bench-workflows-").FullName;
        foreach (var file in Directory.GetFiles(options.WorkflowsDirectory, "*.json"))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        }

        var v1 = JsonNode.Parse(File.ReadAllText(Path.Combine(options.WorkflowsDirectory, $"{Definition}.v1.json")))!;
        for (var v = 2; v <= options.Versions; v++)
        {
            var copy = v1.DeepClone();
            copy["version"] = v;
            copy["title"] = $"{v1["title"]} (version {v})";
            File.WriteAllText(Path.Combine(directory, $"{Definition}.v{v}.json"), copy.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        }

        return directory;
    }

    /// <summary>
    /// Every size starts at the same "now", so every size sees the same timers; then time moves a
    /// millisecond per reading, as a live system's does. A clock that stood still made every
    /// time-ordered id (Guid v7) random within one millisecond and scattered the inserts.
    /// </summary>
    private sealed class SteppingClock(DateTimeOffset start) : TimeProvider
    {
        private long _readings;

        public override DateTimeOffset GetUtcNow() => start.AddMilliseconds(Interlocked.Increment(ref _readings));

        public override TimeZoneInfo LocalTimeZone => StockholmTime.Zone;
    }

    private sealed class BenchSubject(DateOnly svarsdatum) : IWorkflowSubject
    {
        public string SubjectType => RemissvarSubject.Type;

        public Guid Id => Guid.Empty;

        public Guid OwnerOrganisationId => Guid.Empty;

        public Guid? SenderOrganisationId => null;

        public DateOnly? GetDate(string field) => field == "svarsdatum" ? svarsdatum : null;
    }
}

