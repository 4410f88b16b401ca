using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Sammantraden;

/// <summary>The nämndsekreterare moves an item one place up or down the föredragningslista; remiss ärenden and typed-in items move past each other.</summary>
public static class MovePunkt
{
    [RequiresRole(Role.Namndsekreterare, Role.Administrator)]
    public sealed record Command(Guid SammantradeId, Guid PunktId, bool Upp) : ICommand<int>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.SammantradeId).NotEmpty().WithMessage("Sammanträde måste anges.");
            RuleFor(c => c.PunktId).NotEmpty().WithMessage("Punkt måste anges.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current, TimeProvider clock) : IRequestHandler<Command, int>
    {
        public async Task<Result<int>> Handle(Command c, CancellationToken ct)
        {
            var (meeting, organ, refusal) = await MeetingAccess.ForSekreterareAsync(db, current.Actor, c.SammantradeId, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            if (meeting!.Datum < StockholmTime.Today(clock))
            {
                return Refusal.InvalidState($"Sammanträdet {meeting.Datum:yyyy-MM-dd} har redan varit; föredragningslistan kan inte ändras.");
            }

            var arenden = await db.Foredragningspunkter.Where(p => p.SammantradeId == meeting.Id).ToListAsync(ct);
            var ovriga = await db.OvrigaPunkter.Where(p => p.SammantradeId == meeting.Id).ToListAsync(ct);
            // Numbered afresh 1..n in the current order, so gaps and equal numbers from earlier placements cannot make a move a no-op.
            var items = arenden.Select(p => (p.Id, p.Ordning, p.AnmaldAt, Rubrik: p.Rubrik, Set: (Action<int>)(n => p.Ordning = n)))
                .Concat(ovriga.Select(p => (p.Id, p.Ordning, AnmaldAt: (DateTimeOffset?)p.AnmaldAt, Rubrik: p.Rubrik, Set: (Action<int>)(n => p.Ordning = n))))
                .OrderBy(p => p.Ordning).ThenBy(p => p.AnmaldAt).ToList();
            int index = items.FindIndex(p => p.Id == c.PunktId);
            if (index < 0)
            {
                return Refusal.NotFound("Punkten");
            }

            int target = c.Upp ? index - 1 : index + 1;
            if (target < 0 || target >= items.Count)
            {
                return Refusal.InvalidState(c.Upp ? "Punkten står redan först." : "Punkten står redan sist.");
            }

            (items[index], items[target]) = (items[target], items[index]);
            for (int i = 0; i < items.Count; i++)
            {
                items[i].Set(i + 1);
            }

            audit.Record(nameof(Sammantrade), meeting.Id, null, "foredragningslista.ordning",
                $"\"{items[target].Rubrik}\" flyttades till punkt {target + 1} på föredragningslistan för {organ!.Name} {meeting.Datum:yyyy-MM-dd}.", after: c);
            return target + 1;
        }
    }
}
