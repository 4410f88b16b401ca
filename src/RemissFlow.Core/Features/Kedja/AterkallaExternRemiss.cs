using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;

namespace RemissFlow.Core.Features.Kedja;

/// <summary>
/// The outside sender withdrew its remiss; the receiving registrator records it. The receiving ärende closes, and so
/// does the internal remiss sent on from it with every open internal answer — all through the workflow, in one step.
/// </summary>
public static class AterkallaExternRemiss
{
    [RequiresRole(Role.Registrator)]
    public sealed record Command(Guid RemissId, string Motivering) : ICommand<string>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RemissId).NotEmpty().WithMessage("Remiss måste anges.");
            RuleFor(c => c.Motivering).RequiredText("Motivering", 4000);
        }
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow) : IRequestHandler<Command, string>
    {
        public async Task<Result<string>> Handle(Command c, CancellationToken ct)
        {
            var remiss = await db.Remisser.FirstOrDefaultAsync(r => r.Id == c.RemissId && r.MottagenDatum != null, ct);
            // The remiss's avsändare is the outside sender, who has no users; the organisation holding the ärende on it
            // records the withdrawal, so that is checked here (remiss-extern's transition admits any organisation).
            var own = current.Actor.OrganisationId;
            if (remiss is null || !await db.Remissvar.AnyAsync(a => a.RemissId == remiss.Id && a.InstansId == own, ct))
            {
                return Refusal.NotFound("Remissen");
            }

            var refusal = await workflow.FireAsync(remiss, RemissTransitions.Aterkalla, new Aterkallelse(c.Motivering.Trim()), ct);
            return refusal is null ? remiss.Status : refusal;
        }
    }
}
