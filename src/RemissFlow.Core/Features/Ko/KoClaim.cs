namespace RemissFlow.Core.Features.Ko;

/// <summary>The claim's two statements, shared by taking and giving back, and who holds an ärende now.</summary>
internal static class KoClaim
{
    public sealed record Holder(Guid Id, string Namn, string Roll, int SvarVersion);

    /// <summary>
    /// Claims the ärende for <paramref name="me"/> at <paramref name="version"/>: a new row, or a row whose claim has
    /// lapsed (another version of the ärende, or a deactivated account's). Each is one conditional statement, so
    /// concurrent takers queue on the row and only the first finds it free; true when this caller won.
    /// </summary>
    public static async Task<bool> TakeAsync(RemissFlowDbContext db, Guid svarId, Guid org, Role role, int version, Guid me, DateTimeOffset now, Guid? paUppdragAv, CancellationToken ct)
    {
        var roll = role.ToString();
        // SQLite keeps DateTimeOffset as UTC ticks (the context's converter); raw SQL must write what EF reads.
        object at = db.IsPostgres ? now.ToUniversalTime() : now.UtcTicks;
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO ko_tagningar ("RemissvarId", "OrganisationId", "Roll", "SvarVersion", "TagenAv", "TagenAt", "PaUppdragAv") VALUES ({svarId}, {org}, {roll}, {version}, {me}, {at}, {paUppdragAv}) ON CONFLICT DO NOTHING""",
            ct);
        if (inserted == 1)
        {
            return true;
        }

        var deactivated = AppUser.DeactivatedFrom;
        var replaced = await db.KoTagningar
            .Where(k => k.RemissvarId == svarId
                        && (k.SvarVersion != version || db.Users.Any(u => u.Id == k.TagenAv && u.LockoutEnd != null && u.LockoutEnd >= deactivated)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(k => k.OrganisationId, org)
                .SetProperty(k => k.Roll, roll)
                .SetProperty(k => k.SvarVersion, version)
                .SetProperty(k => k.TagenAv, me)
                .SetProperty(k => k.TagenAt, now)
                .SetProperty(k => k.PaUppdragAv, paUppdragAv), ct);
        return replaced == 1;
    }

    public static Task<Holder?> HolderAsync(RemissFlowDbContext db, Guid svarId, CancellationToken ct) =>
        (from k in db.KoTagningar.AsNoTracking()
         where k.RemissvarId == svarId
         join u in db.Users on k.TagenAv equals u.Id
         where u.LockoutEnd == null || u.LockoutEnd < AppUser.DeactivatedFrom
         select new Holder(k.TagenAv, u.DisplayName, k.Roll, k.SvarVersion)).FirstOrDefaultAsync(ct);
}
