using System.Text.RegularExpressions;

namespace RemissFlow.Core.Intake.Rules;

/// <summary>
/// The title of the remitted document: the document's own title line (wrapped over two lines as often as not) with
/// "Remiss av", "Yttrande över", "Svar på remiss om", a "§ 12" and a trailing dnr taken off.
/// </summary>
public sealed partial class TitleRule : IFieldRule
{
    public string Field => "title";

    public ExtractedValue? Extract(RuleContext context)
    {
        var lines = context.Text.Lines;
        for (var i = 0; i < Math.Min(lines.Count, 40); i++)
        {
            var line = Paragraph().Replace(lines[i], "");
            var cue = Cue().Match(line);
            // "… promemoria Svara på\nremiss – hur och varför": a line going on in lower case continues a sentence.
            if (!cue.Success || line.Length - cue.Length < 4 || !char.IsUpper(line[0]))
            {
                continue;
            }

            var title = line[cue.Length..];
            // A title wrapped by the layout: the next short line that goes on without a sentence of its own.
            var j = i + 1;
            while (j < lines.Count && j <= i + 2 && line.Length >= 28 && !Ends().IsMatch(title) && Continues(lines[j]))
            {
                title += " " + lines[j];
                line = lines[j];
                j++;
            }

            title = TrailingDnr().Replace(title, "").Trim().TrimEnd('.', ',', ':');
            if (title.Length < 4)
            {
                continue;
            }

            title = char.ToUpperInvariant(title[0]) + title[1..];
            return new ExtractedValue(title, 0.88, context.Text.Window(context.Text.LineStarts[i], title.Length + cue.Length, 0), context.Text.LineStarts[i]);
        }

        return Publication(context);
    }

    /// <summary>A missiv without "Remiss av": the line near the top naming an official publication, "Promemorian … (Ds 2026:4)".</summary>
    private static ExtractedValue? Publication(RuleContext context)
    {
        var lines = context.Text.Lines;
        for (var i = 0; i < Math.Min(lines.Count, 25); i++)
        {
            var line = lines[i].Trim();
            if (line.Length is >= 12 and <= 160 && SeriesAtEnd().IsMatch(line) && char.IsUpper(line[0]))
            {
                return new ExtractedValue(line, 0.75, line, context.Text.LineStarts[i]);
            }
        }

        return null;
    }

    [GeneratedRegex(@"\((?:SOU|Ds|Prop\.|prop\.|Dir\.|dir\.)\s?\d{4}(?:/\d{2})?:\d+\)$")]
    private static partial Regex SeriesAtEnd();

    private static bool Continues(string next) =>
        next.Length is > 0 and <= 60 && KnownHeadings.Match(next) is null && !Stop().IsMatch(next);

    [GeneratedRegex(@"^§\s*\d+\s*")]
    private static partial Regex Paragraph();

    [GeneratedRegex(
        @"^(?:(?:Yttrande|Remissvar|Synpunkter|Svar)\s+(?:över|på|avseende|angående|om|gällande)\s+(?:remiss(?:en)?\s+(?:av|om|avseende|angående|gällande)?\s*|remissen\s+)?|Remiss(?:var)?\s*(?::|–|-)\s*|Remiss\s+(?:av|om|avseende|angående|gällande)\s+|Remittering\s+av\s+|Angående\s+remiss\s+(?:av|om)\s+)",
        RegexOptions.IgnoreCase)]
    private static partial Regex Cue();

    [GeneratedRegex(@"[.:!?]$")]
    private static partial Regex Ends();

    [GeneratedRegex(@"^(?:Svar på remiss|Dnr|Diarienummer|§|\d{4}-\d{2}-\d{2}|Er beteckning|Vår beteckning|Ert dnr|Till|Från)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Stop();

    [GeneratedRegex(@"\s*(?:[,–-]\s*(?:dnr\s*)?[A-ZÅÄÖ]{1,6}\s?\d{4}[/:-]\d+\S*|\((?!(?:SOU|Ds|Prop\.|prop\.|Dir\.|dir\.)\s?\d)(?:dnr\s*)?[^)]*\d{4}[^)]*\))\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingDnr();
}
