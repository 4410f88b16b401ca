using System.Text.RegularExpressions;

namespace RemissFlow.Documents.Layout;

/// <summary>A web address or e-mail address found in drawn text, and where a click on it leads.</summary>
public readonly record struct LinkSpan(int Start, int Length, string Target);

/// <summary>
/// Finds the addresses in text that become link annotations in the PDF: http(s) and www addresses, e-mail addresses
/// (mailto:) and bare host names under the domains the city's documents use (start.stockholm, *.se).
/// </summary>
public static partial class Links
{
    public static IReadOnlyList<LinkSpan> Find(string text)
    {
        if (text.IndexOf('.', StringComparison.Ordinal) < 0)
        {
            return [];
        }

        var result = new List<LinkSpan>();
        foreach (Match m in Address().Matches(text))
        {
            // Sentence punctuation after an address is not part of it.
            var value = m.Value.TrimEnd('.', ',', ';', ':', ')', '!', '?', '”', '"');
            if (value.Length == 0)
            {
                continue;
            }

            var target = value.Contains('@', StringComparison.Ordinal) && !value.Contains("://", StringComparison.Ordinal)
                ? "mailto:" + value
                : value.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? value : "https://" + value;
            result.Add(new LinkSpan(m.Index, value.Length, target));
        }

        return result;
    }

    [GeneratedRegex(@"https?://[^\s<>""]+|www\.[^\s<>""]+|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+|\b(?:[a-z0-9-]+\.)+(?:se|nu|eu|stockholm)\b(?:/[^\s<>""]*)?",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Address();
}
