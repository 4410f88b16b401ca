using RemissFlow.Core.Workflow;
using RemissFlow.Documents.Wording;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Deadlines;

/// <summary>
/// iCalendar feeds people subscribe to from Outlook: a person's own deadlines and their
/// organisation's meetings, or one body's meetings. Reached by the user's secret calendar token,
/// because calendar clients cannot sign in.
/// </summary>
public sealed class CalendarFeed(RemissFlowDbContext db, PlanQuery plans, TimeProvider clock)
{
    public async Task<string?> ForUserAsync(string token, CancellationToken ct)
    {
        var user = await UserAsync(token, ct);
        if (user is null)
        {
            return null;
        }

        var entries = new List<CalendarEntry>();
        var since = StockholmTime.Today(clock).AddMonths(-1);
        var open = await (from r in db.Remissvar
                          join m in db.Remisser on r.RemissId equals m.Id
                          where r.InstansId == user.OrganisationId && !RemissvarStates.Answered.Contains(r.Status) && r.Svarsdatum >= since
                          select new { r.Id, r.Dnr, r.AvsandareDnr, r.Svarsdatum, r.HandlaggareId, m.Title }).ToListAsync(ct);
        foreach (var r in open)
        {
            var dnr = r.Dnr ?? r.AvsandareDnr;
            entries.Add(CalendarEntry.Deadline(r.Id, "svarsdatum", $"Svarsdatum: {r.Title} ({dnr})", r.Svarsdatum, $"Remissvaret ska ha kommit in till avsändaren senast denna dag."));
        }

        // The handläggare plans their own ärenden; the nämndsekreterare carries every registered ärende of the
        // organisation to the nämnd, so their feed has all those plans' milestones.
        var sekreterare = (await db.UsersInRoleAsync(user.OrganisationId, Role.Namndsekreterare, ct)).Contains(user.Id);
        var mine = open.Where(r => (sekreterare || r.HandlaggareId == user.Id) && r.Dnr is not null).Select(r => r.Id).ToList();
        if (mine.Count > 0)
        {
            foreach (var (id, plan) in await plans.PlansForAsync(mine, ct))
            {
                var svar = open.First(r => r.Id == id);
                entries.AddRange(PlanCalendarEntries.FromPlan(id, svar.Dnr!, plan).Where(e => e.UidDiscriminator != "svarsdatum"));
            }
        }

        entries.AddRange(await MeetingsAsync(db.Organ.Where(o => o.OrganisationId == user.OrganisationId), since, ct));
        return IcsCalendarWriter.Write($"RemissFlow – {user.DisplayName}", entries, clock.GetUtcNow());
    }

    public async Task<string?> ForOrganAsync(string token, Guid organId, CancellationToken ct)
    {
        var user = await UserAsync(token, ct);
        var organ = await db.Organ.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organId, ct);
        if (user is null || organ is null || organ.OrganisationId != user.OrganisationId)
        {
            return null;
        }

        var entries = await MeetingsAsync(db.Organ.Where(o => o.Id == organId), StockholmTime.Today(clock).AddMonths(-1), ct);
        return IcsCalendarWriter.Write($"RemissFlow – {organ.Name}", entries, clock.GetUtcNow());
    }

    private async Task<AppUser?> UserAsync(string token, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(token) || token.Length > 64
            ? null
            // A deactivated account's feed stops with the account, like its sign-ins.
            : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.CalendarToken == token, ct) is { IsDeactivated: false } user ? user : null;

    private async Task<List<CalendarEntry>> MeetingsAsync(IQueryable<Organ> organ, DateOnly since, CancellationToken ct)
    {
        var meetings = await (from m in db.Sammantraden
                              join o in organ on m.OrganId equals o.Id
                              where m.Datum >= since
                              orderby m.Datum
                              select new { m.Id, m.Datum, m.Tid, m.Lokal, o.Name, Items = m.Foredragningslista.Count }).ToListAsync(ct);
        return meetings.Select(m => m.Tid is { } start
                ? CalendarEntry.Meeting(m.Id, $"Sammanträde: {m.Name}", m.Datum, start, start.AddHours(2), m.Lokal, $"{SwedishText.Count(m.Items, "ärende", "ärenden")} på föredragningslistan.")
                : CalendarEntry.Deadline(m.Id, "sammantrade", $"Sammanträde: {m.Name}", m.Datum, m.Lokal))
            .ToList();
    }
}
