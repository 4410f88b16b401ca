using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Security;

namespace RemissFlow.Web.Pages.Arenden;

[Authorize(Policy = AccessPolicies.MinaArenden)]
public sealed class MinaArendenModel(RemissFlowDbContext db, SignedInUser user) : PageModel
{
    public IReadOnlyList<RemissvarRow> Rows { get; private set; } = [];

    public RemissvarTable Table => new(Rows, "Mina ärenden", "Du har inga öppna ärenden.");

    public async Task OnGetAsync(CancellationToken ct)
    {
        var org = user.Actor.OrganisationId!.Value;
        Rows = await RemissvarListing.AssignedTo(db, org, user.UserId).ToListAsync(ct);
    }
}
