using System.Text;
using System.Text.RegularExpressions;

namespace RemissFlow.Core.Intake;

/// <summary>
/// Turns the text a converter or OCR left into running text: flattened text split back into lines, page numbers,
/// running headers and address blocks taken out, words hyphenated at line ends joined, OCR's letters in numbers fixed.
/// </summary>
public static partial class TextNormaliser
{
    /// <summary>A line this long on average means the converter flattened the text onto one line.</summary>
    private const int FlattenedLineLength = 220;

    /// <summary>How many lines around a page break belong to a running header or footer.</summary>
    private const int FurnitureZone = 7;

    public static IntakeText Normalise(string raw)
    {
        var text = raw.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
            .Replace('\u00A0', ' ').Replace("\u00AD", "", StringComparison.Ordinal).Replace('\t', ' ')
            .Replace('\u2010', '-').Replace('\u2011', '-');
        text = FixOcrNumbers(text);
        var pages = text.Split('\f').Select(p => p.Split('\n').Select(Collapse).ToList()).ToList();
        pages = [.. pages.Select(Unflatten).Select(SplitKindWord)];

        var title = pages[0].Where(l => l.Length > 0).Take(4).ToList();
        var lines = new List<string>();
        var furniture = new List<string>();
        var breaks = new List<int>();
        foreach (var page in pages)
        {
            if (lines.Count > 0)
            {
                breaks.Add(lines.Count);
            }

            lines.AddRange(page);
        }

        // Page numbers written into the text ("Sida 2 (7)") mark a break too: text exported without form feeds.
        for (var i = 0; i < lines.Count; i++)
        {
            if (PageNumber().IsMatch(lines[i]))
            {
                breaks.Add(i);
            }
        }

        var remove = new bool[lines.Count];
        var repeated = lines.Where(l => l.Length is > 0 and <= 70).GroupBy(Shape).Where(g => g.Count() >= 2).Select(g => g.Key).ToHashSet();
        foreach (var b in breaks.Distinct())
        {
            // A page number above the letterhead ("Sida 1 (2)") is no running header: the letterhead under it stays text.
            MarkFurniture(lines, b, remove, title, repeated, top: b < Math.Min(FurnitureZone, pages[0].Count));
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (Address().IsMatch(lines[i]) || PageNumber().IsMatch(lines[i]))
            {
                remove[i] = true;
            }
        }

        var kept = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (remove[i])
            {
                if (lines[i].Length > 0)
                {
                    furniture.Add(lines[i]);
                }
            }
            else
            {
                kept.Add(lines[i]);
            }
        }

