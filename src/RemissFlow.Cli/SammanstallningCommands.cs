using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core;
using RemissFlow.Core.Documents;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Sammanstallning;
using Spectre.Console;

namespace RemissFlow.Cli;

/// <summary>
/// <c>sammanstallning &lt;avsändarens dnr&gt; --out fil.pdf|.docx|.xlsx|.csv|.zip</c> and <c>sammanstallning bench</c>.
/// A progress bar shows while answers render when a terminal is attached; otherwise only the summary line is written.
/// </summary>
public static class SammanstallningCommands
{
    public static Command Create()
    {
        var dnr = new Argument<string>("dnr") { Description = "Avsändarens diarienummer för remissen, t.ex. \"KS 2025/1616\"." };
        var output = new Option<FileInfo>("--out", "-o") { Description = "Utdatafil; formatet väljs av filändelsen: .pdf, .docx, .xlsx, .csv eller .zip." };
        var command = new Command("sammanstallning", "Sammanställer alla svar på en remiss: PDF med innehåll och bokmärken, Word, Excel, CSV eller ZIP med alla svarsfiler.") { dnr, output };
        command.Subcommands.Add(BenchCommand());
        command.SetAction(async (parse, ct) =>
        {
            var text = parse.GetRequiredValue(dnr).Trim();
            var outFile = parse.GetValue(output) ?? throw new CliUsageException("ange utdatafil med --out");
            if (!SammanstallningFormats.TryFromExtension(outFile.Extension, out var format))
            {
                throw new CliUsageException($"okänt utdataformat \"{outFile.Extension}\"; använd .pdf, .docx, .xlsx, .csv eller .zip");
            }

            await using var provider = CliApp.BuildServices();
            using var scope = provider.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>();
            var remissId = await db.Remisser.AsNoTracking().Where(r => r.Dnr == text).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(ct)
                ?? throw new CliFailure($"ingen remiss har diarienummer {text}");
            var exporter = scope.ServiceProvider.GetRequiredService<SammanstallningExporter>();
            RenderedDocument result;
            try
            {
                result = await WithProgress(parse.InvocationConfiguration.Output, p => exporter.ExportAsync(remissId, format, p, ct));
            }
            catch (DocumentDataException e)
            {
                throw new CliFailure(e.Message);
            }

            await File.WriteAllBytesAsync(outFile.FullName, result.Content, ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"{outFile.FullName}: {format.ToString().ToUpperInvariant()}, {result.Content.Length / 1024.0:0.#} kB");
            return CliExit.Ok;
        });
        return command;
    }

    private static Command BenchCommand()
    {
        var answers = new Option<int>("--svar") { Description = "Antal svar i den sammanställda remissen.", DefaultValueFactory = _ => 80 };
        var runs = new Option<int>("--varv") { Description = "Varma körningar efter den första.", DefaultValueFactory = _ => 3 };
        var command = new Command("bench", "Mäter PDF-sammanställningen: en remiss med 80 svar (TU på 4 sidor och protokollsutdrag på 1 sida) i en tillfällig SQLite-databas.") { answers, runs };
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(answers);
            var w = parse.GetValue(runs);
            if (n is < 1 or > 2000)
            {
                throw new CliUsageException("--svar ska vara mellan 1 och 2000");
            }

            if (w is < 1 or > 50)
            {
                throw new CliUsageException("--varv ska vara mellan 1 och 50");
            }

            var result = await ScratchCore.RunAsync(provider => WithProgress(parse.InvocationConfiguration.Output, p => SammanstallningBench.RunAsync(provider, n, w, p, ct)));
            await parse.InvocationConfiguration.Output.WriteAsync(result.Summary);
            return CliExit.Ok;
        });
        return command;
    }

    /// <summary>A Spectre progress bar on an interactive console; no bar (and no escape codes) when output is redirected or captured.</summary>
    private static async Task<T> WithProgress<T>(TextWriter output, Func<IProgress<SammanstallningProgress>?, Task<T>> work)
    {
        var interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (!interactive)
        {
            return await work(null);
        }

        T result = default!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                var gate = new object();
                result = await work(new SyncProgress(p =>
                {
                    lock (gate)
                    {
                        if (!tasks.TryGetValue(p.Steg, out var task))
                        {
                            task = ctx.AddTask(p.Steg, maxValue: Math.Max(1, p.Totalt));
                            tasks[p.Steg] = task;
                        }

                        task.MaxValue = Math.Max(1, p.Totalt);
                        task.Value = p.Klara;
                    }
                }));
            });
        return result;
    }

    /// <summary>Reports on the calling thread: <see cref="Progress{T}"/> would post to the thread pool and arrive after the work ends.</summary>
    private sealed class SyncProgress(Action<SammanstallningProgress> report) : IProgress<SammanstallningProgress>
    {
        public void Report(SammanstallningProgress value) => report(value);
    }
}
