using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core;
using RemissFlow.Core.Features.Workflow;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Workflow;
using RemissFlow.Workflows.Definitions;
using RemissFlow.Workflows.Graph;

namespace RemissFlow.Cli;

/// <summary><c>workflow validate|graph|migrate|bench</c>: the definitions in workflows/ and the instances that run on them.</summary>
public static class WorkflowCommands
{
    public static Command Create()
    {
        var workflow = new Command("workflow", "Arbetsflödena: kontrollera definitioner, rita dem, flytta instanser till en ny version, mät motorn.");
        workflow.Subcommands.Add(ValidateCommand());
        workflow.Subcommands.Add(GraphCommand());
        workflow.Subcommands.Add(MigrateCommand());
        workflow.Subcommands.Add(WorkflowBenchCommand.Create());
        return workflow;
    }

    public static string WorkflowsDirectory() =>
        CliApp.Environment.Configuration()["RemissFlow:WorkflowsDirectory"] ?? CoreOptionsFactory.LocateShipped("workflows");

    /// <summary>Every definition file in a directory: *.json except the schema.</summary>
    public static IReadOnlyList<string> DefinitionFiles(string directory) =>
        Directory.GetFiles(directory, "*.json")
            .Where(f => !string.Equals(Path.GetFileName(f), WorkflowRegistry.SchemaFileName, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static Command ValidateCommand()
    {
        var files = new Argument<string[]>("filer") { Description = "Definitionsfiler att kontrollera (standard: alla i workflows/).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("validate", "Kontrollerar definitioner mot schemat och mot de vakter och åtgärder som koden har; skriver fil, JSON-sökväg och fel.") { files };
        command.SetAction(async (parse, ct) =>
        {
            var given = parse.GetValue(files) ?? [];
            var paths = given.Length > 0 ? given.ToList() : DefinitionFiles(WorkflowsDirectory()).ToList();
            var missing = paths.Where(p => !File.Exists(p)).ToList();
            if (missing.Count > 0)
            {
                throw new CliFailure($"filen finns inte: {string.Join(", ", missing)}");
            }

            if (paths.Count == 0)
            {
                throw new CliFailure($"inga definitionsfiler i {WorkflowsDirectory()}");
            }

            var sources = new List<(string, string)>();
            foreach (var path in paths)
            {
                sources.Add((path, await File.ReadAllTextAsync(path, ct)));
            }

            var errors = WorkflowRegistry.Validate(sources,
                CoreGuards.All().Select(g => g.Name).ToHashSet(StringComparer.Ordinal),
                RemissFlow.Core.Workflow.Transitions.TransitionCatalogue.ActionNames);
            if (errors.Count > 0)
            {
                foreach (var e in errors)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync(e.ToString());
                }

                await parse.InvocationConfiguration.Error.WriteLineAsync($"{errors.Count} fel i {errors.Select(e => e.File).Distinct().Count()} av {paths.Count} filer.");
                return CliExit.Failure;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync($"{paths.Count} definitioner är giltiga.");
            return CliExit.Ok;
        });
        return command;
    }

    private static Command GraphCommand()
    {
        var id = new Argument<string>("definitionId") { Description = "T.ex. remissvar-namnd." };
        var version = new Option<int?>("--version") { Description = "Versionen att rita (standard: den senaste)." };
        var command = new Command("graph", "Skriver definitionens tillståndsdiagram i Mermaid.") { id, version };
        command.SetAction(async (parse, ct) =>
        {
            // The graph needs only the files, not the database: the guards and actions make it the same check start-up does.
            var directory = WorkflowsDirectory();
            var sources = DefinitionFiles(directory).Select(f => (f, File.ReadAllText(f)));
            WorkflowRegistry registry;
            try
            {
                registry = await WorkflowRegistry.LoadAsync(sources, CoreGuards.All(), RemissFlow.Core.Workflow.Transitions.TransitionCatalogue.ActionNames, new InMemoryPublishedVersionLedger(), TimeProvider.System, ct);
            }
            catch (WorkflowDefinitionException e)
            {
                throw new CliFailure($"definitionerna i {directory} har fel; kör \"workflow validate\":{Environment.NewLine}{string.Join(Environment.NewLine, e.Errors)}");
            }

            var definitionId = parse.GetRequiredValue(id);
            var definition = parse.GetValue(version) is { } v
                ? registry.Find(definitionId, v) ?? throw new CliFailure($"{definitionId} version {v} finns inte i {directory}")
                : registry.Definitions.Where(d => d.DefinitionId == definitionId).MaxBy(d => d.Version)
                    ?? throw new CliFailure($"arbetsflödet {definitionId} finns inte; det finns {string.Join(", ", registry.Definitions.Select(d => d.DefinitionId).Distinct().Order(StringComparer.Ordinal))}");
            await parse.InvocationConfiguration.Output.WriteAsync(MermaidGraph.Render(definition));
            return CliExit.Ok;
        });
        return command;
    }

    private static Command MigrateCommand()
    {
        var definition = new Option<string>("--definition") { Description = "Arbetsflödet, t.ex. remissvar-namnd.", Required = true };
        var from = new Option<int>("--from") { Description = "Versionen instanserna kör nu.", Required = true };
        var to = new Option<int>("--to") { Description = "Versionen de ska flyttas till.", Required = true };
        var map = new Option<string>("--map") { Description = "Mappning av lägen: gammalt=nytt,gammalt2=nytt2 (alla icke-avslutade lägen).", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Kontrollera och räkna, men ändra inget." };
        var command = new Command("migrate", "Flyttar alla instanser av en version till en annan, i en transaktion, med en händelse per ärende.") { definition, from, to, map, dryRun };
        command.SetAction(async (parse, ct) =>
        {
            var mapping = ParseMapping(parse.GetRequiredValue(map));
            await using var provider = CliApp.BuildServices();
            await Startup.PrepareAsync(provider, ct);
            using var scope = provider.CreateScope();
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new MigrateWorkflowInstances.Command(
                parse.GetRequiredValue(definition), parse.GetValue(from), parse.GetValue(to), mapping, parse.GetValue(dryRun)), ct);
            if (!result.Succeeded)
            {
                foreach (var line in result.Refusal!.Errors.Count > 0 ? result.Refusal.Errors.Select(e => e.Message) : [result.Refusal.Message])
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"fel: {line}");
                }

                return CliExit.Failure;
            }

            var s = result.Value;
            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync(s.DryRun
                ? $"Provkörning: {s.Instances} instanser skulle flyttas från version {parse.GetValue(from)} till {parse.GetValue(to)}; inget har ändrats."
                : $"{s.Instances} instanser flyttade från version {parse.GetValue(from)} till {parse.GetValue(to)}.");
            foreach (var (f, t, n) in s.Moves)
            {
                await output.WriteLineAsync($"  {f} → {t}: {n}");
            }

            if (s.LeftInTerminalStates > 0)
            {
                await output.WriteLineAsync($"  {s.LeftInTerminalStates} avslutade instanser ligger kvar på version {parse.GetValue(from)}.");
            }

            return CliExit.Ok;
        });
        return command;
    }

    /// <summary><c>a=b,c=d</c> → map; a state named twice or a pair without '=' is a usage error.</summary>
    public static IReadOnlyDictionary<string, string> ParseMapping(string text)
    {
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw new CliUsageException($"--map: \"{pair}\" ska ha formen gammalt=nytt");
            }

            if (!mapping.TryAdd(parts[0], parts[1]))
            {
                throw new CliUsageException($"--map: läget \"{parts[0]}\" mappas två gånger");
            }
        }

        if (mapping.Count == 0)
        {
            throw new CliUsageException("--map: ange minst ett par gammalt=nytt");
        }

        return mapping;
    }
}
