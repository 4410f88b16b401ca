using RemissFlow.Core.Deadlines;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Workflow;

namespace RemissFlow.Web.Pages.Arenden;

/// <summary>
/// "Lämna in" cannot be taken back, so it has a page of its own: what will be sent, to whom, and
/// a button that says so. Afterwards the receipt (<see cref="KvittoModel"/>) shows what was sent.
/// </summary>
[Authorize]
public sealed class LamnaInModel(RemissFlowDbContext db, IMediator mediator, WorkflowRunner workflow, StateLabels labels, PlanQuery plans, SignedInUser user)
    : InstansArendePageModel(db, workflow, labels, plans, user)
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) is { } problem ? problem : Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } problem)
        {
            return problem;
        }

        var result = await mediator.Send(new FireRemissvarTrigger.Command(id, "lamna_in"), ct);
        if (result.Succeeded)
        {
            return Redirect($"/arenden/{id}/kvitto");
        }

        ModelState.AddRefusal(result.Refusal!);
        Response.StatusCode = ModelStateExtensions.StatusFor(result.Refusal!, StatusCodes.Status422UnprocessableEntity);
        return Page();
    }
}
