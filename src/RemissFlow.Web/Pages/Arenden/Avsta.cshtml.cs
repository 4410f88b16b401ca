using RemissFlow.Core.Deadlines;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Workflow;

namespace RemissFlow.Web.Pages.Arenden;

/// <summary>
/// Declining to comment ends the ärende and counts as the answer, so it is confirmed on a page of
/// its own that says so, and may carry a motivering that the sender sees and the audit log keeps.
/// </summary>
[Authorize]
public sealed class AvstaModel(RemissFlowDbContext db, IMediator mediator, WorkflowRunner workflow, StateLabels labels, PlanQuery plans, SignedInUser user)
    : InstansArendePageModel(db, workflow, labels, plans, user)
{
    public sealed class InputModel
    {
        public string? Motivering { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) is { } problem ? problem : Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } problem)
        {
            return problem;
        }

        var result = await mediator.Send(new FireRemissvarTrigger.Command(id, "avsta", Kommentar: string.IsNullOrWhiteSpace(Input.Motivering) ? null : Input.Motivering), ct);
        if (result.Succeeded)
        {
            return Redirect($"/arenden/{id}/kvitto");
        }

        // The validator names the comment "Kommentar"; on this page the field is the motivering.
        var refusal = result.Refusal!;
        ModelState.AddRefusal(refusal with { Errors = refusal.Errors.Select(e => e with { Field = e.Field == "Kommentar" ? "Motivering" : e.Field }).ToList() });
        Response.StatusCode = ModelStateExtensions.StatusFor(refusal, StatusCodes.Status422UnprocessableEntity);
        return Page();
    }
}
