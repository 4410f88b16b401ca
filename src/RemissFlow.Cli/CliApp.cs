using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RemissFlow.Core;

namespace RemissFlow.Cli;

/// <summary>
/// What the process runs, callable in-process: tests pass their own writers, configuration (the test
/// database) and clock. Exit codes as <see cref="CliExit"/>: 0 ok, 1 failure, 2 bad usage.
/// </summary>
public static class CliApp
{
    private static readonly AsyncLocal<CliEnvironment?> Current = new();

    /// <summary>The configuration and clock of the running invocation (the process's own when none was given).</summary>
    public static CliEnvironment Environment => Current.Value ?? CliEnvironment.Default;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CliEnvironment? environment = null)
    {
        var root = new RootCommand("RemissFlow – remisshantering för kommuner. Kommandoradsverktyg över samma användningsfall som webbappen.");
        foreach (var command in Commands.All())
        {
            root.Subcommands.Add(command);
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                await error.WriteLineAsync($"fel: {e.Message}");
            }

            await error.WriteLineAsync("Se --help för användning.");
            return CliExit.Usage;
        }

        Current.Value = environment;
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception usage) when (usage is CliUsageException or BenchUsageException)
        {
            await error.WriteLineAsync($"fel: {usage.Message}");
            return CliExit.Usage;
        }
        catch (Exception failure) when (failure is CliFailure or BenchFailure)
        {
            await error.WriteLineAsync($"fel: {failure.Message}");
            return CliExit.Failure;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Data.Common.DbException)
        {
            await error.WriteLineAsync($"fel: {e.Message.Split('\n')[0]}");
            return CliExit.Failure;
        }
        finally
        {
            Current.Value = null;
        }
    }

    /// <summary>Like <see cref="CliHost.Build"/>, with the invocation's configuration and clock.</summary>
    public static ServiceProvider BuildServices()
    {
        var env = Environment;
        var services = new ServiceCollection();
        services.AddLogging();
        if (env.Clock is { } clock)
        {
            services.AddSingleton(clock);
        }

        services.AddRemissFlowCore(CoreOptionsFactory.FromConfiguration(env.Configuration()));
        services.TryAddSingleton(TimeProvider.System);
        return services.BuildServiceProvider();
    }

    public static string TemplatesDirectory() =>
        Environment.Configuration()["RemissFlow:TemplatesDirectory"] ?? CoreOptionsFactory.LocateShipped("templates");
}

/// <summary>Where a CLI invocation gets its configuration and "now".</summary>
public sealed record CliEnvironment(IConfiguration? ConfigurationOverride = null, TimeProvider? Clock = null)
{
    public static CliEnvironment Default { get; } = new();

    public IConfiguration Configuration() => ConfigurationOverride ?? CliHost.Configuration();
}

/// <summary>The arguments parsed but make no sense (a year out of range, an unknown format): exit code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
