using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Access;

/// <summary>
/// Who may name an ersättare, who may be one, and what an ersättare holds today, decided here only.
/// The rule: a förvaltningschef, nämndsekreterare or registrator names, for their own absence, another active
/// person of the same organisation who holds a förvaltning role there (registrator, handläggare, förvaltningschef,
/// nämndsekreterare) — a ledamot or an account without roles never reads the förvaltning's drafts. The administratör
/// names one for anybody. During the period the ersättare holds the absent person's roles of those three that the
/// ersättare lacks; the period holds on the Stockholm dates from–to, read from the clock at each request.
/// </summary>
public static class ErsattareAccess
{
    /// <summary>The roles whose holder may name an ersättare, and the roles an ersättare takes over.</summary>
    public static readonly IReadOnlySet<Role> Overlatbara = new HashSet<Role> { Role.Forvaltningschef, Role.Namndsekreterare, Role.Registrator };

    /// <summary>The roles of which an ersättare must hold at least one: the förvaltning's own people.</summary>
    public static readonly IReadOnlySet<Role> Forvaltningsroller = new HashSet<Role> { Role.Registrator, Role.Handlaggare, Role.Forvaltningschef, Role.Namndsekreterare };

    /// <summary>Names ersättare for themselves: holds one of <see cref="Overlatbara"/> of their own (not as someone's ersättare).</summary>
    public static bool MayNameOwn(Actor actor) => !actor.IsSystem && actor.EgnaRoller.Any(Overlatbara.Contains);

    /// <summary>May name or end a period for <paramref name="franvarandeId"/>: the administratör for anybody, else the person themselves.</summary>
    public static bool MayManage(Actor actor, Guid franvarandeId) =>
        actor.IsSystem || actor.EgnaRoller.Contains(Role.Administrator) || (actor.UserId == franvarandeId && MayNameOwn(actor));

    /// <summary>The absent people whose work <paramref name="userId"/> holds today, with the roles held through each.</summary>
    public static async Task<IReadOnlyList<Ersattaruppdrag>> UppdragAsync(RemissFlowDbContext db, Guid userId, Guid organisationId, IReadOnlySet<Role> egna, TimeProvider clock, CancellationToken ct)
    {
        var today = StockholmTime.Today(clock);
        var periods = await (from p in db.Ersattarperioder.AsNoTracking()
                             where p.ErsattareId == userId && p.AvslutadAt == null && p.FranOchMed <= today && p.TillOchMed >= today
                             join u in db.Users on p.FranvarandeId equals u.Id
                             where u.OrganisationId == organisationId && (u.LockoutEnd == null || u.LockoutEnd < AppUser.DeactivatedFrom)
                             orderby p.FranOchMed, u.DisplayName
                             select new { p.Id, p.FranvarandeId, u.DisplayName, p.TillOchMed }).ToListAsync(ct);
        if (periods.Count == 0)
        {
            return [];
        }

        var ids = periods.Select(p => p.FranvarandeId).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        return periods.Select(p => new Ersattaruppdrag(p.Id, p.FranvarandeId, p.DisplayName,
                roles.Where(r => r.UserId == p.FranvarandeId && Enum.TryParse<Role>(r.Name, out var role) && Overlatbara.Contains(role) && !egna.Contains(role))
                    .Select(r => Enum.Parse<Role>(r.Name!)).ToHashSet(),
                p.TillOchMed))
            .ToList();
    }
}
