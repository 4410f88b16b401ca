using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;

namespace RemissFlow.Core.Features.Inkommande;

/// <summary>
/// The registrator sets an e-mail aside as no allmän handling (advertising, a private message, a copy of what is already
/// registered), with the reason; it leaves the queue but is kept, and can be opened again.
/// </summary>
public static class MarkeraEjAllmanHandling
{
    [RequiresRole(Role.Registrator, Role.Administrator)]
    public sealed record Command(Guid InkommandeId, string? Skal) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.InkommandeId).NotEmpty().WithMessage("Inkommande e-brev måste anges.");
            RuleFor(c => c.Skal).RequiredText("Skäl", 1000);
        }
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow, WorkflowHost host) : IRequestHandler<Command, Unit>
    {
        public async Task<Result<Unit>> Handle(Command c, CancellationToken ct)
        {
            var (item, refusal) = await InkommandeRules.LoadWaitingAsync(db, host, c.InkommandeId, current.Actor, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            refusal = await workflow.FireAsync(item!, InkommandeTransitions.EjAllmanHandling, new InkommandeMotivering(c.Skal!.Trim()), ct);
            return refusal is null ? Unit.Value : refusal;
        }
    }
}