        return new IntakeText(Dehyphenate(DropBlankRuns(kept)), furniture);
    }

    /// <summary>
    /// Marks the running header after a break (and the footer before it): page numbers, lines repeated elsewhere in the
    /// document, the document's title repeated, kind and dnr lines. It stops at running text (a line that goes on a
    /// sentence) and at a known heading, so the first lines of the new page are kept.
    /// </summary>
    private static void MarkFurniture(List<string> lines, int at, bool[] remove, List<string> title, HashSet<string> repeated, bool top)
    {
        bool IsFurniture(string l) => top ? PageNumber().IsMatch(l) || Address().IsMatch(l) :
            PageNumber().IsMatch(l) || Address().IsMatch(l) || repeated.Contains(Shape(l)) || HeaderWord().IsMatch(l)
            || (l.Length <= 70 && title.Any(t => t.Length > 3 && (l.StartsWith(t, StringComparison.Ordinal) || t.StartsWith(l, StringComparison.Ordinal))));

        for (int i = at, seen = 0; i < lines.Count && seen < FurnitureZone; i++)
        {
            var l = lines[i];
            if (l.Length == 0)
            {
                continue;
            }

            if (KnownHeadings.Match(l) is not null || !IsFurniture(l))
            {
                break;
            }

            remove[i] = true;
            seen++;
        }

        for (int i = at - 1, seen = 0; i >= 0 && seen < FurnitureZone; i--)
        {
            var l = lines[i];
            if (l.Length == 0)
            {
                continue;
            }

            if (KnownHeadings.Match(l) is not null || !(PageNumber().IsMatch(l) || Address().IsMatch(l) || (repeated.Contains(Shape(l)) && l.Length < 50)))
            {
                break;
            }

            remove[i] = true;
            seen++;
        }
    }

    /// <summary>A line with its digits blurred, so "Sida 2 (7)" and "Sida 3 (7)" are the same running footer.</summary>
    private static string Shape(string line) => Digits().Replace(line.Trim().ToLowerInvariant(), "#");

    private static string Collapse(string line) => Spaces().Replace(line, " ").Trim();

    /// <summary>Splits text flattened onto one line before page numbers, kind and dnr labels and known headings.</summary>
    private static List<string> Unflatten(List<string> page)
    {
        var nonEmpty = page.Where(l => l.Length > 0).ToList();
        if (nonEmpty.Count == 0 || nonEmpty.Average(l => l.Length) < FlattenedLineLength)
        {
            return page;
        }

        var headings = string.Join('|', KnownHeadings.All.OrderByDescending(h => h.Length).Select(Regex.Escape));
        var splitter = new Regex(
            $@"\s+(?=(?:Sida\s*\d+\s*\(\d+\)|Tjänsteutlåtande\b|Protokollsutdrag\b|Dnr\b|Diarienummer\b|Vår beteckning\b|Er beteckning\b|Ert dnr\b|Vårt dnr\b|Datum\s+\d|(?:{headings})(?:\s|:)))|(?<=^\p{{Lu}}[\p{{L}}-]+ (?:kommun|stad))\s+(?=\p{{Lu}})",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
        var result = new List<string>();
        foreach (var line in page)
        {
            foreach (var part in splitter.Split(line))
            {
                var p = part.Trim();
                // "Sammanfattning Kommunstyrelsen har …": the heading on a line of its own; "Dnr KS 2024/1 Sida 1 (2)" likewise.
                var heading = KnownHeadings.Prefix(p);
                if (heading is not null)
                {
                    result.Add(heading);
                    result.Add(p[heading.Length..].TrimStart(' ', ':'));
                }
                else
                {
                    var dnr = DnrLabelLine().Match(p);
                    result.AddRange(dnr.Success && dnr.Length < p.Length ? [p[..dnr.Length].Trim(), p[dnr.Length..].Trim()] : [p]);
                }
            }
        }

        return result;
    }

    /// <summary>
    /// "Stadsbyggnadskontoret Tjänsteutlåtande": a letterhead's two columns read as one line (OCR, a converter without
    /// positions). The kind word goes on a line of its own so the name before it is a name again.
    /// </summary>
    private static List<string> SplitKindWord(List<string> page)
    {
        var result = new List<string>(page.Count);
        foreach (var line in page)
        {
            var m = TrailingKindWord().Match(line);
            result.AddRange(m.Success ? [m.Groups["name"].Value, m.Groups["kind"].Value] : [line]);
        }

        return result;
    }

    [GeneratedRegex(@"^(?<name>\p{Lu}[\p{L}-]*(?: [\p{L}-]+){0,4}) (?<kind>Tjänsteutlåtande|TJÄNSTEUTLÅTANDE|Protokollsutdrag|PROTOKOLLSUTDRAG|Remissvar|REMISSVAR|Yttrande|YTTRANDE|Remiss|REMISS|Kallelse|KALLELSE|Missiv)$")]
    private static partial Regex TrailingKindWord();

    /// <summary>Joins a word hyphenated at the end of a line with its rest; "hälso- och" and "MR-programmet" keep the hyphen.</summary>
    private static List<string> Dehyphenate(List<string> lines)
    {
        for (var i = 0; i + 1 < lines.Count; i++)
        {
            var line = lines[i];
            var next = lines[i + 1];
            if (line.Length < 2 || line[^1] != '-' || next.Length == 0 || !char.IsLetterOrDigit(line[^2]))
            {
                continue;
            }

            var space = next.IndexOf(' ', StringComparison.Ordinal);
            var word = space < 0 ? next : next[..space];
            if (word is "och" or "eller" or "samt" or "till" or "som" || !char.IsLetterOrDigit(word.FirstOrDefault(' ')))
            {
                continue;
            }

            var dropHyphen = char.IsLower(line[^2]) && char.IsLower(word[0]);
            lines[i] = (dropHyphen ? line[..^1] : line) + word;
            lines[i + 1] = space < 0 ? "" : next[(space + 1)..];
        }

        return [.. lines.Where((l, i) => l.Length > 0 || (i > 0 && lines[i - 1].Length > 0))];
    }

    private static List<string> DropBlankRuns(List<string> lines)
    {
        var result = new List<string>();
        foreach (var l in lines)
        {
            if (l.Length > 0 || (result.Count > 0 && result[^1].Length > 0))
            {
                result.Add(l);
            }
        }

        return result;
    }

    /// <summary>OCR reads 1 as l or I and 0 as O inside numbers: "2O26-O4-24", "KS 2025/l6l6". Only tokens mostly of digits are touched.</summary>
    public static string FixOcrNumbers(string text) =>
        NumberLike().Replace(text, m =>
        {
            var digits = m.Value.Count(char.IsDigit);
            var confusions = m.Value.Count(c => c is 'l' or 'I' or 'O' or 'o' or '|');
            if (confusions == 0 || digits < 2 || digits < confusions)
            {
                return m.Value;
            }

            var sb = new StringBuilder(m.Value);
            for (var i = 0; i < sb.Length; i++)
            {
                sb[i] = sb[i] switch { 'l' or 'I' or '|' => '1', 'O' or 'o' => '0', var c => c };
            }

            return sb.ToString();
        });

    [GeneratedRegex(@"(?<![\p{L}\d])[\dlIO|]{1,4}(?:[-/.:][\dlIO|]{1,6})+(?![\p{L}\d])|(?<![\p{L}\d])[12][\dlIOo]{3}(?![\p{L}\d])")]
    private static partial Regex NumberLike();

    [GeneratedRegex(@"^(?:Sida\s*\d+\s*(?:\(\s*\d+\s*\)|av\s+\d+)?|\d+\s*\(\s*\d+\s*\)|-\s*\d+\s*-|\d+\s*/\s*\d+)$", RegexOptions.IgnoreCase)]
    private static partial Regex PageNumber();

    [GeneratedRegex(
        @"^(?:\d{3}\s?\d{2}\s+\p{Lu}[\p{L}-]+(?:\s\p{Lu}[\p{L}]+)?|(?:Box|Besöksadress|Postadress|Telefon|Tfn|Tel|Fax|E-post|Webb|Webbplats|Org\.?\s?nr|Organisationsnummer|Växel)\b.*|www\.\S+|\S+@\S+\.\S+|\S+\.(?:se|nu|com|org)|\p{Lu}\p{Ll}+(?:gatan|vägen|torget|klippan|backen|gränd|plan|allén)\s\d+\w?)$")]
    private static partial Regex Address();

    [GeneratedRegex(@"^(?:Tjänsteutlåtande|Protokollsutdrag|Utdrag ur protokoll|Sammanträdesprotokoll|Remissvar|Yttrande|Missiv|Dnr|Diarienummer|Vår beteckning|Datum)\b.{0,50}$", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderWord();

    [GeneratedRegex(@"^(?:Dnr|Diarienummer)[:.]?\s+\S+(?:\s\d{4}[/:-]\S+)?")]
    private static partial Regex DnrLabelLine();

    [GeneratedRegex(@"\d")]
    private static partial Regex Digits();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
