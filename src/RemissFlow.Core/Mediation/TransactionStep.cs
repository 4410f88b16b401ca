using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Core.Mediation;

/// <summary>
/// One transaction per command: the handler's changes and their audit events commit together
/// or not at all. Handlers never call SaveChanges themselves.
/// </summary>
public sealed class TransactionStep(RemissFlowDbContext db, AuditTrail audit, AuditWriter writer, ICurrentActor current, WriteGate gate)
{
    public async Task<Result<TResult>> Run<TResult>(Func<Task<Result<TResult>>> handle, CancellationToken ct)
    {
        using var turn = await gate.EnterAsync(db, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var result = await handle();
            if (!result.Succeeded)
            {
                await tx.RollbackAsync(ct);
                Reset();
                return result;
            }

            var changed = db.ChangeTracker.HasChanges();
            if (changed && audit.Pending.Count == 0)
            {
                throw new InvalidOperationException("A command changed state without recording an audit event.");
            }

            // The events join the handler's changes in one SaveChanges: one round trip fewer per command.
            await writer.AppendAsync(audit.Pending, current.Actor, ct, save: false);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            audit.Clear();
            return result;
        }
        catch (DbUpdateConcurrencyException)
        {
            await tx.RollbackAsync(CancellationToken.None);
            Reset();
            return Refusal.StaleVersion;
        }
        catch
        {
            await tx.RollbackAsync(CancellationToken.None);
            Reset();
            throw;
        }
    }

    private void Reset()
    {
        audit.Clear();
        db.ChangeTracker.Clear();
    }
}

/// <summary>
/// SQLite allows one writer at a time; taking turns in-process avoids busy errors and
/// snapshot upgrades failing mid-transaction. PostgreSQL needs no gate.
/// </summary>
public sealed class WriteGate
{
    private readonly SemaphoreSlim _sqlite = new(1, 1);

    public async Task<IDisposable> EnterAsync(RemissFlowDbContext db, CancellationToken ct)
    {
        if (db.IsPostgres)
        {
            return NoTurn.Instance;
        }

        await _sqlite.WaitAsync(ct);
        return new Turn(_sqlite);
    }

    private sealed class Turn(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }

    private sealed class NoTurn : IDisposable
    {
        public static readonly NoTurn Instance = new();

        public void Dispose()
        {
        }
    }
}
