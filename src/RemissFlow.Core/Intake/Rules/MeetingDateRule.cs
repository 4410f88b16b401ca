using System.Text.RegularExpressions;

namespace RemissFlow.Core.Intake.Rules;

/// <summary>
/// The date of the meeting the document belongs to: "Sammanträdesdatum 2025-03-12", "sammanträde den 12 mars 2025",
/// "Datum och tid: …", or in a TU's letterhead the nämnd's name with the meeting's date on the next line.
/// </summary>
public sealed partial class MeetingDateRule : IFieldRule
{
    public string Field => "meetingDate";

    public ExtractedValue? Extract(RuleContext context)
    {
        var text = context.Text;
        (Regex Pattern, double Confidence)[] cues = [(Labelled(), 0.95), (Meeting(), 0.88)];
        foreach (var (pattern, confidence) in cues)
        {
            foreach (Match cue in pattern.Matches(text.All))
            {
                var after = text.All[(cue.Index + cue.Length)..Math.Min(text.All.Length, cue.Index + cue.Length + 40)];
                var date = SwedishDates.Find(after, context.DocumentDate).FirstOrDefault(d => d.Index <= 12);
                if (date is not null)
                {
                    var at = cue.Index + cue.Length + date.Index;
                    return new ExtractedValue(SwedishDates.Iso(date.Date), confidence, text.LineAt(cue.Index) + " " + after[..(date.Index + date.Length)].Trim(), cue.Index);
                }
            }
        }

        // A TU's letterhead: "Socialnämnden" and under it "2024-09-24" (the TU's own date sits under the förvaltning).
        var lines = text.All.Split('\n');
        for (var i = 0; i + 1 < lines.Length && i < 60; i++)
        {
            // OCR leaves a blank line between the two as often as not.
            var next = lines[i + 1].Trim().Length == 0 && i + 2 < lines.Length ? i + 2 : i + 1;
            if (Board().IsMatch(lines[i].Trim()) && IsoOnly().IsMatch(lines[next].Trim()))
            {
                var date = lines[next].Trim();
                return new ExtractedValue(date, 0.85, lines[i].Trim() + " " + date, text.All.IndexOf(lines[i], StringComparison.Ordinal));
            }
        }

        return null;
    }

    [GeneratedRegex(@"\b(?:Sammanträdesdatum|Sammanträdesdag|Mötesdatum|Sammanträdets datum|Datum för sammanträdet|Datum och tid|Tid och plats|Tid(?=\s*:))\s*:?\s*(?:\p{L}+dagen\s+)?(?:den\s+)?", RegexOptions.IgnoreCase)]
    private static partial Regex Labelled();

    [GeneratedRegex(@"(?:vid|från|till|inför)?\s*(?:\p{L}+s\s+)?sammanträde(?:t)?(?:\s+med\s+\p{L}+)?\s*(?:den\s+|\p{L}+dagen\s+(?:den\s+)?)?", RegexOptions.IgnoreCase)]
    private static partial Regex Meeting();

    [GeneratedRegex(@"^(?:\p{Lu}[\p{L}-]*(?:\s(?:och|\p{L}+-?))*?\p{L}*(?:nämnden|styrelsen|fullmäktige)|Kommunstyrelsen|Regionstyrelsen)$")]
    private static partial Regex Board();

    [GeneratedRegex(@"^(?:19|20)\d{2}-[01]\d-[0-3]\d$")]
    private static partial Regex IsoOnly();
}
