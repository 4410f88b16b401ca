using RemissFlow.Core.Deadlines;
using RemissFlow.Core.Workflow;
using RemissFlow.Web.Pages.Shared;

namespace RemissFlow.Web.Pages.Arenden;

/// <summary>One row of an instans's answer lists (inkorg, mina ärenden, bevakning, start page).</summary>
public sealed record RemissvarRow(Guid Id, string RemissTitle, string AvsandareDnr, string? Dnr, string Status, DateOnly Svarsdatum, string? Handlaggare,
    string? DefinitionId = null, int DefinitionVersion = 0);

/// <summary>What the shared table partial shows: rows, a caption for screen readers, the text when there are none, and plans when the list has them.</summary>
public sealed record RemissvarTable(IReadOnlyList<RemissvarRow> Rows, string Caption, string Empty, IReadOnlyDictionary<Guid, Plan>? Plans = null);

/// <summary>
/// The read side shared by the instans's pages. "Open" and "arrived" are the workflow's own states
/// (<see cref="RemissvarStates"/>), so the lists agree with the buttons on the ärende.
/// </summary>
public static class RemissvarListing
{
    /// <summary>Every open answer of the organisation, nearest svarsdatum first.</summary>
    public static IQueryable<RemissvarRow> Open(RemissFlowDbContext db, Guid organisationId) => Rows(db, OpenAnswers(db, organisationId));

    /// <summary>Arrived but not yet registered in the organisation's own diarium, or registered and waiting for a handläggare.</summary>
    public static IQueryable<RemissvarRow> Inkorg(RemissFlowDbContext db, Guid organisationId, string? status = null, int? year = null) =>
        Rows(db, Filtered(InkorgAnswers(db, organisationId), status, year));

    public static IQueryable<RemissvarRow> AssignedTo(RemissFlowDbContext db, Guid organisationId, Guid userId, string? status = null, int? year = null) =>
        Rows(db, Filtered(AssignedAnswers(db, organisationId, userId), status, year));

    public static IQueryable<Remissvar> InkorgAnswers(RemissFlowDbContext db, Guid organisationId) =>
        OpenAnswers(db, organisationId).Where(v => v.Status == RemissvarState.Inkommen || v.Status == RemissvarState.Registrerad);

    public static IQueryable<Remissvar> AssignedAnswers(RemissFlowDbContext db, Guid organisationId, Guid userId) =>
        OpenAnswers(db, organisationId).Where(v => v.HandlaggareId == userId);

    /// <summary>The filter choices an unfiltered list offers: each state present (with the workflow's label) and each svarsdatum year.</summary>
    public static async Task<(List<FilterOption> Statuses, List<int> Years)> FilterOptionsAsync(RemissFlowDbContext db, IQueryable<Remissvar> answers, StateLabels labels, CancellationToken ct)
    {
        var states = await (from v in answers
                            join i in db.WorkflowInstances on v.WorkflowInstanceId equals i.Id into instances
                            from i in instances.DefaultIfEmpty()
                            select new { v.Status, DefinitionId = i == null ? null : i.DefinitionId, Version = i == null ? 0 : i.Version }).Distinct().ToListAsync(ct);
        var statuses = new List<FilterOption>();
        foreach (var s in states)
        {
            statuses.Add(new FilterOption(s.Status, await labels.LabelAsync(s.DefinitionId, s.Version, s.Status, ct)));
        }

        // Distinct dates, years in memory: PostgreSQL stores DateOnly.MaxValue as infinity, whose year is no integer.
        var years = (await answers.Select(v => v.Svarsdatum).Distinct().ToListAsync(ct)).Select(d => d.Year).Distinct().ToList();
        return (statuses, years);
    }

    /// <summary>The same choices for rows already in memory (the cached board).</summary>
    public static async Task<(List<FilterOption> Statuses, List<int> Years)> FilterOptionsAsync(IEnumerable<RemissvarRow> rows, StateLabels labels, CancellationToken ct)
    {
        var statuses = new List<FilterOption>();
        foreach (var s in rows.DistinctBy(r => (r.Status, r.DefinitionId, r.DefinitionVersion)))
        {
            statuses.Add(new FilterOption(s.Status, await labels.LabelAsync(s.DefinitionId, s.DefinitionVersion, s.Status, ct)));
        }

        return (statuses, rows.Select(r => r.Svarsdatum.Year).Distinct().ToList());
    }

    // In SQL, before the projection: a year is a date range so an index on svarsdatum still serves it.
    private static IQueryable<Remissvar> Filtered(IQueryable<Remissvar> answers, string? status, int? year)
    {
        if (status is not null)
        {
            answers = answers.Where(v => v.Status == status);
        }

        if (year is { } y)
        {
            var (from, to) = (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
            answers = answers.Where(v => v.Svarsdatum >= from && v.Svarsdatum <= to);
        }

        return answers;
    }

    private static IQueryable<Remissvar> OpenAnswers(RemissFlowDbContext db, Guid organisationId) =>
        db.Remissvar.AsNoTracking().Where(v => v.InstansId == organisationId && !RemissvarStates.Answered.Contains(v.Status));

    // Filters and order go on the entities; EF cannot translate them once projected into the record.
    private static IQueryable<RemissvarRow> Rows(RemissFlowDbContext db, IQueryable<Remissvar> answers) =>
        from v in answers
        join r in db.Remisser on v.RemissId equals r.Id
        join i in db.WorkflowInstances on v.WorkflowInstanceId equals i.Id into instances
        from i in instances.DefaultIfEmpty()
        orderby v.Svarsdatum, v.AvsandareDnr
        select new RemissvarRow(v.Id, r.Title, v.AvsandareDnr, v.Dnr, v.Status, v.Svarsdatum,
            db.Users.Where(u => u.Id == v.HandlaggareId).Select(u => u.DisplayName).FirstOrDefault(),
            i == null ? null : i.DefinitionId, i == null ? 0 : i.Version);

    /// <summary>Riskiest first: no meeting fits, then at risk, then on track, then those without a plan; nearest svarsdatum within each.</summary>
    public static List<RemissvarRow> RiskiestFirst(IEnumerable<RemissvarRow> rows, IReadOnlyDictionary<Guid, Plan> plans) =>
        rows.OrderBy(r => plans.TryGetValue(r.Id, out var p) ? p.Status switch { PlanStatus.Impossible => 0, PlanStatus.AtRisk => 1, _ => 2 } : 3)
            .ThenBy(r => r.Svarsdatum)
            .ToList();
}
