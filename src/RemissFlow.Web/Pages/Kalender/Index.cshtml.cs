using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Web.Pages.Kalender;

/// <summary>
/// Shows the user's calendar subscription addresses. The token in them is the only secret, so the page
/// says so, and offers a new address that makes the old ones stop (e.g. after sharing one by mistake).
/// </summary>
[Authorize(Policy = AccessPolicies.Notiser)]
public sealed class IndexModel(RemissFlowDbContext db, SignedInUser user, IMediator mediator) : PageModel
{
    public string MyFeed { get; private set; } = "";

    public IReadOnlyList<(string Name, string Url)> OrganFeeds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var token = await db.Users.AsNoTracking().Where(u => u.Id == user.UserId).Select(u => u.CalendarToken).FirstAsync(ct);
        var root = $"{Request.Scheme}://{Request.Host}{Request.PathBase}/kalender/{token}";
        MyFeed = root + ".ics";
        var organs = await db.Organ.AsNoTracking().Where(o => o.OrganisationId == user.Actor.OrganisationId).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        OrganFeeds = organs.OrderBy(o => o.Name, SwedishText.Comparer).Select(o => (o.Name, $"{root}/organ/{o.Id}.ics")).ToList();
    }

    public async Task<IActionResult> OnPostFornyAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new RenewCalendarToken.Command(), ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, result.Refusal!.Message);
            await OnGetAsync(ct);
            return Page();
        }

        TempData["Meddelande"] = "Adressen är förnyad. Den gamla adressen fungerar inte längre; lägg in den nya i din kalender.";
        return RedirectToPage();
    }
}
