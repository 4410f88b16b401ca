using System.Diagnostics;
using System.Globalization;
using System.Text;
using RemissFlow.Documents.Models;

namespace RemissFlow.Documents;

public sealed record BenchFigures(string Label, int Documents, double PagesPerDocument, double MedianMs, double P99Ms, double PagesPerSecond);

public sealed record RenderBenchResult(BenchFigures Pdf, BenchFigures PdfA, BenchFigures Batch, double BatchTotalMs)
{
    public string Summary
    {
        get
        {
            var ci = CultureInfo.InvariantCulture;
            var sb = new StringBuilder();
            sb.AppendLine("render bench (in process, after warm-up)");
            foreach (var f in new[] { Pdf, PdfA, Batch })
            {
                sb.AppendLine(string.Format(ci, "  {0,-26} {1,5} docs  {2,4:0.#} pages/doc  median {3,6:0.00} ms  p99 {4,6:0.00} ms  {5,7:0} pages/s",
                    f.Label, f.Documents, f.PagesPerDocument, f.MedianMs, f.P99Ms, f.PagesPerSecond));
            }

            sb.AppendLine(string.Format(ci, "  batch of {0} different models: {1:0} ms in total", Batch.Documents, BatchTotalMs));
            return sb.ToString();
        }
    }
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

    public RenderBenchResult Run(int iterations = 200, int warmup = 30)
    {
        var pdf = Measure("PDF (example TU)", iterations, warmup, _ => renderer.RenderPdfWithPageCount(model, pdfA: false).Pages);
        var pdfA = Measure("PDF/A (example TU)", iterations, warmup, _ => renderer.RenderPdfWithPageCount(model, pdfA: true).Pages);
        var models = Variants(100);
        var sw = Stopwatch.StartNew();
        var batch = Measure("PDF batch, 100 models", models.Count, 0, i => renderer.RenderPdfWithPageCount(models[i], pdfA: false).Pages);
        return new RenderBenchResult(pdf, pdfA, batch, sw.Elapsed.TotalMilliseconds);
    }

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

    private static BenchFigures Measure(string label, int n, int warmup, Func<int, int> render)
    {
        for (var i = 0; i < warmup; i++) render(i);
        var times = new double[n];
        var pages = 0L;
        for (var i = 0; i < n; i++)
        {
            var start = Stopwatch.GetTimestamp();
            pages += render(i);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        var total = times.Sum();
        return new BenchFigures(label, n, (double)pages / n, Percentile(times, 0.5), Percentile(times, 0.99), pages / (total / 1000));
    }

    private static double Percentile(double[] sorted, double p)
    {
        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
