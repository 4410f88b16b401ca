using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Deadlines;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Security;

namespace RemissFlow.Web.Pages.Arenden;

[Authorize(Policy = AccessPolicies.MinaArenden)]
public sealed class MinaArendenModel(RemissFlowDbContext db, PlanQuery plans, SignedInUser user) : PageModel
{
    public IReadOnlyList<RemissvarRow> Rows { get; private set; } = [];

    public IReadOnlyDictionary<Guid, Plan> Plans { get; private set; } = new Dictionary<Guid, Plan>();

    public RemissvarTable Table => new(Rows, "Mina ärenden", "Du har inga öppna ärenden.", Plans);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var org = user.Actor.OrganisationId!.Value;
        Rows = await RemissvarListing.AssignedTo(db, org, user.UserId).ToListAsync(ct);
        Plans = await plans.PlansForAsync(Rows.Select(r => r.Id).ToList(), ct);
    }
}
