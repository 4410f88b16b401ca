namespace RemissFlow.Workflows.Calendar;

public enum SwedishHolidayKind
{
    /// <summary>A public holiday under lag (1989:253) om allmänna helgdagar.</summary>
    Helgdag,

    /// <summary>An eve that is not a holiday in law but is free in practice (midsommarafton, julafton, nyårsafton).</summary>
    Helgafton,
}

public sealed record SwedishHoliday(DateOnly Date, string Name, SwedishHolidayKind Kind);

/// <summary>
/// Sweden's public holidays and free eves for any Gregorian year. Only the days that can fall on a
/// weekday are listed: påskafton and pingstafton are always Saturdays, so listing them would add nothing
/// to working-day arithmetic.
/// </summary>
public static class SwedishHolidays
{
    /// <summary>The year's holidays and free eves, in date order.</summary>
    public static IReadOnlyList<SwedishHoliday> ForYear(int year)
    {
        // DateOnly covers 1..9999; the computus below is valid for every Gregorian year in that range,
        // though Sweden only adopted the Gregorian calendar in 1753.
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1583);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);

        var easter = EasterSunday(year);
        var midsommardagen = FirstSaturdayFrom(new DateOnly(year, 6, 20));
        var allaHelgonsDag = FirstSaturdayFrom(new DateOnly(year, 10, 31));

        var list = new List<SwedishHoliday>
        {
            Helgdag(new DateOnly(year, 1, 1), "nyårsdagen"),
            Helgdag(new DateOnly(year, 1, 6), "trettondedag jul"),
            Helgdag(easter.AddDays(-2), "långfredagen"),
            Helgdag(easter, "påskdagen"),
            Helgdag(easter.AddDays(1), "annandag påsk"),
            Helgdag(new DateOnly(year, 5, 1), "första maj"),
            Helgdag(easter.AddDays(39), "Kristi himmelfärdsdag"),
            Helgdag(easter.AddDays(49), "pingstdagen"),
            Helgdag(new DateOnly(year, 6, 6), "Sveriges nationaldag"),
            Helgafton(midsommardagen.AddDays(-1), "midsommarafton"),
            Helgdag(midsommardagen, "midsommardagen"),
            Helgdag(allaHelgonsDag, "alla helgons dag"),
            Helgafton(new DateOnly(year, 12, 24), "julafton"),
            Helgdag(new DateOnly(year, 12, 25), "juldagen"),
            Helgdag(new DateOnly(year, 12, 26), "annandag jul"),
            Helgafton(new DateOnly(year, 12, 31), "nyårsafton"),
        };
        // Kristi himmelfärdsdag can coincide with första maj (e.g. 2008); both names are kept because
        // `calendar holidays <year>` prints what the law names, and IsWorkingDay only needs the date.
        list.Sort((a, b) => a.Date.CompareTo(b.Date));
        return list;
    }

    /// <summary>The lines <c>calendar holidays &lt;year&gt;</c> prints: ISO date, a tab, the Swedish name.</summary>
    public static IEnumerable<string> ListingLines(int year) =>
        ForYear(year).Select(h => h.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "\t" + h.Name);

    /// <summary>The holiday or free eve on that date, or null. When two coincide, the first listed wins.</summary>
    public static SwedishHoliday? Find(DateOnly date)
    {
        foreach (var holiday in ForYear(date.Year))
        {
            if (holiday.Date == date)
            {
                return holiday;
            }
        }

        return null;
    }

    /// <summary>
    /// Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    /// </summary>
    public static DateOnly EasterSunday(int year)
    {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = ((19 * a) + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        int m = (a + (11 * h) + (22 * l)) / 451;
        int month = (h + l - (7 * m) + 114) / 31;
        int day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static DateOnly FirstSaturdayFrom(DateOnly date)
    {
        int offset = ((int)DayOfWeek.Saturday - (int)date.DayOfWeek + 7) % 7;
        return date.AddDays(offset);
    }

    private static SwedishHoliday Helgdag(DateOnly date, string name) => new(date, name, SwedishHolidayKind.Helgdag);

    private static SwedishHoliday Helgafton(DateOnly date, string name) => new(date, name, SwedishHolidayKind.Helgafton);
}
