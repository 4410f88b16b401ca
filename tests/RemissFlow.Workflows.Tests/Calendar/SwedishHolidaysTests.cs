using RemissFlow.Workflows.Calendar;

namespace RemissFlow.Workflows.Tests.Calendar;

[TestFixture]
public class SwedishHolidaysTests
{
    // Written out from the published Swedish almanac (not computed), one row per year:
    // långfredagen, Kristi himmelfärdsdag, pingstdagen, midsommardagen, alla helgons dag.
    // Påskdagen, annandag påsk and midsommarafton follow from these, and the fixed-date
    // days are the same every year.
    private static readonly (int Year, string Langfredagen, string Himmelfard, string Pingst, string Midsommardagen, string AllaHelgon)[] PublishedMovable =
    [
        (2024, "2024-03-29", "2024-05-09", "2024-05-19", "2024-06-22", "2024-11-02"),
        (2025, "2025-04-18", "2025-05-29", "2025-06-08", "2025-06-21", "2025-11-01"),
        (2026, "2026-04-03", "2026-05-14", "2026-05-24", "2026-06-20", "2026-10-31"),
        (2027, "2027-03-26", "2027-05-06", "2027-05-16", "2027-06-26", "2027-11-06"),
        (2028, "2028-04-14", "2028-05-25", "2028-06-04", "2028-06-24", "2028-11-04"),
        (2029, "2029-03-30", "2029-05-10", "2029-05-20", "2029-06-23", "2029-11-03"),
        (2030, "2030-04-19", "2030-05-30", "2030-06-09", "2030-06-22", "2030-11-02"),
        (2031, "2031-04-11", "2031-05-22", "2031-06-01", "2031-06-21", "2031-11-01"),
        (2032, "2032-03-26", "2032-05-06", "2032-05-16", "2032-06-26", "2032-11-06"),
        (2033, "2033-04-15", "2033-05-26", "2033-06-05", "2033-06-25", "2033-11-05"),
        (2034, "2034-04-07", "2034-05-18", "2034-05-28", "2034-06-24", "2034-11-04"),
        (2035, "2035-03-23", "2035-05-03", "2035-05-13", "2035-06-23", "2035-11-03"),
    ];

    // Easter Sundays from the almanac, as a second written source for the computus.
    private static readonly Dictionary<int, string> PublishedEaster = new()
    {
        [2024] = "2024-03-31", [2025] = "2025-04-20", [2026] = "2026-04-05", [2027] = "2027-03-28",
        [2028] = "2028-04-16", [2029] = "2029-04-01", [2030] = "2030-04-21", [2031] = "2031-04-13",
        [2032] = "2032-03-28", [2033] = "2033-04-17", [2034] = "2034-04-09", [2035] = "2035-03-25",
    };

    private static IEnumerable<int> PublishedYears() => PublishedMovable.Select(r => r.Year);

