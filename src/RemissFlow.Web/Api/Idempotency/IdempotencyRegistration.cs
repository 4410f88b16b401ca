using RemissFlow.Web.Hosting;

namespace RemissFlow.Web.Api.Idempotency;

public static class IdempotencyRegistration
{
    /// <summary>
    /// Keys live in the database (table idempotency_keys), so a retry after a crash or a restart, or one that reaches
    /// another node, still finds its key. The in-memory store this replaced forgot every key on restart and let a
    /// retried POST create a second remiss; a setting still asking for it stops the start instead of being ignored.
    /// </summary>
    public static IServiceCollection AddIdempotency(this IServiceCollection services, IConfiguration configuration)
    {
        var store = configuration["RemissFlow:Idempotency:Store"];
        if (store is not null && !string.Equals(store, "database", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"RemissFlow:Idempotency:Store = \"{store}\" stöds inte längre: Idempotency-Keys sparas alltid i databasen. Ta bort inställningen.");
        }

        services.AddScoped<IIdempotencyStore, DatabaseIdempotencyStore>();
        services.AddHostedService<IdempotencyCleanupService>();
        return services;
    }
}

/// <summary>Deletes expired keys; its heartbeat shows on /healthz.</summary>
public sealed class IdempotencyCleanupService(IServiceScopeFactory scopes, TimeProvider clock, HeartbeatRegistry heartbeats, ILogger<IdempotencyCleanupService> logger)
    : HeartbeatService(heartbeats, logger)
{
    protected override string Name => "idempotensrensning";

    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IIdempotencyStore>().PurgeExpiredAsync(clock.GetUtcNow(), ct);
    }
}
