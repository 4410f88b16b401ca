using System.Text.RegularExpressions;

namespace RemissFlow.Core.Intake.Rules;

/// <summary>A diarienummer found in text, normalised for comparison (whitespace collapsed, no space after a hyphen).</summary>
public sealed record DnrMatch(string Value, int Index, int Length, bool HasPrefix);

/// <summary>
/// The many ways dnr are written: "KS 2025/1616", "SOF 2024/472", "KS-2024-0123", "BN 2024:17", "Fi2024/01234" (a
/// department's), "RS/2026/112", "KS 434-21/2017" and "171-1526/2016" (number before year), "2024/123-A" (series and suffix), a
/// Länsstyrelse "101-12345-2014". A bare number with no prefix counts only right after a label ("Dnr", "diarienummer").
/// </summary>
public static partial class DnrPattern
{
    public static IEnumerable<DnrMatch> Find(string text)
    {
        foreach (Match m in Dnr().Matches(text))
        {
            var hasPrefix = m.Groups["prefix"].Success && m.Groups["prefix"].Length > 0;
            var before = text[Math.Max(0, m.Index - 30)..m.Index];
            if (!hasPrefix && !Label().IsMatch(before))
            {
                continue;
            }

            if (IsoDate().IsMatch(m.Value) || YearRange().IsMatch(m.Value))
            {
                continue;
            }

            yield return new DnrMatch(Normalise(m.Value), m.Index, m.Length, hasPrefix);
        }
    }

    public static string Normalise(string dnr) =>
        Spaces().Replace(dnr.Trim(), " ").Replace("- ", "-", StringComparison.Ordinal).Replace(" /", "/", StringComparison.Ordinal)
            .Replace("/ ", "/", StringComparison.Ordinal);

    [GeneratedRegex(
        @"(?<![\p{L}\d])(?:(?<prefix>(?:[A-ZÅÄÖ]{2,6}|[A-ZÅÄÖ][a-zåäö]?)(?:[ -][A-ZÅÄÖ]{2,4})?)(?:[ :/-]|(?=\d)))?(?:(?:19|20)\d{2}\s?[/:-]\s?\d{1,6}(?:[-.]\d{1,6})*(?:-?[A-Z])?|\d{1,4}(?:-\s?\d{1,6})+\s?/\s?(?:19|20)\d{2}|\d{3}-\d{3,6}-(?:19|20)\d{2})(?![\p{L}\d])")]
    private static partial Regex Dnr();

    [GeneratedRegex(@"(?:dnr|diarienummer|diarienr|beteckning|ärendenummer|ärendenr|ert nr|vårt nr|referens)[\s:.]*$", RegexOptions.IgnoreCase)]
    private static partial Regex Label();

    [GeneratedRegex(@"^(?:19|20)\d{2}-[01]\d-[0-3]\d$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^(?:19|20)\d{2}-(?:19|20)\d{2}$")]
    private static partial Regex YearRange();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
