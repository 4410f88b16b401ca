using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Gallring;

/// <summary>
/// The arkivarie decides the proposal: the gallringsbeslut is recorded (who, when, under which plan rows) and carried
/// out in the same step through the gallring workflow. Refused when nothing of it may be gallrat any more.
/// </summary>
public static class BeslutaGallring
{
    [RequiresRole(Role.Arkivarie)]
    public sealed record Command(Guid BeslutId) : ICommand<int>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.BeslutId).NotEmpty().WithMessage("Gallringsbeslut måste anges.");
        }
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, WorkflowRunner workflow, TimeProvider clock) : IRequestHandler<Command, int>
    {
        public async Task<Result<int>> Handle(Command c, CancellationToken ct)
        {
            var beslut = await db.Gallringsbeslut.FirstOrDefaultAsync(g => g.Id == c.BeslutId && g.OrganisationId == current.Actor.OrganisationId, ct);
            if (beslut is null)
            {
                return Refusal.NotFound("Gallringsbeslutet");
            }

            if (beslut.Status == "foreslaget")
            {
                var due = await GallringStillDue.ForAsync(db, beslut, StockholmTime.Today(clock), ct);
                if (due.Count == 0)
                {
                    return Refusal.InvalidState($"Inget i förslaget {beslut.Beteckning} får gallras längre (planen eller handlingarna har ändrats); avbryt förslaget.");
                }

                var refusal = await workflow.FireAsync(beslut, GallringTransitions.Besluta, NoData.Value, ct);
                return refusal is null ? due.Count : refusal;
            }

            return await workflow.FireAsync(beslut, GallringTransitions.Besluta, NoData.Value, ct) ?? Refusal.InvalidState("Gallringsbeslutet är redan avgjort.");
        }
    }
}
