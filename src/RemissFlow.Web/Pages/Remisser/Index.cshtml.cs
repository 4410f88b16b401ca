using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Presentation;
using RemissFlow.Web.Security;

namespace RemissFlow.Web.Pages.Remisser;

[Authorize(Policy = AccessPolicies.Remisser)]
public sealed class IndexModel(RemissFlowDbContext db, SignedInUser user) : PageModel
{
    public IReadOnlyList<Remiss> Rows { get; private set; } = [];

    [BindProperty(Name = "sortera", SupportsGet = true)]
    public string? Sort { get; set; }

    public bool ByTitle => Sort == "titel";

    public bool CanCreate => user.Has(Role.Registrator) || user.Has(Role.KsSamordnare);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var all = await db.Remisser.AsNoTracking().Where(r => r.Status != Remiss.Raderad).OrderBy(r => r.Svarsdatum).ThenBy(r => r.Dnr).ToListAsync(ct);
        // Titles sort in memory: the database's collation is not Swedish (å ä ö must come after z).
        Rows = ByTitle ? all.OrderBy(r => r.Title, SwedishText.Comparer).ToList() : all;
    }
}
