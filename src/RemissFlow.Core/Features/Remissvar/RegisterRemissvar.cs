using RemissFlow.Core.Diarium;
using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Remissvar;

/// <summary>
/// The förvaltning's registrator registers the arrived remiss in its own diarium; the sender's dnr stays linked.
/// Usually the series gives the next number; a registrator who already diarised the remiss in the
/// municipality's own diarium gives that number instead (BefintligtDiarienummer).
/// </summary>
public static class RegisterRemissvar
{
    [RequiresRole(Role.Registrator)]
    public sealed record Command(Guid RemissvarId, int? ExpectedVersion = null, string? BefintligtDiarienummer = null) : IRemissvarCommand<string>;

    public const string Field = "BefintligtDiarienummer";

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RemissvarId).NotEmpty().WithMessage("Ärende måste anges.");
            RuleFor(c => c.BefintligtDiarienummer).MaximumLength(40).WithMessage("Befintligt diarienummer får vara högst 40 tecken.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow, DiariumNumberAllocator diarium, TimeProvider clock)
        : RemissvarHandler<Command, string>(db, current, workflow)
    {
        protected override async Task<Result<string>> HandleAsync(Command c, Domain.Remissvar svar, CancellationToken ct)
        {
            if (svar.Status != "inkommen")
            {
                return Refusal.InvalidState($"Ärendet är redan registrerat som {svar.Dnr}.");
            }

            var organisation = await Db.Organisationer.FirstAsync(o => o.Id == svar.InstansId, ct);
            if (string.IsNullOrWhiteSpace(c.BefintligtDiarienummer))
            {
                var next = await diarium.NextAsync(organisation, StockholmTime.Today(clock).Year, ct);
                var refusal = await Workflow.FireAsync(svar, RemissvarTransitions.Registrera, new Registrering(next.ToString()), ct);
                return refusal is null ? next.ToString() : refusal;
            }

            var (existing, problem) = await CheckExistingAsync(organisation, c.BefintligtDiarienummer, ct);
            if (problem is not null)
            {
                return Refusal.Field(Field, problem);
            }

            // The audit event records that the number came from the diarium, not from the series.
            var registered = await Workflow.FireAsync(svar, RemissvarTransitions.Registrera, new Registrering(existing!, FranDiarium: true), ct);
            return registered is null ? existing! : registered;
        }

        private async Task<(string? Dnr, string? Problem)> CheckExistingAsync(Organisation organisation, string text, CancellationToken ct)
        {
            var example = $"{organisation.DnrPrefix} {StockholmTime.Today(clock).Year}/186";
            if (!Diarienummer.TryParse(text, out var parsed) || parsed.Value.Prefix != organisation.DnrPrefix)
            {
                return (null, $"Befintligt diarienummer måste följa diarieserien {organisation.DnrPrefix}, till exempel \"{example}\".");
            }

            var dnr = parsed.Value.ToString();
            if (await Db.Remissvar.AnyAsync(v => v.Dnr == dnr, ct))
            {
                return (null, $"Befintligt diarienummer {dnr} är redan registrerat på ett annat remissvar.");
            }

            // A number the series has not yet given out would be given out again later: refused.
            var today = StockholmTime.Today(clock);
            var serie = await Db.DiarieSerier.AsNoTracking().FirstOrDefaultAsync(s => s.OrganisationId == organisation.Id && s.Year == parsed.Value.Year, ct);
            var notYetGiven = serie is null ? parsed.Value.Year >= today.Year : parsed.Value.Number > serie.LastNumber;
            return notYetGiven
                ? (null, $"Befintligt diarienummer {dnr} har diarieserien inte gett ut ännu (senaste är {(serie is null ? "inget" : $"{organisation.DnrPrefix} {serie.Year}/{serie.LastNumber}")}).")
                : (dnr, null);
        }
    }
}
