using RemissFlow.Core.Bench;

namespace RemissFlow.Cli;

/// <summary>
/// <c>bench kallelse</c>: a meeting of 30 remiss ärenden whose handlingar add up to 300 pages, rendered as the kallelse
/// and the handlingar bundle in a temporary SQLite database; prints the median of the warm runs and the pages.
/// </summary>
public static class KallelseBenchCommand
{
    public static Command Create()
    {
        var items = new Option<int>("--punkter") { Description = "Remissärenden på föredragningslistan.", DefaultValueFactory = _ => 30 };
        var pages = new Option<int>("--sidor") { Description = "Handlingarnas sidor sammanlagt (TU på 4 sidor + remisshandling per punkt).", DefaultValueFactory = _ => 300 };
        var runs = new Option<int>("--varv") { Description = "Varma körningar efter den första.", DefaultValueFactory = _ => 3 };
        var command = new Command("kallelse", "Mäter kallelsen och handlingarna: 30 punkter vars handlingar är 300 sidor (mål < 3 s) i en tillfällig SQLite-databas.") { items, pages, runs };
        command.SetAction(async (parse, ct) =>
        {
            var (n, p, w) = (parse.GetValue(items), parse.GetValue(pages), parse.GetValue(runs));
            if (n is < 1 or > 200)
            {
                throw new CliUsageException("--punkter ska vara mellan 1 och 200");
            }

            if (p < n * 5 || p > 5000)
            {
                throw new CliUsageException("--sidor ska vara minst 5 per punkt och högst 5000");
            }

            if (w is < 1 or > 50)
            {
                throw new CliUsageException("--varv ska vara mellan 1 och 50");
            }

            var result = await ScratchCore.RunAsync(provider => KallelseBench.RunAsync(provider, n, p, w, ct));
            await parse.InvocationConfiguration.Output.WriteAsync(result.Summary);
            return CliExit.Ok;
        });
        return command;
    }
}
