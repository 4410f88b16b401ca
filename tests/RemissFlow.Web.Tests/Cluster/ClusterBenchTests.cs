using RemissFlow.Core.Bench;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Cluster;

/// <summary>
/// A short <c>bench cluster</c> in the test command: both nodes as real processes behind nginx, a few seconds of load at a
/// low rate, node b killed with SIGKILL and restarted, and the bench's own result must say nothing acknowledged was lost,
/// nothing written twice, no timer fired twice and no mail sent twice. The full run (200/s for 60 s) is in the README.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class ClusterBenchTests
{
    /// <summary>src/RemissFlow.Web's build of the same configuration as this test assembly (tests/…/bin/{configuration}/{tfm}/).</summary>
    private static string WebDll()
    {
        var bin = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        var root = bin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "RemissFlow.sln")))
        {
            root = root.Parent;
        }

        Assert.That(root, Is.Not.Null, "RemissFlow.sln not found above the test directory");
        return Path.Combine(root!.FullName, "src", "RemissFlow.Web", "bin", bin.Parent!.Name, bin.Name, "RemissFlow.Web.dll");
    }

    [Test]
    public async Task A_short_run_with_a_node_killed_and_restarted_loses_nothing_and_doubles_nothing()
    {
        // Generous: in the full suite the machine is loaded and the seeded nodes start slowly (4 min ran out in CI on a restart).
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var ct = timeout.Token;
        Providers.RequirePostgres();
        if (NginxBalancer.Executable is null)
        {
            const string message = "nginx saknas; tests/run-tests.sh installerar det.";
            if (Providers.RequireAll)
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        var options = new ClusterBenchOptions(Providers.PostgresServer!, WebDll(), TimeSpan.FromSeconds(8), 20, TimeSpan.FromSeconds(2))
        {
            Connections = 8,
            PollSeconds = 1,
            LeaseSeconds = 6,
        };
        var log = new StringWriter();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var r = await ClusterBench.RunAsync(options, log, ct);
        TestContext.Out.WriteLine(log.ToString());
        TestContext.Out.WriteLine(ClusterBench.Format(options, r));
        TestContext.Out.WriteLine($"wall time {started.Elapsed.TotalSeconds:0.0} s");

        Assert.Multiple(() =>
        {
            Assert.That(r.Requests, Is.GreaterThan(50), "the load ran");
            Assert.That(r.Acknowledged, Is.GreaterThan(0), "writes were acknowledged");
            Assert.That(r.AcknowledgedLost, Is.Zero, "acknowledged writes lost");
            Assert.That(r.WritesDoubled, Is.Zero, "writes doubled");
            Assert.That(r.TimersPlanted, Is.GreaterThan(0));
            Assert.That(r.TimersPending, Is.Zero, "timers left unfired after the drain");
            Assert.That(r.TimersFiredTwice, Is.Zero, "timers fired twice");
            Assert.That(r.MailsUnsent, Is.Zero, "mails left unsent after the drain");
            Assert.That(r.MailsTwiceUnexplained, Is.Zero, "mails sent twice without an interrupted claim behind them");
            Assert.That(r.MailsTwice, Is.LessThanOrEqualTo(r.MailsInterrupted), "mails sent twice, more than the interrupted claims");
            Assert.That(r.Failed, Is.EqualTo(r.FailedInKillWindow), "requests failed outside the kill window");
            Assert.That(r.Passed, Is.True);
        });
    }
}
