using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Gallring;

/// <summary>
/// What may be gallrat today and why, the plan in force and the proposals: the arkivarie's page and
/// <c>arkiv gallring --list</c>. The system (the CLI) sees every organisation.
/// </summary>
public static class GallringsLista
{
    [RequiresRole(Role.Arkivarie)]
    public sealed record Query(bool BaraForfallna = true) : IQuery<Model>;

    public sealed record Model(DateOnly Idag, IReadOnlyList<GallringsKandidat> Handlingar, IReadOnlyList<GallringsplanRad> Plan, IReadOnlyList<Gallringsbeslut> Beslut);

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, TimeProvider clock) : IRequestHandler<Query, Model>
    {
        public async Task<Result<Model>> Handle(Query q, CancellationToken ct)
        {
            var org = current.Actor.IsSystem ? null : current.Actor.OrganisationId;
            if (!current.Actor.IsSystem && org is null)
            {
                return Refusal.Forbidden("Gallring gäller en organisations handlingar; du tillhör ingen.");
            }

            var today = StockholmTime.Today(clock);
            var all = await Gallringsplan.KandidaterAsync(db, org, today, ct);
            var plan = await db.Gallringsplan.AsNoTracking().Where(r => r.Giltig && (org == null || r.OrganisationId == org)).OrderBy(r => r.Handlingstyp).ToListAsync(ct);
            var beslut = await db.Gallringsbeslut.AsNoTracking().Include(g => g.Poster).Where(g => org == null || g.OrganisationId == org)
                .OrderByDescending(g => g.SkapadAt).Take(50).ToListAsync(ct);
            return new Model(today, q.BaraForfallna ? all.Where(k => k.Status == GallringsStatus.Forfallen).ToList() : all, plan, beslut);
        }
    }
}
