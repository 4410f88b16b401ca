using FluentValidation;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Workflow;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Sammantraden;

/// <summary>
/// The nämndsekreterare opens the meeting when it begins (never before its day): the items get their § numbers and
/// närvaro, jäv, voteringar and beslut may be recorded. The meeting's workflow carries it out and audits it.
/// </summary>
public static class OppnaSammantrade
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
            var (meeting, _, refusal) = await MeetingAccess.ForSekreterareAsync(db, current.Actor, c.SammantradeId, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            return await OpenAsync(workflow, meeting!, StockholmTime.Today(clock), ct) is { } refused ? refused : Unit.Value;
        }
    }

    /// <summary>Opens the meeting through its workflow; refused before the meeting's day.</summary>
    public static async Task<Refusal?> OpenAsync(WorkflowRunner workflow, Sammantrade meeting, DateOnly today, CancellationToken ct)
    {
        if (meeting.Datum > today)
        {
            return Refusal.InvalidState($"Sammanträdet är den {meeting.Datum:yyyy-MM-dd}; det kan öppnas först den dagen.");
        }

        return await workflow.FireAsync(meeting, "oppna", ct);
    }
}
