namespace RemissFlow.Core.Notifications;

/// <summary>
/// Writes notices into the inbox and the e-mail outbox of the current unit of work, so they
/// commit with the change that caused them. The dedup key names the cause; a cause that
/// already notified someone does not notify them again.
/// </summary>
public sealed class Notifier(RemissFlowDbContext db, TimeProvider clock, CoreOptions options)
{
    /// <summary>Notices this unit of work wrote; looked up here rather than through DbSet.Local, which runs change detection over everything tracked.</summary>
    private readonly List<Notis> _added = [];

    public async Task ToUsersAsync(IEnumerable<Guid> userIds, string rubrik, string text, string? lank, Guid? arendeId, string cause, CancellationToken ct, EpostBilaga? bilaga = null)
    {
        var ids = userIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var users = await db.UserAddressesAsync(ids, ct);
        var sent = await db.SentNoticesAsync(users.Select(u => Key(cause, u.Id)).ToList(), ct);
        var now = clock.GetUtcNow();
        foreach (var user in users)
        {
            var key = Key(cause, user.Id);
            if (sent.Contains(key) || _added.Any(n => n.DedupKey == key && db.Entry(n).State == EntityState.Added))
            {
                continue;
            }

            var notis = new Notis { UserId = user.Id, CreatedAt = now, Rubrik = rubrik, Text = text, Lank = lank, ArendeId = arendeId, DedupKey = key };
            db.Notiser.Add(notis);
            _added.Add(notis);
            if (options.EmailEnabled && !string.IsNullOrWhiteSpace(user.Email))
            {
                db.UtgaendeEpost.Add(new UtgaendeEpost
                {
                    CreatedAt = now,
                    NextAttemptAt = now,
                    Till = user.Email,
                    Rubrik = rubrik,
                    Text = lank is null ? text : $"{text}\n\nÖppna ärendet i RemissFlow: {lank}",
                    DedupKey = key,
                    BilagaNamn = bilaga?.Namn,
                    BilagaTyp = bilaga?.Typ,
                    Bilaga = bilaga?.Innehall,
                });
            }
        }
    }

    private static string Key(string cause, Guid userId) => $"{cause}:{userId:N}";

    /// <summary>An e-mail to an address outside RemissFlow (an outside organisation's registry).</summary>
    public void ToAddress(string email, string rubrik, string text, string cause)
    {
        if (!options.EmailEnabled || db.UtgaendeEpost.Local.Any(m => m.DedupKey == cause))
        {
            return;
        }

        var now = clock.GetUtcNow();
        db.UtgaendeEpost.Add(new UtgaendeEpost { CreatedAt = now, NextAttemptAt = now, Till = email, Rubrik = rubrik, Text = text, DedupKey = cause });
    }

    /// <summary>Everyone in <paramref name="organisationId"/> holding <paramref name="role"/>.</summary>
    public async Task ToRoleAsync(Guid organisationId, Role role, string rubrik, string text, string? lank, Guid? arendeId, string cause, CancellationToken ct) =>
        await ToUsersAsync(await UsersInRoleAsync(organisationId, role, ct), rubrik, text, lank, arendeId, cause, ct);

    public Task<List<Guid>> UsersInRoleAsync(Guid organisationId, Role role, CancellationToken ct) => db.UsersInRoleAsync(organisationId, role, ct);
}
