using System.Text.RegularExpressions;

namespace RemissFlow.Core.Intake.Rules;

/// <summary>Passages through beredningsorgan: the organ as written ("förvaltningsgruppen", "rådet för funktionshinderfrågor") and the date after it in the same sentence.</summary>
public static partial class BeredningRule
{
    public static IReadOnlyList<BeredningPassage> Extract(RuleContext context)
    {
        var flat = context.Text.Flat;
        var found = new List<BeredningPassage>();
        var organs = Organ().Matches(flat).ToList();
        for (var k = 0; k < organs.Count; k++)
        {
            var m = organs[k];
            var end = k + 1 < organs.Count ? organs[k + 1].Index : flat.Length;
            var sentenceEnd = flat.IndexOf(". ", m.Index, StringComparison.Ordinal);
            end = Math.Min(end, sentenceEnd < 0 ? flat.Length : sentenceEnd + 1);
            var date = SwedishDates.Find(flat[m.Index..end], context.DocumentDate).FirstOrDefault();
            var organ = m.Value.ToLowerInvariant();
            if (found.Any(f => f.Organ == organ))
            {
                continue;
            }

            found.Add(new BeredningPassage(organ, date is null ? null : SwedishDates.Iso(date.Date), context.Text.Window(m.Index, end - m.Index, 0)));
        }

        return found;
    }

    [GeneratedRegex(@"\b(?:(?:lokala |centrala )?förvaltningsgrupp(?:en)?|(?:lokala |centrala )?samverkansgrupp(?:en)?|pensionärsråd(?:et)?|rådet för funktionshinderfrågor|funktionshinderråd(?:et)?|rådet för funktionsnedsättningsfrågor|\p{Ll}{3,}(?<!om)rådet)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Organ();
}
