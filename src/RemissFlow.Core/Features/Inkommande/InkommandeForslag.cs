using System.Globalization;
using System.Text.RegularExpressions;

namespace RemissFlow.Core.Features.Inkommande;

/// <summary>
/// The dnr an e-mail names, in whatever spacing the sender typed it ("KS 2025/1616", "KS2025/1616", "ks 2025 / 1616"),
/// so the item page can suggest the remiss or ärende it belongs to. Only a suggestion: the registrator confirms it.
/// </summary>
public static partial class InkommandeForslag
{
    [GeneratedRegex(@"(?<![A-Za-zÅÄÖåäö0-9])(?<prefix>[A-Za-zÅÄÖåäö]{1,10}(?:-[A-Za-zÅÄÖåäö]{1,10})?)\s*(?<year>(?:19|20)\d{2})\s*/\s*(?<number>\d{1,7})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex DnrPattern();

    /// <summary>
    /// Each dnr named in <paramref name="texts"/>, in two spellings: the organisation's own form ("KS 2025/1616", the
    /// number without leading zeros) and as written without spaces ("Fi2026/00412"), which is how outside senders'
    /// numbers are stored.
    /// </summary>
    public static IReadOnlyList<string> Dnr(params string?[] texts)
    {
        var found = new List<string>();
        foreach (var text in texts)
        {
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            foreach (Match m in DnrPattern().Matches(text))
            {
                var prefix = m.Groups["prefix"].Value;
                var year = m.Groups["year"].Value;
                var number = m.Groups["number"].Value;
                var own = $"{prefix.ToUpperInvariant()} {year}/{int.Parse(number, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)}";
                foreach (var form in new[] { own, $"{prefix}{year}/{number}" })
                {
                    if (!found.Contains(form, StringComparer.Ordinal))
                    {
                        found.Add(form);
                    }
                }
            }
        }

        return found;
    }

    /// <summary>A dnr as the registrator typed it, in the organisation's own form when it is one ("ks2025/1616" → "KS 2025/1616").</summary>
    public static string Normalise(string dnr)
    {
        var trimmed = dnr.Trim();
        var found = Dnr(trimmed);
        return found.Count > 0 && Diarienummer.IsValid(found[0]) ? found[0] : trimmed;
    }
}
