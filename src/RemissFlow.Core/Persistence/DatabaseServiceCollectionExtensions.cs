using Microsoft.Extensions.DependencyInjection;

namespace RemissFlow.Core.Persistence;

public static class DatabaseServiceCollectionExtensions
{
    public static IServiceCollection AddRemissFlowDatabase(this IServiceCollection services, DatabaseOptions options)
    {
        services.AddSingleton(options);
        services.AddLogging();
        services.AddSingleton<SqliteCheckpointer>();
        // Pooled: every command opens a scope, and building a context's EF services per scope was a
        // measurable share of a workflow transition (see docs/workflows.md, "Performance").
        services.AddSingleton(sp => new Search.SearchIndexer(sp.GetService<Files.FileStore>()));
        services.AddSingleton<Search.SearchIndexInterceptor>();
        // The search index is written in the same transaction as the rows it indexes (Search/SearchIndexInterceptor).
        services.AddDbContextPool<RemissFlowDbContext>((sp, o) => Configure(o, options).AddInterceptors(sp.GetRequiredService<Search.SearchIndexInterceptor>()));
        return services;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseOptions options)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(options.ConnectionString, o => o.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
                break;
            default:
                EnsureSqliteDirectory(options.ConnectionString);
                // One JSON/array parameter per id list: EF 10's default (a parameter per element) gives new SQL for every
                // list length, which recompiled PlanQuery's batch queries on every deadline board (43 of its 46 ms).
                builder.UseSqlite(options.ConnectionString, o => o.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                    .AddInterceptors(SqlitePragmaInterceptor.Instance, SqliteWriteTurnGuard.Instance);
                break;
        }

        return builder;
    }

    public static RemissFlowDbContext CreateContext(DatabaseOptions options)
    {
        var builder = new DbContextOptionsBuilder<RemissFlowDbContext>();
        Configure(builder, options);
        return new RemissFlowDbContext(builder.Options);
    }

    private static void EnsureSqliteDirectory(string connectionString)
    {
        var csb = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        var directory = Path.GetDirectoryName(Path.GetFullPath(csb.DataSource));
        if (!string.IsNullOrEmpty(directory) && csb.DataSource != ":memory:")
        {
            Directory.CreateDirectory(directory);
        }
    }
}
