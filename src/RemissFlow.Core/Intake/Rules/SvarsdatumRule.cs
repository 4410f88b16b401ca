using System.Text.RegularExpressions;

namespace RemissFlow.Core.Intake.Rules;

/// <summary>
/// The svarsdatum: a date right after "senast", "svarsdatum", "ska ha inkommit", "svar önskas" … in any date form; a date
/// without a year takes the document's. A cue far from its date lowers the confidence.
/// </summary>
public sealed partial class SvarsdatumRule : IFieldRule
{
    public string Field => "svarsdatum";

    public ExtractedValue? Extract(RuleContext context)
    {
        var flat = context.Text.Flat;
        ExtractedValue? best = null;
        foreach (var date in SwedishDates.Find(flat, context.DocumentDate))
        {
            var before = flat[Math.Max(0, date.Index - 90)..date.Index];
            var cue = Cue().Matches(before).LastOrDefault();
            if (cue is null || NotAnAnswer().IsMatch(before[cue.Index..]))
            {
                continue;
            }

            var gap = before.Length - (cue.Index + cue.Length);
            var confidence = (gap <= 12 ? 0.93 : gap <= 45 ? 0.82 : 0.6) - (date.YearGiven || context.DocumentDate is not null ? 0 : 0.3);
            if (best is null || confidence > best.Confidence)
            {
                best = new ExtractedValue(SwedishDates.Iso(date.Date), confidence, context.Text.Window(date.Index, date.Length), date.Index);
            }
        }

        return best;
    }

    [GeneratedRegex(@"(?:senast|svarsdatum|sista svarsdag|svar önskas|ska ha inkommit|skall ha inkommit|ska vara [^.]{0,30}tillhanda|inkomma med|svara|besvaras|remisstid(?:en)?(?: löper ut| går ut)?|svar senast)\b:?", RegexOptions.IgnoreCase)]
    private static partial Regex Cue();

    [GeneratedRegex(@"(?:sammanträde|protokoll|beslutade|justera|behandla)", RegexOptions.IgnoreCase)]
    private static partial Regex NotAnAnswer();
}
