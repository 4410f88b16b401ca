using System.Globalization;
using RemissFlow.Core.Deadlines;
using RemissFlow.Documents.Wording;
using RemissFlow.Workflows.Calendar;

namespace RemissFlow.Core.Tests.Deadlines;

[TestFixture]
public class DeadlinePlannerTests
{
    private readonly DeadlinePlanner _planner = new(new SwedishWorkingDayCalendar());

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly[] Ds(params string[] isos) => isos.Select(D).ToArray();

    // Socialnämnden 2024 as in the example TU (SOF 2024/472, KS 2023/1159): the answer went to the
    // meeting of 24 September after förvaltningsgruppen on 18 September and rådet för
    // funktionshinderfrågor on 19 September. The svarsdatum and the settings are assumptions that
    // match that outcome: answer due Monday 30 September, papers three working days before the
    // meeting, omedelbar justering for remissvar, one working day to send.
    private static NamndSettings SocialnamndenSettings(bool omedelbar = true) => new(
        PapersDueWorkingDaysBefore: 3,
        JusteringWorkingDays: 5,
        OmedelbarJusteringForRemissvar: omedelbar,
        SendingWorkingDays: 1);

    private static PlanRequest SocialnamndenRequest(string today = "2024-08-26", bool omedelbar = true) => new(
        Svarsdatum: D("2024-09-30"),
        Today: D(today),
        Namnd: new NamndCalendar(
            "Socialnämnden",
            SocialnamndenSettings(omedelbar),
            Ds("2024-08-20", "2024-09-24", "2024-10-22", "2024-11-19", "2024-12-17")),
        Beredningsorgan:
        [
            new BeredningsorganCalendar(BeredningsorganKind.Forvaltningsgrupp, "förvaltningsgruppen", 5, Ds("2024-08-14", "2024-09-18", "2024-10-16")),
            new BeredningsorganCalendar(BeredningsorganKind.RadForFunktionshinderfragor, "rådet för funktionshinderfrågor", 5, Ds("2024-08-15", "2024-09-19", "2024-10-17")),
        ],
        ForvaltningschefWorkingDays: 5,
        RiskThresholdWorkingDays: 5);

    [Test]
    public void Socialnamnden_2024_plans_the_meeting_of_24_September()
    {
        var plan = _planner.Plan(SocialnamndenRequest());

        Assert.Multiple(() =>
        {
            Assert.That(plan.Status, Is.EqualTo(PlanStatus.OnTrack));
            Assert.That(plan.StatusLabel, Is.EqualTo("I fas"));
            Assert.That(plan.SvarsdatumIsWorkingDay, Is.True);
            Assert.That(plan.PracticalLastDay, Is.EqualTo(D("2024-09-30")));
            Assert.That(plan.Sammantrade, Is.EqualTo(new ChosenSammantrade(D("2024-09-24"), true, D("2024-09-24"), D("2024-09-25"))));
            // Tue 24 Sep minus three working days.
            Assert.That(plan.PapersDue, Is.EqualTo(D("2024-09-19")));
            Assert.That(plan.Beredning.Select(b => b.Sammantrade), Is.EqualTo(new DateOnly?[] { D("2024-09-18"), D("2024-09-19") }));
            Assert.That(plan.Beredning.Select(b => b.PapersDue), Is.EqualTo(new DateOnly?[] { D("2024-09-11"), D("2024-09-12") }));
            // Five working days before the earliest papers (förvaltningsgruppen's, 11 Sep).
            Assert.That(plan.TuTillForvaltningschef, Is.EqualTo(D("2024-09-04")));
            Assert.That(plan.Alternatives, Is.Null);
            Assert.That(plan.Warnings, Is.Empty);
        });
    }

