using RemissFlow.Core.Access;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Workflow;

namespace RemissFlow.Core.Sammanstallning;

/// <summary>
/// KS rewrites an answer's key points before the sammanställning goes to its own ärende. Only the sender's
/// KS-samordnare, only for a given answer; the audit keeps the wording before and after.
/// </summary>
public static class EditNyckelpunkter
{
    [RequiresRole(Role.KsSamordnare)]
    public sealed record Command(Guid RemissvarId, string? Nyckelpunkter, int? ExpectedVersion = null) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Nyckelpunkter).OptionalText("Nyckelpunkter", 10_000);
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, AuditTrail audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Result<Unit>> Handle(Command c, CancellationToken ct)
        {
            var svar = await db.Remissvar.FindAsync([c.RemissvarId], ct);
            if (svar is null)
            {
                return Refusal.NotFound("Remissvaret");
            }

            var (_, refusal) = await RemissAccess.ForSenderAsync(db, svar.RemissId, current.Actor, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            if (c.ExpectedVersion is { } expected && svar.Version != expected)
            {
                return Refusal.StaleVersion;
            }

            if (!RemissvarStates.Answered.Contains(svar.Status) || svar.Status == RemissvarState.Aterkallad)
            {
                return Refusal.InvalidState("Nyckelpunkter kan bara ändras för en instans som har svarat.");
            }

            var text = string.IsNullOrWhiteSpace(c.Nyckelpunkter) ? null : c.Nyckelpunkter.Trim();
            if (text == svar.Nyckelpunkter)
            {
                return Unit.Value;
            }

            var before = svar.Nyckelpunkter;
            svar.Nyckelpunkter = text;
            audit.Record(svar, "sammanstallning.nyckelpunkter_andrade", "Nyckelpunkterna i sammanställningen ändrades.", new { nyckelpunkter = before }, new { nyckelpunkter = text });
            return Unit.Value;
        }
    }
}
