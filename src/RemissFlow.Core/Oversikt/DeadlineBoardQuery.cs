using RemissFlow.Core.Deadlines;
using RemissFlow.Core.Workflow;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Oversikt;

/// <summary>The next milestone of a plan that is not done yet.</summary>
public sealed record BoardMilestone(MilestoneKind Kind, string Label, DateOnly Date, MilestoneState State, string StateLabel);

/// <summary>One open remissvar on the nämndsekreterare's deadline board, with what its plan says.</summary>
/// <param name="Risk">Null when no plan can be made (<paramref name="PlanSaknas"/> says why).</param>
/// <param name="Sammantrade">The nämnd meeting the plan aims for.</param>
/// <param name="HandlingarSenast">The day the papers for that meeting must be ready.</param>
public sealed record BoardRow(
    Guid RemissvarId,
    string AvsandareDnr,
    string? Dnr,
    string Remiss,
    string Status,
    DateOnly Svarsdatum,
    string? Handlaggare,
    bool AnstandBegart,
    PlanStatus? Risk,
    string RiskLabel,
    DateOnly? SistaPraktiskaDag,
    DateOnly? Sammantrade,
    DateOnly? HandlingarSenast,
    DateOnly? TuTillForvaltningschef,
    BoardMilestone? Nasta,
    int Varningar,
    string? PlanSaknas);

public sealed record DeadlineBoard(Guid OrganisationId, DateOnly AsOf, int Antal, int Omojliga, int IRiskzonen, IReadOnlyList<BoardRow> Rows);

/// <summary>
/// The nämndsekreterare's deadline board: every open remissvar of one organisation with its plan, riskiest
/// first. "Open" is the same data rule as the instans's lists (no answer handed in, no outcome, not återkallad).
/// One query for the rows, then <see cref="PlanQuery"/>'s batch path (a fixed number of queries however many
/// rows), then the plans — memoized by their inputs in <see cref="PlanMemo"/>, since the planner is pure and
/// a nämnd's open answers share a handful of svarsdatum and one calendar.
/// </summary>
public sealed class DeadlineBoardQuery(RemissFlowDbContext db, PlanQuery plans, PlanMemo memo, TimeProvider clock)
{
    private sealed record Open(Guid Id, string AvsandareDnr, string? Dnr, string Remiss, string Status, DateOnly Svarsdatum, string? Handlaggare, bool AnstandBegart);

    public async Task<DeadlineBoard> ForOrganisationAsync(Guid organisationId, CancellationToken ct = default)
    {
        var today = StockholmTime.Today(clock);
        var open = await (from v in db.Remissvar.AsNoTracking()
                          where v.InstansId == organisationId && v.InlamnadAt == null && v.Utfall == null && v.Status != RemissvarState.Aterkallad
                          join r in db.Remisser on v.RemissId equals r.Id
                          join u in db.Users on v.HandlaggareId equals u.Id into users
                          from u in users.DefaultIfEmpty()
                          select new Open(v.Id, v.AvsandareDnr, v.Dnr, r.Title, v.Status, v.Svarsdatum, u == null ? null : u.DisplayName,
                              db.Anstand.Any(a => a.RemissvarId == v.Id && a.Beslut == AnstandBeslut.Begart)))
            .ToListAsync(ct);

        var requests = await plans.RequestsAsync(open.Select(o => o.Id).ToList(), ct);
        var rows = new List<BoardRow>(open.Count);
        foreach (var o in open)
        {
            var entry = requests.GetValueOrDefault(o.Id);
            var plan = entry.Request is { } request ? memo.Plan(request) : null;
            rows.Add(ToRow(o, plan, plan is null ? entry.Problem ?? "Remissvaret kunde inte planeras." : null));
        }

        rows.Sort(RiskFirst);
        return new DeadlineBoard(organisationId, today, rows.Count, rows.Count(r => r.Risk == PlanStatus.Impossible), rows.Count(r => r.Risk == PlanStatus.AtRisk), rows);
    }

    private static BoardRow ToRow(Open o, Plan? plan, string? problem)
    {
        var next = plan?.Milestones.FirstOrDefault(m => m.State != MilestoneState.Done);
        return new BoardRow(o.Id, o.AvsandareDnr, o.Dnr, o.Remiss, o.Status, o.Svarsdatum, o.Handlaggare, o.AnstandBegart,
            plan?.Status, plan?.StatusLabel ?? "Ingen plan", plan?.PracticalLastDay, plan?.Sammantrade?.Datum, plan?.PapersDue, plan?.TuTillForvaltningschef,
            next is null ? null : new BoardMilestone(next.Kind, next.Label, next.Date, next.State, next.State.ToSwedish()),
            plan?.Warnings.Count ?? 0, problem);
    }

    private static int Rank(PlanStatus? risk) => risk switch
    {
        PlanStatus.Impossible => 0,
        PlanStatus.AtRisk => 1,
        null => 2,
        _ => 3,
    };

    /// <summary>Riskiest first: no meeting in time, then at risk, then unplannable, then on track; within each, the nearest next step.</summary>
    private static int RiskFirst(BoardRow a, BoardRow b)
    {
        var c = Rank(a.Risk).CompareTo(Rank(b.Risk));
        if (c != 0)
        {
            return c;
        }

        c = (a.Nasta?.Date ?? a.SistaPraktiskaDag ?? a.Svarsdatum).CompareTo(b.Nasta?.Date ?? b.SistaPraktiskaDag ?? b.Svarsdatum);
        if (c != 0)
        {
            return c;
        }

        c = a.Svarsdatum.CompareTo(b.Svarsdatum);
        return c != 0 ? c : string.CompareOrdinal(a.AvsandareDnr, b.AvsandareDnr);
    }
}
