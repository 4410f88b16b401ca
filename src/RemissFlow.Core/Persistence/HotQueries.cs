using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Persistence;

/// <summary>
/// The queries every workflow transition runs, compiled once. A LINQ query is otherwise rebuilt,
/// parameter-extracted and looked up in EF's query cache on every call; for these small lookups
/// that bookkeeping cost more than the database's own work (see docs/performance.md).
/// </summary>
public static class HotQueries
{
    private static readonly PerModel<Func<RemissFlowDbContext, Guid, CancellationToken, Task<Domain.Remissvar?>>> RemissvarByIdQuery = new(() =>
        EF.CompileAsyncQuery((RemissFlowDbContext db, Guid id, CancellationToken ct) => db.Remissvar.FirstOrDefault(r => r.Id == id)));

    private static readonly PerModel<Func<RemissFlowDbContext, Guid, CancellationToken, Task<Remiss?>>> RemissByIdQuery = new(() =>
        EF.CompileAsyncQuery((RemissFlowDbContext db, Guid id, CancellationToken ct) => db.Remisser.FirstOrDefault(r => r.Id == id)));

    private static readonly PerModel<Func<RemissFlowDbContext, Guid, CancellationToken, Task<WorkflowInstance?>>> InstanceByIdQuery = new(() =>
        EF.CompileAsyncQuery((RemissFlowDbContext db, Guid id, CancellationToken ct) => db.WorkflowInstances.FirstOrDefault(i => i.Id == id)));

    private static readonly PerModel<Func<RemissFlowDbContext, Guid, IAsyncEnumerable<WorkflowBookmark>>> BookmarksQuery = new(() =>
        EF.CompileAsyncQuery((RemissFlowDbContext db, Guid instanceId) => db.WorkflowBookmarks.Where(b => b.InstanceId == instanceId)));

    private static readonly PerModel<Func<RemissFlowDbContext, CancellationToken, Task<AuditChainEnd?>>> ChainEndQuery = new(() =>
        EF.CompileAsyncQuery((RemissFlowDbContext db, CancellationToken ct) => db.Handelser.AsNoTracking()
            .OrderByDescending(h => h.Sequence)
            .Select(h => new AuditChainEnd(h.Sequence, h.Hash))
            .FirstOrDefault()));

    private static readonly PerModel<Func<RemissFlowDbContext, Guid, string, IAsyncEnumerable<Guid>>> UsersInRoleQuery = new(() =>
        EF.CompileAsyncQuery((RemissFlowDbContext db, Guid organisationId, string role) =>
            from u in db.Users
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where u.OrganisationId == organisationId && r.Name == role && (u.LockoutEnd == null || u.LockoutEnd < AppUser.DeactivatedFrom)
            select u.Id));

