namespace RemissFlow.Core.Deadlines;

/// <summary>How a nämnd handles its meetings, as its nämndsekreterare sets it up.</summary>
/// <param name="PapersDueWorkingDaysBefore">Handlingar must be ready this many working days before the sammanträde.</param>
/// <param name="JusteringWorkingDays">Working days from the sammanträde until the protokoll is usually justerat.</param>
/// <param name="OmedelbarJusteringForRemissvar">Remissvar paragraphs are justerade at the meeting itself.</param>
/// <param name="SendingWorkingDays">Working days from justering until the protokollsutdrag and TU have been sent to the sender.</param>
public sealed record NamndSettings(
    int PapersDueWorkingDaysBefore,
    int JusteringWorkingDays,
    bool OmedelbarJusteringForRemissvar,
    int SendingWorkingDays);

/// <summary>The nämnd that answers, with its settings and its sammanträden (any order; past ones are ignored).</summary>
public sealed record NamndCalendar(string Namn, NamndSettings Settings, IReadOnlyList<DateOnly> Sammantraden);

public enum BeredningsorganKind
{
    Forvaltningsgrupp,
    Samverkansgrupp,
    RadForFunktionshinderfragor,
    Pensionarsrad,
}

/// <summary>A beredning body the förvaltning requires before the nämnd, with its own papers lead time.</summary>
public sealed record BeredningsorganCalendar(
    BeredningsorganKind Kind,
    string Namn,
    int PapersDueWorkingDaysBefore,
    IReadOnlyList<DateOnly> Sammantraden);

public enum MilestoneKind
{
    TuTillForvaltningschef,
    HandlingarBeredning,
    Beredningsmote,
    HandlingarNamnd,
    Namndsammantrade,
    Justering,
    Expediering,
}

/// <summary>Identifies a milestone across recomputations; beredning milestones are per body (by name).</summary>
public readonly record struct MilestoneKey(MilestoneKind Kind, string? Organ = null);

/// <param name="Svarsdatum">The remissvar's current svarsdatum (after any anstånd).</param>
/// <param name="Today">The planner never reads the clock, so plans are reproducible and testable.</param>
/// <param name="ForvaltningschefWorkingDays">Working days the förvaltningschef needs with the TU before the first papers are due.</param>
/// <param name="RiskThresholdWorkingDays">A preparation milestone this close (or missed) puts the plan at risk.</param>
public sealed record PlanRequest(
    DateOnly Svarsdatum,
    DateOnly Today,
    NamndCalendar Namnd,
    IReadOnlyList<BeredningsorganCalendar> Beredningsorgan,
    int ForvaltningschefWorkingDays,
    int RiskThresholdWorkingDays)
{
    /// <summary>Milestones already done (TU approved, papers sent, ...); they are never late.</summary>
    public IReadOnlySet<MilestoneKey> Completed { get; init; } = new HashSet<MilestoneKey>();

    /// <summary>The day the remiss reached the instans; a milestone dated before it could never be met, so it is not "missed".</summary>
    public DateOnly? Mottagen { get; init; }

    /// <summary>The nämnd meeting the ärende is on (or was decided at), extra meetings included; the plan follows it.</summary>
    public DateOnly? Beslutsmote { get; init; }
}

public enum PlanStatus
{
    OnTrack,
    AtRisk,
    Impossible,
}

public enum MilestoneState
{
    Done,
    Upcoming,
    DueSoon,
    Missed,

    /// <summary>Dated before the remiss reached the instans: could never have been met, so not a miss.</summary>
    BeforeArrival,
}

public sealed record Milestone(MilestoneKind Kind, DateOnly Date, string Label, string? Organ, MilestoneState State)
{
    public MilestoneKey Key => new(Kind, Organ);
}

/// <summary>The nämnd meeting the plan aims for, with when the answer is justerat and sent.</summary>
public sealed record ChosenSammantrade(DateOnly Datum, bool OmedelbarJustering, DateOnly Justering, DateOnly Skickat);

/// <summary>One required beredning body: its meeting before the nämnd's papers deadline, or null when none fits.</summary>
public sealed record BeredningStep(BeredningsorganCalendar Organ, DateOnly? Sammantrade, DateOnly? PapersDue);

/// <param name="Sammantrade">The nämnd meeting the anstånd aims for; null when no later meeting is known.</param>
/// <param name="NyttSvarsdatum">The date to ask the sender for: when that meeting's answer has been justerat and sent.</param>
public sealed record AnstandAlternative(DateOnly? Sammantrade, DateOnly? NyttSvarsdatum);

/// <param name="BeslutSenast">The ordförande must decide by this day for the answer to be sent by the practical last day.</param>
/// <param name="AnmalsVid">The nämnd meeting the decision is reported at; null when none is known.</param>
public sealed record OrdforandebeslutAlternative(DateOnly BeslutSenast, DateOnly? AnmalsVid, bool Mojligt);

/// <param name="SenastDatum">The latest day an extra nämnd meeting could be held and still answer in time.</param>
public sealed record ExtraSammantradeAlternative(DateOnly SenastDatum, DateOnly PapersDue, bool Mojligt);

public sealed record PlanAlternatives(
    AnstandAlternative Anstand,
    OrdforandebeslutAlternative Ordforandebeslut,
    ExtraSammantradeAlternative ExtraSammantrade);

public sealed record Plan(
    string Namnd,
    DateOnly Today,
    DateOnly Svarsdatum,
    bool SvarsdatumIsWorkingDay,
    string? SvarsdatumNonWorkingReason,
    DateOnly PracticalLastDay,
    PlanStatus Status,
    ChosenSammantrade? Sammantrade,
    IReadOnlyList<BeredningStep> Beredning,
    DateOnly? PapersDue,
    DateOnly? TuTillForvaltningschef,
    IReadOnlyList<Milestone> Milestones,
    IReadOnlyList<string> Warnings,
    PlanAlternatives? Alternatives)
{
    public string StatusLabel => Status.ToSwedish();
}

public static class PlanStatusExtensions
{
    public static string ToSwedish(this PlanStatus status) => status switch
    {
        PlanStatus.OnTrack => "I fas",
        PlanStatus.AtRisk => "I riskzonen",
        PlanStatus.Impossible => "Inget sammanträde hinns",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string ToSwedish(this MilestoneState state) => state switch
    {
        MilestoneState.Done => "klar",
        MilestoneState.Upcoming => "kommande",
        MilestoneState.DueSoon => "snart",
        MilestoneState.Missed => "missad",
        MilestoneState.BeforeArrival => "före remissen",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
