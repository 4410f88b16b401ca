using RemissFlow.Core.Access;
using RemissFlow.Core.Deadlines;
using RemissFlow.Core.Workflow;

namespace RemissFlow.Web.Pages.Arenden;

/// <summary>
/// The pages only the instans's own people open on their ärende (lämna in, avstå, the receipt): read as the
/// instans or not at all, another organisation learning nothing, and the ärende's view loaded once.
/// </summary>
public abstract class InstansArendePageModel(RemissFlowDbContext db, WorkflowRunner workflow, StateLabels labels, PlanQuery plans, SignedInUser user) : PageModel
{
    public ArendeView View { get; private set; } = null!;

    /// <param name="instead">A page's own reason to answer otherwise (e.g. no receipt before the answer is in), checked before the view loads.</param>
    /// <returns>Null when the view is loaded, else the answer to give.</returns>
    protected async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct, Func<Core.Domain.Remissvar, IActionResult?>? instead = null)
    {
        var (svar, reader, refusal) = await ArendeAccess.ReadAsync(db, user.Actor, id, ct);
        if (refusal is not null || reader != ArendeReader.Instans)
        {
            return refusal?.Kind == RefusalKind.Forbidden ? StatusCode(StatusCodes.Status403Forbidden) : NotFound();
        }

        if (instead?.Invoke(svar!) is { } other)
        {
            return other;
        }

        View = await ArendeView.LoadAsync(db, workflow, labels, plans, user, svar!, reader, ct);
        return null;
    }
}
