using System.Diagnostics;
using System.Globalization;
using System.Text;
using RemissFlow.Documents.Models;

namespace RemissFlow.Documents;

public sealed record BenchFigures(string Label, int Documents, double PagesPerDocument, double MedianMs, double P99Ms, double PagesPerSecond);

/// <summary>The warm-up of one variant: the median of each round, and whether two rounds in a row agreed before the bound.</summary>
public sealed record WarmupRounds(string Label, int RoundSize, IReadOnlyList<double> MedianMs, bool Stable);

public sealed record RenderBenchResult(BenchFigures Pdf, BenchFigures PdfA, BenchFigures Batch, double BatchTotalMs)
{
    public IReadOnlyList<WarmupRounds> Warmup { get; init; } = [];

    public string Summary
    {
        get
        {
            var ci = CultureInfo.InvariantCulture;
            var sb = new StringBuilder();
            sb.AppendLine("render bench (in process, after warm-up)");
            foreach (var w in Warmup)
            {
                sb.AppendLine(string.Format(ci, "  warm-up {0,-19} {1,2} rounds of {2}, medians {3} ms: {4}",
                    w.Label, w.MedianMs.Count, w.RoundSize, string.Join(" ", w.MedianMs.Select(m => m.ToString("0.00", ci))),
                    w.Stable ? $"stable (two rounds within {StableWithin:P0})" : "not stable within the bound; figures may be high"));
            }

            foreach (var f in new[] { Pdf, PdfA, Batch })
            {
                sb.AppendLine(string.Format(ci, "  {0,-26} {1,5} docs  {2,4:0.#} pages/doc  median {3,6:0.00} ms  p99 {4,6:0.00} ms  {5,7:0} pages/s",
                    f.Label, f.Documents, f.PagesPerDocument, f.MedianMs, f.P99Ms, f.PagesPerSecond));
            }

            sb.AppendLine(string.Format(ci, "  batch of {0} different models: {1:0} ms in total", Batch.Documents, BatchTotalMs));
            return sb.ToString();
        }
    }

    /// <summary>Warm-up ends when the medians of two consecutive rounds differ by less than this.</summary>
    public const double StableWithin = 0.05;

    /// <summary>The bound on warm-up rounds, so a machine that never settles still gets its figures.</summary>
    public const int MaxWarmupRounds = 40;
}

/// <summary>
/// What <c>render bench</c> runs: the 4-page example TU rendered many times after warm-up (PDF and PDF/A), and a
/// batch of 100 different TU models. A benchmark to read, not a timed test.
/// </summary>
public sealed class RenderBench(DocumentRenderer renderer, TjansteutlatandeModel model)
{
    public static RenderBench FromTemplates(string templatesDirectory)
    {
        var path = Path.Combine(templatesDirectory, "examples", "tjansteutlatande.json");
        return new RenderBench(new DocumentRenderer(templatesDirectory), DocumentJson.Parse<TjansteutlatandeModel>(File.ReadAllText(path)));
    }

    /// <param name="iterations">Measured renders per variant.</param>
    /// <param name="warmup">Renders per warm-up round (0: no warm-up). A fixed count measured the first variant while
    /// the JIT was still tiering up (PDF median 15 ms against 4.8 ms after a long warm-up), so rounds repeat until
    /// two in a row agree within <see cref="RenderBenchResult.StableWithin"/>, at most <see cref="RenderBenchResult.MaxWarmupRounds"/>.</param>
    public RenderBenchResult Run(int iterations = 200, int warmup = 30)
    {
        Func<int, int> plain = _ => renderer.RenderPdfWithPageCount(model, pdfA: false).Pages;
        Func<int, int> archival = _ => renderer.RenderPdfWithPageCount(model, pdfA: true).Pages;
        var warmPdf = WarmUp("PDF", warmup, () => Percentile(Time(warmup, plain).Times, 0.5));
        var pdf = Measure("PDF (example TU)", iterations, plain);
        var warmPdfA = WarmUp("PDF/A", warmup, () => Percentile(Time(warmup, archival).Times, 0.5));
        var pdfA = Measure("PDF/A (example TU)", iterations, archival);
        var models = Variants(100);
        var sw = Stopwatch.StartNew();
        var batch = Measure("PDF batch, 100 models", models.Count, i => renderer.RenderPdfWithPageCount(models[i], pdfA: false).Pages);
        return new RenderBenchResult(pdf, pdfA, batch, sw.Elapsed.TotalMilliseconds) { Warmup = warmup == 0 ? [] : [warmPdf, warmPdfA] };
    }

    /// <summary>Runs warm-up rounds (<paramref name="round"/> renders one and returns its median) until two agree or the bound is reached.</summary>
    public static WarmupRounds WarmUp(string label, int roundSize, Func<double> round)
    {
        var medians = new List<double>();
        while (roundSize > 0 && medians.Count < RenderBenchResult.MaxWarmupRounds)
        {
            medians.Add(round());
            if (medians.Count >= 2 && IsStable(medians[^2], medians[^1]))
            {
                return new WarmupRounds(label, roundSize, medians, Stable: true);
            }
        }

        return new WarmupRounds(label, roundSize, medians, Stable: false);
    }

    private static bool IsStable(double previous, double current) =>
        Math.Abs(current - previous) < RenderBenchResult.StableWithin * Math.Max(previous, current);

    /// <summary>Different documents: titles, dates, and lengths vary, so caches cannot make every render alike.</summary>
    public IReadOnlyList<TjansteutlatandeModel> Variants(int count) =>
        Enumerable.Range(0, count).Select(i => model with
        {
            Dnr = $"SF 2026/{200 + i}",
            Rubrik = $"{model.Rubrik} – variant {i + 1}",
            Datum = model.Datum.AddDays(i % 20),
            Synpunkter = model.Synpunkter.Take(1 + i % model.Synpunkter.Count).ToArray(),
            Arendet = model.Arendet.Take(Math.Max(1, model.Arendet.Count - i % 6)).ToArray(),
        }).ToArray();

    private static BenchFigures Measure(string label, int n, Func<int, int> render)
    {
        var (times, pages) = Time(n, render);
        var total = times.Sum();
        return new BenchFigures(label, n, (double)pages / n, Percentile(times, 0.5), Percentile(times, 0.99), pages / (total / 1000));
    }

    /// <summary>Each render's time, sorted, and the pages rendered.</summary>
    private static (double[] Times, long Pages) Time(int n, Func<int, int> render)
    {
        var times = new double[n];
        var pages = 0L;
        for (var i = 0; i < n; i++)
        {
            var start = Stopwatch.GetTimestamp();
            pages += render(i);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return (times, pages);
    }

    private static double Percentile(double[] sorted, double p)
    {
        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
