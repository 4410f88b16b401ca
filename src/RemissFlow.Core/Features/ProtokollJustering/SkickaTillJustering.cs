using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;

namespace RemissFlow.Core.Features.ProtokollJustering;

/// <summary>The nämndsekreterare has written the protokoll and sends it to the ordförande and the justerare.</summary>
public static class SkickaTillJustering
{
    [RequiresRole(Role.Namndsekreterare, Role.Administrator)]
    public sealed record Command(Guid SammantradeId) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.SammantradeId).NotEmpty().WithMessage("Sammanträde måste anges.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Result<Unit>> Handle(Command c, CancellationToken ct)
        {
            var (protokoll, _, _, refusal) = await ProtokollAccess.ForSekreterareAsync(db, workflow, current.Actor, c.SammantradeId, clock, ct);
            refusal ??= await workflow.FireAsync(protokoll!, ProtokollTransitions.SkickaTillJustering, NoData.Value, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            return Unit.Value;
        }
    }
}
