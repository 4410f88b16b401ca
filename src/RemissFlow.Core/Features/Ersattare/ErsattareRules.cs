using RemissFlow.Core.Access;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Core.Features.Ersattare;

/// <summary>What the ersättare use cases share: the people involved, read once, and how a period reads in a sentence.</summary>
public static class ErsattareRules
{
    /// <summary>A period is at most a year: longer is a change of roles, which the administratör does on the account.</summary>
    public const int MaxDagar = 366;

    public sealed record Person(Guid Id, string Namn, Guid OrganisationId, bool Aktiv, IReadOnlySet<Role> Roller);

    public static async Task<Person?> PersonAsync(RemissFlowDbContext db, Guid id, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.Id, u.DisplayName, u.OrganisationId, u.LockoutEnd }).FirstOrDefaultAsync(ct);
        if (user is null)
        {
            return null;
        }

        var names = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id select r.Name).ToListAsync(ct);
        var roles = names.Select(n => Enum.TryParse<Role>(n, out var role) ? (Role?)role : null).OfType<Role>().ToHashSet();
        return new Person(user.Id, user.DisplayName, user.OrganisationId, !AppUser.IsDeactivatedLockout(user.LockoutEnd), roles);
    }

    /// <summary>The roles the ersättare would hold through the absent person.</summary>
    public static IReadOnlySet<Role> Lanade(Person franvarande, Person ersattare) =>
        franvarande.Roller.Where(r => ErsattareAccess.Overlatbara.Contains(r) && !ersattare.Roller.Contains(r)).ToHashSet();

    public static string Roller(IEnumerable<Role> roles) => string.Join(", ", roles.Order().Select(RoleNames.Swedish));

    public static string Period(DateOnly fran, DateOnly till) => fran == till
        ? SwedishText.LongDate(fran)
        : $"{SwedishText.LongDate(fran)} – {SwedishText.LongDate(till)}";
}
