using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;

namespace RemissFlow.Core.Features.ProtokollJustering;

/// <summary>
/// Val av justerare and the time and place of justering, as decided at the meeting. A justerare is a ledamot of the
/// organ holding a seat on the meeting day (an ersättare only when serving), never the ordförande, who justerar anyway.
/// </summary>
public static class ValjJusterare
{
    [RequiresRole(Role.Namndsekreterare, Role.Administrator)]
    public sealed record Command(Guid SammantradeId, IReadOnlyList<Guid> Justerare, DateTimeOffset? JusteringTid, string? JusteringPlats, string? Forvaringsplats = null) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Justerare).NotNull().Must(j => j is { Count: > 0 }).WithName("Justerare").WithMessage("Välj minst en justerare.");
            RuleFor(c => c.Justerare).Must(j => j is null || j.Count <= 3).WithName("Justerare").WithMessage("Högst tre justerare kan väljas.");
            RuleFor(c => c.JusteringPlats).OptionalText("Plats för justering", ProtokollRules.PlatsMax);
            RuleFor(c => c.Forvaringsplats).OptionalText("Förvaringsplats", ProtokollRules.ForvaringsplatsMax);
        }
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow, TimeProvider clock) : IRequestHandler<Command, Guid>
    {
        public async Task<Result<Guid>> Handle(Command c, CancellationToken ct)
        {
            var (protokoll, meeting, _, refusal) = await ProtokollAccess.ForSekreterareAsync(db, workflow, current.Actor, c.SammantradeId, clock, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            if (c.JusteringTid is { } tid && RemissFlow.Workflows.Runtime.StockholmTime.DateOf(tid) < meeting!.Datum)
            {
                return Refusal.Field(nameof(c.JusteringTid), "Tid för justering kan inte vara före sammanträdet.");
            }

            var datum = meeting!.Datum;
            var ids = c.Justerare.Distinct().ToList();
            var members = await db.Ledamoter.AsNoTracking().Where(l => ids.Contains(l.Id) && l.OrganId == meeting!.OrganId).ToListAsync(ct);
            var present = await Narvarande.PresentAsync(db, meeting!, ct);
            foreach (var id in ids)
            {
                var l = members.FirstOrDefault(m => m.Id == id);
                if (l is null || !l.Innehar(datum))
                {
                    return Refusal.Field(nameof(c.Justerare), "En vald justerare är inte ledamot i organet vid sammanträdet.");
                }

                if (l.Uppdrag == Uppdrag.Ordforande)
                {
                    return Refusal.Field(nameof(c.Justerare), $"{l.Namn} är ordförande och justerar protokollet ändå; välj en annan justerare.");
                }

                if (!present.Contains(l.Id))
                {
                    return Refusal.Field(nameof(c.Justerare), $"{l.Namn} var inte närvarande vid sammanträdet och kan inte vara justerare.");
                }
            }

            if (protokoll!.Godkannanden.Count > 0)
            {
                return Refusal.InvalidState("Justeringen har börjat; justerarna kan inte bytas.");
            }

            var fired = await workflow.FireAsync(protokoll, ProtokollTransitions.ValjJusterare,
                new JusterareVal(ids, c.JusteringTid, c.JusteringPlats?.Trim(), string.IsNullOrWhiteSpace(c.Forvaringsplats) ? null : c.Forvaringsplats.Trim()), ct);
            if (fired is not null)
            {
                return fired;
            }

            return protokoll.Id;
        }
    }
}
