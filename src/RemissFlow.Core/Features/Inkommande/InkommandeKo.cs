using RemissFlow.Core.Workflow;

namespace RemissFlow.Core.Features.Inkommande;

/// <summary>The registrator's queue: the organisation's e-mail, those still waiting first (newest first), then the handled ones.</summary>
public static class InkommandeKo
{
    [RequiresRole(Role.Registrator, Role.Administrator)]
    public sealed record Query(int Hanterade = 50) : IQuery<Model>;

    public sealed record Rad(Guid Id, string Fran, string Rubrik, DateTimeOffset MottagenAt, int Bilagor, string Status, string StatusText, string? BlevDnr, bool Anmarkning);

    public sealed record Model(IReadOnlyList<Rad> Vantar, IReadOnlyList<Rad> Hanterade);

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowHost host) : IRequestHandler<Query, Model>
    {
        public async Task<Result<Model>> Handle(Query q, CancellationToken ct)
        {
            if (current.Actor.OrganisationId is not { } org)
            {
                return Refusal.Forbidden("Inkommande e-post hör till en organisation; du tillhör ingen.");
            }

            var registry = (await host.EngineAsync(ct)).Registry;
            var rows = db.Inkommande.AsNoTracking().Where(i => i.OrganisationId == org);
            var vantar = await rows.Where(i => i.Status == InkommandeStatus.Ny).OrderByDescending(i => i.MottagenAt)
                .Select(i => new { i.Id, i.Fran, i.Rubrik, i.MottagenAt, Bilagor = i.Bilagor.Count, i.Status, i.BlevDnr, i.Anmarkning }).ToListAsync(ct);
            var hanterade = await rows.Where(i => i.Status != InkommandeStatus.Ny).OrderByDescending(i => i.HanteradAt ?? i.MottagenAt).Take(q.Hanterade)
                .Select(i => new { i.Id, i.Fran, i.Rubrik, i.MottagenAt, Bilagor = i.Bilagor.Count, i.Status, i.BlevDnr, i.Anmarkning }).ToListAsync(ct);
            return new Model(
                vantar.Select(i => new Rad(i.Id, i.Fran, i.Rubrik, i.MottagenAt, i.Bilagor, i.Status, StateLabel.Of(registry, DefinitionIds.Inkommande, 0, i.Status), i.BlevDnr, i.Anmarkning != null)).ToList(),
                hanterade.Select(i => new Rad(i.Id, i.Fran, i.Rubrik, i.MottagenAt, i.Bilagor, i.Status, StateLabel.Of(registry, DefinitionIds.Inkommande, 0, i.Status), i.BlevDnr, i.Anmarkning != null)).ToList());
        }
    }

    /// <summary>How many e-mails wait in the organisation's queue: the count beside "Inkommande" in the menu.</summary>
    public static Task<int> VantarAsync(RemissFlowDbContext db, Guid organisationId, CancellationToken ct) =>
        db.Inkommande.CountAsync(i => i.OrganisationId == organisationId && i.Status == InkommandeStatus.Ny, ct);
}
