using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Security;

namespace RemissFlow.Web.Pages.Arenden;

[Authorize(Policy = AccessPolicies.Inkorg)]
public sealed class InkorgModel(RemissFlowDbContext db, SignedInUser user) : PageModel
{
    public IReadOnlyList<RemissvarRow> Rows { get; private set; } = [];

    public RemissvarTable Table => new(Rows, "Inkorg", "Inkorgen är tom.");

    public async Task OnGetAsync(CancellationToken ct)
    {
        var org = user.Actor.OrganisationId!.Value;
        Rows = await RemissvarListing.Inkorg(db, org).ToListAsync(ct);
    }
}
