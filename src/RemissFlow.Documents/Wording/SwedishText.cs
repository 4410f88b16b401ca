using System.Globalization;

namespace RemissFlow.Documents.Wording;

/// <summary>
/// The one home of Swedish wording: dates, numbers, plurals and list joins, for documents, Core and the web alike.
/// Month and weekday names are written out rather than read from CultureInfo("sv-SE") so dates do not depend on
/// the ICU data a server happens to have; collation and digit grouping do need sv-SE.
/// </summary>
public static class SwedishText
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("sv-SE");

    /// <summary>Swedish collation: å, ä, ö after z.</summary>
    public static readonly StringComparer Comparer = StringComparer.Create(Culture, CompareOptions.IgnoreCase);

    private static readonly string[] Months =
        ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"];

    private static readonly string[] Weekdays = ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"];

    /// <summary>1–12 for a month name as documents write it ("april", any case), 0 for anything else.</summary>
    public static int MonthNumber(string name) => Array.IndexOf(Months, name.ToLowerInvariant()) + 1;

    /// <summary>"24 april 2026": running text and headings.</summary>
    public static string LongDate(DateOnly date) => $"{date.Day} {Months[date.Month - 1]} {date.Year}";

    /// <summary>"den 24 april 2026", as documents and letters write it.</summary>
    public static string FormalDate(DateOnly date) => "den " + LongDate(date);

    /// <summary>"2026-04-24": tables, document headers, file names.</summary>
    public static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An absent date is an empty cell.</summary>
    public static string IsoDate(DateOnly? date) => date is { } d ? IsoDate(d) : "";

    public static string Weekday(DateOnly date) => Weekdays[(int)date.DayOfWeek];

    /// <summary>"tisdag 2024-09-24".</summary>
    public static string WithWeekday(DateOnly date) => $"{Weekday(date)} {IsoDate(date)}";

    /// <summary>A whole number the Swedish way: 10 000 (the group separator a non-breaking space, so it never wraps).</summary>
    public static string Number(long n) => n.ToString("#,0", Culture);

    /// <summary>"1 instans", "3 instanser", "10 000 ärenden".</summary>
    public static string Count(long n, string one, string many) => $"{Number(n)} {Plural(n, one, many)}";

    /// <summary>The singular for exactly one, else the plural: "rollen" / "rollerna".</summary>
    public static string Plural(long n, string one, string many) => n == 1 ? one : many;

    /// <summary>"a", "a och b", "a, b och c" (no serial comma); another conjunction such as "eller" where asked.</summary>
    public static string List(IReadOnlyList<string> items, string conjunction = "och") => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} {conjunction} {items[^1]}",
    };
}