    [TestCaseSource(nameof(PublishedYears))]
    public void Year_matches_the_published_calendar(int year)
    {
        var row = PublishedMovable.Single(r => r.Year == year);
        var langfredagen = DateOnly.Parse(row.Langfredagen);
        var midsommardagen = DateOnly.Parse(row.Midsommardagen);
        var expected = new List<(string, string)>
        {
            ($"{year}-01-01", "nyårsdagen"),
            ($"{year}-01-06", "trettondedag jul"),
            (row.Langfredagen, "långfredagen"),
            (Iso(langfredagen.AddDays(2)), "påskdagen"),
            (Iso(langfredagen.AddDays(3)), "annandag påsk"),
            ($"{year}-05-01", "första maj"),
            (row.Himmelfard, "Kristi himmelfärdsdag"),
            (row.Pingst, "pingstdagen"),
            ($"{year}-06-06", "Sveriges nationaldag"),
            (Iso(midsommardagen.AddDays(-1)), "midsommarafton"),
            (row.Midsommardagen, "midsommardagen"),
            (row.AllaHelgon, "alla helgons dag"),
            ($"{year}-12-24", "julafton"),
            ($"{year}-12-25", "juldagen"),
            ($"{year}-12-26", "annandag jul"),
            ($"{year}-12-31", "nyårsafton"),
        };
        expected.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));

        var actual = SwedishHolidays.ForYear(year).Select(h => (Iso(h.Date), h.Name)).ToList();

        Assert.That(actual, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(PublishedYears))]
    public void Easter_matches_the_almanac(int year)
    {
        Assert.That(Iso(SwedishHolidays.EasterSunday(year)), Is.EqualTo(PublishedEaster[year]));
    }

    [Test]
    public void Computus_agrees_with_an_independent_algorithm_for_four_centuries()
    {
        var disagreements = Enumerable.Range(1700, 400)
            .Where(y => SwedishHolidays.EasterSunday(y) != OudinEaster(y))
            .ToList();

        Assert.That(disagreements, Is.Empty);
    }

    [Test]
    public void Movable_days_keep_their_weekdays_and_windows_for_a_century()
    {
        foreach (var year in Enumerable.Range(2000, 100))
        {
            var byName = SwedishHolidays.ForYear(year).ToDictionary(h => h.Name, h => h.Date);
            Assert.Multiple(() =>
            {
                Assert.That(byName["långfredagen"].DayOfWeek, Is.EqualTo(DayOfWeek.Friday), $"{year}");
                Assert.That(byName["påskdagen"].DayOfWeek, Is.EqualTo(DayOfWeek.Sunday), $"{year}");
                Assert.That(byName["annandag påsk"].DayOfWeek, Is.EqualTo(DayOfWeek.Monday), $"{year}");
                Assert.That(byName["Kristi himmelfärdsdag"].DayOfWeek, Is.EqualTo(DayOfWeek.Thursday), $"{year}");
                Assert.That(byName["pingstdagen"].DayOfWeek, Is.EqualTo(DayOfWeek.Sunday), $"{year}");
                Assert.That(byName["midsommarafton"].DayOfWeek, Is.EqualTo(DayOfWeek.Friday), $"{year}");
                Assert.That(byName["midsommardagen"], Is.InRange(new DateOnly(year, 6, 20), new DateOnly(year, 6, 26)), $"{year}");
                Assert.That(byName["midsommardagen"].DayOfWeek, Is.EqualTo(DayOfWeek.Saturday), $"{year}");
                Assert.That(byName["alla helgons dag"], Is.InRange(new DateOnly(year, 10, 31), new DateOnly(year, 11, 6)), $"{year}");
                Assert.That(byName["alla helgons dag"].DayOfWeek, Is.EqualTo(DayOfWeek.Saturday), $"{year}");
            });
        }
    }

    [Test]
    public void Free_eves_are_marked_as_eves_and_the_rest_as_holidays()
    {
        var kinds = SwedishHolidays.ForYear(2026).ToDictionary(h => h.Name, h => h.Kind);

        Assert.Multiple(() =>
        {
            Assert.That(
                kinds.Where(k => k.Value == SwedishHolidayKind.Helgafton).Select(k => k.Key),
                Is.EquivalentTo(new[] { "midsommarafton", "julafton", "nyårsafton" }));
            Assert.That(kinds.Count(k => k.Value == SwedishHolidayKind.Helgdag), Is.EqualTo(13));
        });
    }

    [Test]
    public void Ascension_on_first_of_May_keeps_both_names()
    {
        // 2008: Easter 23 March, so Kristi himmelfärdsdag fell on första maj.
        var onMayFirst = SwedishHolidays.ForYear(2008).Where(h => h.Date == new DateOnly(2008, 5, 1)).Select(h => h.Name);

        Assert.That(onMayFirst, Is.EquivalentTo(new[] { "första maj", "Kristi himmelfärdsdag" }));
    }

    [Test]
    public void Find_names_the_day_or_returns_null()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SwedishHolidays.Find(new DateOnly(2026, 6, 19))?.Name, Is.EqualTo("midsommarafton"));
            Assert.That(SwedishHolidays.Find(new DateOnly(2026, 6, 18)), Is.Null);
        });
    }

    [Test]
    public void Listing_lines_are_ISO_date_tab_name()
    {
        var lines = SwedishHolidays.ListingLines(2026).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Count.EqualTo(16));
            Assert.That(lines[0], Is.EqualTo("2026-01-01\tnyårsdagen"));
            Assert.That(lines, Does.Contain("2026-06-19\tmidsommarafton"));
            Assert.That(lines[^1], Is.EqualTo("2026-12-31\tnyårsafton"));
        });
    }

    /// <summary>
    /// Oudin's algorithm (1940), as published by Tøndering: a different derivation of the Gregorian
    /// computus than Meeus/Jones/Butcher, so agreement is real evidence.
    /// </summary>
    private static DateOnly OudinEaster(int y)
    {
        int c = y / 100;
        int n = y - (19 * (y / 19));
        int k = (c - 17) / 25;
        int i = c - (c / 4) - ((c - k) / 3) + (19 * n) + 15;
        i -= 30 * (i / 30);
        i -= (i / 28) * (1 - ((i / 28) * (29 / (i + 1)) * ((21 - n) / 11)));
        int j = y + (y / 4) + i + 2 - c + (c / 4);
        j -= 7 * (j / 7);
        int l = i - j;
        int month = 3 + ((l + 40) / 44);
        int day = l + 28 - (31 * (month / 4));
        return new DateOnly(y, month, day);
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
