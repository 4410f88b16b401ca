using Microsoft.Extensions.Configuration;
using RemissFlow.Cli;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Cli;

public class RenderAndCalendarCommandTests
{
    private string outDir = null!;

    // The repository's templates, whatever directory the test runner starts in.
    private static readonly CliEnvironment Env = new(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["RemissFlow:TemplatesDirectory"] = RepoPaths.Templates })
        .Build());

    [SetUp]
    public void CreateOutDir() => outDir = Directory.CreateTempSubdirectory("remissflow-cli-").FullName;

    [TearDown]
    public void RemoveOutDir() => Directory.Delete(outDir, recursive: true);

    private static string Example(string kind) => Path.Combine(RepoPaths.Templates, "examples", kind + ".json");

    [Test]
    public async Task Calendar_holidays_prints_the_years_sixteen_days_as_iso_date_tab_name()
    {
        var run = await CliRun.Of(Env, "calendar", "holidays", "2026");

        Assert.That(run.Exit, Is.Zero, run.ToString);
        Assert.That(run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            "2026-01-01\tnyårsdagen",
            "2026-01-06\ttrettondedag jul",
            "2026-04-03\tlångfredagen",
            "2026-04-05\tpåskdagen",
            "2026-04-06\tannandag påsk",
            "2026-05-01\tförsta maj",
            "2026-05-14\tKristi himmelfärdsdag",
            "2026-05-24\tpingstdagen",
            "2026-06-06\tSveriges nationaldag",
            "2026-06-19\tmidsommarafton",
            "2026-06-20\tmidsommardagen",
            "2026-10-31\talla helgons dag",
            "2026-12-24\tjulafton",
            "2026-12-25\tjuldagen",
            "2026-12-26\tannandag jul",
            "2026-12-31\tnyårsafton",
        }));
        Assert.That(run.Err, Is.Empty);
    }

    private static IEnumerable<TestCaseData> Renders() =>
        from kind in new[] { "tjansteutlatande", "protokollsutdrag", "missiv", "paminnelse" }
        from format in new[] { ".pdf", ".pdfa", ".docx", ".html" }
        select new TestCaseData(kind, format).SetName($"Render_{kind}_{format.TrimStart('.')}");

    [TestCaseSource(nameof(Renders))]
    public async Task Render_writes_every_example_in_every_format(string kind, string format)
    {
        var pdfA = format == ".pdfa";
        var outFile = Path.Combine(outDir, kind + (pdfA ? ".pdf" : format));
        string[] args = ["render", kind, "--input", Example(kind), "--out", outFile, .. pdfA ? new[] { "--pdfa" } : []];

        var run = await CliRun.Of(Env, args);

        Assert.That(run.Exit, Is.Zero, run.ToString);
        Assert.That(new FileInfo(outFile).Length, Is.GreaterThan(1000));
        var head = File.ReadAllBytes(outFile)[..5];
        Assert.Multiple(() =>
        {
            var expected = format switch { ".docx" => "PK", ".html" => "<!DOC", _ => "%PDF-" };
            Assert.That(System.Text.Encoding.ASCII.GetString(head).StartsWith(expected, StringComparison.OrdinalIgnoreCase), Is.True, System.Text.Encoding.ASCII.GetString(head));
            Assert.That(run.Out, Does.StartWith(outFile + ": "));
            Assert.That(run.Out, Does.Contain(format switch { ".pdfa" => "PDF/A", ".pdf" => "PDF,", ".docx" => "DOCX", _ => "HTML" }));
        });
    }

    [TestCase("render", "brev", "--input", "x.json", "--out", "y.pdf")]
    [TestCase("render", "missiv", "--input", "x.json")]
    [TestCase("render", "missiv", "--out", "y.pdf")]
    [TestCase("render", "missiv", "--input", "x.json", "--out", "y.txt")]
    [TestCase("render", "missiv", "--input", "x.json", "--out", "y.docx", "--pdfa")]
    [TestCase("render", "bench", "--iterations", "0")]
    [TestCase("render", "bench", "--iterations", "många")]
    [TestCase("calendar", "holidays", "tjugotjugosex")]
    [TestCase("calendar", "holidays", "1200")]
    [TestCase("calendar", "holidays")]
    [TestCase("plan")]
    [TestCase("okänt-kommando")]
    public async Task Bad_usage_exits_with_2_and_says_what_is_wrong(params string[] args)
    {
        var run = await CliRun.Of(Env, args);

        Assert.That(run.Exit, Is.EqualTo(CliExit.Usage), run.ToString);
        Assert.That(run.Err, Does.StartWith("fel: "));
        Assert.That(run.Out, Is.Empty);
    }

    [Test]
    public async Task A_missing_input_file_is_a_failure_with_a_one_line_reason()
    {
        var run = await CliRun.Of(Env, "render", "missiv", "--input", Path.Combine(outDir, "finns-inte.json"), "--out", Path.Combine(outDir, "m.pdf"));

        Assert.That(run.Exit, Is.EqualTo(CliExit.Failure), run.ToString);
        Assert.That(run.Err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(run.Err, Does.Contain("finns-inte.json finns inte"));
    }

    [Test]
    public async Task A_model_with_a_typo_is_a_failure_naming_the_field()
    {
        var input = Path.Combine(outDir, "fel.json");
        File.WriteAllText(input, File.ReadAllText(Example("paminnelse")).Replace("\"mottagare\"", "\"mottagar\"", StringComparison.Ordinal));

        var run = await CliRun.Of(Env, "render", "paminnelse", "--input", input, "--out", Path.Combine(outDir, "p.pdf"));

        Assert.That(run.Exit, Is.EqualTo(CliExit.Failure), run.ToString);
        Assert.That(run.Err, Does.Contain("mottagar"));
    }

    [Test]
    public async Task Render_bench_prints_median_p99_and_pages_per_second_for_pdf_pdfa_and_the_batch()
    {
        var run = await CliRun.Of(Env, "render", "bench", "--iterations", "3", "--warmup", "1");

        Assert.That(run.Exit, Is.Zero, run.ToString);
        Assert.That(run.Out, Does.Contain("PDF (example TU)").And.Contain("PDF/A (example TU)").And.Contain("100 models")
            .And.Contain("median").And.Contain("p99").And.Contain("pages/s")
            .And.Contain("warm-up PDF ").And.Contain("warm-up PDF/A"));
    }
}
