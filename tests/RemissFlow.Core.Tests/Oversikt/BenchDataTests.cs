using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Cli;
using RemissFlow.Core.Bench;
using RemissFlow.Core.Deadlines;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Oversikt;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Sammanstallning;
using RemissFlow.Core.Tests.Cli;
using RemissFlow.Core.Tests.Support;
using RemissFlow.Core.Workflow;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Tests.Oversikt;

/// <summary>The benchmark generator at a tiny size, and the two overview queries over what it wrote. No timings are asserted.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class BenchDataTests(DatabaseProvider provider)
{
    private const int Remisser = 5;
    private const int Instanser = 6;

    private TestApp app = null!;
    private BulkDataResult result = null!;

    [OneTimeSetUp]
    public async Task Generate()
    {
        app = await TestApp.StartAsync(provider);
        using var scope = app.Services.CreateScope();
        result = await ActivatorUtilities.CreateInstance<BulkData>(scope.ServiceProvider).GenerateAsync(Remisser, Instanser);
    }

    [OneTimeTearDown]
    public async Task Stop() => await app.DisposeAsync();

    [Test]
    public async Task Every_remiss_goes_to_every_instans_with_a_workflow_instance_in_the_answers_state()
    {
        Assert.That((result.Remisser, result.Remissvar, result.WorkflowInstanser), Is.EqualTo((Remisser, Remisser * Instanser, Remisser + Remisser * Instanser)));
        var counts = await app.Query(async db => new
        {
            Remisser = await db.Remisser.CountAsync(),
            Remissvar = await db.Remissvar.CountAsync(),
            Lista = await db.Set<RemisslistaPost>().CountAsync(),
            Instances = await db.WorkflowInstances.CountAsync(),
            Kinds = await db.Organisationer.Where(o => o.Name.StartsWith(BulkData.NamePrefix)).Select(o => o.Kind).Distinct().CountAsync(),
        });
        Assert.That(counts, Is.EqualTo(new { Remisser, Remissvar = Remisser * Instanser, Lista = Remisser * Instanser, Instances = Remisser + Remisser * Instanser, Kinds = 3 }));

        var mismatched = await app.Query(db => (
                from v in db.Remissvar
                join i in db.WorkflowInstances on v.WorkflowInstanceId equals i.Id
                where i.State != v.Status || i.SubjectId != v.Id || i.SubjectType != RemissvarSubject.Type
                select v.Id)
            .Concat(from r in db.Remisser
                    join i in db.WorkflowInstances on r.WorkflowInstanceId equals i.Id
                    where i.State != r.Status || i.SubjectId != r.Id
                    select r.Id)
            .CountAsync());
        Assert.That(mismatched, Is.Zero, "every subject's status is its instance's state");

        // The engine's shape: exactly one state bookmark, naming the state, on every instance that is not finished; none on finished ones.
        var engine = await app.Get<WorkflowHost>().EngineAsync();
        var instances = await app.Query(db => db.WorkflowInstances
            .Select(i => new { i.DefinitionId, i.Version, i.State, States = db.WorkflowBookmarks.Where(b => b.InstanceId == i.Id && b.Kind == BookmarkKinds.State).Select(b => b.Name).ToList() })
            .ToListAsync());
        foreach (var i in instances)
        {
            var terminal = engine.Registry.Get(i.DefinitionId, i.Version).GetState(i.State).Terminal;
            Assert.That(i.States, Is.EqualTo(terminal ? Array.Empty<string>() : new[] { i.State }), $"{i.DefinitionId} in {i.State}");
        }
    }

    [Test]
    public async Task Answered_rows_carry_their_answer_and_registered_rows_their_dnr()
    {
        var svar = await app.Query(db => db.Remissvar.AsNoTracking().ToListAsync());
        Assert.That(svar.Where(s => s.Status is "inlamnad" or "avstatt").All(s => s.InlamnadAt is not null && s.Utfall is not null), Is.True);
        Assert.That(svar.Where(s => s.Status is not ("inlamnad" or "avstatt" or "besvarad_av_forvaltningen")).All(s => s.InlamnadAt is null && s.Utfall is null), Is.True);
        Assert.That(svar.Where(s => s.Status is "tilldelad" or "under_beredning" or "justerad").All(s => s.Dnr is not null && s.HandlaggareId is not null), Is.True);
        Assert.That(svar.Select(s => s.Status).Distinct().Count(), Is.GreaterThan(3), "a spread of states");
    }

    [Test]
    public async Task The_board_lists_exactly_the_open_answers_of_the_namnd_riskiest_first()
    {
        foreach (var org in await app.Query(db => db.Organisationer.AsNoTracking().Where(o => o.Kind == OrganisationKind.Namnd && o.Name.StartsWith(BulkData.NamePrefix)).ToListAsync()))
        {
            var open = await app.Query(db => db.Remissvar.Where(v => v.InstansId == org.Id && v.InlamnadAt == null && v.Utfall == null && v.Status != "aterkallad")
                .Select(v => v.Id).ToListAsync());
            using var scope = app.Services.CreateScope();
            var board = await scope.ServiceProvider.GetRequiredService<DeadlineBoardQuery>().ForOrganisationAsync(org.Id);
            Assert.That(board.Rows.Select(r => r.RemissvarId), Is.EquivalentTo(open), org.Name);
            Assert.That(board.Rows.All(r => r.Risk is not null), Is.True, "every bench nämnd has a nämnd organ with meetings");
            var ranks = board.Rows.Select(r => r.Risk switch { PlanStatus.Impossible => 0, PlanStatus.AtRisk => 1, _ => 3 }).ToList();
            Assert.That(ranks, Is.Ordered, "riskiest first");
            Assert.That(board.Antal, Is.EqualTo(open.Count));
        }
    }

    [Test]
    public async Task The_board_gives_the_same_plans_as_the_plan_query()
    {
        var org = await app.Query(db => db.Organisationer.AsNoTracking().FirstAsync(o => o.Kind == OrganisationKind.Namnd && o.Name.StartsWith(BulkData.NamePrefix)));
        using var scope = app.Services.CreateScope();
        var board = await scope.ServiceProvider.GetRequiredService<DeadlineBoardQuery>().ForOrganisationAsync(org.Id);
        var plans = await scope.ServiceProvider.GetRequiredService<PlanQuery>().PlansForAsync(board.Rows.Select(r => r.RemissvarId).ToList());
        foreach (var row in board.Rows)
        {
            var plan = plans[row.RemissvarId];
            Assert.That((row.Risk, row.Sammantrade, row.HandlingarSenast, row.SistaPraktiskaDag), Is.EqualTo(((PlanStatus?)plan.Status, plan.Sammantrade?.Datum, plan.PapersDue, (DateOnly?)plan.PracticalLastDay)));
        }
    }

    [Test]
    public async Task The_matrix_has_every_instans_of_the_remiss_in_the_category_its_status_says()
    {
        foreach (var remissId in await app.Query(db => db.Remisser.Select(r => r.Id).ToListAsync()))
        {
            using var scope = app.Services.CreateScope();
            var matrix = (await scope.ServiceProvider.GetRequiredService<KsMatrixQuery>().ForRemissAsync(remissId))!;
            Assert.That(matrix.Rows, Has.Count.EqualTo(Instanser));
            Assert.That(matrix.Rows.Select(r => r.Ordning), Is.EqualTo(Enumerable.Range(1, Instanser)));
            foreach (var row in matrix.Rows)
            {
                var expected = row.Status switch
                {
                    "avstatt" => [SvarsKategori.Avstatt],
                    "inlamnad" or "besvarad_av_forvaltningen" => [SvarsKategori.BesvaratITid, SvarsKategori.BesvaratSent],
                    _ => new[] { SvarsKategori.Saknas, SvarsKategori.Anstand, SvarsKategori.EjBesvarad },
                };
                Assert.That(expected, Does.Contain(row.Kategori), $"{row.Instans}: {row.Status}");
                if (row.Kategori is SvarsKategori.BesvaratITid or SvarsKategori.BesvaratSent)
                {
                    Assert.That(row.Kategori == SvarsKategori.BesvaratSent, Is.EqualTo(row.ForsenadArbetsdagar > 0), $"{row.Instans}: late by {row.ForsenadArbetsdagar}");
                }
            }

            var s = matrix.Summary;
            Assert.That(s.BesvaratITid + s.BesvaratSent + s.Avstatt + s.Anstand + s.Saknas + s.Aterkallad + s.EjBesvarad, Is.EqualTo(s.Antal));
        }

        using var unknown = app.Services.CreateScope();
        Assert.That(await unknown.ServiceProvider.GetRequiredService<KsMatrixQuery>().ForRemissAsync(Guid.NewGuid()), Is.Null);
    }

    [Test]
    public async Task A_second_run_refuses_instead_of_mixing_two_data_sets()
    {
        using var scope = app.Services.CreateScope();
        Assert.That(async () => await ActivatorUtilities.CreateInstance<BulkData>(scope.ServiceProvider).GenerateAsync(1, 3),
            Throws.InvalidOperationException.With.Message.Contains("Bänkdata finns redan"));
    }

    [Test]
    public async Task The_page_bench_finds_a_page_per_role_and_each_sign_in_is_a_bench_account()
    {
        var targets = await PageBench.TargetsAsync(app.Services, CancellationToken.None);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>();
        var emails = await db.Users.AsNoTracking().Select(u => u.Email!).ToListAsync();
        Assert.That(targets.Select(t => t.Email).Distinct(), Is.SubsetOf(emails));
        Assert.That(targets.Select(t => t.Path), Does.Contain("/").And.Contain("/bevakning").And.Contain("/oversikt"));
        var arende = targets.Single(t => t.Path.EndsWith("/tu", StringComparison.Ordinal)).Path.Split('/')[2];
        var handlaggare = targets.Single(t => t.Path.EndsWith("/tu", StringComparison.Ordinal)).Email;
        var svar = await db.Remissvar.AsNoTracking().SingleAsync(v => v.Id == Guid.Parse(arende));
        var owner = await db.Users.AsNoTracking().SingleAsync(u => u.Id == svar.HandlaggareId);
        Assert.That(owner.Email, Is.EqualTo(handlaggare), "the TU editor is measured as the ärende's own handläggare");
    }

    [Test]
    public async Task The_overview_s_lean_matrices_count_the_same_as_the_full_ones()
    {
        using var scope = app.Services.CreateScope();
        var q = scope.ServiceProvider.GetRequiredService<RemissMatrixQuery>();
        var ks = await scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>().Organisationer.AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.Kommunstyrelse).Select(o => o.Id).SingleAsync();
        var full = await q.ForAvsandareAsync(ks);
        var lean = await q.ForAvsandareAsync(ks, categoriesOnly: true);
        Assert.That(lean.Select(m => m.Summary), Is.EqualTo(full.Select(m => m.Summary)));
        Assert.That(lean.SelectMany(m => m.Rows).Select(r => (r.RemissvarId, r.Kategori, r.ITid, r.ForsenadArbetsdagar)),
            Is.EqualTo(full.SelectMany(m => m.Rows).Select(r => (r.RemissvarId, r.Kategori, r.ITid, r.ForsenadArbetsdagar))));
        Assert.That(full.SelectMany(m => m.Rows).Count(), Is.EqualTo(Remisser * Instanser));
    }

    [Test]
    public async Task Bench_queries_runs_on_the_configured_database()
    {
        var env = new CliEnvironment(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres",
                ["ConnectionStrings:RemissFlow"] = app.Database.Options.ConnectionString,
                ["RemissFlow:DataDirectory"] = app.Database.DataDirectory,
                ["RemissFlow:WorkflowsDirectory"] = RepoPaths.Workflows,
                ["RemissFlow:TemplatesDirectory"] = RepoPaths.Templates,
            }).Build(),
            app.Clock);
        var run = await CliRun.Of(env, "bench", "queries", "--runs", "2");
        Assert.That(run.Exit, Is.EqualTo(CliExit.Ok), run.ToString);
        Assert.That(run.Out, Does.Contain("bevakningstavlan").And.Contain($"KS-matrisen ({Instanser} instanser)"));
    }
}

