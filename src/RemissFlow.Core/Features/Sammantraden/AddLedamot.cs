using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Core.Features.Sammantraden;

/// <summary>The nämndsekreterare enters one member of an organ for a mandate period, optionally linked to the member's account.</summary>
public static class AddLedamot
{
    [RequiresRole(Role.Namndsekreterare, Role.Administrator)]
    public sealed record Command(Guid OrganId, string Namn, string? Parti, Uppdrag Uppdrag, DateOnly Fran, DateOnly Till, Guid? UserId = null) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Namn).RequiredText("Namn", Limits.Namn);
            RuleFor(c => c.Parti).OptionalText("Parti", LedamotRules.PartiMax);
            RuleFor(c => c.Uppdrag).IsInEnum().WithMessage("Uppdrag: okänt uppdrag.");
            RuleFor(c => c.Fran).PlausibleDate("Från", clock);
            RuleFor(c => c.Till).PlausibleDate("Till", clock);
            RuleFor(c => c.Till).GreaterThanOrEqualTo(c => c.Fran).WithMessage("Till: mandatperioden slutar före den börjar.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current) : IRequestHandler<Command, Guid>
    {
        public async Task<Result<Guid>> Handle(Command c, CancellationToken ct)
        {
            var organ = await db.Organ.AsNoTracking().FirstOrDefaultAsync(o => o.Id == c.OrganId, ct);
            if (organ is null)
            {
                return Refusal.Field(nameof(c.OrganId), "Organ: det valda organet finns inte.");
            }

            var actor = current.Actor;
            if (!actor.IsSystem && !actor.Has(Role.Administrator) && actor.OrganisationId != organ.OrganisationId)
            {
                return Refusal.Forbidden("Du kan bara lägga in ledamöter i din egen organisations organ.");
            }

            if (c.UserId is { } userId && await LedamotRules.AccountProblemAsync(db, organ.OrganisationId, userId, ct) is { } problem)
            {
                return Refusal.Field(nameof(c.UserId), problem);
            }

            var members = await db.Ledamoter.AsNoTracking().Where(l => l.OrganId == organ.Id && l.Till >= c.Fran).ToListAsync(ct);
            var conflicts = LedamotRules.Conflicts(new(c.Namn, c.Parti, c.Uppdrag, c.Fran, c.Till, c.UserId), organ.Name, members).ToList();
            if (conflicts.Count > 0)
            {
                return Refusal.Validation(conflicts);
            }

            var ledamot = new Ledamot
            {
                OrganId = organ.Id,
                Namn = c.Namn.Trim(),
                Parti = string.IsNullOrWhiteSpace(c.Parti) ? null : c.Parti.Trim(),
                Uppdrag = c.Uppdrag,
                Fran = c.Fran,
                Till = c.Till,
                UserId = c.UserId,
            };
            db.Ledamoter.Add(ledamot);
            audit.Record(nameof(Ledamot), ledamot.Id, null, "ledamot.tillagd",
                $"{ledamot.Namn} lades in som {LedamotRules.Label(ledamot.Uppdrag)} i {organ.Name} {LedamotRules.Period(ledamot.Fran, ledamot.Till)}.", after: c);
            return ledamot.Id;
        }
    }
}
