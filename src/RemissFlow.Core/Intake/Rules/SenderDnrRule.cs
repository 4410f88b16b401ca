using System.Text.RegularExpressions;

namespace RemissFlow.Core.Intake.Rules;

/// <summary>
/// The dnr of the sender the document answers or refers to: "Er beteckning KS 2025/1616", "Ert dnr …", "Svar på remiss
/// från kommunstyrelsen, Dnr KS 2023/1159", "Remiss av … (KS 2025/1616)". Not read from a remiss itself, which has only its own.
/// </summary>
public sealed partial class SenderDnrRule : IFieldRule
{
    public string Field => "senderDnr";

    public ExtractedValue? Extract(RuleContext context)
    {
        if (context.Kind == KindRule.Remiss)
        {
            return null;
        }

        var text = context.Text.All;
        // The cue "Yttrande över remiss av …" may stand just above the document's own "Dnr BUN 2026/59": never that one.
        var own = new DnrRule().Extract(context)?.Value;
        (Regex Pattern, double Confidence)[] cues = [(Labelled(), 0.95), (OthersOrgan(), 0.9), (Answering(), 0.92), (Referring(), 0.8)];
        foreach (var (pattern, confidence) in cues)
        {
            foreach (Match cue in pattern.Matches(text))
            {
                var after = text[(cue.Index + cue.Length)..Math.Min(text.Length, cue.Index + cue.Length + 90)];
                var dnr = DnrPattern.Find(after).FirstOrDefault(d => confidence >= 0.95 || d.Value != own);
                if (dnr is not null)
                {
                    var at = cue.Index + cue.Length + dnr.Index;
                    return new ExtractedValue(dnr.Value, confidence, context.Text.LineAt(at), at);
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"(?:Er beteckning|Ert dnr|Ert diarienummer|Er referens|Er ref\.?|Ert ärendenummer|Ert nr)\s*:?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Labelled();

    /// <summary>"Kommunstyrelsens diarienummer KS 2026/0144": another organ's number, named by its genitive.</summary>
    [GeneratedRegex(@"\b\p{Lu}\p{L}+s (?:diarienummer|dnr|beteckning|ärendenummer)\s*:?\s*")]
    private static partial Regex OthersOrgan();

    [GeneratedRegex(@"(?:Svar på remiss|Yttrande över remiss|Remissvar)[^.\n]{0,60}?,?\s*(?=[^\n]{0,40}\d)", RegexOptions.IgnoreCase)]
    private static partial Regex Answering();

    [GeneratedRegex(@"(?:remiss(?:en)?|remitterat|Angående)\b[^.]{0,60}?[(,]\s*(?:dnr\s*)?(?=\S*\d)", RegexOptions.IgnoreCase)]
    private static partial Regex Referring();
}
