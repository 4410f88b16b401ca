using System.Text.RegularExpressions;

namespace RemissFlow.Core.Intake;

/// <summary>
/// Headings and the text under them: a known heading, or a short line without a full stop between a finished sentence
/// and a new one (not a signature: a name followed by a title such as "Förvaltningschef").
/// </summary>
public static partial class SectionSplitter
{
    public static IReadOnlyList<IntakeSection> Split(IntakeText text)
    {
        var sections = new List<IntakeSection>();
        string? heading = null;
        var body = new List<string>();
        var lines = text.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            if (IsHeading(lines, i))
            {
                Flush();
                heading = KnownHeadings.Match(lines[i]) ?? lines[i].TrimEnd(':');
            }
            else if (heading is not null && lines[i].Length > 0)
            {
                body.Add(lines[i]);
            }
        }

        Flush();
        return sections;

        void Flush()
        {
            if (heading is not null)
            {
                sections.Add(new IntakeSection(heading, string.Join(' ', body).Trim()));
            }

            body.Clear();
        }
    }

    private static bool IsHeading(IReadOnlyList<string> lines, int i)
    {
        var line = lines[i];
        if (KnownHeadings.Match(line) is not null)
        {
            return true;
        }

        var previous = Enumerable.Range(0, i).Reverse().Select(k => lines[k]).FirstOrDefault(l => l.Length > 0) ?? "";
        var next = i + 1 < lines.Count ? lines[i + 1] : "";
        return line.Length is > 2 and <= 60 && line.Split(' ').Length <= 7 && char.IsUpper(line[0]) && !Ends().IsMatch(line)
            && (previous.Length == 0 || Ends().IsMatch(previous)) && next.Length > 0 && char.IsUpper(next[0])
            && !Signature().IsMatch(next) && !line.Any(char.IsDigit) && !line.StartsWith('•');
    }

    [GeneratedRegex(@"[.,;:!?)]$")]
    private static partial Regex Ends();

    [GeneratedRegex(@"(?:chef|direktör|ordförande|sekreterare|handläggare|justerare|registrator|utredare|strateg|vice|kommunalråd)", RegexOptions.IgnoreCase)]
    private static partial Regex Signature();
}
