using RemissFlow.Web.Hosting;

namespace RemissFlow.Web.Api.Idempotency;

public static class IdempotencyRegistration
{
    /// <summary>RemissFlow:Idempotency:Store selects "database" (table idempotency_keys) or "cache" (IDistributedCache, in memory unless another cache is registered).</summary>
    public static IServiceCollection AddIdempotency(this IServiceCollection services, IConfiguration configuration)
    {
        var store = configuration["RemissFlow:Idempotency:Store"] ?? "database";
        if (string.Equals(store, "database", StringComparison.OrdinalIgnoreCase))
        {
            services.AddScoped<IIdempotencyStore, DatabaseIdempotencyStore>();
        }
        else
        {
            services.AddDistributedMemoryCache();
            services.AddScoped<IIdempotencyStore, DistributedCacheIdempotencyStore>();
        }

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
