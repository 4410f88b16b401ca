using RemissFlow.Core.Workflow;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Workflow;

/// <summary>
/// Moves every instance of one definition version to another version with an explicit state
/// mapping (<c>workflow migrate</c>). Published versions are immutable and instances are pinned,
/// so this is the only way running ärenden reach a new version. All instances move in one
/// transaction, each with an execution-log step and an audit event; an incomplete or wrong
/// mapping is refused before anything changes. A dry run checks and counts but changes nothing.
/// </summary>
public static class MigrateWorkflowInstances
{
    [RequiresRole(Role.Administrator)]
    public sealed record Command(string DefinitionId, int FromVersion, int ToVersion, IReadOnlyDictionary<string, string> Mapping, bool DryRun = false) : ICommand<Summary>;

    /// <summary>How many instances moved (or would move), per old state → new state.</summary>
    public sealed record Summary(int Instances, IReadOnlyList<(string From, string To, int Count)> Moves, bool DryRun, int LeftInTerminalStates);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.DefinitionId).RequiredText("Definition", 100);
            RuleFor(c => c.FromVersion).GreaterThan(0).WithMessage("Från-version måste vara ett positivt heltal.");
            RuleFor(c => c.ToVersion).GreaterThan(0).WithMessage("Till-version måste vara ett positivt heltal.");
            RuleFor(c => c.ToVersion).NotEqual(c => c.FromVersion).WithMessage("Till-version måste skilja sig från från-version.");
            RuleFor(c => c.Mapping).NotEmpty().WithMessage("Mappningen av lägen måste anges (gammalt=nytt,…).");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, WorkflowHost host, WorkflowRunner runner) : IRequestHandler<Command, Summary>
    {
        public async Task<Result<Summary>> Handle(Command c, CancellationToken ct)
        {
            var engine = await host.EngineAsync(ct);
            var source = engine.Registry.Find(c.DefinitionId, c.FromVersion);
            var target = engine.Registry.Find(c.DefinitionId, c.ToVersion);
            if (source is null || target is null)
            {
                var missing = source is null ? c.FromVersion : c.ToVersion;
                return Refusal.NotFound($"Arbetsflödet {c.DefinitionId} version {missing}");
            }

            // Checked once for the whole batch: one unmapped state refuses the whole migration.
            var faults = WorkflowEngine.ValidateMapping(source, target, c.Mapping);
            if (faults.Count > 0)
            {
                return Refusal.Validation(faults.Select(f => new FieldError(nameof(c.Mapping), $"Mappningen duger inte: {f}")).ToList());
            }

            var instances = await db.WorkflowInstances
                .Where(i => i.DefinitionId == c.DefinitionId && i.Version == c.FromVersion)
                .OrderBy(i => i.CreatedAt)
                .ToListAsync(ct);

            // A finished ärende whose terminal state is not mapped keeps its version: nothing can happen to it any more.
            var moving = instances.Where(i => c.Mapping.ContainsKey(i.State)).ToList();
            var moves = moving.GroupBy(i => i.State)
                .Select(g => (From: g.Key, To: c.Mapping[g.Key], Count: g.Count()))
                .OrderBy(m => m.From, StringComparer.Ordinal)
                .ToList();
            var summary = new Summary(moving.Count, moves, c.DryRun, instances.Count - moving.Count);
            if (c.DryRun)
            {
                return summary;
            }

            foreach (var instance in moving)
            {
                var errors = await runner.MigrateAsync(instance, target, c.Mapping, ct);
                if (errors.Count > 0)
                {
                    // The transaction step rolls back every instance moved so far.
                    return Refusal.InvalidState($"Instansen {instance.Id} kunde inte flyttas: {string.Join(" ", errors)}");
                }
            }

            return summary;
        }
    }
}
