using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

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

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
