using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Security;

namespace RemissFlow.Web.Pages.Arenden;

[Authorize(Policy = AccessPolicies.Bevakning)]
public sealed class BevakningModel(RemissFlowDbContext db, SignedInUser user) : PageModel
{
    public IReadOnlyList<RemissvarRow> Rows { get; private set; } = [];

    public RemissvarTable Table => new(Rows, "Öppna remissvar, närmast svarsdatum först", "Det finns inga öppna remissvar att bevaka.");

    public async Task OnGetAsync(CancellationToken ct)
    {
        var org = user.Actor.OrganisationId!.Value;
        Rows = await RemissvarListing.Open(db, org).ToListAsync(ct);
    }
}
