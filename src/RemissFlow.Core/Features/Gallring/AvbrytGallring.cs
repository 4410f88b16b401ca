using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;

namespace RemissFlow.Core.Features.Gallring;

/// <summary>The arkivarie cancels a proposal with a reason; nothing is gallrat.</summary>
public static class AvbrytGallring
{
    [RequiresRole(Role.Arkivarie)]
    public sealed record Command(Guid BeslutId, string? Skal) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.BeslutId).NotEmpty().WithMessage("Gallringsbeslut måste anges.");
            RuleFor(c => c.Skal).RequiredText("Skäl", 1000);
        }
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow) : IRequestHandler<Command, Unit>
    {
        public async Task<Result<Unit>> Handle(Command c, CancellationToken ct)
        {
            var beslut = await db.Gallringsbeslut.FirstOrDefaultAsync(g => g.Id == c.BeslutId && g.OrganisationId == current.Actor.OrganisationId, ct);
            if (beslut is null)
            {
                return Refusal.NotFound("Gallringsbeslutet");
            }

            var refusal = await workflow.FireAsync(beslut, GallringTransitions.Avbryt, new Gallringsavbrott(c.Skal!.Trim()), ct);
            return refusal is null ? Unit.Value : refusal;
        }
    }
}
