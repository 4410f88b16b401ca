using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Core.Search;

/// <summary>
/// Keeps the search index in step with the data: every SaveChanges that touches a searchable row
/// rewrites that row's index entries before the transaction commits. When the caller has no
/// transaction of its own, one is opened around the save and the index write, so a hit can never be
/// stale or outlive its row.
/// </summary>
public sealed class SearchIndexInterceptor(SearchIndexer indexer) : SaveChangesInterceptor
{
    private sealed class Pending
    {
        public required List<SearchTarget> Targets { get; init; }

        public IDbContextTransaction? OwnTransaction { get; set; }
    }

    // V0012 made the index, V0015 gave it its access keys and V0019 its stop token; a database still at an older schema (migrated in
    // steps, as the migration tests do) has nowhere to write it, or would have it emptied. Once seen at V0019 or later it stays there,
    // so the check is made until then only.
    private const int IndexSchemaVersion = 19;
    private volatile bool _indexReady;

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    private readonly ConditionalWeakTable<DbContext, object> _deferred = [];

    /// <summary>
    /// Leaves <paramref name="db"/>'s saves out of the index until disposed; the caller must rebuild the index
    /// (SearchIndexer.RebuildAsync) in the same transaction before it commits. For bulk loads (bench data), where
    /// writing each batch's rows and their dependants one by one costs more than building the whole index once.
    /// </summary>
    public IDisposable Defer(DbContext db)
    {
        _deferred.AddOrUpdate(db, db);
        return new Undefer(() => _deferred.Remove(db));
    }

    private sealed class Undefer(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is RemissFlowDbContext db && !_deferred.TryGetValue(db, out _) && Targets(db) is { Count: > 0 } targets)
        {
            if (!_indexReady)
            {
                _indexReady = await new SchemaMigrator(db).CurrentVersionAsync(cancellationToken) >= IndexSchemaVersion;
                if (!_indexReady)
                {
                    return result;
                }
            }

            var pending = new Pending { Targets = targets };
            if (db.Database.CurrentTransaction is null)
            {
                pending.OwnTransaction = await db.Database.BeginTransactionAsync(cancellationToken);
            }

            _pending.AddOrUpdate(db, pending);
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is RemissFlowDbContext db && _pending.TryGetValue(db, out var pending))
        {
            _pending.Remove(db);
            try
            {
                await indexer.RefreshAsync(db, pending.Targets, cancellationToken);
                if (pending.OwnTransaction is { } tx)
                {
                    await tx.CommitAsync(cancellationToken);
                }
            }
            finally
            {
                if (pending.OwnTransaction is { } tx)
                {
                    await tx.DisposeAsync();
                }
            }
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is RemissFlowDbContext db && _pending.TryGetValue(db, out var pending))
        {
            _pending.Remove(db);
            if (pending.OwnTransaction is { } tx)
            {
                await tx.RollbackAsync(cancellationToken);
                await tx.DisposeAsync();
            }
        }
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => SaveChangesFailedAsync(eventData).GetAwaiter().GetResult();

    /// <summary>The searchable rows this save adds, changes or removes; a meeting's agenda item counts as its meeting.</summary>
    private static List<SearchTarget> Targets(RemissFlowDbContext db)
    {
        var targets = new List<SearchTarget>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            switch (entry.Entity)
            {
                case Remiss r:
                    targets.Add(new(typeof(Remiss), r.Id));
                    targets.Add(new(typeof(SearchDependents.RemissHandlingar), r.Id));
                    if (entry.State == EntityState.Modified && entry.Property(nameof(Remiss.Title)).IsModified)
                    {
                        targets.Add(new(typeof(SearchDependents.RemissTitel), r.Id));
                    }

                    break;
                case Domain.Remissvar v:
                    targets.Add(new(typeof(Domain.Remissvar), v.Id));
                    targets.Add(new(typeof(SearchDependents.SvarDelar), v.Id));
                    if (entry.State is EntityState.Added or EntityState.Deleted)
                    {
                        targets.Add(new(typeof(SearchDependents.Remisslista), v.RemissId));
                    }

                    break;
                case Tjansteutlatande t:
                    targets.Add(new(typeof(SearchDependents.TuVersioner), t.Id));
                    break;
                case TjansteutlatandeVersion x:
                    targets.Add(new(typeof(TjansteutlatandeVersion), x.Id));
                    break;
                case Bilaga b:
                    targets.Add(new(typeof(Bilaga), b.Id));
                    break;
                case Domain.Beslut b:
                    targets.Add(new(typeof(Domain.Beslut), b.Id));
                    break;
                case Sammantrade m:
                    targets.Add(new(typeof(Sammantrade), m.Id));
                    break;
                case Foredragningspunkt p:
                    targets.Add(new(typeof(Sammantrade), p.SammantradeId));
                    break;
                case Organisation o:
                    targets.Add(new(typeof(Organisation), o.Id));
                    break;
                case AppUser u:
                    targets.Add(new(typeof(AppUser), u.Id));
                    break;
                case Sekretessmarkering m:
                    // A marking changes who may read the handling's row (SearchAccess), so the row is written again.
                    targets.Add(new(m.HandlingTyp switch
                    {
                        SekretessTyp.Fil => typeof(Bilaga),
                        SekretessTyp.TuVersion => typeof(TjansteutlatandeVersion),
                        _ => typeof(Domain.Beslut),
                    }, m.HandlingId));
                    break;
                default:
                    break;
            }
        }

        return targets;
    }
}

/// <summary>
/// Index rows that hold keys of another row: written again when that row changes, in the same transaction.
/// Each marker names the column of sok_dokument the dependants are found by and their kinds.
/// </summary>
internal static class SearchDependents
{
    /// <summary>A remiss's status decides whether its handlingar may be read.</summary>
    public sealed class RemissHandlingar;

    /// <summary>The ärende and beslut rows show the remiss's title.</summary>
    public sealed class RemissTitel;

    /// <summary>A remissvar added or removed changes who is on the remisslista.</summary>
    public sealed class Remisslista;

    /// <summary>An answer's status decides whether its sender reads its files, beslut and approved TU.</summary>
    public sealed class SvarDelar;

    /// <summary>An approval decides which TU version the sender reads.</summary>
    public sealed class TuVersioner;

    public static bool IsDependent(Type marker) => marker.DeclaringType == typeof(SearchDependents);

    public static string Column(Type marker) => marker.Name switch
    {
        nameof(SvarDelar) => "RemissvarId",
        nameof(TuVersioner) => "ForalderId",
        _ => "RemissId",
    };

    public static IReadOnlyList<string> Types(Type marker) => marker.Name switch
    {
        nameof(RemissHandlingar) => [SearchTypes.Remisshandling],
        nameof(RemissTitel) => [SearchTypes.Arende, SearchTypes.Beslut],
        nameof(Remisslista) => [SearchTypes.Remiss, SearchTypes.Remisshandling],
        nameof(SvarDelar) => [SearchTypes.Svarsfil, SearchTypes.Beslut, SearchTypes.Tjansteutlatande],
        nameof(TuVersioner) => [SearchTypes.Tjansteutlatande],
        _ => [],
    };
}
