using RemissFlow.Core.Audit;

namespace RemissFlow.Core.Features.Gallring;

/// <summary>
/// The administratör (for any organisation) or the organisation's arkivarie sets one row of the dokumenthanteringsplan:
/// a new version of the row, the earlier one kept for the decisions taken under it. Audited with the rule before and after.
/// </summary>
public static class AndraGallringsplan
{
    /// <summary><paramref name="OrganisationId"/>: whose plan; null is the actor's own organisation.</summary>
    [RequiresRole(Role.Arkivarie, Role.Administrator)]
    public sealed record Command(string? Handlingstyp, string? Atgard, int? Ar, string? Utgangspunkt, string? Anmarkning, Guid? OrganisationId = null) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Handlingstyp).Must(t => Gallringsplan.Typ(t) is not null)
                .WithMessage($"Handlingstyp måste vara en av {string.Join(", ", Gallringsplan.Typer.Select(t => t.Kod))}.");
            RuleFor(c => c.Atgard).Must(a => a is Gallringsplan.Bevaras or Gallringsplan.Gallras).WithMessage("Åtgärd måste vara bevaras eller gallras.");
            When(c => c.Atgard == Gallringsplan.Gallras, () =>
            {
                RuleFor(c => c.Utgangspunkt).Must(u => u is Gallringsplan.Upprattad or Gallringsplan.ArendeAvslutat or Gallringsplan.Inaktualitet)
                    .When(c => c.Handlingstyp != Gallringsplan.Konto)
                    .WithMessage("Utgångspunkt måste vara upprattad, arende_avslutat eller inaktualitet.");
                RuleFor(c => c.Utgangspunkt).Equal(Gallringsplan.Avaktiverat)
                    .When(c => c.Handlingstyp == Gallringsplan.Konto)
                    .WithMessage("Ett konto pseudonymiseras räknat från när det avaktiverades: utgångspunkt måste vara avaktiverat.");
                RuleFor(c => c.Ar).NotNull().WithMessage("Antal år måste vara ett tal mellan 0 och 100.")
                    .InclusiveBetween(0, 100).WithMessage("Antal år måste vara ett tal mellan 0 och 100.")
                    .When(c => c.Utgangspunkt != Gallringsplan.Inaktualitet);
            });
            RuleFor(c => c.Anmarkning).MaximumLength(500).WithMessage("Anmärkning får vara högst 500 tecken.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current, TimeProvider clock) : IRequestHandler<Command, Guid>
    {
        public async Task<Result<Guid>> Handle(Command c, CancellationToken ct)
        {
            if ((c.OrganisationId ?? current.Actor.OrganisationId) is not { } org)
            {
                return Refusal.Forbidden("Dokumenthanteringsplanen hör till en organisation; du tillhör ingen.");
            }

            // The administratör keeps every organisation's plan; an arkivarie only the own organisation's.
            if (org != current.Actor.OrganisationId && !current.Actor.Roles.Contains(Role.Administrator))
            {
                return Refusal.Forbidden("Du får bara ändra den egna organisationens dokumenthanteringsplan.");
            }

            if (!await db.Organisationer.AnyAsync(o => o.Id == org, ct))
            {
                return Refusal.NotFound("Organisationen");
            }

            var gallras = c.Atgard == Gallringsplan.Gallras;
            var old = await db.Gallringsplan.Where(r => r.OrganisationId == org && r.Handlingstyp == c.Handlingstyp && r.Giltig).FirstOrDefaultAsync(ct);
            var rad = new GallringsplanRad
            {
                OrganisationId = org,
                Handlingstyp = c.Handlingstyp!,
                PlanVersion = (old?.PlanVersion ?? 0) + 1,
                Atgard = c.Atgard!,
                Ar = gallras && c.Utgangspunkt != Gallringsplan.Inaktualitet ? c.Ar : null,
                Utgangspunkt = gallras ? c.Utgangspunkt : null,
                Anmarkning = string.IsNullOrWhiteSpace(c.Anmarkning) ? null : c.Anmarkning.Trim(),
                Giltig = true,
                AndradAv = current.Actor.UserId,
                AndradAt = clock.GetUtcNow(),
            };
            if (old is not null)
            {
                old.Giltig = false;
            }

            db.Gallringsplan.Add(rad);
            var typ = Gallringsplan.Typ(c.Handlingstyp)!;
            audit.Record("Dokumenthanteringsplan", org, null, "gallringsplan.andrad",
                $"Dokumenthanteringsplanen: {typ.Namn} {Gallringsplan.Regel(rad)} (version {rad.PlanVersion})",
                before: old is null ? null : new { old.Id, old.PlanVersion, old.Atgard, old.Ar, old.Utgangspunkt },
                after: new { rad.Id, rad.PlanVersion, rad.Atgard, rad.Ar, rad.Utgangspunkt, rad.Anmarkning });
            return rad.Id;
        }
    }
}
