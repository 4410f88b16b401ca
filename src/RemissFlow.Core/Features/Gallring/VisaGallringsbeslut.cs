using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Gallring;

/// <summary>
/// One proposal or decision as the arkivarie reviews it: each handling it covers, whether it would still be gallrad
/// if decided now (what will be deleted comes first), and after the decision what was gallrat in its place.
/// </summary>
public static class VisaGallringsbeslut
{
    [RequiresRole(Role.Arkivarie)]
    public sealed record Query(Guid BeslutId) : IQuery<Model>;

    public sealed record Post(GallringsPost Rad, bool RaderasVidBeslut, string Regel);

    public sealed record Model(Gallringsbeslut Beslut, IReadOnlyList<Post> Poster, IReadOnlyList<Gallringsnotering> Gallrat, string? Avbrott);

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, TimeProvider clock) : IRequestHandler<Query, Model>
    {
        public async Task<Result<Model>> Handle(Query q, CancellationToken ct)
        {
            var beslut = await db.Gallringsbeslut.AsNoTracking().FirstOrDefaultAsync(g => g.Id == q.BeslutId && g.OrganisationId == current.Actor.OrganisationId, ct);
            if (beslut is null)
            {
                return Refusal.NotFound("Gallringsbeslutet");
            }

            var poster = await db.GallringsPoster.AsNoTracking().Where(p => p.BeslutId == beslut.Id).ToListAsync(ct);
            var radIds = poster.Select(p => p.PlanradId).Distinct().ToList();
            var rader = await db.Gallringsplan.AsNoTracking().Where(r => radIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
            var due = beslut.Status == "foreslaget"
                ? (await GallringStillDue.ForAsync(db, beslut, StockholmTime.Today(clock), ct)).Select(d => d.Post.Id).ToHashSet()
                : [];
            var list = poster
                .Select(p => new Post(p, due.Contains(p.Id), rader.TryGetValue(p.PlanradId, out var r) ? $"{Gallringsplan.Regel(r)} (version {r.PlanVersion})" : ""))
                .OrderByDescending(p => p.RaderasVidBeslut).ThenBy(p => p.Rad.Dnr, StringComparer.Ordinal).ThenBy(p => p.Rad.Namn, StringComparer.Ordinal)
                .ToList();
            var gallrat = await db.Gallringsnoteringar.AsNoTracking().Where(n => n.BeslutId == beslut.Id).ToListAsync(ct);
            var avbrott = beslut.Status == "avbrutet"
                ? await db.Handelser.AsNoTracking().Where(h => h.ArendeId == beslut.Id && h.Action == "workflow.avbryt").Select(h => h.Beskrivning).FirstOrDefaultAsync(ct)
                : null;
            return new Model(beslut, list, gallrat.OrderBy(n => n.Dnr, StringComparer.Ordinal).ThenBy(n => n.Namn, StringComparer.Ordinal).ToList(), avbrott);
        }
    }
}
