using System.Text.RegularExpressions;

namespace RemissFlow.Core.Intake.Rules;

/// <summary>
/// Who wrote the document: an organisation's name on a line of its own, in the letterhead, a running header or the
/// signature. A TU is the förvaltning's or kontor's; a protokollsutdrag the nämnd's or styrelse's; "Remissinstans: …" wins.
/// </summary>
public sealed partial class OrganisationRule : IFieldRule
{
    public string Field => "organisation";

    public ExtractedValue? Extract(RuleContext context)
    {
        var text = context.Text;
        var labelled = Labelled().Match(text.All);
        if (labelled.Success)
        {
            return new ExtractedValue(labelled.Groups["org"].Value.Trim(), 0.95, labelled.Value.Trim(), labelled.Index);
        }

        var candidates = new List<(string Name, double Score, int Start)>();
        var lines = text.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            var place = i < 20 ? 0.9 : i >= lines.Count - 25 ? 0.8 : 0;
            if (place > 0 && Name().IsMatch(lines[i]))
            {
                candidates.Add((lines[i], place + Preference(context.Kind, lines[i]), text.LineStarts[i]));
            }
        }

        var furnitureStart = text.Running.Length + 2;
        foreach (var line in text.Furniture)
        {
            if (Name().IsMatch(line))
            {
                candidates.Add((line, 0.85 + Preference(context.Kind, line), furnitureStart + text.All[furnitureStart..].IndexOf(line, StringComparison.Ordinal)));
            }
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        var best = candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Start).First();
        // Two different names scoring alike (an addressee and a sender) make the pick a guess.
        var rival = candidates.Any(c => c.Name != best.Name && c.Score >= best.Score - 0.02);
        return new ExtractedValue(best.Name, Math.Clamp(rival ? best.Score - 0.25 : best.Score, 0, 0.97), best.Name, best.Start);
    }

    private static double Preference(string kind, string name)
    {
        var office = Office().IsMatch(name);
        var board = Board().IsMatch(name);
        return kind switch
        {
            KindRule.Tjansteutlatande => office ? 0.05 : board ? -0.3 : 0,
            KindRule.Protokollsutdrag => board ? 0.05 : office ? -0.3 : 0,
            _ => 0,
        };
    }

    [GeneratedRegex(
        @"^(?:(?:\p{Lu}[\p{L}-]*\s){0,4}\p{L}*(?:förvaltningen|förvaltning|kontoret|nämnden|styrelsen|fullmäktige|myndigheten|verket|inspektionen|departementet|förbundet|kommun|stad|rådet|kammaren|institutet|universitet|föreningen|förening)|Länsstyrelsen(?: i \p{Lu}[\p{L} ]+län)?|Region \p{Lu}\p{L}+|Regeringskansliet|Sveriges Kommuner och Regioner|(?:\p{Lu}[\p{L}-]*\s){0,3}\p{Lu}[\p{L}-]* AB)$")]
    private static partial Regex Name();

    [GeneratedRegex(@"(?:förvaltningen|förvaltning|kontoret)$")]
    private static partial Regex Office();

    [GeneratedRegex(@"(?:nämnden|styrelsen|fullmäktige)$")]
    private static partial Regex Board();

    [GeneratedRegex(@"(?:Remissinstans|Instans|Avsändare|Organisation)\s*:\s*(?<org>[^\n]{3,80})", RegexOptions.IgnoreCase)]
    private static partial Regex Labelled();
}