public sealed class WebLoadTests
{
    [TestCase("http://127.0.0.1:5099")]
    [TestCase("http://localhost:5099")]
    [TestCase("http://[::1]:5099")]
    [TestCase("https://127.0.0.2")]
    public void Loopback_urls_are_accepted(string url) => Assert.That(WebLoad.Refusal(new Uri(url)), Is.Null);

    [TestCase("http://10.0.0.5:5099")]
    [TestCase("http://example.com")]
    [TestCase("http://127.0.0.1.nip.io:5099")]
    [TestCase("ftp://127.0.0.1")]
    public void Other_urls_are_refused(string url) => Assert.That(WebLoad.Refusal(new Uri(url)), Is.Not.Null);

    [Test]
    public async Task The_load_command_refuses_a_non_loopback_url_before_sending_anything()
    {
        var run = await CliRun.Of(null, "bench", "web", "--url", "http://192.0.2.10:5099", "--email", "a@b.se", "--password", "x", "--duration", "1s");
        Assert.That(run.Exit, Is.EqualTo(CliExit.Usage), run.ToString);
        Assert.That(run.Err, Does.Contain("bara mot den egna datorn"));
    }

    [TestCase("20s", 20)]
    [TestCase("1m", 60)]
    [TestCase("1500ms", 1.5)]
    public void Durations_parse(string text, double seconds) => Assert.That(BenchCommands.ParseDuration(text, "--duration").TotalSeconds, Is.EqualTo(seconds));
}
