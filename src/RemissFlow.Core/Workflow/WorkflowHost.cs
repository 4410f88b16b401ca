using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Workflows.Calendar;
using RemissFlow.Workflows.Definitions;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Workflow;

/// <summary>
/// Loads and checks every definition in workflows/ once, at start-up, against the code's guards,
/// the actions its typed transitions declare (<see cref="Transitions.TransitionCatalogue"/>) and the
/// database's ledger of published versions. A broken file stops start-up.
/// </summary>
public sealed class WorkflowHost(CoreOptions options, IServiceScopeFactory scopes, TimeProvider clock, IWorkingDayCalendar calendar,
    IEnumerable<IWorkflowGuard> guards) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private WorkflowEngine? _engine;

    public async Task<WorkflowEngine> EngineAsync(CancellationToken ct = default)
    {
        if (_engine is not null)
        {
            return _engine;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_engine is null)
            {
                using var scope = scopes.CreateScope();
                var ledger = new DbPublishedVersionLedger(scope.ServiceProvider.GetRequiredService<RemissFlowDbContext>());
                var registry = await WorkflowRegistry.LoadDirectoryAsync(options.WorkflowsDirectory, guards, Transitions.TransitionCatalogue.ActionNames, ledger, clock, ct);
                _engine = new WorkflowEngine(registry, clock, calendar);
            }

            return _engine;
        }
        finally
        {
            _gate.Release();
        }
    }

    public IReadOnlyList<IWorkflowGuard> Guards { get; } = guards.ToList();

    public void Dispose() => _gate.Dispose();
}

public sealed class DbPublishedVersionLedger(RemissFlowDbContext db) : IPublishedVersionLedger
{
    public async ValueTask<string?> GetHashAsync(string definitionId, int version, CancellationToken cancellationToken = default) =>
        await db.PublishedWorkflowVersions.AsNoTracking()
            .Where(v => v.DefinitionId == definitionId && v.Version == version)
            .Select(v => v.Sha256)
            .FirstOrDefaultAsync(cancellationToken);

    public async ValueTask RecordAsync(string definitionId, int version, string sha256, DateTimeOffset publishedAt, CancellationToken cancellationToken = default)
    {
        db.PublishedWorkflowVersions.Add(new PublishedWorkflowVersion { DefinitionId = definitionId, Version = version, Sha256 = sha256, PublishedAt = publishedAt });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another host recorded it first; what counts is that the hashes agree.
            db.ChangeTracker.Clear();
            var stored = await GetHashAsync(definitionId, version, cancellationToken);
            if (stored != sha256)
            {
                throw;
            }
        }
    }
}
