using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Support;
using RemissFlow.Workflows.Definitions;

namespace RemissFlow.Core.Tests.WorkflowOps;

/// <summary>A broken or silently edited definition stops start-up, naming the file, the JSON path and the fault.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class StartupCheckTests(DatabaseProvider provider)
{
    private TestDatabase _database = null!;
    private TempWorkflows _workflows = null!;

    [SetUp]
    public async Task Create()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _workflows = new TempWorkflows();
    }

    [TearDown]
    public async Task Drop()
    {
        _workflows.Dispose();
        await _database.DisposeAsync();
    }

    /// <summary>One start of the application: a new process on the same database, with the definitions in the temp directory.</summary>
    private async Task StartAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRemissFlowCore(new CoreOptions(_database.Options, _database.DataDirectory, _workflows.Directory, RepoPaths.Templates));
        await using var provider = services.BuildServiceProvider();
        await Startup.PrepareAsync(provider);
    }

    [Test]
    public void A_transition_to_a_state_that_does_not_exist_stops_start_up_with_file_path_and_reason()
    {
        var json = _workflows.Read("remissvar-namnd.v1.json");
        Assert.That((string?)json["transitions"]![0]!["to"], Is.EqualTo("registrerad"));
        json["transitions"]![0]!["to"] = "registrerd";
        _workflows.Write("remissvar-namnd.v1.json", json);

        var fault = Assert.ThrowsAsync<WorkflowDefinitionException>(StartAsync)!;

        var file = _workflows.Path("remissvar-namnd.v1.json");
        Assert.That(fault.Errors, Has.Some.Matches<DefinitionError>(e =>
            e.File == file && e.Path == "$.transitions[0].to" && e.Message.StartsWith("unknown state 'registrerd'", StringComparison.Ordinal)));
        Assert.That(fault.Message, Does.Contain($"{file}: $.transitions[0].to: unknown state 'registrerd'"));
        Assert.That(fault.Errors.Select(e => e.File).Distinct(), Is.EqualTo(new[] { file }), "the other definitions are sound");
    }

    [Test]
    public async Task A_published_file_changed_without_a_new_version_is_refused_at_the_next_start()
    {
        await StartAsync();
        var json = _workflows.Read("remissvar-namnd.v1.json");
        json["states"]![0]!["label"] = "Inkommen till förvaltningen";
        _workflows.Write("remissvar-namnd.v1.json", json);

        var fault = Assert.ThrowsAsync<WorkflowDefinitionException>(StartAsync)!;

        var error = fault.Errors.Single();
        Assert.That((error.File, error.Path), Is.EqualTo((_workflows.Path("remissvar-namnd.v1.json"), "$.version")));
        Assert.That(error.Message, Does.StartWith("remissvar-namnd version 1 was published with SHA-256 ").And.Contain("give the changed definition a new version number"));

        // The same change under a new version number is a new published version, and starts.
        // (v2 is the real published second version, so the change becomes v3.)
        json["version"] = 3;
        _workflows.Write("remissvar-namnd.v3.json", json);
        _workflows.Write("remissvar-namnd.v1.json", JsonFrom(RepoPaths.Workflows, "remissvar-namnd.v1.json"));
        await StartAsync();
    }

    private static System.Text.Json.Nodes.JsonNode JsonFrom(string directory, string file) =>
        System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(directory, file)))!;
}
