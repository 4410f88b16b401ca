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

    // A checkpoint copies the WAL into the database file and syncs it; the commit that triggers one
    // waits for it (about 10 ms here). SQLite's default, every 1,000 pages, put one in every ~60
    // workflow transitions; every 4,000 pages (a WAL of up to ~16 MB) makes them rarer and copies a
    // page changed by many commits once instead of several times. A 16 MB page cache per connection
    // (SQLite's default is 2 MB) keeps the upper levels of the large tables' indexes in memory: with
    // 100,000 instances the default made each transition read pages back from the OS.
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=4000; PRAGMA cache_size=-16000;";

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
