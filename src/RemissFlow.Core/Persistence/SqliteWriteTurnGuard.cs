using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RemissFlow.Core.Persistence;

/// <summary>
/// On SQLite a command reads without a transaction until its first write (see
/// <see cref="Mediation.TransactionStep"/>). A raw-SQL write that forgot
/// <see cref="RemissFlowDbContext.BeginWritingAsync"/> would commit on its own, outside the
/// command's transaction and the write turn; this makes that mistake fail loudly instead.
/// </summary>
public sealed class SqliteWriteTurnGuard : DbCommandInterceptor
{
    public static readonly SqliteWriteTurnGuard Instance = new();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Check(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Check(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Check(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Check(command, eventData);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbCommand command, CommandEventData eventData)
    {
        if (eventData.Context is RemissFlowDbContext { IsReadingOutsideTransaction: true } && !IsRead(command.CommandText))
        {
            throw new InvalidOperationException(
                "A command wrote to SQLite before taking its write turn; call RemissFlowDbContext.BeginWritingAsync first. SQL: " + command.CommandText);
        }
    }

    private static bool IsRead(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        return text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("WITH", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase);
    }
}
