using RemissFlow.Documents.Wording;

namespace RemissFlow.Web.Pages.Admin.Anvandare;

public sealed class IndexModel(RemissFlowDbContext db) : PageModel
{
    public sealed record Row(Guid Id, string Name, string? Email, string Organisation, IReadOnlyList<string> Roles, bool Deactivated);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking()
            .Join(db.Organisationer, u => u.OrganisationId, o => o.Id, (u, o) => new { u.Id, u.DisplayName, u.Email, u.LockoutEnd, Organisation = o.Name })
            .ToListAsync(ct);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(ct);
        var byUser = roles.ToLookup(r => r.UserId, r => Enum.TryParse<Role>(r.Name, out var role) ? RoleNames.Swedish(role) : r.Name ?? "");
        Rows = users.Select(u => new Row(u.Id, u.DisplayName, u.Email, u.Organisation, byUser[u.Id].Order(SwedishText.Comparer).ToList(), AppUser.IsDeactivatedLockout(u.LockoutEnd)))
            .OrderBy(r => r.Name, SwedishText.Comparer)
            .ToList();
    }
}
