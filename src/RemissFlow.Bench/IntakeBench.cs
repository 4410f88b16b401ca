using System.Diagnostics;
using System.Text.Json;
using RemissFlow.Core.Intake;

namespace RemissFlow.Core.Bench;

/// <summary>One field's score over the labelled set.</summary>
public sealed record FieldScore(string Field, int Present, int Exact, int ConfidentWrong);

/// <summary>The figures of <c>remissflow import bench</c>.</summary>
public sealed record IntakeBenchReport(int Documents, IReadOnlyList<FieldScore> Fields, IReadOnlyList<string> Misses)
{
    public int Present => Fields.Sum(f => f.Present);

    public double Accuracy => Present == 0 ? 0 : (double)Fields.Sum(f => f.Exact) / Present;

    /// <summary>Confident (≥ 0.8) wrong values, over all fields present or read.</summary>
    public double ConfidentWrongShare => Present == 0 ? 0 : (double)Fields.Sum(f => f.ConfidentWrong) / Present;
}

/// <summary>
/// Scores the extractor over a labelled set: each document beside a <c>name.expected.json</c> ({"kind", "fields":
/// {name: value}, "beredning": [{organ, date}]}). Exact after whitespace and case normalisation; a value read where the
/// label has none counts as confident wrong when its confidence is ≥ 0.8.
/// </summary>
public static class IntakeBench
{
    public const double ConfidentLevel = 0.8;

    public static IntakeBenchReport Run(string directory, DocumentIntake intake)
    {
        var scores = new Dictionary<string, (int Present, int Exact, int Wrong)>();
        var misses = new List<string>();
        var docs = Directory.GetFiles(directory, "*.expected.json").Order(StringComparer.Ordinal).ToList();
        foreach (var expectedFile in docs)
        {
            var stem = expectedFile[..^".expected.json".Length];
            var file = Directory.GetFiles(directory, Path.GetFileName(stem) + ".*").Single(f => !f.EndsWith(".expected.json", StringComparison.Ordinal));
            using var expected = JsonDocument.Parse(File.ReadAllText(expectedFile));
            var result = intake.Read(File.ReadAllBytes(file), file);
            var want = new Dictionary<string, string>();
            want["kind"] = expected.RootElement.GetProperty("kind").GetString() ?? "";
            foreach (var p in expected.RootElement.GetProperty("fields").EnumerateObject())
            {
                want[p.Name] = p.Value.GetString() ?? "";
            }

            if (expected.RootElement.TryGetProperty("beredning", out var b))
            {
                want["beredning"] = string.Join("; ", b.EnumerateArray().Select(x => $"{x.GetProperty("organ").GetString()} {(x.TryGetProperty("date", out var d) ? d.GetString() : "")}".Trim()));
            }

            var got = new Dictionary<string, ExtractedValue>(result.Fields) { ["kind"] = result.Kind };
            if (result.Beredning.Count > 0)
            {
                got["beredning"] = new ExtractedValue(string.Join("; ", result.Beredning.Select(x => $"{x.Organ} {x.Date}".Trim())), 0.85, "", 0);
            }

            foreach (var field in want.Keys.Union(got.Keys))
            {
                var s = scores.GetValueOrDefault(field);
                var has = want.TryGetValue(field, out var w) && w.Length > 0;
                got.TryGetValue(field, out var g);
                var ok = has && g is not null && Norm(g.Value) == Norm(w!);
                if (has)
                {
                    s.Present++;
                }

                if (ok)
                {
                    s.Exact++;
                }
                else if (has || g is not null)
                {
                    misses.Add($"{Path.GetFileName(file)} {field}: väntat \"{w}\", läst \"{g?.Value}\" ({g?.Confidence:0.00})");
                    if (g is not null && g.Confidence >= ConfidentLevel)
                    {
                        s.Wrong++;
                    }
                }

                scores[field] = s;
            }
        }

        return new IntakeBenchReport(docs.Count,
            [.. scores.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new FieldScore(s.Key, s.Value.Present, s.Value.Exact, s.Value.Wrong))], misses);
    }

    /// <summary>
    /// Seconds to read a PDF's text layer and run every rule (the best of three, after one warm-up): wall time, and the
    /// process's CPU time, which a loaded machine does not inflate the way it does the wall clock.
    /// </summary>
    public static (double Wall, double Cpu) TimeRead(byte[] pdf, DocumentIntake intake)
    {
        intake.Read(pdf, "x.pdf");
        var best = (Wall: double.MaxValue, Cpu: double.MaxValue);
        for (var i = 0; i < 3; i++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var w = Stopwatch.StartNew();
            intake.Read(pdf, "x.pdf");
            var wall = w.Elapsed.TotalSeconds;
            best = (Math.Min(best.Wall, wall), Math.Min(best.Cpu, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds));
        }

        return best;
    }

    /// <summary>Seconds per page to read a scan through OCR: wall time, and the CPU time of pdftoppm and tesseract (the children's).</summary>
    public static (double Wall, double Cpu, int Pages) TimeOcr(byte[] pdf, DocumentIntake intake)
    {
        var cpu = ChildrenCpuSeconds();
        var w = Stopwatch.StartNew();
        var pages = Math.Max(1, intake.Read(pdf, "x.pdf").Source.Pages);
        return (w.Elapsed.TotalSeconds / pages, (ChildrenCpuSeconds() - cpu) / pages, pages);
    }

    /// <summary>User and system time of the finished child processes (Linux /proc/self/stat, fields cutime and cstime), or 0 elsewhere.</summary>
    private static double ChildrenCpuSeconds()
    {
        if (!File.Exists("/proc/self/stat"))
        {
            return 0;
        }

        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After "pid (comm)", cutime and cstime are the 14th and 15th fields (clock ticks, 100 a second on Linux).
        return (long.Parse(fields[13], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[14], System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
    }

    private static string Norm(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
