using RemissFlow.Core.Audit;

namespace RemissFlow.Core.Features.Sekretess;

/// <summary>
/// Marks one handling as covered by sekretess under an OSL provision, with the reason (the sekretessprövning's note).
/// Marking it again changes the provision or the reason. Audited on the handling's ärende; the handling's content never
/// enters the audit log.
/// </summary>
public static class MarkeraSekretess
{
    [RequiresRole(Role.Registrator, Role.Handlaggare)]
    public sealed record Command(string HandlingTyp, Guid HandlingId, Guid OslBestammelseId, string? Skal) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.HandlingTyp).Must(t => SekretessTyp.All.Contains(t)).WithMessage("Handlingstyp måste vara fil, tu eller beslut.");
            RuleFor(c => c.OslBestammelseId).NotEmpty().WithMessage("Välj en bestämmelse i offentlighets- och sekretesslagen.");
            RuleFor(c => c.Skal).RequiredText("Skäl", Limits.SekretessSkal);
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current, TimeProvider clock) : IRequestHandler<Command, Guid>
    {
        public async Task<Result<Guid>> Handle(Command c, CancellationToken ct)
        {
            var handling = await SekretessRegister.HandlingAsync(db, c.HandlingTyp, c.HandlingId, ct);
            if (SekretessRegister.MayMark(handling, current.Actor) is { } refusal)
            {
                return refusal;
            }

            var osl = await db.OslBestammelser.AsNoTracking().FirstOrDefaultAsync(o => o.Id == c.OslBestammelseId, ct);
            if (osl is null || !osl.Aktiv)
            {
                return Refusal.Field(nameof(Command.OslBestammelseId), "Bestämmelsen finns inte i listan över sekretessbestämmelser.");
            }

            var skal = c.Skal!.Trim();
            var existing = await db.Sekretessmarkeringar.FirstOrDefaultAsync(m => m.HandlingTyp == c.HandlingTyp && m.HandlingId == c.HandlingId, ct);
            var h = handling!;
            if (existing is not null)
            {
                var before = new { existing.OslBestammelseId, existing.Skal };
                existing.OslBestammelseId = osl.Id;
                existing.Skal = skal;
                audit.Record(h.ArendeTyp, h.ArendeId, h.Dnr, "sekretess.andrad", $"Sekretessen för {h.Namn} gäller nu enligt {osl.Hanvisning}.",
                    before: before, after: new { existing.OslBestammelseId, existing.Skal });
                return existing.Id;
            }

            var markering = new Sekretessmarkering
            {
                HandlingTyp = c.HandlingTyp,
                HandlingId = c.HandlingId,
                OrganisationId = h.OrganisationId,
                OslBestammelseId = osl.Id,
                Skal = skal,
                MarkeradAv = current.Actor.UserId,
                MarkeradAt = clock.GetUtcNow(),
            };
            db.Sekretessmarkeringar.Add(markering);
            audit.Record(h.ArendeTyp, h.ArendeId, h.Dnr, "sekretess.markerad", $"{h.Namn} är sekretessmarkerad enligt {osl.Hanvisning}.",
                after: new { c.HandlingTyp, c.HandlingId, markering.OslBestammelseId, markering.Skal });
            return markering.Id;
        }
    }
}
