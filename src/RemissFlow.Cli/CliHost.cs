using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Cli;

/// <summary>Configures the CLI exactly like the web app: appsettings.json, then environment variables.</summary>
public static class CliHost
{
    public static IConfiguration Configuration() => new ConfigurationBuilder()
        .SetBasePath(Directory.GetCurrentDirectory())
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();

    public static ServiceProvider Build(IConfiguration? configuration = null)
    {
        configuration ??= Configuration();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRemissFlowCore(CoreOptionsFactory.FromConfiguration(configuration));
        return services.BuildServiceProvider();
    }
}
