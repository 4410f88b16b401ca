using RemissFlow.Core.Workflow;
using RemissFlow.Workflows.Calendar;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Deadlines;

/// <summary>The instans has no nämnd or styrelse with a meeting calendar, so there is nothing to plan against.</summary>
public sealed class PlanUnavailableException(string message) : Exception(message);

/// <summary>
/// Loads what <see cref="DeadlinePlanner"/> needs from the database and plans. Used by <c>plan &lt;dnr&gt;</c>
/// and the web's deadline board (the batch variant loads every organ and meeting once, not per row).
/// </summary>
public sealed class PlanQuery(RemissFlowDbContext db, IWorkingDayCalendar calendar, TimeProvider clock)
{
    /// <summary>
    /// Working days from justering until the answer has left; not an organ setting (yet) because the
    /// registry sends the same day or the next in practice.
    /// </summary>
    public const int SendingWorkingDays = 1;

    public const int ForvaltningschefWorkingDays = 5;

    public const int RiskThresholdWorkingDays = 5;

    /// <summary>Papers lead time for a required beredning body that has no organ row (hence no settings) yet.</summary>
    public const int DefaultBeredningPapersWorkingDays = 5;

    /// <summary>Past beredning meetings count (the ärende may already have passed them), but not forever.</summary>
    private const int PastMeetingsDays = 366;

    public async Task<Guid?> RemissvarIdForDnrAsync(string dnr, CancellationToken ct = default)
    {
        var trimmed = dnr.Trim();
        return await db.Remissvar.AsNoTracking().Where(r => r.Dnr == trimmed).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// The plan for one remissvar, or null when it does not exist. Throws <see cref="PlanUnavailableException"/>
    /// when its instans has no nämnd or styrelse registered.
    /// </summary>
    public async Task<Plan?> PlanForAsync(Guid remissvarId, CancellationToken ct = default)
    {
        var requests = await RequestsAsync([remissvarId], ct);
        if (!requests.TryGetValue(remissvarId, out var entry))
        {
            return null;
        }

        return entry.Request is { } request
            ? new DeadlinePlanner(calendar).Plan(request)
            : throw new PlanUnavailableException(entry.Problem!);
    }

    /// <summary>Plans for many remissvar; those that are unknown or cannot be planned are left out.</summary>
    public async Task<IReadOnlyDictionary<Guid, Plan>> PlansForAsync(IReadOnlyCollection<Guid> remissvarIds, CancellationToken ct = default)
    {
        var planner = new DeadlinePlanner(calendar);
        var requests = await RequestsAsync(remissvarIds, ct);
        return requests
            .Where(r => r.Value.Request is not null)
            .ToDictionary(r => r.Key, r => planner.Plan(r.Value.Request!));
    }

    /// <summary>The planner's input per remissvar, or the Swedish reason there is none.</summary>
    public async Task<IReadOnlyDictionary<Guid, (PlanRequest? Request, string? Problem)>> RequestsAsync(IReadOnlyCollection<Guid> remissvarIds, CancellationToken ct = default)
    {
        var ids = remissvarIds.Distinct().ToList();
        var svar = await db.Remissvar.AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(ct);
        if (svar.Count == 0)
        {
            return new Dictionary<Guid, (PlanRequest?, string?)>();
        }

        var today = StockholmTime.Today(clock);
        var organisationIds = svar.Select(s => s.InstansId).Distinct().ToList();
        var organisations = await db.Organisationer.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var organs = await db.Organ.AsNoTracking().Where(o => organisationIds.Contains(o.OrganisationId)).ToListAsync(ct);
        var organIds = organs.Select(o => o.Id).ToList();
        var from = today.AddDays(-PastMeetingsDays);
        var meetings = (await db.Sammantraden.AsNoTracking()
                .Where(s => organIds.Contains(s.OrganId) && s.Datum >= from)
                .Select(s => new { s.OrganId, s.Datum })
                .ToListAsync(ct))
            .ToLookup(s => s.OrganId, s => s.Datum);
        var done = await CompletedAsync(ids, ct);

        var result = new Dictionary<Guid, (PlanRequest?, string?)>();
        foreach (var s in svar)
        {
            var organisation = organisations[s.InstansId];
            var own = organs.Where(o => o.OrganisationId == organisation.Id).ToList();
            var namnd = own.Where(o => o.Kind is OrganKind.Namnd or OrganKind.Styrelse)
                .OrderBy(o => o.Kind).ThenBy(o => o.Name, StringComparer.Ordinal).FirstOrDefault();
            if (namnd is null)
            {
                result[s.Id] = (null, $"{organisation.Name} har ingen nämnd eller styrelse med sammanträden registrerad; lägg in den under organisationen.");
                continue;
            }

            var beredning = new List<BeredningsorganCalendar>();
            foreach (var kind in organisation.BeredningOrgan.Distinct())
            {
                if (ToBeredningsorganKind(kind) is not { } bk)
                {
                    continue;
                }

                var organ = own.Where(o => o.Kind == kind).OrderBy(o => o.Name, StringComparer.Ordinal).FirstOrDefault();
                // A required body without an organ row still appears, with no meetings, so the plan warns about it.
                beredning.Add(new BeredningsorganCalendar(
                    bk,
                    organ?.Name ?? Workflow.BeredningOrganNames.Definite(kind),
                    organ?.HandlingarArbetsdagarFore ?? DefaultBeredningPapersWorkingDays,
                    organ is null ? [] : meetings[organ.Id].ToList()));
            }

            var completed = new HashSet<MilestoneKey>();
            var facts = done.GetValueOrDefault(s.Id) ?? new Facts();
            if (facts.TuGodkand)
            {
                completed.Add(new MilestoneKey(MilestoneKind.TuTillForvaltningschef));
            }

            foreach (var b in beredning.Where(b => facts.BeredningKinds.Contains(FromBeredningsorganKind(b.Kind))))
            {
                completed.Add(new MilestoneKey(MilestoneKind.HandlingarBeredning, b.Namn));
                completed.Add(new MilestoneKey(MilestoneKind.Beredningsmote, b.Namn));
            }

            if (facts.PaForedragningslista)
            {
                completed.Add(new MilestoneKey(MilestoneKind.HandlingarNamnd));
            }

            if (facts.Beslutad)
            {
                completed.Add(new MilestoneKey(MilestoneKind.Namndsammantrade));
            }

            if (facts.Justerad)
            {
                completed.Add(new MilestoneKey(MilestoneKind.Justering));
            }

            if (s.InlamnadAt is not null)
            {
                completed.Add(new MilestoneKey(MilestoneKind.Expediering));
            }

            result[s.Id] = (new PlanRequest(
                s.Svarsdatum,
                today,
                new NamndCalendar(
                    namnd.Name,
                    new NamndSettings(namnd.HandlingarArbetsdagarFore, namnd.JusteringArbetsdagar, namnd.OmedelbarJusteringForRemissvar, SendingWorkingDays),
                    meetings[namnd.Id].ToList()),
                beredning,
                ForvaltningschefWorkingDays,
                RiskThresholdWorkingDays)
            {
                Completed = completed,
                Mottagen = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(s.CreatedAt, StockholmTime.Zone).DateTime),
                Beslutsmote = s.Status is RemissvarState.Anmald ? facts.PlaceradVid
                    : s.Status is RemissvarState.Beslutad or RemissvarState.Justerad or RemissvarState.Inlamnad ? facts.BeslutadVid
                    : null,
            }, null);
        }

        return result;
    }

