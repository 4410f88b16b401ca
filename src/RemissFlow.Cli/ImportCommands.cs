using System.Diagnostics;
using RemissFlow.Core;
using RemissFlow.Core.Bench;
using RemissFlow.Core.Intake;

namespace RemissFlow.Cli;

/// <summary><c>import &lt;file&gt; --json</c> (what a document says, as structure) and <c>import bench</c> (accuracy over the labelled set).</summary>
public static class ImportCommands
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "PDF-, Word- (.docx) eller textfil." };
        var json = new Option<bool>("--json") { Description = "Skriv resultatet som JSON." };
        var import = new Command("import", "Läser ett dokument (PDF, Word, text, inskannad PDF) till struktur: typ, organisation, dnr, datum, ställningstagande, avsnitt.") { file, json };
        import.SetAction(parse =>
        {
            var info = parse.GetRequiredValue(file);
            if (!info.Exists)
            {
                throw new CliFailure($"filen {info.FullName} finns inte");
            }

            try
            {
                var result = new DocumentIntake().Read(File.ReadAllBytes(info.FullName), info.Name);
                var output = parse.InvocationConfiguration.Output;
                if (parse.GetValue(json))
                {
                    output.WriteLine(IntakeJson.Write(result));
                }
                else
                {
                    output.WriteLine($"typ: {result.Kind.Value} ({result.Kind.Confidence:0.00})");
                    foreach (var name in IntakeResult.FieldNames)
                    {
                        if (result.Field(name) is { } v)
                        {
                            output.WriteLine($"{name}: {v.Value} ({v.Confidence:0.00})");
                        }
                    }

                    output.WriteLine($"avsnitt: {string.Join(", ", result.Sections.Select(s => s.Heading))}");
                }

                return CliExit.Ok;
            }
            catch (IntakeException e)
            {
                throw new CliFailure(e.Message);
            }
        });

        var set = new Option<DirectoryInfo>("--set") { Description = "Mappen med den märkta mängden (standard tests/intake-set)." };
        var bench = new Command("bench", "Mäter träffsäkerheten per fält över den märkta mängden, och tiden för en 20-sidig PDF och en OCR-sida.") { set };
        bench.SetAction(parse =>
        {
            var dir = parse.GetValue(set)?.FullName ?? CoreOptionsFactory.LocateShipped(Path.Combine("tests", "intake-set"));
            if (!Directory.Exists(dir))
            {
                throw new CliFailure($"mappen {dir} finns inte");
            }

            var output = parse.InvocationConfiguration.Output;
            var intake = new DocumentIntake();
            var watch = Stopwatch.StartNew();
            var report = IntakeBench.Run(dir, intake);
            output.WriteLine($"{report.Documents} dokument, {report.Present} fält med värde, {watch.Elapsed.TotalSeconds:0.0} s");
            foreach (var f in report.Fields)
            {
                output.WriteLine($"  {f.Field,-12} {f.Exact,3}/{f.Present,-3} exakt, {f.ConfidentWrong} säkert fel");
            }

            output.WriteLine($"exakt: {report.Accuracy:P1} (mål ≥ 95 %), säkert fel: {report.ConfidentWrongShare:P1} (mål ≤ 2 %)");
            foreach (var miss in report.Misses)
            {
                output.WriteLine("  miss: " + miss);
            }

            var twenty = Path.Combine(dir, "timing", "tjugo-sidor.pdf");
            if (File.Exists(twenty))
            {
                var (wall, cpu) = IntakeBench.TimeRead(File.ReadAllBytes(twenty), intake);
                output.WriteLine($"20-sidig PDF: {wall:0.000} s ({cpu:0.000} s CPU) (mål < 1 s)");
            }

            var scan = Directory.GetFiles(dir, "*skannad*.pdf").FirstOrDefault();
            if (scan is not null && OcrReader.Installed)
            {
                var (wall, cpu, pages) = IntakeBench.TimeOcr(File.ReadAllBytes(scan), intake);
                output.WriteLine($"OCR: {wall:0.00} s per sida ({cpu:0.00} s CPU för pdftoppm och tesseract), {pages} sida (mål < 5 s)");
            }

            return CliExit.Ok;
        });
        import.Subcommands.Add(bench);

        var buildSet = new Command("build-set", "Bygger om den märkta mängdens PDF-, Word- och inskannade filer från texterna i sources/ (verktyg för mätningen).") { set };
        buildSet.SetAction(parse =>
        {
            var dir = parse.GetValue(set)?.FullName ?? CoreOptionsFactory.LocateShipped(Path.Combine("tests", "intake-set"));
            foreach (var written in IntakeSetGenerator.Build(dir))
            {
                parse.InvocationConfiguration.Output.WriteLine(written);
            }

            return CliExit.Ok;
        });
        import.Subcommands.Add(buildSet);
        return import;
    }
}
