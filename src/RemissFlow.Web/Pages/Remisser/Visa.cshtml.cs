using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Api;
using RemissFlow.Web.Security;

namespace RemissFlow.Web.Pages.Remisser;

/// <summary>A remiss as its reader may see it: KS always, an instans once it was sent to it (same rule as the API).</summary>
public sealed class VisaModel(RemissFlowDbContext db, SignedInUser user) : PageModel
{
    public Remiss Remiss { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var remiss = await RemissEndpoints.Visible(db, user).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (remiss is null)
        {
            return NotFound();
        }

        Remiss = remiss;
        return Page();
    }
}
