using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Npgsql;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Testing;

/// <summary>
/// A database and data directory of one test or fixture, its own to change: a SQLite file in a temp
/// folder, or a database on the throwaway PostgreSQL that tests/run-tests.sh starts (REMISSFLOW_TEST_PG).
/// It starts as a copy of a <see cref="DatabaseTemplate"/>, built once per test run: for SQLite the
/// template's file is copied, for PostgreSQL the database is made with CREATE DATABASE … TEMPLATE.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private const string SqliteFile = "remissflow.db";

    private static readonly ConcurrentDictionary<(string Key, DatabaseProvider Provider), Lazy<Task<Template>>> Templates = new();

    private static int _cleanupRegistered;

    private readonly string? _pgDatabase;

    private TestDatabase(DatabaseOptions options, string dataDirectory, string? pgDatabase)
    {
        Options = options;
        DataDirectory = dataDirectory;
        _pgDatabase = pgDatabase;
    }

    public DatabaseOptions Options { get; }

    /// <summary>The app's data directory (stored files, keys); for SQLite the database file lies in it too.</summary>
    public string DataDirectory { get; }

    /// <summary>Database:Provider as the web app reads it.</summary>
    public string ProviderName => Options.Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";

    public static string? PostgresServer => Providers.PostgresServer;

    /// <summary>An empty database: no schema.</summary>
    public static Task<TestDatabase> CreateAsync(DatabaseProvider provider) => CreateAsync(provider, DatabaseTemplate.Empty);

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, DatabaseTemplate template)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            // Before anything is created: skipping here must leave nothing behind.
            Providers.RequirePostgres();
        }

        RegisterCleanup();
        Template? source = null;
        if (template != DatabaseTemplate.Empty)
        {
            source = await Templates.GetOrAdd((template.Key, provider), key => new Lazy<Task<Template>>(() => BuildTemplateAsync(template, key.Provider))).Value;
        }

        var dir = Directory.CreateTempSubdirectory("remissflow-test-").FullName;
        if (source is not null)
        {
            CopyDirectory(source.DataDirectory, dir);
        }

        if (provider == DatabaseProvider.Sqlite)
        {
            return new TestDatabase(SqliteOptions(dir), dir, null);
        }

        var name = "rf_" + Guid.NewGuid().ToString("N")[..16];
        await CreatePostgresDatabaseAsync(name, source?.PgDatabase);
        return new TestDatabase(PostgresOptions(name), dir, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(Options.ConnectionString));
            await DropPostgresDatabaseAsync(_pgDatabase);
        }

        if (Options.Provider == DatabaseProvider.Sqlite)
        {
            // Only this database's pool: the pool is process-wide and other fixtures run beside this one.
            SqliteConnection.ClearPool(new SqliteConnection(Options.ConnectionString));
        }

        await DeleteDirectoryAsync(DataDirectory);
    }

    // A stopped app's last background write (a file store's temp file, a log line) can land while the folder is being
    // removed, and Directory.Delete then fails with "Directory not empty" (CI, 2026-12-05). The folder is scratch under
    // /tmp: try again briefly, then leave it rather than fail the test that used it.
    private static async Task DeleteDirectoryAsync(string path)
    {
        for (var attempt = 1; Directory.Exists(path); attempt++)
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (IOException) when (attempt < 5)
            {
                await Task.Delay(100 * attempt);
            }
            catch (IOException)
            {
                return;
            }
        }
    }

    private sealed record Template(string DataDirectory, string? PgDatabase);

    // Pooled, as the app's own connections are (DisposeAsync clears this database's pool): with Pooling=false every query
    // opened the file afresh and set it up again, and the SQLite fixtures were the slowest of the run (the authorization
    // matrix on SQLite 114 s against 36 s pooled, measured alone).
    private static DatabaseOptions SqliteOptions(string dir) => new(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dir, SqliteFile)}");

    private static DatabaseOptions PostgresOptions(string name) =>
        new(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(Providers.PostgresServer) { Database = name }.ConnectionString);

    private static async Task<Template> BuildTemplateAsync(DatabaseTemplate template, DatabaseProvider provider)
    {
        var dir = Directory.CreateTempSubdirectory($"remissflow-template-{template.Key}-").FullName;
        if (provider == DatabaseProvider.Sqlite)
        {
            var options = SqliteOptions(dir);
            await template.BuildAsync(options, dir, CancellationToken.None);
            // A copy of the file alone must hold everything: fold the write-ahead log into it and close
            // every connection, so no -wal or -shm file is left beside it.
            SqliteConnection.ClearPool(new SqliteConnection(options.ConnectionString));
            await using (var connection = new SqliteConnection(options.ConnectionString))
            {
                await connection.OpenAsync();
                await using var cmd = connection.CreateCommand();
                cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                await cmd.ExecuteNonQueryAsync();
            }

            foreach (var leftover in new[] { "-wal", "-shm" }.Select(s => Path.Combine(dir, SqliteFile + s)).Where(File.Exists))
            {
                File.Delete(leftover);
            }

            return new Template(dir, null);
        }

        var name = $"rf_tpl_{template.Key}_{Guid.NewGuid().ToString("N")[..8]}";
        await CreatePostgresDatabaseAsync(name, null);
        var pgOptions = PostgresOptions(name);
        await template.BuildAsync(pgOptions, dir, CancellationToken.None);
        // CREATE DATABASE … TEMPLATE refuses a source anyone is connected to: close the pool's idle
        // connections, then forbid new ones and end any still open.
        NpgsqlConnection.ClearPool(new NpgsqlConnection(pgOptions.ConnectionString));
        await ExecuteOnServerAsync($"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false");
        await ExecuteOnServerAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()");
        return new Template(dir, name);
    }

    private static async Task CreatePostgresDatabaseAsync(string name, string? template)
    {
        var sql = template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteOnServerAsync(sql);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                // Another clone of the same template being made at this instant; it takes a moment.
                await Task.Delay(50 * attempt);
            }
        }
    }

    private static Task DropPostgresDatabaseAsync(string name) => ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Providers.PostgresServer);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    /// <summary>Templates live as long as the test process; they go when it ends, on the server and on disk.</summary>
    private static void RegisterCleanup()
    {
        if (Interlocked.Exchange(ref _cleanupRegistered, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var lazy in Templates.Values.Where(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully))
            {
                var template = lazy.Value.Result;
                try
                {
                    if (template.PgDatabase is not null)
                    {
                        using var connection = new NpgsqlConnection(Providers.PostgresServer);
                        connection.Open();
                        using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {template.PgDatabase} WITH (FORCE)", connection);
                        cmd.ExecuteNonQuery();
                    }

                    Directory.Delete(template.DataDirectory, recursive: true);
                }
                catch (Exception e) when (e is NpgsqlException or IOException)
                {
                    // The server may already be gone at the end of tests/run-tests.sh; its data directory goes with it.
                }
            }
        };
    }
}
