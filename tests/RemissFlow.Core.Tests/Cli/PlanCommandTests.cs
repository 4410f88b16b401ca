using Microsoft.Extensions.Configuration;
using RemissFlow.Cli;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Documents;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Cli;

[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public class PlanCommandTests(DatabaseProvider provider)
{
    private TestApp app = null!;
    private CliEnvironment env = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        app = await TestApp.StartAsync(provider, DocumentSeed.Now);
        await DocumentSeed.ArrangeAsync(app);
        // The CLI configures itself from configuration like the real process, pointed at the test database.
        env = new CliEnvironment(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres",
                ["ConnectionStrings:RemissFlow"] = app.Database.Options.ConnectionString,
                ["RemissFlow:DataDirectory"] = app.Database.DataDirectory,
                ["RemissFlow:WorkflowsDirectory"] = RepoPaths.Workflows,
                ["RemissFlow:TemplatesDirectory"] = RepoPaths.Templates,
            }).Build(),
            app.Clock);
    }

    [OneTimeTearDown]
    public async Task Stop() => await app.DisposeAsync();

    [Test]
    public async Task Plan_prints_the_meeting_the_beredning_and_the_milestones_for_the_remissvar()
    {
        var run = await CliRun.Of(env, "plan", DocumentSeed.SofDnr);

        Assert.That(run.Exit, Is.Zero, run.ToString);
        var lines = run.Out.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("Plan för SOF 2024/472 – Socialnämnden"));
            Assert.That(lines, Does.Contain("Svarsdatum: måndag 2024-09-30"));
            Assert.That(lines, Does.Contain("Status: I fas (per 2024-08-26)"));
            Assert.That(lines, Does.Contain("Nämndens sammanträde: tisdag 2024-09-24 (omedelbar justering)"));
            Assert.That(lines, Does.Contain("Beredning i förvaltningsgruppen: onsdag 2024-09-18"));
            Assert.That(lines, Does.Contain("Beredning i rådet för funktionshinderfrågor: torsdag 2024-09-19"));
            Assert.That(lines, Does.Contain("Handlingar klara till nämnden: torsdag 2024-09-19"));
            // What the database records as done (approved TU, passages, decision) is shown as done.
            Assert.That(lines.Single(l => l.Contains("Sammanträde i förvaltningsgruppen", StringComparison.Ordinal)), Does.EndWith("[klar]"));
            Assert.That(lines.Single(l => l.Contains("Tjänsteutlåtandet till förvaltningschefen", StringComparison.Ordinal) && l.StartsWith("  ", StringComparison.Ordinal)), Does.EndWith("[klar]"));
        });
        Assert.That(run.Err, Is.Empty);
    }

    [Test]
    public async Task Plan_for_an_unknown_dnr_fails_with_a_swedish_reason()
    {
        var run = await CliRun.Of(env, "plan", "SOF 2099/1");

        Assert.That(run.Exit, Is.EqualTo(CliExit.Failure), run.ToString);
        Assert.That(run.Err, Is.EqualTo("fel: inget remissvar har diarienummer SOF 2099/1" + Environment.NewLine));
    }

    [Test]
    public async Task Plan_for_an_instans_without_a_namnd_calendar_fails_saying_what_to_add()
    {
        var run = await CliRun.Of(env, "plan", DocumentSeed.NyDnr);

        Assert.That(run.Exit, Is.EqualTo(CliExit.Failure), run.ToString);
        Assert.That(run.Err, Does.StartWith("fel: Utbildningsnämnden har ingen nämnd eller styrelse med sammanträden registrerad"));
    }
}
