using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RemissFlow.Core.Access;
using RemissFlow.Core.Deadlines;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Workflow;
using RemissFlow.Web.Presentation;
using RemissFlow.Web.Security;

namespace RemissFlow.Web.Pages.Arenden;

/// <summary>The receipt of a handed-in (or declined) answer: what was sent, to whom, when, under which dnr.</summary>
[Authorize]
public sealed class KvittoModel(RemissFlowDbContext db, WorkflowRunner workflow, StateLabels labels, PlanQuery plans, SignedInUser user) : PageModel
{
    public ArendeView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var (svar, reader, refusal) = await ArendeAccess.ReadAsync(db, user.Actor, id, ct);
        if (refusal is not null || reader != ArendeReader.Instans)
        {
            return refusal?.Kind == RefusalKind.Forbidden ? StatusCode(StatusCodes.Status403Forbidden) : NotFound();
        }

        if (svar!.InlamnadAt is null)
        {
            return Redirect($"/arenden/{id}");
        }

        View = await ArendeView.LoadAsync(db, workflow, labels, plans, user, svar, reader, ct);
        return Page();
    }
}
