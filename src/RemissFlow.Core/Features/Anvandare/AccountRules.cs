using Microsoft.AspNetCore.Identity;

namespace RemissFlow.Core.Features.Anvandare;

/// <summary>
/// What the account use cases share. The rule they all keep: at least one active Administratör
/// remains, or nobody could manage organisations, accounts and roles any more.
/// </summary>
public static class AccountRules
{
    public static readonly Refusal Changed = Refusal.Conflict(
        "Kontot har ändrats av någon annan sedan du öppnade sidan. Dina ändringar är inte sparade; jämför med det som nu är sparat och spara igen.");

    /// <summary>
    /// Two administrators demoting or deactivating each other at once would each still see the other
    /// as active. On PostgreSQL they take turns on one lock, so the second reads the first's commit;
    /// on SQLite the command takes the write turn before it reads, which has the same effect.
    /// </summary>
    public static async Task TakeTurnAsync(RemissFlowDbContext db, CancellationToken ct)
    {
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(72737303)", ct);
        }
        else
        {
            await db.BeginWritingAsync(ct);
        }
    }

    public static async Task<bool> AnotherActiveAdministratorAsync(RemissFlowDbContext db, Guid userId, CancellationToken ct)
    {
        var role = nameof(Role.Administrator).ToUpperInvariant();
        var lockoutEnds = await (from ur in db.UserRoles
                                 join r in db.Roles on ur.RoleId equals r.Id
                                 join u in db.Users on ur.UserId equals u.Id
                                 where r.NormalizedName == role && u.Id != userId
                                 select u.LockoutEnd).ToListAsync(ct);
        return lockoutEnds.Any(end => !AppUser.IsDeactivatedLockout(end));
    }

    public static IReadOnlySet<Role> Parse(IEnumerable<string> roleNames) =>
        roleNames.Select(n => Enum.TryParse<Role>(n, out var role) ? (Role?)role : null)
            .Where(r => r is not null).Select(r => r!.Value).ToHashSet();

    /// <summary>A concurrent change is the user's to resolve; any other Identity failure here is a bug.</summary>
    public static Refusal? Check(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return null;
        }

        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            return Changed;
        }

        throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
