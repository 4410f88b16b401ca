using RemissFlow.Core.Notifications;

namespace RemissFlow.Web.Pages.Notiser;

/// <summary>The user's in-app inbox: unread first, newest first within each; each notice can be marked read, or all at once.</summary>
[Authorize(Policy = AccessPolicies.Notiser)]
public sealed class IndexModel(RemissFlowDbContext db, SignedInUser user, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Notis> Notiser { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        // DateTimeOffset does not sort in SQLite; a person's inbox is small, so it is ordered here.
        var all = await db.Notiser.AsNoTracking().Where(n => n.UserId == user.UserId).ToListAsync(ct);
        Notiser = all.OrderBy(n => n.ReadAt is null ? 0 : 1).ThenByDescending(n => n.CreatedAt).Take(200).ToList();
    }

    public async Task<IActionResult> OnPostLastAsync(Guid notisId, CancellationToken ct)
    {
        var notis = await db.Notiser.FirstOrDefaultAsync(n => n.Id == notisId && n.UserId == user.UserId, ct);
        if (notis is null)
        {
            return NotFound();
        }

        notis.ReadAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Redirect("/notiser");
    }

    public async Task<IActionResult> OnPostAllaLastaAsync(CancellationToken ct)
    {
        var unread = await db.Notiser.Where(n => n.UserId == user.UserId && n.ReadAt == null).ToListAsync(ct);
        var now = clock.GetUtcNow();
        unread.ForEach(n => n.ReadAt = now);
        await db.SaveChangesAsync(ct);
        TempData["Meddelande"] = unread.Count == 1 ? "En notis markerades som läst." : $"{unread.Count} notiser markerades som lästa.";
        return Redirect("/notiser");
    }

    /// <summary>Only links inside the app are followed, so a notice can never send anyone elsewhere.</summary>
    public static string? SafeLink(string? link) => link is { Length: > 1 } && link[0] == '/' && link[1] != '/' && link[1] != '\\' ? link : null;
}
