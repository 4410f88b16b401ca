using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;

namespace RemissFlow.Core.Features.Inkommande;

/// <summary>An e-mail set aside as no allmän handling is put back in the queue, with the reason; only that state can be reopened.</summary>
public static class AteroppnaInkommande
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

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow) : IRequestHandler<Command, Unit>
    {
        public async Task<Result<Unit>> Handle(Command c, CancellationToken ct)
        {
            var (item, refusal) = await InkommandeRules.LoadAsync(db, c.InkommandeId, current.Actor, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            refusal = await workflow.FireAsync(item!, InkommandeTransitions.Ateroppna, new InkommandeMotivering(c.Skal!.Trim()), ct);
            return refusal is null ? Unit.Value : refusal;
        }
    }
}
