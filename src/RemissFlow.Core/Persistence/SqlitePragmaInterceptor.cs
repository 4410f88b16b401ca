using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace RemissFlow.Core.Persistence;

/// <summary>
/// Per-connection SQLite settings. The database runs in WAL mode (set once by the migrator; it is
/// persistent); <c>synchronous=NORMAL</c> is per connection and is the setting SQLite recommends
/// for WAL: a commit no longer waits for an fsync of the WAL, only checkpoints do, and the database
/// cannot be corrupted by a crash — a power cut may lose the last commits, never half of one.
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    public static readonly SqlitePragmaInterceptor Instance = new();

    // SqliteCheckpointer copies the write-ahead log into the database in the background every 200
    // write turns, so no commit waits for a checkpoint. SQLite's own, which runs inside the commit that
    // crosses its limit, stays as a backstop at 16,000 pages (64 MB) instead of its default 1,000. A
    // 16 MB page cache per connection (SQLite's default is 2 MB) keeps the upper levels of the large
    // tables' indexes in memory: with 100,000 instances the default made each transition read pages
    // back from the OS.
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=16000; PRAGMA cache_size=-16000;";

    // The settings live as long as the native connection, which the pool hands out again and again;
    // running the three statements at every open was a share of every command.
    private static readonly ConditionalWeakTable<sqlite3, object> Configured = [];

    private static bool NeedsPragmas(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || !Configured.TryGetValue(handle, out _);

    private static void MarkConfigured(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            Configured.AddOrUpdate(handle, Configured);
        }
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!NeedsPragmas(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        MarkConfigured(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!NeedsPragmas(connection))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        MarkConfigured(connection);
    }
}
