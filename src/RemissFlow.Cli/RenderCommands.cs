using RemissFlow.Documents;
using RemissFlow.Documents.Models;

namespace RemissFlow.Cli;

/// <summary><c>render &lt;kind&gt; --input m.json --out x.pdf|.docx|.html [--pdfa]</c> and <c>render bench</c>.</summary>
public static class RenderCommands
{
    public static Command Create()
    {
        var render = new Command("render", "Skapar ett dokument (PDF, PDF/A, Word eller HTML) från en JSON-modell, eller mäter renderingen.");
        foreach (var kind in Enum.GetValues<DocumentKind>())
        {
            render.Subcommands.Add(KindCommand(kind));
        }

        render.Subcommands.Add(BenchCommand());
        return render;
    }

    private static Command KindCommand(DocumentKind kind)
    {
        var name = kind.ToString().ToLowerInvariant();
        var input = new Option<FileInfo>("--input", "-i") { Description = $"Modellen som JSON (se templates/examples/{name}.json).", Required = true };
        var output = new Option<FileInfo>("--out", "-o") { Description = "Utdatafil; formatet väljs av filändelsen: .pdf, .docx eller .html.", Required = true };
        var pdfA = new Option<bool>("--pdfa") { Description = "PDF/A för arkivet (bara med .pdf)." };
        var command = new Command(name, $"Skapar {Label(kind)} från en JSON-modell.") { input, output, pdfA };
        command.SetAction(parse =>
        {
            var outFile = parse.GetRequiredValue(output);
            var extension = outFile.Extension.ToLowerInvariant();
            if (extension is not (".pdf" or ".docx" or ".html" or ".htm"))
            {
                throw new CliUsageException($"okänt utdataformat \"{outFile.Extension}\"; använd .pdf, .docx eller .html");
            }

            if (parse.GetValue(pdfA) && extension != ".pdf")
            {
                throw new CliUsageException("--pdfa gäller bara .pdf");
            }

            try
            {
                var renderer = new DocumentRenderer(CliApp.TemplatesDirectory());
                var line = renderer.RenderFile(name, parse.GetRequiredValue(input).FullName, outFile.FullName, parse.GetValue(pdfA));
                parse.InvocationConfiguration.Output.WriteLine(line);
                return CliExit.Ok;
            }
            catch (DocumentException e)
            {
                throw new CliFailure(e.Message);
            }
        });
        return command;
    }

    private static Command BenchCommand()
    {
        var iterations = new Option<int>("--iterations", "-n") { Description = "Antal mätta renderingar per variant.", DefaultValueFactory = _ => 200 };
        var warmup = new Option<int>("--warmup") { Description = "Renderingar per uppvärmningsvarv; varven upprepas tills två i rad har samma median inom 5 % (JIT, typsnitt). 0: ingen uppvärmning.", DefaultValueFactory = _ => 30 };
        var command = new Command("bench", "Mäter renderingen av exempel-TU:n: median och p99 per dokument och sidor per sekund, för PDF och PDF/A, plus en batch med 100 olika modeller.")
        {
            iterations,
            warmup,
        };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(iterations);
            var w = parse.GetValue(warmup);
            if (n < 1 || n > 100_000)
            {
                throw new CliUsageException("--iterations ska vara mellan 1 och 100000");
            }

            if (w < 0 || w > 10_000)
            {
                throw new CliUsageException("--warmup ska vara mellan 0 och 10000");
            }

            try
            {
                var result = RenderBench.FromTemplates(CliApp.TemplatesDirectory()).Run(n, w);
                parse.InvocationConfiguration.Output.Write(result.Summary);
                return CliExit.Ok;
            }
            catch (DocumentException e)
            {
                throw new CliFailure(e.Message);
            }
        });
        return command;
    }

    private static string Label(DocumentKind kind) => kind switch
    {
        DocumentKind.Tjansteutlatande => "ett tjänsteutlåtande",
        DocumentKind.Protokollsutdrag => "ett protokollsutdrag",
        DocumentKind.Missiv => "ett missiv",
        DocumentKind.Paminnelse => "en påminnelse",
        _ => kind.ToString(),
    };
}