    private sealed class Facts
    {
        public bool TuGodkand { get; set; }
        public HashSet<OrganKind> BeredningKinds { get; } = [];
        public bool PaForedragningslista { get; set; }
        public bool Beslutad { get; set; }
        public bool Justerad { get; set; }
        public DateOnly? PlaceradVid { get; set; }
        public DateOnly? BeslutadVid { get; set; }
    }

    /// <summary>What has already happened, so the plan shows it as done rather than missed.</summary>
    private async Task<Dictionary<Guid, Facts>> CompletedAsync(List<Guid> ids, CancellationToken ct)
    {
        var facts = new Dictionary<Guid, Facts>();
        Facts For(Guid id) => facts.TryGetValue(id, out var f) ? f : facts[id] = new Facts();

        foreach (var id in await db.Tjansteutlatanden.AsNoTracking().Where(t => ids.Contains(t.RemissvarId) && t.GodkandVersion != null).Select(t => t.RemissvarId).ToListAsync(ct))
        {
            For(id).TuGodkand = true;
        }

        foreach (var h in await db.BeredningHandelser.AsNoTracking().Where(h => ids.Contains(h.RemissvarId)).Select(h => new { h.RemissvarId, h.OrganKind }).ToListAsync(ct))
        {
            For(h.RemissvarId).BeredningKinds.Add(h.OrganKind);
        }

        var punkter = await (from p in db.Foredragningspunkter.AsNoTracking()
                             join m in db.Sammantraden on p.SammantradeId equals m.Id
                             where ids.Contains(p.RemissvarId)
                             select new { p.RemissvarId, m.Datum }).ToListAsync(ct);
        foreach (var p in punkter)
        {
            var f = For(p.RemissvarId);
            f.PaForedragningslista = true;
            f.PlaceradVid = f.PlaceradVid is { } d && d > p.Datum ? d : p.Datum;
        }

        foreach (var b in await db.Beslut.AsNoTracking().Where(b => ids.Contains(b.RemissvarId)).Select(b => new { b.RemissvarId, b.JusteradDatum, b.OmedelbarJustering, b.SammantradeId, b.Datum }).ToListAsync(ct))
        {
            var f = For(b.RemissvarId);
            f.Beslutad = true;
            if (b.JusteradDatum is not null || b.OmedelbarJustering)
            {
                f.Justerad = true;
            }
            // A nämnd beslut is dated the day of its meeting; the latest one is where the ärende was decided.
            if (b.SammantradeId is not null && (f.BeslutadVid is not { } d || d < b.Datum))
            {
                f.BeslutadVid = b.Datum;
            }
        }

        return facts;
    }

    internal static BeredningsorganKind? ToBeredningsorganKind(OrganKind kind) => kind switch
    {
        OrganKind.Forvaltningsgrupp => BeredningsorganKind.Forvaltningsgrupp,
        OrganKind.Samverkansgrupp => BeredningsorganKind.Samverkansgrupp,
        OrganKind.RadForFunktionshinderfragor => BeredningsorganKind.RadForFunktionshinderfragor,
        OrganKind.Pensionarsrad => BeredningsorganKind.Pensionarsrad,
        _ => null,
    };

    private static OrganKind FromBeredningsorganKind(BeredningsorganKind kind) => kind switch
    {
        BeredningsorganKind.Forvaltningsgrupp => OrganKind.Forvaltningsgrupp,
        BeredningsorganKind.Samverkansgrupp => OrganKind.Samverkansgrupp,
        BeredningsorganKind.RadForFunktionshinderfragor => OrganKind.RadForFunktionshinderfragor,
        BeredningsorganKind.Pensionarsrad => OrganKind.Pensionarsrad,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
