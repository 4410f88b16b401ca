using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RemissFlow.Core.Domain;

/// <summary>A diarienummer such as "SF 2026/186": series prefix, year, running number.</summary>
public readonly partial record struct Diarienummer(string Prefix, int Year, int Number)
{
    [GeneratedRegex(@"^(?<prefix>[A-ZÅÄÖ]{1,10}(?:-[A-ZÅÄÖ]{1,10})?) (?<year>\d{4})/(?<number>\d{1,7})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public override string ToString() => $"{Prefix} {Year.ToString(CultureInfo.InvariantCulture)}/{Number.ToString(CultureInfo.InvariantCulture)}";

    public static bool TryParse(string? text, [NotNullWhen(true)] out Diarienummer? dnr)
    {
        dnr = null;
        if (text is null)
        {
            return false;
        }

        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var number = int.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture);
        if (year < 1900 || year > 2999 || number < 1)
        {
            return false;
        }

        dnr = new Diarienummer(match.Groups["prefix"].Value, year, number);
        return true;
    }

    public static bool IsValid(string? text) => TryParse(text, out _);
}
