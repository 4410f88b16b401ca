using RemissFlow.Core.Audit;

namespace RemissFlow.Core.Features.Oidc;

/// <summary>
/// The administratör adds a row to the role mapping: members of a provider group get a role in an organisation at their
/// next OpenID Connect sign-in. Administratör is not mapped: it stays with local accounts, so a mistake in the provider's
/// groups cannot hand out the right to change this very table, and a local administratör can always sign in.
/// </summary>
public static class AddOidcRollmappning
{
    public const int GruppMax = 200;

    [RequiresRole(Role.Administrator)]
    public sealed record Command(string Grupp, Guid OrganisationId, Role? Roll) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Grupp).RequiredText("Grupp", GruppMax);
            RuleFor(c => c.OrganisationId).NotEmpty().WithMessage("Organisation: välj en organisation.");
            RuleFor(c => c.Roll).NotNull().WithMessage("Roll: välj en roll.")
                .Must(r => r is null || Enum.IsDefined(r.Value)).WithMessage("Roll: den valda rollen finns inte.")
                .Must(r => r != Role.Administrator).WithMessage("Roll: administratör kan inte ges genom inloggningstjänsten, bara till lokala konton.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, TimeProvider clock) : IRequestHandler<Command, Guid>
    {
        public async Task<Result<Guid>> Handle(Command c, CancellationToken ct)
        {
            var organisation = await db.Organisationer.AsNoTracking().FirstOrDefaultAsync(o => o.Id == c.OrganisationId, ct);
            if (organisation is null || !organisation.Active || organisation.AvsandareTyp is not null)
            {
                return Refusal.Field(nameof(c.OrganisationId), "Organisation: den valda organisationen finns inte eller är inte aktiv.");
            }

            var role = c.Roll!.Value;
            if (role == Role.KsSamordnare && organisation.Kind != OrganisationKind.Kommunstyrelse)
            {
                return Refusal.Field(nameof(c.Roll), "Roll: KS-samordnare finns bara i Kommunstyrelsen.");
            }

            var grupp = c.Grupp.Trim();
            if (await db.OidcRollmappningar.AnyAsync(m => m.Grupp == grupp && m.OrganisationId == c.OrganisationId && m.Roll == role, ct))
            {
                return Refusal.Field(nameof(c.Grupp), $"Grupp: {grupp} ger redan rollen {RoleNames.Swedish(role)} i {organisation.Name}.");
            }

            var mappning = new OidcRollmappning { Grupp = grupp, OrganisationId = organisation.Id, Roll = role, SkapadAt = clock.GetUtcNow() };
            db.OidcRollmappningar.Add(mappning);
            audit.Record(nameof(OidcRollmappning), mappning.Id, null, "oidc.mappning.skapad",
                $"Gruppen {grupp} i inloggningstjänsten ger nu rollen {RoleNames.Swedish(role, organisation.Kind)} i {organisation.Name}.",
                after: new { Grupp = grupp, organisation.Name, Roll = role.ToString() });
            return mappning.Id;
        }
    }
}

/// <summary>The administratör removes a mapping row; those who had the role only through it lose it at their next sign-in.</summary>
public static class RemoveOidcRollmappning
{
    [RequiresRole(Role.Administrator)]
    public sealed record Command(Guid MappningId) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.MappningId).NotEmpty().WithMessage("Mappning: välj en rad.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Result<Unit>> Handle(Command c, CancellationToken ct)
        {
            var mappning = await db.OidcRollmappningar.FirstOrDefaultAsync(m => m.Id == c.MappningId, ct);
            if (mappning is null)
            {
                return Refusal.NotFound("Raden");
            }

            var organisation = await db.Organisationer.AsNoTracking().FirstAsync(o => o.Id == mappning.OrganisationId, ct);
            db.OidcRollmappningar.Remove(mappning);
            audit.Record(nameof(OidcRollmappning), mappning.Id, null, "oidc.mappning.borttagen",
                $"Gruppen {mappning.Grupp} i inloggningstjänsten ger inte längre rollen {RoleNames.Swedish(mappning.Roll, organisation.Kind)} i {organisation.Name}.",
                before: new { mappning.Grupp, organisation.Name, Roll = mappning.Roll.ToString() });
            return Unit.Value;
        }
    }
}
