using System.Text.RegularExpressions;

namespace RemissFlow.Documents.Layout;

/// <summary>
/// Where the line breaker may not break, and what of the text is never drawn: a diarienummer ("KS 2025/1616",
/// "Dnr SOF 2024/472") and "§ 12" stay on one line, and a soft hyphen is drawn only where a line breaks at it.
/// </summary>
public static partial class NoBreak
{
    public const char SoftHyphen = '\u00AD';

    private static readonly IReadOnlySet<int> None = new HashSet<int>();

    /// <summary>Indexes of the spaces in <paramref name="text"/> that must not become line breaks.</summary>
    public static IReadOnlySet<int> GluedSpaces(string text)
    {
        if (text.IndexOf(' ', StringComparison.Ordinal) < 0)
        {
            return None;
        }

        HashSet<int>? result = null;
        foreach (Match match in Glue().Matches(text))
        {
            (result ??= []).Add(match.Index);
        }

        return result ?? None;
    }

    /// <summary>The text as drawn when no line breaks inside it: soft hyphens removed.</summary>
    public static string Visible(string text) =>
        text.Contains(SoftHyphen, StringComparison.Ordinal) ? text.Replace(SoftHyphen.ToString(), "", StringComparison.Ordinal) : text;

    // A dnr: a series prefix of capitals (KS, SOF, SF) before "year/number"; "Dnr" before the prefix or the number; "§" before its number.
    [GeneratedRegex(@"(?<=(?:^|[\s(\[])\p{Lu}{1,6}) (?=\d{1,6}[/:-]\d)|(?<=\b[Dd]nr) (?=\S)|(?<=§) (?=\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Glue();
}
