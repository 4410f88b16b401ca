using Npgsql;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Core.Tests.Support;

/// <summary>
/// A fresh, empty database for one test fixture: a SQLite file in a temp folder, or a new
/// database on the throwaway PostgreSQL that tests/run-tests.sh starts (REMISSFLOW_TEST_PG).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _tempDirectory;
    private readonly string? _pgDatabase;

    private TestDatabase(DatabaseOptions options, string? tempDirectory, string? pgDatabase)
    {
        Options = options;
        _tempDirectory = tempDirectory;
        _pgDatabase = pgDatabase;
    }

    public DatabaseOptions Options { get; }

    public string DataDirectory => _tempDirectory ?? Path.Combine(Path.GetTempPath(), "remissflow-pgdata-" + _pgDatabase);

    public static string? PostgresServer => Environment.GetEnvironmentVariable("REMISSFLOW_TEST_PG");

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var dir = Directory.CreateTempSubdirectory("remissflow-test-").FullName;
            var options = new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dir, "remissflow.db")};Pooling=false");
            return new TestDatabase(options, dir, null);
        }

        var server = PostgresServer;
        if (string.IsNullOrEmpty(server))
        {
            Assert.Fail("PostgreSQL-testerna behöver REMISSFLOW_TEST_PG; kör tests/run-tests.sh, som startar en tillfällig PostgreSQL.");
        }

        var name = "rf_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await cmd.ExecuteNonQueryAsync();
        }

        var csb = new NpgsqlConnectionStringBuilder(server!) { Database = name };
        return new TestDatabase(new DatabaseOptions(DatabaseProvider.Postgres, csb.ConnectionString), Directory.CreateTempSubdirectory("remissflow-test-").FullName, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)", connection);
            await cmd.ExecuteNonQueryAsync();
        }

        if (_tempDirectory is not null && Directory.Exists(_tempDirectory))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_tempDirectory, recursive: true);
        }
    }
}
