using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Core.Features.Sammantraden;

/// <summary>Adds a body that meets (the nämnd, a styrelse, or a beredning body) with its deadline settings.</summary>
public static class CreateOrgan
{
    [RequiresRole(Role.Namndsekreterare, Role.Administrator)]
    public sealed record Command(Guid OrganisationId, OrganKind Kind, string Name, int HandlingarArbetsdagarFore, int JusteringArbetsdagar, bool OmedelbarJusteringForRemissvar) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).RequiredText("Namn", 200);
            RuleFor(c => c.Kind).IsInEnum().WithMessage("Typ av organ är okänd.");
            RuleFor(c => c.HandlingarArbetsdagarFore).InclusiveBetween(0, 60).WithMessage("Handlingar före sammanträdet ska vara 0–60 arbetsdagar.");
            RuleFor(c => c.JusteringArbetsdagar).InclusiveBetween(0, 10).WithMessage("Justering ska ta 0–10 arbetsdagar (kommunallagen: inom 14 dagar).");
        }
    }

    public sealed class Authorizer : IAuthorizer<Command>
    {
        public Task<Refusal?> Authorize(Command request, Actor actor, CancellationToken ct) =>
            Task.FromResult(actor.IsSystem || actor.Has(Role.Administrator) || actor.OrganisationId == request.OrganisationId
                ? null
                : Refusal.Forbidden("Du kan bara lägga upp organ i din egen organisation."));
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit) : IRequestHandler<Command, Guid>
    {
        public async Task<Result<Guid>> Handle(Command c, CancellationToken ct)
        {
            if (!await db.Organisationer.AnyAsync(o => o.Id == c.OrganisationId, ct))
            {
                return Refusal.Field(nameof(c.OrganisationId), "Organisation: den valda organisationen finns inte.");
            }

            if (await db.Organ.AnyAsync(o => o.OrganisationId == c.OrganisationId && o.Name == c.Name.Trim(), ct))
            {
                return Refusal.Field(nameof(c.Name), $"Namn: det finns redan ett organ som heter {c.Name.Trim()}.");
            }

            var organ = new Organ
            {
                OrganisationId = c.OrganisationId,
                Kind = c.Kind,
                Name = c.Name.Trim(),
                HandlingarArbetsdagarFore = c.HandlingarArbetsdagarFore,
                JusteringArbetsdagar = c.JusteringArbetsdagar,
                OmedelbarJusteringForRemissvar = c.OmedelbarJusteringForRemissvar,
            };
            db.Organ.Add(organ);
            audit.Record(nameof(Organ), organ.Id, null, "organ.skapat", $"Organet {organ.Name} lades upp.", after: c);
            return organ.Id;
        }
    }
}
