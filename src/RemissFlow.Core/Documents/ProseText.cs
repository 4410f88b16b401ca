using System.Text.RegularExpressions;
using RemissFlow.Documents.Models;

namespace RemissFlow.Core.Documents;

/// <summary>
/// The plain-text convention TU versions are stored in, and its mapping to the renderer's prose blocks.
/// Handläggare type into text areas (or paste from Word), so the convention is deliberately small:
/// <list type="bullet">
/// <item>A blank line separates blocks.</item>
/// <item>A line starting with "- " (or "• ") is a bullet; consecutive bullets form one list.</item>
/// <item>A line starting with "1. " or "1) " (any number) is a numbered item; consecutive ones form one list.</item>
/// <item>A block that is a single line starting with "## " is a sub-heading.</item>
/// <item>Other consecutive lines form one paragraph, joined with a space: text pasted from a PDF keeps
/// its hard line breaks, which would otherwise end up in the signed document.</item>
/// </list>
/// Förslag till beslut is different: one point per non-empty line, with any typed numbering removed,
/// because the document numbers the points itself.
/// </summary>
public static partial class ProseText
{
    public static IReadOnlyList<ProseBlock> ToBlocks(string? text)
    {
        var blocks = new List<ProseBlock>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return blocks;
        }

        var paragraph = new List<string>();
        var bullets = new List<string>();
        var numbered = new List<string>();

        void Flush()
        {
            if (paragraph.Count > 0)
            {
                blocks.Add(new Paragraph(string.Join(' ', paragraph)));
                paragraph.Clear();
            }

            if (bullets.Count > 0)
            {
                blocks.Add(new BulletList(bullets.ToList()));
                bullets.Clear();
            }

            if (numbered.Count > 0)
            {
                blocks.Add(new NumberedList(numbered.ToList()));
                numbered.Clear();
            }
        }

        foreach (var raw in text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                Flush();
                continue;
            }

            if (line.StartsWith("## ", StringComparison.Ordinal) && paragraph.Count == 0 && bullets.Count == 0 && numbered.Count == 0)
            {
                blocks.Add(new Subheading(line[3..].Trim()));
                continue;
            }

            if (line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("• ", StringComparison.Ordinal))
            {
                if (bullets.Count == 0)
                {
                    Flush();
                }

                bullets.Add(line[2..].Trim());
                continue;
            }

            if (NumberPrefix().Match(line) is { Success: true } m)
            {
                if (numbered.Count == 0)
                {
                    Flush();
                }

                numbered.Add(line[m.Length..].Trim());
                continue;
            }

            if (paragraph.Count == 0)
            {
                Flush();
            }

            paragraph.Add(line);
        }

        Flush();
        return blocks;
    }

    /// <summary>Förslag till beslut: one point per non-empty line, typed numbering removed.</summary>
    public static IReadOnlyList<string> ToPoints(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Replace("\r\n", "\n").Split('\n')
                .Select(l => l.Trim())
                .Where(l => l.Length > 0)
                .Select(l => NumberPrefix().Match(l) is { Success: true } m ? l[m.Length..].Trim() : l)
                .Where(l => l.Length > 0)
                .ToList();

    /// <summary>Whether the text's points were written numbered ("1. …", "2) …"), so they print as a numbered list.</summary>
    public static bool IsNumbered(string? text) =>
        !string.IsNullOrWhiteSpace(text) && text.Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)
            .Count(l => NumberPrefix().IsMatch(l)) > 1;

    /// <summary>One entry per non-empty line, kept as typed (titles may contain commas).</summary>
    public static IReadOnlyList<string> ToLines(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Names or entries typed one per line or separated by commas or semicolons.</summary>
    public static IReadOnlyList<string> ToList(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split(['\n', '\r', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [GeneratedRegex(@"^\d{1,3}[.)]\s+")]
    private static partial Regex NumberPrefix();
}
