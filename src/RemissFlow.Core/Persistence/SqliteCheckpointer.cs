using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace RemissFlow.Core.Persistence;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file in the background, once every
/// <see cref="TurnsPerCheckpoint"/> write turns, so that no command waits for it.
/// </summary>
/// <remarks>
/// Left to SQLite, the commit that pushes the log past its limit runs the checkpoint itself — copying
/// a few thousand pages and syncing the file, about 13 ms here — while it still holds the process's
/// write turn, so every writer queued behind it waits too. In the workflow bench those checkpoints
/// were 45 % of all commit time. A passive checkpoint on its own connection runs beside the writers
/// (SQLite lets it: it only copies frames that no reader still needs). SQLite's own automatic
/// checkpoint stays on at a much larger log as a backstop, for writers that bypass the write turn
/// (migrations, bulk loads) and in case this one falls behind.
/// </remarks>
public sealed partial class SqliteCheckpointer(DatabaseOptions database, ILogger<SqliteCheckpointer> log) : IAsyncDisposable, IDisposable
{
    /// <summary>A workflow transition writes about 12 pages: some 2,400 pages (10 MB) of log per checkpoint.</summary>
    public const int TurnsPerCheckpoint = 200;

    private readonly bool _enabled = database.Provider == DatabaseProvider.Sqlite;
    private int _turns;
    private int _running;
    private long _completed;
    private Task _current = Task.CompletedTask;

    /// <summary>Checkpoints that ran to the end since start-up.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Called as each write turn ends; starts a checkpoint when one is due and none is running.</summary>
    public void TurnEnded()
    {
        if (!_enabled || Interlocked.Increment(ref _turns) % TurnsPerCheckpoint != 0)
        {
            return;
        }

        // One at a time: a due checkpoint while one runs is skipped, the next one copies its frames.
        if (Interlocked.Exchange(ref _running, 1) == 0)
        {
            Volatile.Write(ref _current, Task.Run(CheckpointAsync));
        }
    }

    private async Task CheckpointAsync()
    {
        try
        {
            await using var connection = new SqliteConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            await using var reader = await command.ExecuteReaderAsync();
            if (await reader.ReadAsync())
            {
                var (copied, pages) = (reader.GetInt64(2), reader.GetInt64(1));
                LogCheckpointed(log, copied, pages);
            }

            Interlocked.Increment(ref _completed);
        }
        catch (Exception e) when (e is SqliteException or IOException)
        {
            // Nothing is lost: the log keeps the pages, and the next checkpoint (or SQLite's backstop) copies them.
            LogCheckpointFailed(log, e);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>Lets a running checkpoint finish, so nothing still holds the file when the host stops.</summary>
    public async ValueTask DisposeAsync() => await Volatile.Read(ref _current);

    /// <summary>For a container disposed synchronously; the checkpoint runs on the thread pool, so waiting cannot deadlock.</summary>
    public void Dispose() => Volatile.Read(ref _current).GetAwaiter().GetResult();

    [LoggerMessage(Level = LogLevel.Debug, Message = "SQLite checkpoint: {Checkpointed} of {LogPages} log pages copied")]
    private static partial void LogCheckpointed(ILogger logger, long checkpointed, long logPages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite checkpoint failed; the write-ahead log keeps the pages until the next one")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
