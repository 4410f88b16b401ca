using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Cli;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Cli;
using RemissFlow.Core.Tests.Lifecycle;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.WorkflowOps;

/// <summary><c>workflow validate|graph|migrate|bench</c>, run in process against a real database.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class WorkflowCommandTests(DatabaseProvider provider)
{
    private static readonly string[] NamndOpenStates =
    [
        "inkommen", "registrerad", "tilldelad", "under_beredning", "hos_beredningsorgan", "hos_forvaltningschef", "godkand",
        "preliminart_svar_lamnat", "anmald", "beslutad", "justerad", "ordforandebeslut_fattat", "inlamnad_ej_anmald",
    ];

    private TestApp _app = null!;
    private TempWorkflows _workflows = null!;

    [SetUp]
    public async Task Start()
    {
        _app = await TestApp.StartAsync(provider);
        _workflows = new TempWorkflows();
    }

    [TearDown]
    public async Task Stop()
    {
        _workflows.Dispose();
        await _app.DisposeAsync();
    }

    private CliEnvironment Env(string workflowsDirectory) => new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres",
            ["ConnectionStrings:RemissFlow"] = _app.Database.Options.ConnectionString,
            ["RemissFlow:DataDirectory"] = _app.Database.DataDirectory,
            ["RemissFlow:WorkflowsDirectory"] = workflowsDirectory,
            ["RemissFlow:TemplatesDirectory"] = RepoPaths.Templates,
        }).Build(),
        _app.Clock);

    private static string Mapping(params (string From, string To)[] overrides) => string.Join(",", NamndOpenStates
        .Select(s => overrides.FirstOrDefault(o => o.From == s) is { From: not null } o ? $"{s}={o.To}" : $"{s}={s}"));

    [Test]
    public async Task Validate_accepts_the_shipped_definitions()
    {
        var run = await CliRun.Of(Env(RepoPaths.Workflows), "workflow", "validate");

        Assert.That(run.Exit, Is.Zero, run.ToString);
        var shipped = Directory.GetFiles(RepoPaths.Workflows, "*.v*.json").Length;
        Assert.That(shipped, Is.GreaterThanOrEqualTo(7), "remiss-utskick v1–v2, remiss-extern v1–v2, remissvar-namnd v1–v2, remissvar-bolag v1–v2, remissvar-extern v1");
        Assert.That(run.Out, Is.EqualTo($"{shipped} definitioner är giltiga.{Environment.NewLine}"));
    }

    [Test]
    public async Task Validate_prints_file_path_and_reason_per_fault_and_exits_1()
    {
        var json = _workflows.Read("remissvar-namnd.v1.json");
        json["transitions"]![0]!["to"] = "registrerd";
        json["transitions"]![1]!["actions"]![0] = "arende.finns_inte";
        _workflows.Write("remissvar-namnd.v1.json", json);
        var broken = _workflows.Path("remissvar-namnd.v1.json");

        var run = await CliRun.Of(Env(RepoPaths.Workflows), "workflow", "validate", broken, _workflows.Path("remissvar-bolag.v1.json"));

        Assert.That(run.Exit, Is.EqualTo(CliExit.Failure), run.ToString);
        var lines = run.Err.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Some.StartsWith($"{broken}: $.transitions[0].to: unknown state 'registrerd'"));
        Assert.That(lines, Has.Some.StartsWith($"{broken}: $.transitions[1].actions[0]: ").And.Contains("arende.finns_inte"));
        Assert.That(lines[^1], Does.EndWith("i 1 av 2 filer."));
        Assert.That(run.Out, Is.Empty);
    }

    [Test]
    public async Task Graph_prints_the_Mermaid_diagram_of_the_latest_or_the_asked_version()
    {
        _workflows.AddNamndV3();

        var latest = await CliRun.Of(Env(_workflows.Directory), "workflow", "graph", "remissvar-namnd");
        var v1 = await CliRun.Of(Env(_workflows.Directory), "workflow", "graph", "remissvar-namnd", "--version", "1");
        var unknown = await CliRun.Of(Env(_workflows.Directory), "workflow", "graph", "remissvar-kommun");

        Assert.That(latest.Exit, Is.Zero, latest.ToString);
        Assert.That(latest.Out, Does.StartWith("stateDiagram-v2").And.Contain("tilldelad --> beredning_pagar : Påbörja beredning"));
        Assert.That(v1.Out, Does.Contain("tilldelad --> under_beredning : Påbörja beredning").And.Not.Contain("beredning_pagar"));
        Assert.That(unknown.Exit, Is.EqualTo(CliExit.Failure));
        Assert.That(unknown.Err, Does.StartWith("fel: arbetsflödet remissvar-kommun finns inte; det finns gallring, inkommande, protokoll, remiss-extern, remiss-utskick, remissvar-bolag, remissvar-extern, remissvar-namnd, sammantrade"));
    }

    [Test]
    public async Task Migrate_moves_every_open_instance_in_one_transaction_with_an_audit_event_each()
    {
        var s = await Scenario.BuildAsync(_app);
        var first = await s.SendRemissAsync(new DateOnly(2026, 4, 24), s.Sf, s.Sof);
        var second = await s.SendRemissAsync(new DateOnly(2026, 5, 29), s.Sf);
        var inBeredning = (await s.SvarAsync(first, s.Sf)).Id;
        await _app.Ok(s["sf.reg"], new RegisterRemissvar.Command(inBeredning));
        await _app.Ok(s["sf.reg"], new AssignHandlaggare.Command(inBeredning, s["sf.hl"].UserId!.Value));
        await _app.Ok(s["sf.hl"], new FireRemissvarTrigger.Command(inBeredning, "paborja_beredning"));
        var declined = (await s.SvarAsync(first, s.Sof)).Id;
        await _app.Ok(s["sof.reg"], new RegisterRemissvar.Command(declined));
        await _app.Ok(s["sof.chef"], new FireRemissvarTrigger.Command(declined, "avsta"));
        var arrived = (await s.SvarAsync(second, s.Sf)).Id;
        _workflows.AddNamndV3();
        var env = Env(_workflows.Directory);
        Task<Dictionary<Guid, (int, string)>> Instances() => _app.Query(db => db.WorkflowInstances.Where(i => i.DefinitionId == "remissvar-namnd")
            .ToDictionaryAsync(i => i.SubjectId, i => (i.Version, i.State)));
        var before = await Instances();

        var incomplete = await CliRun.Of(env, "workflow", "migrate", "--definition", "remissvar-namnd", "--from", "2", "--to", "3",
            "--map", Mapping(("under_beredning", "beredning_pagar")).Replace("hos_beredningsorgan=hos_beredningsorgan,", "", StringComparison.Ordinal));
        Assert.That(incomplete.Exit, Is.EqualTo(CliExit.Failure), incomplete.ToString);
        Assert.That(incomplete.Err, Does.Contain("State 'hos_beredningsorgan' of remissvar-namnd v2 is not mapped to a state of remissvar-namnd v3."));
        var wrong = await CliRun.Of(env, "workflow", "migrate", "--definition", "remissvar-namnd", "--from", "2", "--to", "3", "--map", Mapping());
        Assert.That(wrong.Err, Does.Contain("'under_beredning' → 'under_beredning': no such state in remissvar-namnd v3"));

        var dry = await CliRun.Of(env, "workflow", "migrate", "--definition", "remissvar-namnd", "--from", "2", "--to", "3",
            "--map", Mapping(("under_beredning", "beredning_pagar")), "--dry-run");
        Assert.That(dry.Exit, Is.Zero, dry.ToString);
        Assert.That(dry.Out, Does.StartWith("Provkörning: 2 instanser skulle flyttas från version 2 till 3; inget har ändrats."));
        Assert.That(await Instances(), Is.EquivalentTo(before));

        var run = await CliRun.Of(env, "workflow", "migrate", "--definition", "remissvar-namnd", "--from", "2", "--to", "3",
            "--map", Mapping(("under_beredning", "beredning_pagar")));

        Assert.That(run.Exit, Is.Zero, run.ToString);
        Assert.That(run.Out.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            "2 instanser flyttade från version 2 till 3.",
            "  inkommen → inkommen: 1",
            "  under_beredning → beredning_pagar: 1",
            "  1 avslutade instanser ligger kvar på version 2.",
        }));
        var after = await Instances();
        Assert.That(after[inBeredning], Is.EqualTo((3, "beredning_pagar")));
        Assert.That(after[arrived], Is.EqualTo((3, "inkommen")));
        Assert.That(after[declined], Is.EqualTo((2, "avstatt")));
        Assert.That((await _app.Query(db => db.Remissvar.SingleAsync(r => r.Id == inBeredning))).Status, Is.EqualTo("beredning_pagar"));

        var audit = await _app.Query(db => db.Handelser.Where(h => h.Action == "workflow.migrate").Select(h => new { h.ArendeId, h.Beskrivning }).ToListAsync());
        Assert.That(audit.Select(a => a.ArendeId), Is.EquivalentTo(new[] { inBeredning, arrived }));
        Assert.That(audit.Single(a => a.ArendeId == inBeredning).Beskrivning,
            Is.EqualTo("Flyttad från remissvar-namnd version 2 (Under beredning) till version 3 (Under beredning)"));
        var log = await _app.Query(db => db.WorkflowLog.Where(l => l.Trigger == "migrate").CountAsync());
        Assert.That(log, Is.EqualTo(2));
        var timers = await _app.Query(db => db.WorkflowBookmarks.Where(b => b.Kind == "timer")
            .Join(db.WorkflowInstances, b => b.InstanceId, i => i.Id, (b, i) => new { i.SubjectId, b.Name }).Where(x => x.SubjectId == inBeredning)
            .Select(x => x.Name).ToListAsync());
        Assert.That(timers, Is.EquivalentTo(new[] { "paminnelse_handlaggare", "paminnelse_namndsekreterare", "svarsdatum_ks" }));
        using var scope = _app.Services.CreateScope();
        Assert.That((await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync()).Intact, Is.True);

        var again = await CliRun.Of(env, "workflow", "migrate", "--definition", "remissvar-namnd", "--from", "2", "--to", "3",
            "--map", Mapping(("under_beredning", "beredning_pagar")));
        Assert.That(again.Out, Does.StartWith("0 instanser flyttade"));
    }

    [Test]
    public async Task Migrate_with_a_malformed_map_is_a_usage_error()
    {
        var run = await CliRun.Of(Env(RepoPaths.Workflows), "workflow", "migrate", "--definition", "remissvar-namnd", "--from", "1", "--to", "2", "--map", "inkommen");

        Assert.That(run.Exit, Is.EqualTo(CliExit.Usage), run.ToString);
        Assert.That(run.Err, Does.StartWith("fel: --map: \"inkommen\" ska ha formen gammalt=nytt"));
    }

    [Test]
    public async Task Bench_runs_with_tiny_sizes_and_prints_median_p99_and_throughput()
    {
        string[] where = provider == DatabaseProvider.Sqlite ? [] : ["--no-sqlite", "--postgres", TestDatabase.PostgresServer!];
        var run = await CliRun.Of(Env(RepoPaths.Workflows), ["workflow", "bench", "--sizes", "40,80", "--sequential", "5", "--concurrent", "16", "--callers", "4", "--warmup", "10", "--warmup-rounds", "0", .. where]);

        Assert.That(run.Exit, Is.Zero, run.ToString);
        var name = provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";
        var lines = run.Out.Split(Environment.NewLine);
        Assert.That(lines, Has.Some.Matches<string>(l => l.StartsWith(name, StringComparison.Ordinal) && l.Contains("40 instanser")));
        Assert.That(lines, Has.Some.Matches<string>(l => l.StartsWith(name, StringComparison.Ordinal) && l.Contains("80 instanser")));
        Assert.That(lines.Count(l => l.Contains("paborja_beredning    n=    5  median", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That(lines.Count(l => l.Contains("4 anropare: 16 övergångar,", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That(lines, Has.Some.StartsWith($"{name}: genomströmning vid 80 mot 40: ×"));
    }
}
