using RemissFlow.Core.Access;
using RemissFlow.Core.Audit;
using RemissFlow.Documents.Wording;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Ersattare;

/// <summary>
/// The absent person is back early, or the period is no longer needed: it ends today (a period not yet begun is
/// withdrawn). A period past its last day has already ended by itself and is left as it is.
/// </summary>
public static class AvslutaErsattare
{
    [AnySignedInUser]
    public sealed record Command(Guid PeriodId) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.PeriodId).NotEmpty().WithMessage("Period: välj en period.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Result<Unit>> Handle(Command c, CancellationToken ct)
        {
            var period = await db.Ersattarperioder.FirstOrDefaultAsync(p => p.Id == c.PeriodId, ct);
            if (period is null || !ErsattareAccess.MayManage(current.Actor, period.FranvarandeId))
            {
                // Somebody else's period: not even whether it exists.
                return Refusal.NotFound("Perioden");
            }

            var today = StockholmTime.Today(clock);
            if (period.AvslutadAt is not null || period.TillOchMed < today)
            {
                return Refusal.InvalidState("Perioden är redan slut.");
            }

            var names = await db.Users.AsNoTracking().Where(u => u.Id == period.FranvarandeId || u.Id == period.ErsattareId)
                .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
            var begun = period.FranOchMed <= today;
            period.AvslutadAt = clock.GetUtcNow();
            audit.Record(nameof(Ersattarperiod), period.Id, null, "ersattare.avslutad",
                begun
                    ? $"{names[period.ErsattareId]}s period som ersättare för {names[period.FranvarandeId]} avslutades i förtid ({SwedishText.LongDate(today)} i stället för {SwedishText.LongDate(period.TillOchMed)})."
                    : $"{names[period.ErsattareId]}s period som ersättare för {names[period.FranvarandeId]} {ErsattareRules.Period(period.FranOchMed, period.TillOchMed)} återkallades innan den börjat.",
                after: new { avslutad = today });
            return Unit.Value;
        }
    }
}
