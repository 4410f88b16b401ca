using System.Data.Common;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace RemissFlow.Core.Persistence;

/// <summary>
/// Applies the versioned SQL scripts under Persistence/Migrations/{provider}/ in order.
/// dotnet-ef cannot run here, so the schema history is plain SQL per provider; an applied
/// script is recorded with its checksum and may never change afterwards.
/// </summary>
public sealed class SchemaMigrator(RemissFlowDbContext db)
{
    public sealed record Script(int Version, string Name, string Sql, string Checksum);

    public static IReadOnlyList<Script> Scripts(DatabaseProvider provider)
    {
        var folder = provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";
        var assembly = typeof(SchemaMigrator).Assembly;
        var prefix = $"{assembly.GetName().Name}.Persistence.Migrations.{folder}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Load(assembly, n, n[prefix.Length..^4]))
            .OrderBy(s => s.Version)
            .ToList();
    }

    private static Script Load(Assembly assembly, string resource, string fileName)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var sql = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
        var underscore = fileName.IndexOf('_', StringComparison.Ordinal);
        var version = int.Parse(fileName[1..underscore], System.Globalization.CultureInfo.InvariantCulture);
        var checksum = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sql))).ToLowerInvariant();
        return new Script(version, fileName[(underscore + 1)..], sql, checksum);
    }

    public DatabaseProvider Provider => db.IsPostgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    /// <summary>Applies every pending script up to <paramref name="targetVersion"/> (all when null). Returns the versions applied.</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(int? targetVersion = null, CancellationToken ct = default)
    {
        var applied = new List<int>();
        var connection = db.Database.GetDbConnection();
        var wasOpen = connection.State == System.Data.ConnectionState.Open;
        if (!wasOpen)
        {
            await connection.OpenAsync(ct);
        }

        try
        {
            if (Provider == DatabaseProvider.Sqlite)
            {
                await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", ct);
            }

            await using var tx = await connection.BeginTransactionAsync(ct);
            if (Provider == DatabaseProvider.Postgres)
            {
                // Two app instances starting together must not both migrate.
                await ExecuteAsync(connection, tx, "SELECT pg_advisory_xact_lock(72737301);", ct);
            }

            await ExecuteAsync(connection, tx,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL, applied_at VARCHAR(40) NOT NULL);",
                ct);

            var known = new Dictionary<int, string>();
            await using (var cmd = connection.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = "SELECT version, checksum FROM schema_migrations";
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    known[reader.GetInt32(0)] = reader.GetString(1);
                }
            }

            foreach (var script in Scripts(Provider))
            {
                if (known.TryGetValue(script.Version, out var checksum))
                {
                    if (checksum != script.Checksum)
                    {
                        throw new InvalidOperationException(
                            $"Migration {script.Version} ({script.Name}) was changed after it was applied; applied scripts are immutable. Write a new migration instead.");
                    }

                    continue;
                }

                if (targetVersion is not null && script.Version > targetVersion)
                {
                    break;
                }

                await ExecuteAsync(connection, tx, script.Sql, ct);
                await using var record = connection.CreateCommand();
                record.Transaction = tx;
                record.CommandText = "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (@v, @n, @c, @a)";
                AddParameter(record, "@v", script.Version);
                AddParameter(record, "@n", script.Name);
                AddParameter(record, "@c", script.Checksum);
                AddParameter(record, "@a", DateTimeOffset.UtcNow.ToString("O"));
                await record.ExecuteNonQueryAsync(ct);
                applied.Add(script.Version);
            }

            await tx.CommitAsync(ct);
        }
        finally
        {
            if (!wasOpen)
            {
                await connection.CloseAsync();
            }
        }

        return applied;
    }

    public async Task<int> CurrentVersionAsync(CancellationToken ct = default)
    {
        var connection = db.Database.GetDbConnection();
        var wasOpen = connection.State == System.Data.ConnectionState.Open;
        if (!wasOpen)
        {
            await connection.OpenAsync(ct);
        }

        try
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
            try
            {
                return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (DbException)
            {
                return 0;
            }
        }
        finally
        {
            if (!wasOpen)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.CommandTimeout = 300;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static void AddParameter(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
