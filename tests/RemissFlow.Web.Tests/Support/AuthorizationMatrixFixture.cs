using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Api;

namespace RemissFlow.Web.Tests.Support;

/// <summary>
/// One share of the authorization matrix (<see cref="AuthorizationMatrixTests.Cases"/>) on its own app and data: the endpoints
/// are dealt round-robin to <see cref="Parts"/> fixtures per provider, so the shares run side by side on the fixture workers
/// instead of one fixture's rows one after another being the test run's longest pole.
/// </summary>
public abstract class AuthorizationMatrixFixture(DatabaseProvider provider)
{
    /// <summary>How many fixtures per provider share the endpoints.</summary>
    public const int Parts = 3;

    protected RemissFlowApp App { get; private set; } = null!;

    protected MatrixWorld World { get; private set; } = null!;

    /// <summary>Where the app's e-mail goes: expediering refuses without e-mail switched on, so the matrix app has a listener.</summary>
    private RemissFlow.Core.Bench.TestSmtpServer? _smtp;

    /// <summary>Share <paramref name="part"/> (1…<see cref="Parts"/>) of the endpoints, in the order of the matrix.</summary>
    public static IEnumerable<TestCaseData> Endpoints(int part) =>
        AuthorizationMatrixTests.Cases.Select(c => c.Endpoint).Distinct().Where((_, i) => i % Parts == part - 1)
            .Select(e => new TestCaseData(e).SetArgDisplayNames(e));

    [OneTimeSetUp]
    public async Task Start()
    {
        _smtp = RemissFlow.Core.Bench.TestSmtpServer.Start();
        App = await RemissFlowApp.StartAsync(provider, new Dictionary<string, string?> { ["Smtp:Host"] = _smtp.Host, ["Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        World = await MatrixWorld.StartAsync(App);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (_smtp is not null)
        {
            await _smtp.DisposeAsync();
        }
    }

    /// <summary>Every row of the endpoint; fails with every mismatch found.</summary>
    protected async Task CheckAsync(string endpoint)
    {
        var mismatches = new List<string>();
        foreach (var row in AuthorizationMatrixTests.Cases.Where(c => c.Endpoint == endpoint))
        {
            mismatches.AddRange(await RunAsync(row));
        }

        if (mismatches.Count > 0)
        {
            Assert.Fail($"{mismatches.Count} mismatch(es) — (endpoint [variant], principal): expected, got:\n  " + string.Join("\n  ", mismatches));
        }
    }

    /// <summary>Refusals first, all on one target (each must leave it and everything else unchanged), then each allowed principal.</summary>
    private async Task<List<string>> RunAsync(MatrixCase row)
    {
        var mismatches = new List<string>();
        var target = await row.Target(World);
        // What the target looked like after the previous refusal, when that refusal changed nothing: nothing runs in between.
        string? unchanged = null;
        foreach (var principal in Principals.All.Where(p => !row.Allowed(p)))
        {
            var before = unchanged ?? await World.FingerprintAsync(target);
            var request = await row.Request(World, target, principal);
            using var response = await World.SendAsync(principal, request);
            var outcome = Outcomes.Classify(request, principal, response);
            var after = await World.FingerprintAsync(target);
            if (outcome != Outcome.Refused)
            {
                mismatches.Add($"({row.Name}, {principal}): expected refused, got {await Outcomes.DescribeAsync(response)}");
            }
            else if (before != after)
            {
                mismatches.Add($"({row.Name}, {principal}): refused ({(int)response.StatusCode}) but something changed:\n      before {before}\n      after  {after}");
            }

            if (before != after)
            {
                // Whatever went wrong, the next principal gets a target in the state the row needs.
                target = await row.Target(World);
                unchanged = null;
            }
            else
            {
                unchanged = after;
            }
        }

        var first = true;
        foreach (var principal in Principals.All.Where(row.Allowed))
        {
            if (!first && row.Consumes)
            {
                target = await row.Target(World);
            }

            first = false;
            var request = await row.Request(World, target, principal);
            using var response = await World.SendAsync(principal, request);
            if (Outcomes.Classify(request, principal, response) != Outcome.Succeeded)
            {
                mismatches.Add($"({row.Name}, {principal}): expected success, got {await Outcomes.DescribeAsync(response)}");
            }
        }

        return mismatches;
    }
}
