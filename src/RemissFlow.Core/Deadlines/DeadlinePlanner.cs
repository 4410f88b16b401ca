using RemissFlow.Documents.Wording;
using RemissFlow.Workflows.Calendar;

namespace RemissFlow.Core.Deadlines;

/// <summary>
/// Plans a remissvar backwards from svarsdatum: the last nämnd meeting that still gets the answer out
/// in time, the beredning meetings before it, the papers deadline and the day the TU goes to the
/// förvaltningschef. Pure: the caller loads the calendars and recomputes whenever a meeting, the
/// svarsdatum or an anstånd changes.
/// </summary>
public sealed class DeadlinePlanner(IWorkingDayCalendar calendar)
{
    public Plan Plan(PlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);

        var settings = request.Namnd.Settings;
        bool svarsdatumIsWorkingDay = calendar.IsWorkingDay(request.Svarsdatum);
        // A deadline on a weekend or holiday cannot be met on the day itself: the registry is closed.
        var practicalLastDay = calendar.PreviousWorkingDay(request.Svarsdatum);
        var warnings = new List<string>();
        string? nonWorkingReason = null;
        if (!svarsdatumIsWorkingDay)
        {
            nonWorkingReason = DescribeNonWorkingDay(request.Svarsdatum);
            warnings.Add(
                $"Svarsdatum {SwedishText.IsoDate(request.Svarsdatum)} infaller på {nonWorkingReason}, som inte är en arbetsdag. " +
                $"Sista praktiska dag är {SwedishText.WithWeekday(practicalLastDay)}.");
        }

        var upcoming = request.Namnd.Sammantraden
            .Where(d => d >= request.Today)
            .Distinct()
            .Order()
            .ToList();

        // Once the ärende is on a meeting's föredragningslista (or was decided there, extra meetings
        // included), that meeting is the plan: the nämnd will not decide it twice.
        var chosen = request.Beslutsmote is { } placed
            ? ChooseJustering(placed)
            : upcoming
                .Select(ChooseJustering)
                .LastOrDefault(c => c.Skickat <= practicalLastDay);
        if (request.Beslutsmote is not null && chosen!.Skickat > practicalLastDay && !request.Completed.Contains(new MilestoneKey(MilestoneKind.Expediering)))
        {
            warnings.Add(
                $"Ärendet står på sammanträdet {SwedishText.IsoDate(chosen.Datum)}; svaret hinner då inte fram till sista praktiska dag {SwedishText.IsoDate(practicalLastDay)}. " +
                "Begär anstånd eller välj ett tidigare sammanträde.");
        }

        if (chosen is null)
        {
            return new Plan(
                request.Namnd.Namn,
                request.Today,
                request.Svarsdatum,
                svarsdatumIsWorkingDay,
                nonWorkingReason,
                practicalLastDay,
                PlanStatus.Impossible,
                Sammantrade: null,
                Beredning: [],
                PapersDue: null,
                TuTillForvaltningschef: null,
                Milestones: [],
                warnings,
                Alternatives(request, upcoming, practicalLastDay));
        }

        var papersDue = calendar.AddWorkingDays(chosen.Datum, -settings.PapersDueWorkingDaysBefore);
        var beredning = request.Beredningsorgan.Select(organ => PlanBeredning(organ, papersDue)).ToList();
        // A body whose passage is recorded needs no meeting any more: no warning, no risk.
        bool Passed(BeredningStep b) => request.Completed.Contains(new MilestoneKey(MilestoneKind.Beredningsmote, b.Organ.Namn));
        foreach (var missing in beredning.Where(b => b.Sammantrade is null && !Passed(b)))
        {
            warnings.Add(
                $"Inget sammanträde i {missing.Organ.Namn} ligger före nämndens handlingsdag {SwedishText.IsoDate(papersDue)}. " +
                "Lägg in ett sammanträde eller ta ärendet utan den beredningen.");
        }

        // The förvaltningschef signs the TU before it goes anywhere, so the earliest papers deadline counts.
        var earliestPapers = beredning
            .Where(b => b.PapersDue is not null)
            .Select(b => b.PapersDue!.Value)
            .Append(papersDue)
            .Min();
        var tuDue = calendar.AddWorkingDays(earliestPapers, -request.ForvaltningschefWorkingDays);

        var milestones = new List<Milestone>
        {
            Milestone(request, MilestoneKind.TuTillForvaltningschef, tuDue, "Tjänsteutlåtandet till förvaltningschefen", null),
        };
        foreach (var step in beredning.Where(b => b.Sammantrade is not null))
        {
            milestones.Add(Milestone(request, MilestoneKind.HandlingarBeredning, step.PapersDue!.Value, $"Handlingar klara till {step.Organ.Namn}", step.Organ.Namn));
            milestones.Add(Milestone(request, MilestoneKind.Beredningsmote, step.Sammantrade!.Value, $"Sammanträde i {step.Organ.Namn}", step.Organ.Namn));
        }

        milestones.Add(Milestone(request, MilestoneKind.HandlingarNamnd, papersDue, $"Handlingar klara till {request.Namnd.Namn}", null));
        milestones.Add(Milestone(request, MilestoneKind.Namndsammantrade, chosen.Datum, $"Sammanträde i {request.Namnd.Namn}", null));
        milestones.Add(Milestone(request, MilestoneKind.Justering, chosen.Justering, chosen.OmedelbarJustering ? "Omedelbar justering" : "Protokollet justeras", null));
        milestones.Add(Milestone(request, MilestoneKind.Expediering, chosen.Skickat, "Svaret skickat till avsändaren", null));
        milestones.Sort((a, b) => a.Date.CompareTo(b.Date));

