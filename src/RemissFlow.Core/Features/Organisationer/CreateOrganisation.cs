using RemissFlow.Core.Audit;

namespace RemissFlow.Core.Features.Organisationer;

public static class CreateOrganisation
{
    [RequiresRole(Role.Administrator)]
    public sealed record Command(
        string Name,
        OrganisationKind Kind,
        string DnrPrefix,
        string? ForvaltningName = null,
        string? ContactEmail = null,
        string? ContactPhone = null,
        string? PostalAddress = null,
        string? VisitingAddress = null,
        string? Web = null,
        IReadOnlyList<OrganKind>? BeredningOrgan = null) : ICommand<Guid>, IOrganisationDetails;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            Include(new OrganisationDetailsRules<Command>());
            RuleFor(c => c.DnrPrefix).Matches("^[A-ZÅÄÖ]{1,10}(-[A-ZÅÄÖ]{1,10})?$")
                .WithMessage("Diarieprefix ska vara 1–10 versaler, till exempel ”SF”.");
            RuleFor(c => c.Kind).IsInEnum().WithMessage("Organisationstyp är okänd.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit) : IRequestHandler<Command, Guid>
    {
        public async Task<Result<Guid>> Handle(Command c, CancellationToken ct)
        {
            if (await db.Organisationer.AnyAsync(o => o.DnrPrefix == c.DnrPrefix, ct))
            {
                return Refusal.Field(nameof(c.DnrPrefix), $"Diarieprefixet {c.DnrPrefix} används redan av en annan organisation.");
            }

            if (await db.Organisationer.AnyAsync(o => o.Name == c.Name.Trim(), ct))
            {
                return Refusal.Field(nameof(c.Name), $"Det finns redan en organisation som heter {c.Name.Trim()}.");
            }

            var organisation = new Organisation
            {
                Name = c.Name.Trim(),
                Kind = c.Kind,
                DnrPrefix = c.DnrPrefix,
                ForvaltningName = c.ForvaltningName?.Trim(),
                ContactEmail = c.ContactEmail,
                ContactPhone = c.ContactPhone,
                PostalAddress = c.PostalAddress,
                VisitingAddress = c.VisitingAddress,
                Web = c.Web,
                BeredningOrgan = [.. c.BeredningOrgan ?? []],
            };
            db.Organisationer.Add(organisation);
            audit.Record(nameof(Organisation), organisation.Id, null, "organisation.skapad", $"Organisationen {organisation.Name} lades upp.", after: c);
            return organisation.Id;
        }
    }
}
