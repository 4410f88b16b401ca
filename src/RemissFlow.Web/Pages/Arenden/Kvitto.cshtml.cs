using RemissFlow.Core.Deadlines;
using RemissFlow.Core.Workflow;

namespace RemissFlow.Web.Pages.Arenden;

/// <summary>The receipt of a handed-in (or declined) answer: what was sent, to whom, when, under which dnr.</summary>
[Authorize]
public sealed class KvittoModel(RemissFlowDbContext db, WorkflowRunner workflow, StateLabels labels, PlanQuery plans, SignedInUser user)
    : InstansArendePageModel(db, workflow, labels, plans, user)
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct, svar => svar.InlamnadAt is null ? Redirect($"/arenden/{id}") : null) ?? Page();
}