    [Test]
    public void Milestones_are_in_date_order_with_labels()
    {
        var plan = _planner.Plan(SocialnamndenRequest());

        var rows = plan.Milestones.Select(m => $"{SwedishText.IsoDate(m.Date)} {m.Label} {m.State}").ToList();

        Assert.That(rows, Is.EqualTo(new[]
        {
            "2024-09-04 Tjänsteutlåtandet till förvaltningschefen Upcoming",
            "2024-09-11 Handlingar klara till förvaltningsgruppen Upcoming",
            "2024-09-12 Handlingar klara till rådet för funktionshinderfrågor Upcoming",
            "2024-09-18 Sammanträde i förvaltningsgruppen Upcoming",
            "2024-09-19 Sammanträde i rådet för funktionshinderfrågor Upcoming",
            "2024-09-19 Handlingar klara till Socialnämnden Upcoming",
            "2024-09-24 Sammanträde i Socialnämnden Upcoming",
            "2024-09-24 Omedelbar justering Upcoming",
            "2024-09-25 Svaret skickat till avsändaren Upcoming",
        }));
    }

    [Test]
    public void A_milestone_within_the_threshold_puts_the_plan_at_risk()
    {
        // Mon 2 Sep: the TU is due Wed 4 Sep, two working days away.
        var plan = _planner.Plan(SocialnamndenRequest(today: "2024-09-02"));

        Assert.Multiple(() =>
        {
            Assert.That(plan.Status, Is.EqualTo(PlanStatus.AtRisk));
            Assert.That(plan.StatusLabel, Is.EqualTo("I riskzonen"));
            Assert.That(plan.Milestones.Single(m => m.Kind == MilestoneKind.TuTillForvaltningschef).State, Is.EqualTo(MilestoneState.DueSoon));
        });
    }

    [Test]
    public void A_missed_milestone_puts_the_plan_at_risk()
    {
        var plan = _planner.Plan(SocialnamndenRequest(today: "2024-09-05"));

        Assert.Multiple(() =>
        {
            Assert.That(plan.Status, Is.EqualTo(PlanStatus.AtRisk));
            Assert.That(plan.Milestones.Single(m => m.Kind == MilestoneKind.TuTillForvaltningschef).State, Is.EqualTo(MilestoneState.Missed));
        });
    }

