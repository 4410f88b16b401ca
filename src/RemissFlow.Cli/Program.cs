using System.CommandLine;
using RemissFlow.Cli;

var root = new RootCommand("RemissFlow – remisshantering för kommuner. Kommandoradsverktyg över samma användningsfall som webbappen.");
foreach (var command in Commands.All())
{
    root.Subcommands.Add(command);
}

return await CliExit.Run(() => root.Parse(args).InvokeAsync());
