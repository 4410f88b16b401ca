using RemissFlow.Core.Workflow;
using RemissFlow.Documents.Wording;
using RemissFlow.Workflows.Calendar;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Sammanstallning.Charts;

/// <summary>The data of the dashboards' charts, counted by <see cref="RemissMatrixQuery"/> so a chart never disagrees with the matrix.</summary>
public sealed class ChartQueries(RemissFlowDbContext db, RemissMatrixQuery matrices, TimeProvider clock, Workflow.WorkflowHost workflows)
{
    /// <summary>Per remiss: answers arriving over time by status, against svarsdatum. Null for a missing or unsent remiss.</summary>
    public async Task<CumulativeAnswersData?> CumulativeAnswersAsync(Guid remissId, CancellationToken ct = default)
    {
        var m = await matrices.ForRemissAsync(remissId, ct);
        return m is null ? null : CumulativeAnswers(m);
    }

    /// <summary>The same from a matrix the caller already has (the remiss page shows both).</summary>
    public static CumulativeAnswersData? CumulativeAnswers(RemissMatrix m)
    {
        if (m.Remiss.Status == RemissState.Utkast)
        {
            return null;
        }

        var answered = m.Rows.Where(r => r.Besvarad && r.InlamnadDatum is not null).ToList();
        var start = m.Remiss.UtskickDatum ?? answered.Select(r => r.InlamnadDatum!.Value).DefaultIfEmpty(m.AsOf).Min();
        var last = answered.Select(r => r.InlamnadDatum!.Value).DefaultIfEmpty(start).Max();
        var end = new[] { m.Remiss.Svarsdatum, last, m.AsOf }.Max();
        IReadOnlyList<CumulativeSeries> series =
        [
            Series(answered, SvarsKategori.BesvaratITid),
            Series(answered, SvarsKategori.BesvaratSent),
            Series(answered, SvarsKategori.Avstatt),
        ];
        return new CumulativeAnswersData($"{m.Remiss.Title} ({m.Remiss.Dnr})", start, m.Remiss.Svarsdatum, end, m.Rows.Count(r => r.Kategori != SvarsKategori.Aterkallad), series);
    }

    /// <summary>For KS: each instans's on-time rate over remisser from <paramref name="avsandareId"/> whose svarsdatum fell in the last year.</summary>
    public async Task<(IReadOnlyList<InstansRate> Rates, DateOnly From, DateOnly To)> OnTimeRatePerInstansAsync(Guid avsandareId, CancellationToken ct = default)
    {
        var to = StockholmTime.Today(clock);
        var from = to.AddYears(-1);
        var ids = await db.Remisser.AsNoTracking()
            .Where(r => r.AvsandareId == avsandareId && r.UtskickDatum != null && r.Svarsdatum >= from && r.Svarsdatum <= to)
            .Select(r => r.Id).ToListAsync(ct);
        var rows = (await matrices.ForRemisserAsync(ids, categoriesOnly: true, ct)).SelectMany(m => m.Rows).ToList();
        var rates = rows.GroupBy(r => r.Instans)
            .Select(g => new InstansRate(g.Key, g.Count(r => r.ITid == true), g.Count(r => r.Besvarad) + g.Count(r => r.Kategori == SvarsKategori.Saknas && r.ForsenadArbetsdagar > 0)))
            .Where(r => r.Forfallna > 0)
            .OrderBy(r => r.Instans, StringComparer.Create(SwedishText.Culture, false))
            .ToList();
        return (rates, from, to);
    }

    /// <summary>For KS: the sender's open remisser bucketed by whole weeks left to svarsdatum; the first bucket is those past it.</summary>
    public async Task<IReadOnlyList<WeekBucket>> OpenRemisserByWeeksAsync(Guid avsandareId, CancellationToken ct = default)
    {
        var today = StockholmTime.Today(clock);
        var open = await db.Remisser.AsNoTracking()
            .Where(r => r.AvsandareId == avsandareId && RemissStates.AwaitingAnswers.Contains(r.Status))
            .Select(r => new { r.Dnr, r.Svarsdatum }).ToListAsync(ct);
        var labels = new List<string> { "Passerat" };
        labels.AddRange(Enumerable.Range(0, 8).Select(w => $"{w} v"));
        labels.Add("8+ v");
        var buckets = labels.ToDictionary(l => l, _ => new List<string>());
        foreach (var r in open.OrderBy(r => r.Svarsdatum).ThenBy(r => r.Dnr, StringComparer.Ordinal))
        {
            var days = r.Svarsdatum.DayNumber - today.DayNumber;
            var label = days < 0 ? "Passerat" : days / 7 >= 8 ? "8+ v" : $"{days / 7} v";
            buckets[label].Add(r.Dnr);
        }

        return labels.Select(l => new WeekBucket(l, buckets[l])).ToList();
    }

    /// <summary>For a nämndsekreterare: the organisation's open remissvar against its nämnd's (or styrelse's) meetings.</summary>
    public async Task<NamndTimelineData?> NamndTimelineAsync(Guid organisationId, CancellationToken ct = default)
    {
        var org = await db.Organisationer.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organisationId, ct);
        if (org is null)
        {
            return null;
        }

        var today = StockholmTime.Today(clock);
        var closed = RemissvarStates.Answered;
        var items = await (
                from s in db.Remissvar.AsNoTracking()
                join r in db.Remisser.AsNoTracking() on s.RemissId equals r.Id
                where s.InstansId == organisationId && !closed.Contains(s.Status)
                orderby s.Svarsdatum
                select new
                {
                    s.Dnr, s.AvsandareDnr, r.Title, s.Svarsdatum, s.Status,
                    Definition = db.WorkflowInstances.Where(i => i.Id == s.WorkflowInstanceId).Select(i => new { i.DefinitionId, i.Version }).FirstOrDefault(),
                })
            .ToListAsync(ct);
        // People read the workflow's own label ("Under beredning"), never the state code.
        var registry = (await workflows.EngineAsync(ct)).Registry;
        string Label(string state, string? definitionId, int version) =>
            (definitionId is null ? null : registry.Find(definitionId, version)?.States.FirstOrDefault(x => x.Name == state)?.Label) ?? state;
        var end = items.Select(i => i.Svarsdatum).DefaultIfEmpty(today).Max().AddDaysClamped(14);
        if (end < today.AddDays(28))
        {
            end = today.AddDays(28);
        }

        var organ = await db.Organ.AsNoTracking()
            .Where(o => o.OrganisationId == organisationId && (o.Kind == OrganKind.Namnd || o.Kind == OrganKind.Styrelse))
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var organIds = organ.Keys.ToList();
        var meetings = await db.Sammantraden.AsNoTracking()
            .Where(m => organIds.Contains(m.OrganId) && m.Datum >= today && m.Datum <= end)
            .OrderBy(m => m.Datum).Select(m => new { m.Datum, m.OrganId }).ToListAsync(ct);
        return new NamndTimelineData(
            org.Name, today, end,
            meetings.Select(m => new TimelineMeeting(m.Datum, organ[m.OrganId])).ToList(),
            items.Select(i => new TimelineItem($"{i.Dnr ?? i.AvsandareDnr} {i.Title}", i.Svarsdatum, Label(i.Status, i.Definition?.DefinitionId, i.Definition?.Version ?? 0))).ToList());
    }

    private static CumulativeSeries Series(List<MatrixRow> answered, SvarsKategori kategori) =>
        new(Labels.Kategori(kategori), answered.Where(r => r.Kategori == kategori).Select(r => r.InlamnadDatum!.Value).Order().ToList());
}
