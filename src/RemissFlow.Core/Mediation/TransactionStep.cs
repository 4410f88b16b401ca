using RemissFlow.Core.Audit;

namespace RemissFlow.Core.Mediation;

/// <summary>
/// One transaction per command: the handler's changes and their audit events commit together
/// or not at all. Handlers never call SaveChanges themselves.
/// </summary>
/// <remarks>
/// On PostgreSQL the transaction spans the whole command (read committed). On SQLite, which has
/// one writer at a time, the command reads without a transaction — as PostgreSQL's read committed
/// would let it see committed data — and takes the process's write turn only at its first write,
/// normally the final SaveChanges. Holding the turn for the reads too made every command wait for
/// every other command's reads: 8 concurrent callers ran on one core. Lost updates are still
/// impossible: every aggregate carries a concurrency token, so a write based on a stale read fails
/// and the user gets the conflict refusal, exactly as on PostgreSQL.
/// </remarks>
public sealed class TransactionStep(RemissFlowDbContext db, AuditTrail audit, AuditWriter writer, ICurrentActor current, WriteGate gate)
{
    private bool _detected;

    public async Task<Result<TResult>> Run<TResult>(Func<Task<Result<TResult>>> handle, CancellationToken ct, Refusal? conflict = null)
    {
        _detected = false;
        IDisposable? turn = null;
        if (db.IsPostgres)
        {
            await db.Database.BeginTransactionAsync(ct);
        }
        else
        {
            // One connection for the whole command: opening one per query would repeat the per-connection pragmas.
            await db.Database.OpenConnectionAsync(ct);
            db.TakeWriteTurn = async c =>
            {
                turn = await gate.EnterAsync(db, c);
                await db.Database.BeginTransactionAsync(c);
            };
        }

        try
        {
            var result = await handle();
            if (!result.Succeeded)
            {
                await RollbackAsync();
                Reset();
                return result;
            }

            // A SQLite command that only read has no transaction and never takes the write turn.
            if (db.Database.CurrentTransaction is not null || HasChanges() || audit.Pending.Count > 0)
            {
                await db.BeginWritingAsync(ct);
                await SaveAsync(ct);
                await db.Database.CommitTransactionAsync(ct);
            }

            audit.Clear();
            return result;
        }
        catch (Exception e) when (WriteConflicts.IsConflict(e))
        {
            await RollbackAsync();
            Reset();
            return conflict ?? Refusal.StaleVersion;
        }
        catch
        {
            await RollbackAsync();
            Reset();
            throw;
        }
        finally
        {
            db.TakeWriteTurn = null;
            turn?.Dispose();
            if (!db.IsPostgres)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        if (HasChanges() && audit.Pending.Count == 0)
        {
            throw new InvalidOperationException("A command changed state without recording an audit event.");
        }

        // The events join the handler's changes in one SaveChanges: one round trip fewer per command.
        await writer.AppendAsync(audit.Pending, current.Actor, ct, save: false);
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        try
        {
            // Change detection walks every tracked entity; it has run once after the handler, and the
            // audit events are added, not edited. Without this, SaveChanges and the version bump ran it twice more.
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>Detects the handler's changes once; later checks in this step reuse the result.</summary>
    private bool HasChanges()
    {
        if (!_detected)
        {
            db.ChangeTracker.DetectChanges();
            _detected = true;
        }

        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return db.ChangeTracker.HasChanges();
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private async Task RollbackAsync()
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await db.Database.RollbackTransactionAsync(CancellationToken.None);
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
public sealed class WriteGate(SqliteCheckpointer checkpointer) : IDisposable
{
    private readonly SemaphoreSlim _sqlite = new(1, 1);

    public void Dispose() => _sqlite.Dispose();

    public async Task<IDisposable> EnterAsync(RemissFlowDbContext db, CancellationToken ct)
    {
        if (db.IsPostgres)
        {
            return NoTurn.Instance;
        }

        await _sqlite.WaitAsync(ct);
        return new Turn(this);
    }

    private void Release()
    {
        _sqlite.Release();
        checkpointer.TurnEnded();
    }

    private sealed class Turn(WriteGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
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
