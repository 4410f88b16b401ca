using RemissFlow.Core.Workflow;

namespace RemissFlow.Cli;

/// <summary><c>workflow bench [--sizes 1000,10000,100000] [--postgres connstr] [--no-sqlite]</c>.</summary>
public static class WorkflowBenchCommand
{
    public static Command Create()
    {
        var sizes = new Option<string>("--sizes") { Description = "Antal förifyllda instanser per mätning, kommaseparerat.", DefaultValueFactory = _ => "1000,10000,100000" };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL-server att mäta på även (varje storlek får en egen tillfällig databas). Standard: Bench:Postgres i konfigurationen." };
        var noSqlite = new Option<bool>("--no-sqlite") { Description = "Mät bara PostgreSQL." };
        var sequential = new Option<int>("--sequential") { Description = "Tidtagna utlösningar en i taget, per utlösare.", DefaultValueFactory = _ => 1000 };
        var concurrent = new Option<int>("--concurrent") { Description = "Övergångar för de samtidiga anroparna tillsammans.", DefaultValueFactory = _ => 4000 };
        var callers = new Option<int>("--callers") { Description = "Samtidiga anropare.", DefaultValueFactory = _ => 8 };
        var warmup = new Option<int>("--warmup") { Description = "Otidtagna utlösningar före mätningen (JIT).", DefaultValueFactory = _ => 400 };
        var warmupRounds = new Option<int>("--warmup-rounds") { Description = "Otidtagna omgångar med 1 000 instanser före den första storleken.", DefaultValueFactory = _ => 2 };
        var command = new Command("bench", "Mäter arbetsflödesmotorn genom hela kedjan (validering, behörighet, transaktion, logg, motor) med 1 000, 10 000 och 100 000 förifyllda instanser: median, p99 och övergångar per sekund.")
        {
            sizes, postgres, noSqlite, sequential, concurrent, callers, warmup, warmupRounds,
        };
        command.SetAction(async (parse, ct) =>
        {
            var parsed = new List<int>();
            foreach (var part in parse.GetRequiredValue(sizes).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, out var n) || n < 20 || n > 1_000_000)
                {
                    throw new CliUsageException($"--sizes: \"{part}\" ska vara ett heltal mellan 20 och 1000000");
                }

                parsed.Add(n);
            }

            if (parsed.Count == 0)
            {
                throw new CliUsageException("--sizes: ange minst en storlek");
            }

            var (seq, conc, call) = (parse.GetValue(sequential), parse.GetValue(concurrent), parse.GetValue(callers));
            var (warm, rounds) = (parse.GetValue(warmup), parse.GetValue(warmupRounds));
            if (seq is < 1 or > 100_000 || conc is < 1 or > 1_000_000 || call is < 1 or > 64 || warm is < 0 or > 100_000 || rounds is < 0 or > 10)
            {
                throw new CliUsageException("--sequential 1–100000, --concurrent 1–1000000, --callers 1–64, --warmup 0–100000, --warmup-rounds 0–10");
            }

            var pg = parse.GetValue(postgres) ?? CliApp.Environment.Configuration()["Bench:Postgres"];
            if (parse.GetValue(noSqlite) && string.IsNullOrWhiteSpace(pg))
            {
                throw new CliUsageException("--no-sqlite kräver --postgres");
            }

            var bench = new WorkflowBench(new WorkflowBenchOptions
            {
                Sizes = parsed,
                SequentialTriggers = seq,
                ConcurrentTransitions = conc,
                Callers = call,
                WarmupTransitions = warm,
                WarmupRounds = rounds,
                PostgresServer = string.IsNullOrWhiteSpace(pg) ? null : pg,
                RunSqlite = !parse.GetValue(noSqlite),
                WorkflowsDirectory = WorkflowCommands.WorkflowsDirectory(),
                TemplatesDirectory = CliApp.TemplatesDirectory(),
            });
            await bench.RunAsync(parse.InvocationConfiguration.Output, ct);
            return CliExit.Ok;
        });
        return command;
    }
}
