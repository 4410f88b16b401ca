using System.Text.RegularExpressions;

namespace RemissFlow.Core.Intake.Rules;

/// <summary>
/// The document's own dnr: a labelled line ("Dnr SOF 2024/472", "Diarienummer: KS 2025/77", "Vår beteckning …",
/// "§ 12 Dnr …"), in the letterhead first. A dnr the text names as the sender's ("Er beteckning", "Svar på remiss från …")
/// is never this one.
/// </summary>
public sealed partial class DnrRule : IFieldRule
{
    public string Field => "dnr";

    public ExtractedValue? Extract(RuleContext context)
    {
        var text = context.Text;
        var lines = text.All.Split('\n');
        var offset = 0;
        ExtractedValue? best = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var start = offset;
            offset += line.Length + 1;
            var label = OwnLabel().Match(line);
            if (!label.Success || SenderContext().IsMatch(line[..label.Index]))
            {
                continue;
            }

            var dnr = DnrPattern.Find(line[label.Index..]).FirstOrDefault();
            if (dnr is null || dnr.Index > label.Length + 2)
            {
                continue;
            }

            var inHead = i < 25 || start > text.Running.Length;
            var confidence = inHead ? 0.95 : 0.75;
            if (best is null || confidence > best.Confidence)
            {
                best = new ExtractedValue(dnr.Value, confidence, line.Trim(), start);
            }
        }

        return best ?? Unlabelled(text);
    }

    /// <summary>
    /// A letterhead often gives the dnr with no label, alone on its line (in the right-hand column): "S2026/00412",
    /// "KS-2025-0977". Taken only with a prefix, in the first lines, when the line before is not a sender's label.
    /// </summary>
    private static ExtractedValue? Unlabelled(IntakeText text)
    {
        for (var i = 0; i < Math.Min(text.Lines.Count, HeadLines); i++)
        {
            var line = text.Lines[i].Trim();
            var dnr = DnrPattern.Find(line).FirstOrDefault();
            if (dnr is { HasPrefix: true, Index: 0 } && dnr.Length == line.Length && !(i > 0 && SenderLabel().IsMatch(text.Lines[i - 1])))
            {
                return new ExtractedValue(dnr.Value, 0.8, line, text.LineStarts[i]);
            }
        }

        return null;
    }

    private const int HeadLines = 15;

    [GeneratedRegex(@"(?:Er beteckning|Ert dnr|Ert diarienummer|Er referens|Ert ärendenummer)\s*:?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SenderLabel();

    [GeneratedRegex(@"(?:^|§\s*\d+\s*)(?:Dnr|Diarienummer|Diarienr|Vår beteckning|Vårt dnr|Vår referens|Ärendenummer|Vårt diarienummer)\b\.?:?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex OwnLabel();

    [GeneratedRegex(@"(?:Er|Ert|Eran|remiss|från)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SenderContext();
}