        bool atRisk = milestones.Any(m => m.State is MilestoneState.DueSoon or MilestoneState.Missed)
            || beredning.Any(b => b.Sammantrade is null && !Passed(b))
            || chosen.Skickat > practicalLastDay;

        return new Plan(
            request.Namnd.Namn,
            request.Today,
            request.Svarsdatum,
            svarsdatumIsWorkingDay,
            nonWorkingReason,
            practicalLastDay,
            atRisk ? PlanStatus.AtRisk : PlanStatus.OnTrack,
            chosen,
            beredning,
            papersDue,
            tuDue,
            milestones,
            warnings,
            Alternatives: null);

        ChosenSammantrade ChooseJustering(DateOnly meeting)
        {
            bool omedelbar = settings.OmedelbarJusteringForRemissvar;
            var justering = omedelbar ? meeting : calendar.AddWorkingDays(meeting, settings.JusteringWorkingDays);
            return new ChosenSammantrade(meeting, omedelbar, justering, calendar.AddWorkingDays(justering, settings.SendingWorkingDays));
        }
    }

    private BeredningStep PlanBeredning(BeredningsorganCalendar organ, DateOnly namndPapersDue)
    {
        // Past beredning meetings count too: the ärende may already have passed them.
        // "On or before" because the passage only has to have happened when the nämnd's papers leave.
        DateOnly? meeting = organ.Sammantraden.Where(d => d <= namndPapersDue).Order().Cast<DateOnly?>().LastOrDefault();
        return meeting is null
            ? new BeredningStep(organ, null, null)
            : new BeredningStep(organ, meeting, calendar.AddWorkingDays(meeting.Value, -organ.PapersDueWorkingDaysBefore));
    }

    private Milestone Milestone(PlanRequest request, MilestoneKind kind, DateOnly date, string label, string? organ)
    {
        // Only the förvaltning's own preparation can be "due soon"; meetings, justering and sending
        // follow on their own once the papers are in, but any of them passed without being done is missed.
        bool preparation = kind is MilestoneKind.TuTillForvaltningschef or MilestoneKind.HandlingarBeredning or MilestoneKind.HandlingarNamnd;
        MilestoneState state;
        if (request.Completed.Contains(new MilestoneKey(kind, organ)))
        {
            state = MilestoneState.Done;
        }
        else if (date < request.Today && request.Mottagen is { } mottagen && date < mottagen)
        {
            // The remiss had not arrived yet: nobody could have met this date, so it is not a miss.
            state = MilestoneState.BeforeArrival;
        }
        else if (date < request.Today)
        {
            state = MilestoneState.Missed;
        }
        else if (preparation && calendar.CountWorkingDays(request.Today, date) <= request.RiskThresholdWorkingDays)
        {
            state = MilestoneState.DueSoon;
        }
        else
        {
            state = MilestoneState.Upcoming;
        }

        return new Milestone(kind, date, label, organ, state);
    }

    private PlanAlternatives Alternatives(PlanRequest request, List<DateOnly> upcoming, DateOnly practicalLastDay)
    {
        var settings = request.Namnd.Settings;
        int justeringDays = settings.OmedelbarJusteringForRemissvar ? 0 : settings.JusteringWorkingDays;

        // Anstånd: the first coming meeting whose papers deadline has not passed is the earliest real answer.
        DateOnly? anstandMeeting = upcoming
            .Where(d => calendar.AddWorkingDays(d, -settings.PapersDueWorkingDaysBefore) >= request.Today)
            .Cast<DateOnly?>()
            .FirstOrDefault();
        DateOnly? nyttSvarsdatum = anstandMeeting is null
            ? null
            : calendar.AddWorkingDays(calendar.AddWorkingDays(anstandMeeting.Value, justeringDays), settings.SendingWorkingDays);

        // An ordförandebeslut needs no justering by the nämnd, only sending.
        var beslutSenast = calendar.AddWorkingDays(practicalLastDay, -settings.SendingWorkingDays);
        DateOnly? anmalsVid = upcoming.Where(d => d > beslutSenast).Cast<DateOnly?>().FirstOrDefault();

        var extraSenast = calendar.AddWorkingDays(practicalLastDay, -(settings.SendingWorkingDays + justeringDays));
        var extraPapers = calendar.AddWorkingDays(extraSenast, -settings.PapersDueWorkingDaysBefore);

        return new PlanAlternatives(
            new AnstandAlternative(anstandMeeting, nyttSvarsdatum),
            new OrdforandebeslutAlternative(beslutSenast, anmalsVid, beslutSenast >= request.Today),
            new ExtraSammantradeAlternative(extraSenast, extraPapers, extraPapers >= request.Today));
    }

    private static string DescribeNonWorkingDay(DateOnly date) =>
        SwedishHolidays.Find(date)?.Name ?? SwedishText.Weekday(date);

    private static void Validate(PlanRequest request)
    {
        var s = request.Namnd.Settings;
        ThrowIfNegative(s.PapersDueWorkingDaysBefore, "Handlingsdagar före sammanträdet");
        ThrowIfNegative(s.JusteringWorkingDays, "Arbetsdagar till justering");
        ThrowIfNegative(s.SendingWorkingDays, "Arbetsdagar för att skicka svaret");
        ThrowIfNegative(request.ForvaltningschefWorkingDays, "Arbetsdagar hos förvaltningschefen");
        ThrowIfNegative(request.RiskThresholdWorkingDays, "Riskgräns i arbetsdagar");
        foreach (var organ in request.Beredningsorgan)
        {
            ThrowIfNegative(organ.PapersDueWorkingDaysBefore, $"Handlingsdagar före sammanträdet i {organ.Namn}");
        }

        static void ThrowIfNegative(int value, string what)
        {
            if (value < 0)
            {
                throw new ArgumentException($"{what} kan inte vara negativt ({value}).");
            }
        }
    }
}
