using RemissFlow.Core.Access;

namespace RemissFlow.Core.Features.Anvandare;

/// <summary>
/// Builds the <see cref="Actor"/> for a signed-in user from the database (roles may change between requests), with
/// the roles the user holds today as someone's ersättare (<see cref="ErsattareAccess"/>).
/// </summary>
public sealed class ActorLookup(RemissFlowDbContext db, TimeProvider clock)
{
    public async Task<Actor?> ForUserAsync(Guid userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.DisplayName, u.OrganisationId })
            .FirstOrDefaultAsync(ct);
        if (user is null)
        {
            return null;
        }

        var roleNames = await (from ur in db.UserRoles
                               join r in db.Roles on ur.RoleId equals r.Id
                               where ur.UserId == userId
                               select r.Name).ToListAsync(ct);
        var roles = roleNames.Select(n => Enum.TryParse<Role>(n, out var role) ? (Role?)role : null)
            .Where(r => r is not null).Select(r => r!.Value).ToHashSet();
        var uppdrag = await ErsattareAccess.UppdragAsync(db, userId, user.OrganisationId, roles, clock, ct);
        var all = roles.Concat(uppdrag.SelectMany(u => u.Lanade)).ToHashSet();
        return new Actor(user.Id, user.DisplayName, user.OrganisationId, all) { Uppdrag = uppdrag };
    }
}
