using RemissFlow.Core.Deadlines;
using RemissFlow.Workflows.Calendar;

namespace RemissFlow.Core.Features.Kedja;

/// <summary>The link between an outside remiss, the receiving ärende and the internal remiss sent on from it, as both pages show it.</summary>
public sealed record KedjaLank(
    Guid ExternRemissId,
    string ExternTitle,
    string AvsandareNamn,
    string AvsandareDnr,
    DateOnly ExterntSvarsdatum,
    string ExternStatus,
    Guid ArendeId,
    string? ArendeDnr,
    Guid? InternRemissId,
    string? InternDnr,
    DateOnly? InterntSvarsdatum,
    string? InternStatus);

/// <summary>Reads the chain an ärende or a remiss belongs to, and the planner's internal svarsdatum for sending it on.</summary>
public sealed class KedjaQuery(RemissFlowDbContext db, PlanQuery plans, IWorkingDayCalendar calendar)
{
    /// <summary>The chain of the receiving ärende, or null when its remiss did not come from outside.</summary>
    public async Task<KedjaLank?> ForArendeAsync(Guid arendeId, CancellationToken ct) =>
        await (from a in db.Remissvar.AsNoTracking()
               join r in db.Remisser.AsNoTracking() on a.RemissId equals r.Id
               join o in db.Organisationer.AsNoTracking() on r.AvsandareId equals o.Id
               where a.Id == arendeId && r.MottagenDatum != null
               let intern = db.Remisser.Where(i => i.ExterntArendeId == a.Id && i.Status != Remiss.Raderad).OrderByDescending(i => i.CreatedAt).FirstOrDefault()
               select new KedjaLank(r.Id, r.Title, o.Name, r.Dnr, r.Svarsdatum, r.Status, a.Id, a.Dnr,
                   intern == null ? null : intern.Id, intern == null ? null : intern.Dnr, intern == null ? null : intern.Svarsdatum, intern == null ? null : intern.Status))
            .FirstOrDefaultAsync(ct);

    /// <summary>The chain of an internal remiss sent on from an outside one, or null for any other remiss.</summary>
    public async Task<KedjaLank?> ForInternRemissAsync(Guid remissId, CancellationToken ct)
    {
        var arendeId = await db.Remisser.AsNoTracking().Where(r => r.Id == remissId).Select(r => r.ExterntArendeId).FirstOrDefaultAsync(ct);
        return arendeId is { } id ? await ForArendeAsync(id, ct) : null;
    }

    /// <summary>The planner's suggestion for the internal svarsdatum of the remiss sent on from this ärende.</summary>
    public async Task<InterntSvarsdatumForslag> ForslagAsync(Guid arendeId, CancellationToken ct)
    {
        try
        {
            return await plans.PlanForAsync(arendeId, ct) is { } plan
                ? InterntSvarsdatum.Suggest(plan, calendar)
                : new InterntSvarsdatumForslag(null, "Ärendet finns inte.");
        }
        catch (PlanUnavailableException e)
        {
            return new InterntSvarsdatumForslag(null, e.Message);
        }
    }
}
