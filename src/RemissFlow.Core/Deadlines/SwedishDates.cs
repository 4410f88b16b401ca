using System.Globalization;

namespace RemissFlow.Core.Deadlines;

/// <summary>
/// Swedish date texts. Written out rather than taken from CultureInfo("sv-SE") so output does not
/// depend on the ICU data a server happens to have.
/// </summary>
public static class SwedishDates
{
    private static readonly string[] Months =
        ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"];

    private static readonly string[] Weekdays = ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"];

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"den 24 september 2024", as in documents.</summary>
    public static string Long(DateOnly date) => $"den {date.Day} {Months[date.Month - 1]} {date.Year}";

    public static string Weekday(DateOnly date) => Weekdays[(int)date.DayOfWeek];

    /// <summary>"tisdag 2024-09-24".</summary>
    public static string WithWeekday(DateOnly date) => $"{Weekday(date)} {Iso(date)}";
}
