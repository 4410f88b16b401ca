using System.Globalization;
using RemissFlow.Core.Deadlines;
using RemissFlow.Workflows.Calendar;

namespace RemissFlow.Core.Tests.Deadlines;

/// <summary>The internal svarsdatum counted back from the receiving organisation's plan, with the Swedish calendar.</summary>
[TestFixture]
public class InterntSvarsdatumTests
{
    private readonly SwedishWorkingDayCalendar _calendar = new();

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Kommunstyrelsen: papers seven working days before, omedelbar justering of remissvar, one day to send.</summary>
    private Plan KsPlan(string svarsdatum, string today, params string[] meetings) => new DeadlinePlanner(_calendar).Plan(new PlanRequest(
        D(svarsdatum),
        D(today),
        new NamndCalendar("Kommunstyrelsen", new NamndSettings(7, 5, true, 1), meetings.Select(D).ToList()),
        [],
        ForvaltningschefWorkingDays: 5,
        RiskThresholdWorkingDays: 5));

    [Test]
    public void Over_Christmas_the_count_skips_julafton_juldagen_annandagen_nyarsafton_nyarsdagen_and_trettondedagen()
    {
        // The department wants the answer Friday 22 January 2027; KS meets Wednesday 13 January.
        var plan = KsPlan("2027-01-22", "2026-11-20", "2026-12-09", "2027-01-13", "2027-02-10");

        var forslag = InterntSvarsdatum.Suggest(plan, _calendar);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Sammantrade!.Datum, Is.EqualTo(D("2027-01-13")));
            // Seven working days before 13 Jan: 12, 11, 8, 7, 5, 4 Jan (6 Jan and 1 Jan are holidays, 31 Dec an eve), then 30 Dec.
            Assert.That(plan.PapersDue, Is.EqualTo(D("2026-12-30")));
            // Five more: 29, 28, 23, 22, 21 Dec (24–27 Dec are not working days).
            Assert.That(plan.TuTillForvaltningschef, Is.EqualTo(D("2026-12-21")));
            // Ten more for compiling the answers: 18, 17, 16, 15, 14, 11, 10, 9, 8, 7 Dec.
            Assert.That(forslag.Datum, Is.EqualTo(D("2026-12-07")));
            Assert.That(forslag.Forklaring, Does.Contain("Kommunstyrelsen sammanträder 2027-01-13").And.Contain("måndag 2026-12-07"));
        });
    }

    [Test]
    public void An_ordinary_spring_remiss_counts_back_past_Kristi_himmelsfardsdag_and_forsta_maj()
    {
        var plan = KsPlan("2026-06-12", "2026-03-02", "2026-05-27", "2026-06-17");

        var forslag = InterntSvarsdatum.Suggest(plan, _calendar);

        Assert.Multiple(() =>
        {
            Assert.That(plan.PapersDue, Is.EqualTo(D("2026-05-18")));
            // 14 May 2026 is Kristi himmelsfärdsdag.
            Assert.That(plan.TuTillForvaltningschef, Is.EqualTo(D("2026-05-08")));
            // 1 May is a holiday.
            Assert.That(forslag.Datum, Is.EqualTo(D("2026-04-23")));
        });
    }

    [Test]
    public void No_meeting_before_the_external_svarsdatum_gives_no_date_and_says_why()
    {
        var plan = KsPlan("2026-06-12", "2026-03-02", "2026-06-17");

        var forslag = InterntSvarsdatum.Suggest(plan, _calendar);

        Assert.That(forslag.Datum, Is.Null);
        Assert.That(forslag.Forklaring, Is.EqualTo("Inget sammanträde i Kommunstyrelsen hinns före svarsdatum 2026-06-12; ange det interna svarsdatumet själv eller begär anstånd hos avsändaren."));
    }

    [Test]
    public void A_date_already_passed_is_not_suggested()
    {
        var plan = KsPlan("2026-06-12", "2026-04-28", "2026-05-27");

        var forslag = InterntSvarsdatum.Suggest(plan, _calendar);

        Assert.That(forslag.Datum, Is.Null);
        Assert.That(forslag.Forklaring, Does.EndWith("Det datumet har redan passerat; ange ett eget internt svarsdatum."));
    }
}