    [Test]
    public void Completed_milestones_are_never_late()
    {
        var request = SocialnamndenRequest(today: "2024-09-05") with
        {
            Completed = new HashSet<MilestoneKey> { new(MilestoneKind.TuTillForvaltningschef) },
            RiskThresholdWorkingDays = 3,
        };

        var plan = _planner.Plan(request);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Milestones.Single(m => m.Kind == MilestoneKind.TuTillForvaltningschef).State, Is.EqualTo(MilestoneState.Done));
            // Förvaltningsgruppen's papers on Wed 11 Sep are four working days from Thu 5 Sep.
            Assert.That(plan.Status, Is.EqualTo(PlanStatus.OnTrack));
        });
    }

    [Test]
    public void Without_omedelbar_justering_no_meeting_fits_and_alternatives_are_given()
    {
        var plan = _planner.Plan(SocialnamndenRequest(omedelbar: false));

        Assert.Multiple(() =>
        {
            Assert.That(plan.Status, Is.EqualTo(PlanStatus.Impossible));
            Assert.That(plan.Sammantrade, Is.Null);
            Assert.That(plan.Milestones, Is.Empty);
            // 24 Sep + 5 working days justering = 1 Oct, + 1 to send = 2 Oct.
            Assert.That(plan.Alternatives!.Anstand, Is.EqualTo(new AnstandAlternative(D("2024-09-24"), D("2024-10-02"))));
            Assert.That(plan.Alternatives.Ordforandebeslut, Is.EqualTo(new OrdforandebeslutAlternative(D("2024-09-27"), D("2024-10-22"), true)));
            // 30 Sep minus 6 working days = Fri 20 Sep; papers three working days before = Tue 17 Sep.
            Assert.That(plan.Alternatives.ExtraSammantrade, Is.EqualTo(new ExtraSammantradeAlternative(D("2024-09-20"), D("2024-09-17"), true)));
        });
    }

    // A remiss arriving Monday 2 December 2024 with svarsdatum Monday 6 January 2025 (trettondedag
    // jul): five weeks over Christmas, and the nämnd does not meet in December.
    private static PlanRequest ChristmasRequest(params string[] meetings) => new(
        Svarsdatum: D("2025-01-06"),
        Today: D("2024-12-02"),
        Namnd: new NamndCalendar(
            "Kulturnämnden",
            new NamndSettings(PapersDueWorkingDaysBefore: 3, JusteringWorkingDays: 5, OmedelbarJusteringForRemissvar: false, SendingWorkingDays: 1),
            meetings.Select(D).ToArray()),
        Beredningsorgan: [new BeredningsorganCalendar(BeredningsorganKind.Samverkansgrupp, "samverkansgruppen", 5, Ds("2024-11-20", "2025-01-15"))],
        ForvaltningschefWorkingDays: 5,
        RiskThresholdWorkingDays: 5);

    [Test]
    public void Five_weeks_over_Christmas_is_impossible()
    {
        var plan = _planner.Plan(ChristmasRequest("2024-11-26", "2025-01-28", "2025-02-25"));

        Assert.Multiple(() =>
        {
            Assert.That(plan.Status, Is.EqualTo(PlanStatus.Impossible));
            Assert.That(plan.StatusLabel, Is.EqualTo("Inget sammanträde hinns"));
            Assert.That(plan.SvarsdatumIsWorkingDay, Is.False);
            Assert.That(plan.SvarsdatumNonWorkingReason, Is.EqualTo("trettondedag jul"));
            Assert.That(plan.PracticalLastDay, Is.EqualTo(D("2025-01-03")));
            Assert.That(plan.Warnings, Has.Some.Contains("trettondedag jul").And.Contains("fredag 2025-01-03"));
        });
    }

    [Test]
    public void Christmas_alternatives_have_the_right_dates()
    {
        var alternatives = _planner.Plan(ChristmasRequest("2024-11-26", "2025-01-28", "2025-02-25")).Alternatives!;

        Assert.Multiple(() =>
        {
            // Tue 28 Jan + 5 working days justering = Tue 4 Feb, sent Wed 5 Feb.
            Assert.That(alternatives.Anstand, Is.EqualTo(new AnstandAlternative(D("2025-01-28"), D("2025-02-05"))));
            // The answer must be sent Fri 3 Jan, so the ordförande decides Thu 2 Jan; reported 28 Jan.
            Assert.That(alternatives.Ordforandebeslut, Is.EqualTo(new OrdforandebeslutAlternative(D("2025-01-02"), D("2025-01-28"), true)));
            // Six working days back from Fri 3 Jan skip 1 Jan, 31 Dec and 24–26 Dec: Thu 19 Dec,
            // with papers Mon 16 Dec.
            Assert.That(alternatives.ExtraSammantrade, Is.EqualTo(new ExtraSammantradeAlternative(D("2024-12-19"), D("2024-12-16"), true)));
        });
    }

    [Test]
    public void A_December_meeting_that_fits_only_narrowly_is_at_risk()
    {
        // Tue 10 Dec: justering Tue 17 Dec, sent Wed 18 Dec; papers Thu 5 Dec, three working days away.
        var plan = _planner.Plan(ChristmasRequest("2024-11-26", "2024-12-10", "2025-01-28"));

        Assert.Multiple(() =>
        {
            Assert.That(plan.Status, Is.EqualTo(PlanStatus.AtRisk));
            Assert.That(plan.Sammantrade, Is.EqualTo(new ChosenSammantrade(D("2024-12-10"), false, D("2024-12-17"), D("2024-12-18"))));
            Assert.That(plan.PapersDue, Is.EqualTo(D("2024-12-05")));
            // Samverkansgruppen met 20 Nov, before today: not done, so missed.
            Assert.That(plan.Milestones.Single(m => m.Kind == MilestoneKind.Beredningsmote).State, Is.EqualTo(MilestoneState.Missed));
        });
    }

    [Test]
    public void When_the_practical_last_day_has_passed_only_anstand_remains()
    {
        var request = ChristmasRequest("2025-01-28") with { Today = D("2025-01-07") };

        var alternatives = _planner.Plan(request).Alternatives!;

        Assert.Multiple(() =>
        {
            Assert.That(alternatives.Anstand.NyttSvarsdatum, Is.EqualTo(D("2025-02-05")));
            Assert.That(alternatives.Ordforandebeslut.Mojligt, Is.False);
            Assert.That(alternatives.ExtraSammantrade.Mojligt, Is.False);
        });
    }

    [Test]
    public void No_coming_meetings_gives_anstand_without_a_date()
    {
        var alternatives = _planner.Plan(ChristmasRequest("2024-11-26")).Alternatives!;

        Assert.Multiple(() =>
        {
            Assert.That(alternatives.Anstand, Is.EqualTo(new AnstandAlternative(null, null)));
            Assert.That(alternatives.Ordforandebeslut.AnmalsVid, Is.Null);
        });
    }

    [Test]
    public void A_required_body_without_a_fitting_meeting_is_a_warning_and_a_risk()
    {
        var request = SocialnamndenRequest() with
        {
            Beredningsorgan = [new BeredningsorganCalendar(BeredningsorganKind.Pensionarsrad, "pensionärsrådet", 5, Ds("2024-10-01"))],
        };

        var plan = _planner.Plan(request);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Status, Is.EqualTo(PlanStatus.AtRisk));
            Assert.That(plan.Beredning.Single().Sammantrade, Is.Null);
            Assert.That(plan.Warnings, Has.One.Contains("pensionärsrådet").And.Contains("2024-09-19"));
            // Without beredning the TU is due five working days before the nämnd's own papers.
            Assert.That(plan.TuTillForvaltningschef, Is.EqualTo(D("2024-09-12")));
        });
    }

    [Test]
    public void Negative_settings_are_rejected_in_Swedish()
    {
        var request = SocialnamndenRequest() with { RiskThresholdWorkingDays = -1 };

        Assert.That(() => _planner.Plan(request), Throws.ArgumentException.With.Message.Contains("Riskgräns"));
    }

    [Test]
    public void Text_rendering_of_an_on_track_plan()
    {
        var text = PlanTextRenderer.Render(_planner.Plan(SocialnamndenRequest()), "SOF 2024/472");

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.StartWith("Plan för SOF 2024/472 – Socialnämnden\n").Or.StartWith("Plan för SOF 2024/472 – Socialnämnden\r\n"));
            Assert.That(text, Does.Contain("Svarsdatum: måndag 2024-09-30"));
            Assert.That(text, Does.Contain("Status: I fas (per 2024-08-26)"));
            Assert.That(text, Does.Contain("Nämndens sammanträde: tisdag 2024-09-24 (omedelbar justering)"));
            Assert.That(text, Does.Contain("Beredning i förvaltningsgruppen: onsdag 2024-09-18"));
            Assert.That(text, Does.Contain("Tjänsteutlåtandet till förvaltningschefen senast: onsdag 2024-09-04"));
            Assert.That(text, Does.Not.Contain("Möjliga vägar"));
        });
    }

    [Test]
    public void Text_rendering_of_an_impossible_plan_lists_the_alternatives()
    {
        var text = PlanTextRenderer.Render(_planner.Plan(ChristmasRequest("2024-11-26", "2025-01-28", "2025-02-25")));

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("Svarsdatum: måndag 2025-01-06 (trettondedag jul; sista praktiska dag fredag 2025-01-03)"));
            Assert.That(text, Does.Contain("Status: Inget sammanträde hinns"));
            Assert.That(text, Does.Contain("begär anstånd hos avsändaren till onsdag 2025-02-05"));
            Assert.That(text, Does.Contain("ordföranden beslutar senast torsdag 2025-01-02; beslutet anmäls vid nämndens sammanträde tisdag 2025-01-28"));
            Assert.That(text, Does.Contain("Extra sammanträde: senast torsdag 2024-12-19, med handlingar klara måndag 2024-12-16"));
        });
    }

    [Test]
    public void Swedish_long_dates()
    {
        Assert.That(SwedishText.FormalDate(D("2026-04-24")), Is.EqualTo("den 24 april 2026"));
    }

    // Issue 13: the plan marked milestones dated before the remiss arrived as missed.
    [Test]
    public void A_milestone_dated_before_the_remiss_arrived_is_not_missed()
    {
        var plan = _planner.Plan(SocialnamndenRequest(today: "2024-09-09") with { Mottagen = D("2024-09-06") });

        var tu = plan.Milestones.Single(m => m.Kind == MilestoneKind.TuTillForvaltningschef);
        Assert.Multiple(() =>
        {
            Assert.That(tu.Date, Is.EqualTo(D("2024-09-04")), "the TU milestone lies before the arrival on 6 September");
            Assert.That(tu.State, Is.Not.EqualTo(MilestoneState.Missed));
            Assert.That(tu.State.ToSwedish(), Is.EqualTo("före remissen"));
        });
    }

    [Test]
    public void A_milestone_passed_after_the_remiss_arrived_is_still_missed()
    {
        var plan = _planner.Plan(SocialnamndenRequest(today: "2024-09-09") with { Mottagen = D("2024-08-20") });

        Assert.That(plan.Milestones.Single(m => m.Kind == MilestoneKind.TuTillForvaltningschef).State, Is.EqualTo(MilestoneState.Missed));
    }

    // Issue 13: the plan ignored the extra meeting where the ärende was actually decided.
    [Test]
    public void The_plan_follows_the_extra_meeting_where_the_arende_was_decided()
    {
        var request = SocialnamndenRequest(today: "2024-09-16");
        request = request with
        {
            Namnd = request.Namnd with { Sammantraden = [.. request.Namnd.Sammantraden, D("2024-09-10")] },
            Beslutsmote = D("2024-09-10"),
            Completed = new HashSet<MilestoneKey> { new(MilestoneKind.TuTillForvaltningschef), new(MilestoneKind.HandlingarNamnd), new(MilestoneKind.Namndsammantrade) },
        };

        var plan = _planner.Plan(request);

        var meeting = plan.Milestones.Single(m => m.Kind == MilestoneKind.Namndsammantrade);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Sammantrade?.Datum, Is.EqualTo(D("2024-09-10")));
            Assert.That((meeting.Date, meeting.State), Is.EqualTo((D("2024-09-10"), MilestoneState.Done)));
            Assert.That(plan.Milestones.Single(m => m.Kind == MilestoneKind.Justering).Date, Is.EqualTo(D("2024-09-10")), "omedelbar justering at the extra meeting");
        });
    }

    // Issue 13: warnings about a beredning body stayed after its passage was recorded.
    [Test]
    public void No_beredning_warning_once_the_passage_is_recorded()
    {
        var request = SocialnamndenRequest() with
        {
            Beredningsorgan = [new BeredningsorganCalendar(BeredningsorganKind.Forvaltningsgrupp, "förvaltningsgruppen", 5, [])],
        };
        Assert.That(_planner.Plan(request).Warnings, Has.Some.Contains("förvaltningsgruppen"), "without the passage the warning is right");

        var plan = _planner.Plan(request with
        {
            Completed = new HashSet<MilestoneKey> { new(MilestoneKind.HandlingarBeredning, "förvaltningsgruppen"), new(MilestoneKind.Beredningsmote, "förvaltningsgruppen") },
        });

        Assert.Multiple(() =>
        {
            Assert.That(plan.Warnings, Has.None.Contains("förvaltningsgruppen"));
            Assert.That(plan.Status, Is.EqualTo(PlanStatus.OnTrack));
        });
    }
}
