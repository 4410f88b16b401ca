using System.Globalization;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Workflow;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Gallring;

/// <summary>
/// The arkivarie turns today's due list into a proposal for a gallringsbeslut (gallring.v1, state foreslaget): the
/// handlingar it covers, each with its plan row and reason. Nothing is deleted until the proposal is decided.
/// </summary>
public static class ForeslaGallring
{
    [RequiresRole(Role.Arkivarie)]
    public sealed record Command : ICommand<Guid>;

    /// <summary>The proposal takes no input: what it covers is today's due list.</summary>
    public sealed class Validator : AbstractValidator<Command>;

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current, WorkflowRunner workflow, TimeProvider clock) : IRequestHandler<Command, Guid>
    {
        public async Task<Result<Guid>> Handle(Command c, CancellationToken ct)
        {
            if (current.Actor.OrganisationId is not { } org)
            {
                return Refusal.Forbidden("Gallring gäller en organisations handlingar; du tillhör ingen.");
            }

            if (await db.Gallringsbeslut.AsNoTracking().FirstOrDefaultAsync(g => g.OrganisationId == org && g.Status == "foreslaget", ct) is { } open)
            {
                return Refusal.InvalidState($"Förslaget {open.Beteckning} väntar redan på beslut; besluta eller avbryt det först.");
            }

            var now = clock.GetUtcNow();
            var due = (await Gallringsplan.KandidaterAsync(db, org, StockholmTime.DateOf(now), ct)).Where(k => k.Status == GallringsStatus.Forfallen).ToList();
            if (due.Count == 0)
            {
                return Refusal.InvalidState("Inget får gallras i dag enligt dokumenthanteringsplanen.");
            }

            var year = StockholmTime.ToLocal(now).Year;
            var prefix = $"GB {year.ToString(CultureInfo.InvariantCulture)}/";
            var count = await db.Gallringsbeslut.CountAsync(g => g.Beteckning.StartsWith(prefix), ct);
            var beslut = new Gallringsbeslut
            {
                OrganisationId = org,
                Beteckning = prefix + (count + 1).ToString(CultureInfo.InvariantCulture),
                Status = "foreslaget",
                SkapadAv = current.Actor.UserId,
                SkapadAt = now,
                Poster = due.Select(k => new GallringsPost
                {
                    Handlingstyp = k.Handlingstyp, HandlingId = k.HandlingId, ArendeTyp = k.ArendeTyp, ArendeId = k.ArendeId, Dnr = k.Dnr,
                    Namn = k.Namn.Length > 300 ? k.Namn[..300] : k.Namn, PlanradId = k.Rad!.Id, GallrasFran = k.GallrasFran!.Value,
                    Skal = k.Skal.Length > 500 ? k.Skal[..500] : k.Skal,
                }).ToList(),
            };
            foreach (var p in beslut.Poster)
            {
                p.BeslutId = beslut.Id;
            }

            db.Gallringsbeslut.Add(beslut);
            await workflow.StartAsync(beslut, ct);
            audit.Record(GallringSubject.Type, beslut.Id, beslut.Beteckning, "gallring.foreslagen",
                $"Förslag till gallringsbeslut {beslut.Beteckning}: {due.Count.ToString(CultureInfo.InvariantCulture)} handlingar enligt dokumenthanteringsplanen",
                after: new { handlingar = due.Select(k => new { k.Handlingstyp, k.HandlingId, planradId = k.Rad!.Id }) });
            return beslut.Id;
        }
    }
}
