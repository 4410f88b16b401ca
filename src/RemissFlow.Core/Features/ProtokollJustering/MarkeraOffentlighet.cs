using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;

namespace RemissFlow.Core.Features.ProtokollJustering;

/// <summary>A paragraph the nämndsekreterare marks not public is left out of the protokoll shown on the anslagstavla.</summary>
public static class MarkeraOffentlighet
{
    [RequiresRole(Role.Namndsekreterare, Role.Administrator)]
    public sealed record Command(Guid SammantradeId, Guid ParagrafId, bool Offentlig) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ParagrafId).NotEmpty().WithName("Paragraf").WithMessage("Paragraf måste anges.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Result<Unit>> Handle(Command c, CancellationToken ct)
        {
            var (protokoll, meeting, _, refusal) = await ProtokollAccess.ForSekreterareAsync(db, workflow, current.Actor, c.SammantradeId, clock, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            var exists = await db.Beslut.AnyAsync(b => b.Id == c.ParagrafId && (b.SammantradeId == meeting!.Id || b.AnmalsVidSammantradeId == meeting.Id), ct)
                || await db.OvrigaPunkter.AnyAsync(p => p.Id == c.ParagrafId && p.SammantradeId == meeting!.Id, ct);
            if (!exists)
            {
                return Refusal.Field(nameof(c.ParagrafId), "Paragrafen finns inte i protokollet.");
            }

            refusal = await workflow.FireAsync(protokoll!, ProtokollTransitions.MarkeraOffentlighet, new Offentlighet(c.ParagrafId, c.Offentlig), ct);
            if (refusal is not null)
            {
                return refusal;
            }

            return Unit.Value;
        }
    }
}
