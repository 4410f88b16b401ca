using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Features.ProtokollJustering;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Cli;

/// <summary>
/// <c>kallelse &lt;organ-id or name&gt; &lt;YYYY-MM-DD&gt; --out kallelse.pdf|.docx</c> and
/// <c>protokoll &lt;organ&gt; &lt;YYYY-MM-DD&gt; --out protokoll.pdf|.docx</c>: a meeting's documents for scripts and checks.
/// </summary>
public static class MeetingCommands
{
    public static IEnumerable<Command> Create() => [Make("kallelse", "Skapar kallelsen med föredragningslistan till ett sammanträde (PDF eller Word)."),
        Make("protokoll", "Skapar protokollet från ett sammanträde med närvaro, paragrafer, underskrifter och digital justering (PDF eller Word).")];

    private static Command Make(string name, string description)
    {
        var organ = new Argument<string>("organ") { Description = "Organets id eller namn, t.ex. \"Servicenämnden\"." };
        var datum = new Argument<string>("datum") { Description = "Sammanträdets datum, ÅÅÅÅ-MM-DD." };
        var output = new Option<FileInfo>("--out", "-o") { Description = "Utdatafil; formatet väljs av filändelsen: .pdf eller .docx.", Required = true };
        var command = new Command(name, description) { organ, datum, output };
        command.SetAction(async (parse, ct) =>
        {
            var outFile = parse.GetRequiredValue(output);
            var extension = outFile.Extension.ToLowerInvariant();
            if (extension is not (".pdf" or ".docx"))
            {
                throw new CliUsageException($"okänt utdataformat \"{outFile.Extension}\"; använd .pdf eller .docx");
            }

            var dateText = parse.GetRequiredValue(datum).Trim();
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new CliUsageException($"datum \"{dateText}\" ska skrivas ÅÅÅÅ-MM-DD");
            }

            var organText = parse.GetRequiredValue(organ).Trim();
            await using var provider = CliApp.BuildServices();
            using var scope = provider.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>();
            var organs = Guid.TryParse(organText, out var organId)
                ? await db.Organ.AsNoTracking().Where(o => o.Id == organId).ToListAsync(ct)
                : (await db.Organ.AsNoTracking().ToListAsync(ct)).Where(o => string.Equals(o.Name, organText, StringComparison.OrdinalIgnoreCase)).ToList();
            if (organs.Count == 0)
            {
                throw new CliFailure($"inget organ heter eller har id {organText}");
            }

            var ids = organs.Select(o => o.Id).ToList();
            var meetings = await db.Sammantraden.AsNoTracking().Where(m => ids.Contains(m.OrganId) && m.Datum == date).Select(m => m.Id).ToListAsync(ct);
            if (meetings.Count == 0)
            {
                throw new CliFailure($"{organText} har inget sammanträde {dateText}");
            }

            if (meetings.Count > 1)
            {
                throw new CliFailure($"flera organ heter {organText} och har sammanträde {dateText}; ange organets id");
            }

            bool docx = extension == ".docx";
            var file = name == "kallelse"
                ? await scope.ServiceProvider.GetRequiredService<KallelseExport>().KallelseAsync(meetings[0], docx, ct)
                : await scope.ServiceProvider.GetRequiredService<ProtokollExport>().RenderAsync(meetings[0], docx, offentlig: false, ct);
            await File.WriteAllBytesAsync(outFile.FullName, file!.Content, ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"{outFile.FullName}: {(docx ? "Word" : "PDF")}{(file.Pages > 0 ? $", {file.Pages} sidor" : "")}, {file.Content.Length / 1024.0:0.#} kB");
            return CliExit.Ok;
        });
        return command;
    }
}