    private static readonly PerModel<Func<RemissFlowDbContext, List<Guid>, IAsyncEnumerable<UserAddress>>> AddressesQuery = new(() =>
        EF.CompileAsyncQuery((RemissFlowDbContext db, List<Guid> ids) =>
            db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && (u.LockoutEnd == null || u.LockoutEnd < AppUser.DeactivatedFrom))
                .Select(u => new UserAddress(u.Id, u.Email))));

    // By the unique dedup key alone: correlated on the user, SQLite chose the user's index and read every notice the person ever had.
    private static readonly PerModel<Func<RemissFlowDbContext, List<string>, IAsyncEnumerable<string>>> SentNoticesQuery = new(() =>
        EF.CompileAsyncQuery((RemissFlowDbContext db, List<string> keys) =>
            db.Notiser.Where(n => keys.Contains(n.DedupKey)).Select(n => n.DedupKey)));

    private static readonly PerModel<Func<RemissFlowDbContext, Guid, Guid, CancellationToken, Task<TransitionLoad?>>> TransitionQuery = new(() =>
        EF.CompileAsyncQuery((RemissFlowDbContext db, Guid remissId, Guid instanceId, CancellationToken ct) =>
            (from r in db.Remisser
             where r.Id == remissId
             from i in db.WorkflowInstances
             where i.Id == instanceId
             select new TransitionLoad
             {
                 Remiss = r,
                 Instance = i,
                 Bookmarks = db.WorkflowBookmarks.Where(b => b.InstanceId == i.Id).ToList(),
             }).FirstOrDefault()));

    /// <summary>
    /// A remissvar's remiss, workflow instance and bookmarks: what a transition reads, in one round
    /// trip. Null when either is missing from the database (an instance started in this unit of work).
    /// </summary>
    public static Task<TransitionLoad?> TransitionLoadAsync(this RemissFlowDbContext db, Guid remissId, Guid instanceId, CancellationToken ct) =>
        TransitionQuery.For(db)(db, remissId, instanceId, ct);

    public static Task<Domain.Remissvar?> RemissvarByIdAsync(this RemissFlowDbContext db, Guid id, CancellationToken ct) => RemissvarByIdQuery.For(db)(db, id, ct);

    public static Task<Remiss?> RemissByIdAsync(this RemissFlowDbContext db, Guid id, CancellationToken ct) => RemissByIdQuery.For(db)(db, id, ct);

    public static Task<WorkflowInstance?> WorkflowInstanceByIdAsync(this RemissFlowDbContext db, Guid id, CancellationToken ct) => InstanceByIdQuery.For(db)(db, id, ct);

    public static Task<List<WorkflowBookmark>> BookmarksOfAsync(this RemissFlowDbContext db, Guid instanceId, CancellationToken ct) =>
        ToListAsync(BookmarksQuery.For(db)(db, instanceId), ct);

    public static Task<AuditChainEnd?> AuditChainEndAsync(this RemissFlowDbContext db, CancellationToken ct) => ChainEndQuery.For(db)(db, ct);

    /// <summary>
    /// The active accounts of the organisation holding the role: whom to notify, and whom to offer in a pick list. A deactivated
    /// account (locked out for good, see <see cref="AppUser.DeactivatedFrom"/>) is neither; a short lockout after failed
    /// sign-ins does not count.
    /// </summary>
    public static Task<List<Guid>> UsersInRoleAsync(this RemissFlowDbContext db, Guid organisationId, Role role, CancellationToken ct) =>
        ToListAsync(UsersInRoleQuery.For(db)(db, organisationId, role.ToString()), ct);

    /// <summary>The addresses of those of <paramref name="ids"/> whose accounts are active: a deactivated account gets no notice and no e-mail.</summary>
    public static Task<List<UserAddress>> UserAddressesAsync(this RemissFlowDbContext db, List<Guid> ids, CancellationToken ct) =>
        ToListAsync(AddressesQuery.For(db)(db, ids), ct);

    /// <summary>Which of <paramref name="dedupKeys"/> have already produced a notice.</summary>
    public static Task<List<string>> SentNoticesAsync(this RemissFlowDbContext db, List<string> dedupKeys, CancellationToken ct) =>
        ToListAsync(SentNoticesQuery.For(db)(db, dedupKeys), ct);

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(ct))
        {
            list.Add(row);
        }

        return list;
    }
}

/// <summary>
/// A compiled query belongs to the model it was first run with; a process that talks to both
/// SQLite and PostgreSQL (the tests, the benchmark) needs one per model.
/// </summary>
internal sealed class PerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Microsoft.EntityFrameworkCore.Metadata.IModel, TQuery> _byModel = new(ReferenceEqualityComparer.Instance);

    public TQuery For(DbContext db) => _byModel.GetOrAdd(db.Model, _ => compile());
}

public sealed class TransitionLoad
{
    public required Remiss Remiss { get; init; }

    public required WorkflowInstance Instance { get; init; }

    public List<WorkflowBookmark> Bookmarks { get; init; } = [];
}

public sealed record AuditChainEnd(long Sequence, string Hash);

public sealed record UserAddress(Guid Id, string? Email);
