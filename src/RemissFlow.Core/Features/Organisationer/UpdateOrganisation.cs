using RemissFlow.Core.Audit;

namespace RemissFlow.Core.Features.Organisationer;

/// <summary>
/// Changes an organisation's contact details, beredning bodies and whether a TU writer may approve their own
/// version. The diarium prefix is fixed once numbers exist. A null TillatSjalvgodkannande keeps the setting,
/// so a client that does not know the field cannot switch separation of duties off or on by omission.
/// </summary>
public static class UpdateOrganisation
{
    [RequiresRole(Role.Administrator)]
    public sealed record Command(
        Guid OrganisationId,
        int ExpectedVersion,
        string Name,
        string? ForvaltningName,
        string? ContactEmail,
        string? ContactPhone,
        string? PostalAddress,
        string? VisitingAddress,
        string? Web,
        IReadOnlyList<OrganKind> BeredningOrgan,
        bool Active,
        bool? TillatSjalvgodkannande = null) : ICommand<int>, IOrganisationDetails;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            Include(new OrganisationDetailsRules<Command>());
            RuleForEach(c => c.BeredningOrgan).IsInEnum().WithMessage("Beredningsorgan är okänt.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit) : IRequestHandler<Command, int>
    {
        public async Task<Result<int>> Handle(Command c, CancellationToken ct)
        {
            var organisation = await db.Organisationer.FirstOrDefaultAsync(o => o.Id == c.OrganisationId, ct);
            if (organisation is null)
            {
                return Refusal.NotFound("Organisationen");
            }

            if (organisation.Version != c.ExpectedVersion)
            {
                return Refusal.StaleVersion;
            }

            // The name is unique (as when the organisation is created); without this check the index refused it with a 500.
            var name = c.Name.Trim();
            if (await db.Organisationer.AnyAsync(o => o.Id != c.OrganisationId && o.Name == name, ct))
            {
                return Refusal.Field(nameof(c.Name), $"Det finns redan en organisation som heter {name}.");
            }

            var before = new { organisation.Name, organisation.ForvaltningName, organisation.ContactEmail, organisation.ContactPhone, organisation.BeredningOrgan, organisation.Active, organisation.TillatSjalvgodkannande };
            var sjalvgodkannandeBefore = organisation.TillatSjalvgodkannande;
            organisation.Name = name;
            organisation.ForvaltningName = c.ForvaltningName?.Trim();
            organisation.ContactEmail = c.ContactEmail;
            organisation.ContactPhone = c.ContactPhone;
            organisation.PostalAddress = c.PostalAddress;
            organisation.VisitingAddress = c.VisitingAddress;
            organisation.Web = c.Web;
            organisation.BeredningOrgan = [.. c.BeredningOrgan];
            organisation.Active = c.Active;
            organisation.TillatSjalvgodkannande = c.TillatSjalvgodkannande ?? organisation.TillatSjalvgodkannande;
            var text = organisation.TillatSjalvgodkannande == sjalvgodkannandeBefore
                ? $"Uppgifterna för {organisation.Name} ändrades."
                : organisation.TillatSjalvgodkannande
                    ? $"Uppgifterna för {organisation.Name} ändrades. Den som skrivit ett tjänsteutlåtande får nu själv godkänna det (självgodkännande tillåts)."
                    : $"Uppgifterna för {organisation.Name} ändrades. Självgodkännande av tjänsteutlåtanden tillåts inte längre.";
            audit.Record(nameof(Organisation), organisation.Id, null, "organisation.andrad", text, before,
                new { organisation.Name, organisation.ForvaltningName, organisation.ContactEmail, organisation.ContactPhone, organisation.BeredningOrgan, organisation.Active, organisation.TillatSjalvgodkannande });
            return organisation.Version + 1;
        }
    }
}
