using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Sammantraden;

/// <summary>The nämndsekreterare enters a meeting of one of the organisation's bodies.</summary>
public static class CreateSammantrade
{
    [RequiresRole(Role.Namndsekreterare, Role.Administrator)]
    public sealed record Command(Guid OrganId, DateOnly Datum, TimeOnly? Tid, string? Lokal, bool Extra = false) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Lokal).OptionalText("Lokal", 200);
            RuleFor(c => c.Datum).PlausibleDate("Datum", clock);
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current, TimeProvider clock) : IRequestHandler<Command, Guid>
    {
        public async Task<Result<Guid>> Handle(Command c, CancellationToken ct)
        {
            var organ = await db.Organ.FirstOrDefaultAsync(o => o.Id == c.OrganId, ct);
            if (organ is null)
            {
                return Refusal.Field(nameof(c.OrganId), "Organ: det valda organet finns inte.");
            }

            var actor = current.Actor;
            if (!actor.IsSystem && !actor.Has(Role.Administrator) && actor.OrganisationId != organ.OrganisationId)
            {
                return Refusal.Forbidden("Du kan bara lägga in sammanträden för din egen organisations organ.");
            }

            if (c.Datum < StockholmTime.Today(clock))
            {
                return Refusal.Field(nameof(c.Datum), "Datum: sammanträdet ligger i det förflutna.");
            }

            if (await db.Sammantraden.AnyAsync(m => m.OrganId == c.OrganId && m.Datum == c.Datum, ct))
            {
                return Refusal.Field(nameof(c.Datum), $"Datum: {organ.Name} har redan ett sammanträde {c.Datum:yyyy-MM-dd}.");
            }

            var meeting = new Sammantrade { OrganId = organ.Id, Datum = c.Datum, Tid = c.Tid, Lokal = c.Lokal, Extra = c.Extra };
            db.Sammantraden.Add(meeting);
            audit.Record(nameof(Sammantrade), meeting.Id, null, "sammantrade.skapat", $"Sammanträde för {organ.Name} den {c.Datum:yyyy-MM-dd} lades in.", after: c);
            return meeting.Id;
        }
    }
}
