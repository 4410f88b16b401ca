using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Search;

namespace RemissFlow.Cli;

public static class SearchCommands
{
    public static Command Create()
    {
        var search = new Command("search", "Sökindexet.");
        var rebuild = new Command("rebuild", "Bygger om sökindexet från databasen (remisser, ärenden, tjänsteutlåtanden, filer, beslut, sammanträden, organisationer och personer).");
        rebuild.SetAction(async (_, ct) =>
        {
            await using var provider = CliHost.Build();
            using var scope = provider.CreateScope();
            var watch = Stopwatch.StartNew();
            var count = await scope.ServiceProvider.GetRequiredService<SearchIndexer>()
                .RebuildAsync(scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>(), ct);
            Console.WriteLine($"Sökindexet är ombyggt: {count} poster på {watch.Elapsed.TotalSeconds:0.0} s.");
            return CliExit.Ok;
        });
        search.Subcommands.Add(rebuild);
        return search;
    }
}
