using RemissFlow.Workflows.Calendar;

namespace RemissFlow.Workflows.Tests.Calendar;

[TestFixture]
public class SwedishWorkingDayCalendarTests
{
    private readonly SwedishWorkingDayCalendar _calendar = new();

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [TestCase("2026-04-02", true, TestName = "Skärtorsdagen is a working day")]
    [TestCase("2026-04-03", false, TestName = "Långfredagen")]
    [TestCase("2026-04-06", false, TestName = "Annandag påsk")]
    [TestCase("2026-04-07", true, TestName = "Tuesday after Easter")]
    [TestCase("2026-06-19", false, TestName = "Midsommarafton")]
    [TestCase("2026-06-18", true, TestName = "Thursday before midsummer")]
    [TestCase("2025-12-24", false, TestName = "Julafton on a Wednesday")]
    [TestCase("2025-12-31", false, TestName = "Nyårsafton on a Wednesday")]
    [TestCase("2025-12-30", true, TestName = "Mellandagarna are working days")]
    [TestCase("2026-01-06", false, TestName = "Trettondedag jul")]
    [TestCase("2026-05-14", false, TestName = "Kristi himmelfärdsdag")]
    [TestCase("2026-05-15", true, TestName = "Klämdag after Ascension is a working day")]
    [TestCase("2026-06-06", false, TestName = "Nationaldagen on a Saturday")]
    [TestCase("2024-11-02", false, TestName = "Saturday")]
    [TestCase("2024-11-01", true, TestName = "Friday before alla helgons dag")]
    public void Knows_working_days(string date, bool expected)
    {
        Assert.That(_calendar.IsWorkingDay(D(date)), Is.EqualTo(expected));
    }

    [Test]
    public void Adding_across_Easter_skips_Good_Friday_and_Easter_Monday()
    {
        // Thu 2 April 2026 + 1 = Tue 7 April (Fri 3, Sat, Sun, Mon 6 are free).
        Assert.That(_calendar.AddWorkingDays(D("2026-04-02"), 1), Is.EqualTo(D("2026-04-07")));
    }

    [Test]
    public void Subtracting_across_Easter_is_the_inverse()
    {
        Assert.That(_calendar.AddWorkingDays(D("2026-04-07"), -1), Is.EqualTo(D("2026-04-02")));
    }

    [Test]
    public void Adding_across_midsummer_skips_the_eve()
    {
        // Thu 18 June 2026 + 1 = Mon 22 June.
        Assert.That(_calendar.AddWorkingDays(D("2026-06-18"), 1), Is.EqualTo(D("2026-06-22")));
    }

    [Test]
    public void Ten_working_days_over_Christmas_and_New_Year()
    {
        // From Fri 19 Dec 2025: 22, 23, (24-26 free), 29, 30, (31, 1 free), 2, 5, (6 free), 7, 8, 9, 12.
        Assert.That(_calendar.AddWorkingDays(D("2025-12-19"), 10), Is.EqualTo(D("2026-01-12")));
    }

    [Test]
    public void Ten_working_days_back_over_Christmas_and_New_Year()
    {
        Assert.That(_calendar.AddWorkingDays(D("2026-01-12"), -10), Is.EqualTo(D("2025-12-19")));
    }

    [Test]
    public void Adding_zero_returns_the_date_itself_even_on_a_holiday()
    {
        Assert.That(_calendar.AddWorkingDays(D("2025-12-25"), 0), Is.EqualTo(D("2025-12-25")));
    }

    [Test]
    public void Adding_from_a_holiday_counts_from_the_next_working_day()
    {
        // From juldagen 2025 (Thu): next working day Mon 29 Dec is the first.
        Assert.That(_calendar.AddWorkingDays(D("2025-12-25"), 1), Is.EqualTo(D("2025-12-29")));
    }

    [Test]
    public void Counting_over_Christmas_excludes_the_eves()
    {
        // (19 Dec 2025, 12 Jan 2026] has 10 working days, as above.
        Assert.Multiple(() =>
        {
            Assert.That(_calendar.CountWorkingDays(D("2025-12-19"), D("2026-01-12")), Is.EqualTo(10));
            Assert.That(_calendar.CountWorkingDays(D("2026-01-12"), D("2025-12-19")), Is.EqualTo(-10));
            Assert.That(_calendar.CountWorkingDays(D("2025-12-23"), D("2025-12-23")), Is.EqualTo(0));
        });
    }

    [Test]
    public void Counting_the_whole_of_2026()
    {
        // 261 weekdays in 2026, minus the holidays and eves that fall on weekdays:
        // 1 Jan, 6 Jan, 3 Apr, 6 Apr, 1 May, 14 May, 19 Jun (eve), 24 Dec, 25 Dec, 31 Dec = 10
        // (nationaldagen, midsommardagen, alla helgons dag are Saturdays; annandag jul a Saturday).
        Assert.That(_calendar.CountWorkingDays(D("2025-12-31"), D("2026-12-31")), Is.EqualTo(251));
    }

    [Test]
    public void Count_and_add_agree_on_many_spans()
    {
        // From a working day, Add and Count are inverses in both directions; from a holiday the
        // half-open range (to, from] makes backward counts one short, as the contract says.
        var start = D("2024-01-02");
        Assert.Multiple(() =>
        {
            for (int n = -400; n <= 400; n += 7)
            {
                var end = _calendar.AddWorkingDays(start, n);
                Assert.That(_calendar.CountWorkingDays(start, end), Is.EqualTo(n), $"n={n}");
            }
        });
    }

    [Test]
    public void Next_and_previous_working_day_around_New_Year()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_calendar.NextWorkingDay(D("2025-12-31")), Is.EqualTo(D("2026-01-02")));
            Assert.That(_calendar.PreviousWorkingDay(D("2026-01-01")), Is.EqualTo(D("2025-12-30")));
            Assert.That(_calendar.PreviousWorkingDay(D("2025-12-26")), Is.EqualTo(D("2025-12-23")));
            Assert.That(_calendar.NextWorkingDay(D("2025-12-23")), Is.EqualTo(D("2025-12-23")));
        });
    }

    [Test]
    public void Previous_working_day_before_midsummer_and_Easter()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_calendar.PreviousWorkingDay(D("2026-06-21")), Is.EqualTo(D("2026-06-18")));
            Assert.That(_calendar.PreviousWorkingDay(D("2026-04-06")), Is.EqualTo(D("2026-04-02")));
            Assert.That(_calendar.NextWorkingDay(D("2026-04-03")), Is.EqualTo(D("2026-04-07")));
        });
    }

    [Test]
    public void Non_working_reason_is_in_Swedish()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_calendar.NonWorkingReason(D("2025-12-24")), Is.EqualTo("julafton"));
            Assert.That(_calendar.NonWorkingReason(D("2026-03-07")), Is.EqualTo("lördag"));
            Assert.That(_calendar.NonWorkingReason(D("2026-03-08")), Is.EqualTo("söndag"));
            Assert.That(_calendar.NonWorkingReason(D("2026-03-09")), Is.Null);
        });
    }

    [Test]
    public void Is_usable_through_the_interface()
    {
        IWorkingDayCalendar calendar = _calendar;

        // Fri 20 Dec 2024: Mon 23, (24-26 free), Fri 27, Mon 30.
        Assert.That(calendar.AddWorkingDays(D("2024-12-20"), 3), Is.EqualTo(D("2024-12-30")));
    }
}
