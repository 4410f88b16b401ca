using Npgsql;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Web.Tests.Support;

/// <summary>A fresh database and data directory for one fixture: a SQLite file in a temp folder, or a new database on the throwaway PostgreSQL.</summary>
public sealed class WebTestDatabase : IAsyncDisposable
{
    private readonly string? _pgDatabase;

    private WebTestDatabase(DatabaseOptions options, string dataDirectory, string? pgDatabase)
    {
        Options = options;
        DataDirectory = dataDirectory;
        _pgDatabase = pgDatabase;
    }

    public DatabaseOptions Options { get; }

    public string DataDirectory { get; }

    public string ProviderName => Options.Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";

    public static async Task<WebTestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            // Before anything is created: skipping here must leave nothing behind.
            Providers.RequirePostgres();
        }

        var dir = Directory.CreateTempSubdirectory("remissflow-webtest-").FullName;
        if (provider == DatabaseProvider.Sqlite)
        {
            return new WebTestDatabase(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dir, "remissflow.db")};Pooling=false"), dir, null);
        }

        var name = "rfweb_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(Providers.PostgresServer))
        {
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await cmd.ExecuteNonQueryAsync();
        }

        var csb = new NpgsqlConnectionStringBuilder(Providers.PostgresServer) { Database = name };
        return new WebTestDatabase(new DatabaseOptions(DatabaseProvider.Postgres, csb.ConnectionString), dir, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Providers.PostgresServer);
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)", connection);
            await cmd.ExecuteNonQueryAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
