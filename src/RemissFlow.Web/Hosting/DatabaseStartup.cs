using Microsoft.Extensions.Options;
using RemissFlow.Core.Demo;

namespace RemissFlow.Web.Hosting;

/// <summary>
/// Brings the schema up to date (and seeds the demo data with --demo) before anything else
/// starts: as a lifecycle hook it runs ahead of every hosted service and of the server itself,
/// under dotnet run and under WebApplicationFactory alike.
/// </summary>
public sealed partial class DatabaseStartup(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DatabaseStartup> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var applied = await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync(ct: cancellationToken);
        var versions = string.Join(", ", applied);
        LogMigrated(logger, applied.Count, versions);
        if (configuration.GetValue<bool>("RemissFlow:Demo"))
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = Actor.System;
            var summary = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
            LogSeeded(logger, summary);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema up to date; {Count} migration(s) applied: {Versions}")]
    private static partial void LogMigrated(ILogger logger, int count, string versions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: {Summary}")]
    private static partial void LogSeeded(ILogger logger, string summary);
}
