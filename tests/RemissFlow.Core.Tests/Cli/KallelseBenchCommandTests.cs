using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using RemissFlow.Cli;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Cli;

/// <summary><c>bench kallelse</c> at a tiny size: it seeds, renders the kallelse and the handlingar, and says what it measured.</summary>
public class KallelseBenchCommandTests
{
    private static readonly CliEnvironment Env = new(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["RemissFlow:TemplatesDirectory"] = RepoPaths.Templates })
        .Build());

    [Test]
    public async Task Bench_kallelse_renders_the_kallelse_and_the_handlingar_and_prints_the_pages_and_the_median()
    {
        var run = await CliRun.Of(Env, "bench", "kallelse", "--punkter", "2", "--sidor", "14", "--varv", "1");

        Assert.That(run.Exit, Is.Zero, run.ToString());
        var head = Regex.Match(run.Out, @"^Kallelse med 2 punkter \(TU 4 sidor \+ remisshandling (\d+) sidor per punkt\): kallelsen (\d+) sidor, handlingarna (\d+) sidor");
        Assert.That(head.Success, Is.True, run.Out);
        var (handling, kallelse, handlingar) = (int.Parse(head.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(head.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(head.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(handling, Is.EqualTo(3));
        Assert.That(kallelse, Is.GreaterThanOrEqualTo(1));
        // The contents page(s), then each item's TU and remisshandling.
        Assert.That(handlingar, Is.InRange(2 * (4 + 3) + 1, 2 * (4 + 3) + 2));
        Assert.That(run.Out, Does.Match(@"varm, median av 1: \d+\.\d\d s"));
        Assert.That(run.Out, Does.Contain("mål < 3 s:"));

        var bad = await CliRun.Of(Env, "bench", "kallelse", "--punkter", "3", "--sidor", "10");
        Assert.That((bad.Exit, bad.Err.Trim()), Is.EqualTo((2, "fel: --sidor ska vara minst 5 per punkt och högst 5000")));
    }
}
