using System.Globalization;
using System.Text.RegularExpressions;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Core.Intake.Rules;

/// <summary>A date found in text; <see cref="YearGiven"/> is false for "senast den 3 mars" and "24/4".</summary>
public sealed record DateMatch(DateOnly Date, int Index, int Length, bool YearGiven);

/// <summary>Dates as Swedish documents write them: "2026-04-24", "den 24 april 2026", "24 april", "24/4", "24/4 2026", "24.4.2026".</summary>
public static partial class SwedishDates
{
    /// <summary>All dates in the text; a missing year is the document's year, or the next one when that would fall well before the document.</summary>
    public static IEnumerable<DateMatch> Find(string text, DateOnly? documentDate)
    {
        foreach (Match m in Any().Matches(text))
        {
            int day, month;
            int? year = null;
            if (m.Groups["iy"].Success)
            {
                (year, month, day) = (Int(m.Groups["iy"]), Int(m.Groups["im"]), Int(m.Groups["id"]));
            }
            else if (m.Groups["mname"].Success)
            {
                day = Int(m.Groups["md"]);
                month = SwedishText.MonthNumber(m.Groups["mname"].Value);
                year = m.Groups["my"].Success ? Int(m.Groups["my"]) : null;
            }
            else
            {
                day = Int(m.Groups["sd"]);
                month = Int(m.Groups["sm"]);
                if (m.Groups["sy"].Success)
                {
                    var y = Int(m.Groups["sy"]);
                    year = y < 100 ? 2000 + y : y;
                }
            }

            var given = year is not null;
            var y0 = year ?? documentDate?.Year ?? DateTime.UtcNow.Year;
            if (month is < 1 or > 12 || day < 1 || y0 is < 1900 or > 2100 || day > DateTime.DaysInMonth(y0, month))
            {
                continue;
            }

            var date = new DateOnly(y0, month, day);
            if (!given && documentDate is { } d && date < d.AddDays(-30))
            {
                date = date.AddYears(1);
            }

            yield return new DateMatch(date, m.Index, m.Length, given);
        }
    }

    /// <summary>The document's own date: a dated line near the top ("2024-08-26", "Datum: 12 mars 2025"), the first dated line otherwise.</summary>
    public static DateOnly? DocumentDate(IntakeText text)
    {
        var head = string.Join('\n', text.Lines.Take(30).Concat(text.Furniture));
        var labelled = DateLabel().Match(head);
        if (labelled.Success)
        {
            var d = Find(head[(labelled.Index + labelled.Length)..], null).FirstOrDefault(x => x.YearGiven);
            if (d is not null)
            {
                return d.Date;
            }
        }

        return Find(head, null).Concat(Find(text.Running, null)).FirstOrDefault(x => x.YearGiven)?.Date;
    }

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int Int(Group g) => int.Parse(g.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(
        @"(?<![\d/-])(?:(?<iy>(?:19|20)\d{2})-(?<im>[01]\d)-(?<id>[0-3]\d)(?![\d])|(?:den\s+)?(?<md>[0-3]?\d)(?::e|:a)?\s+(?<mname>januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)(?:\s+(?<my>(?:19|20)\d{2}))?(?!\p{L})|(?<sd>[0-3]?\d)[/.](?<sm>[01]?\d)(?:(?:\s+|[.\-/])(?<sy>(?:19|20)\d{2}|\d{2}))?(?![\d/]))",
        RegexOptions.IgnoreCase)]
    private static partial Regex Any();

    [GeneratedRegex(@"(?:^|\n)\s*(?:Datum|Date)\s*:?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex DateLabel();
}
