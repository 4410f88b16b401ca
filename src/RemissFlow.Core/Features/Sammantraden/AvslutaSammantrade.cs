using FluentValidation;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Workflow;

namespace RemissFlow.Core.Features.Sammantraden;

/// <summary>The nämndsekreterare closes the opened meeting; an item added during it gets its § after the others.</summary>
public static class AvslutaSammantrade
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

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow) : IRequestHandler<Command, Unit>
    {
        public async Task<Result<Unit>> Handle(Command c, CancellationToken ct)
        {
            var (meeting, _, refusal) = await MeetingAccess.ForSekreterareAsync(db, current.Actor, c.SammantradeId, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            return await workflow.FireAsync(meeting!, "avsluta", ct) is { } refused ? refused : Unit.Value;
        }
    }
}
