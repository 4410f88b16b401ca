using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Workflow;

namespace RemissFlow.Core;

/// <summary>
/// What every host (web, CLI, tests) does before serving: apply migrations, then load and check
/// the workflow definitions against the code and the ledger. A broken definition stops here,
/// with the file, JSON path and fault, not at the first click.
/// </summary>
public static class Startup
{
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var problems = UseCaseCatalog.Check();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The use cases are not wired correctly: " + string.Join(" ", problems));
        }

        using (var scope = services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync(ct: ct);
        }

        await services.GetRequiredService<WorkflowHost>().EngineAsync(ct);
    }
}
