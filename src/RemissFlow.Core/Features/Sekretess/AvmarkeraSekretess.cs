using RemissFlow.Core.Audit;

namespace RemissFlow.Core.Features.Sekretess;

/// <summary>Lifts a sekretess marking (a new prövning found the handling public). The marking's row goes; the audit log keeps it and the reason for lifting it.</summary>
public static class AvmarkeraSekretess
{
    [RequiresRole(Role.Registrator, Role.Handlaggare)]
    public sealed record Command(string HandlingTyp, Guid HandlingId, string? Motivering) : ICommand<bool>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.HandlingTyp).Must(t => SekretessTyp.All.Contains(t)).WithMessage("Handlingstyp måste vara fil, tu eller beslut.");
            RuleFor(c => c.Motivering).RequiredText("Motivering", Limits.SekretessSkal);
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current) : IRequestHandler<Command, bool>
    {
        public async Task<Result<bool>> Handle(Command c, CancellationToken ct)
        {
            var handling = await SekretessRegister.HandlingAsync(db, c.HandlingTyp, c.HandlingId, ct);
            if (SekretessRegister.MayMark(handling, current.Actor) is { } refusal)
            {
                return refusal;
            }

            var existing = await db.Sekretessmarkeringar.FirstOrDefaultAsync(m => m.HandlingTyp == c.HandlingTyp && m.HandlingId == c.HandlingId, ct);
            if (existing is null)
            {
                return Refusal.InvalidState("Handlingen är inte sekretessmarkerad.");
            }

            var h = handling!;
            db.Sekretessmarkeringar.Remove(existing);
            audit.Record(h.ArendeTyp, h.ArendeId, h.Dnr, "sekretess.avmarkerad", $"Sekretessmarkeringen för {h.Namn} är hävd.",
                before: new { existing.OslBestammelseId, existing.Skal }, after: new { Motivering = c.Motivering!.Trim() });
            return true;
        }
    }
}
