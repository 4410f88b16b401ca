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
        var first = FirstLine(lines);
        var sender = first < 0 ? -1 : Sender(lines, first, context.Kind);
        string? section = null;
        for (var i = 0; i < lines.Count; i++)
        {
            section = KnownHeadings.Match(lines[i]) ?? section;
            var name = Undoubled(lines[i]);
            var place = i < 20 ? 0.9 : i >= lines.Count - 25 ? 0.8 : 0;
            // Names under "Beslutet skickas till" or "Remissinstanser" are those the document goes to, not its writer.
            if (place > 0 && Name().IsMatch(name) && section is not ("Beslutet skickas till" or "Remissinstanser" or "Sändlista"))
            {
                candidates.Add((name, place + Preference(context.Kind, name) + (i == sender ? 0.06 : 0), text.LineStarts[i]));
            }
        }

        // A letterhead whose first line is a name the closing signs again ("PRO Norrbacka" … "Föreningen PRO Norrbacka"):
        // the writer, even when the name has no word that says organisation.
        if (first >= 0 && !Name().IsMatch(lines[first]) && Plain().IsMatch(lines[first]) && KnownHeadings.Match(lines[first]) is null
            && lines.Skip(Math.Max(first + 1, lines.Count - 10)).Any(l => l.Contains(lines[first], StringComparison.Ordinal)))
        {
            candidates.Add((lines[first], 0.93, text.LineStarts[first]));
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

    private static int FirstLine(IReadOnlyList<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length > 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The letterhead's top line names the sender; under an umbrella ("Sundsvalls kommun", "Regeringskansliet") the organ on
    /// the next line wrote it, except in a remissvar, where the instans answering is the kommun or region itself.
    /// </summary>
    private static int Sender(IReadOnlyList<string> lines, int first, string kind)
    {
        if (!Name().IsMatch(lines[first]))
        {
            return -1;
        }

        // The organ's line may come after the letterhead's kind word ("Sundsvalls kommun", "PROTOKOLLSUTDRAG", "Socialnämnden").
        var next = Enumerable.Range(first + 1, Math.Max(0, Math.Min(3, lines.Count - first - 1))).FirstOrDefault(j => Name().IsMatch(lines[j]), -1);
        var umbrella = Umbrella().IsMatch(lines[first]);
        if (umbrella && next >= 0 && (kind != KindRule.Remissvar || lines[first] == "Regeringskansliet"))
        {
            return next;
        }

        return first;
    }

    /// <summary>"Socialförvaltningen Socialförvaltningen": two signature boxes side by side, read as one line.</summary>
    private static string Undoubled(string line)
    {
        var half = line.Length / 2;
        return line.Length > 6 && line.Length % 2 == 1 && line[half] == ' ' && line[..half] == line[(half + 1)..] ? line[..half] : line;
    }

    private static double Preference(string kind, string name)
    {
        var office = Office().IsMatch(name);
        var board = Board().IsMatch(name);
        return kind switch
        {
            KindRule.Tjansteutlatande => office ? 0.05 : board ? -0.3 : 0,
            KindRule.Protokollsutdrag => board ? 0.05 : office ? -0.3 : 0,
            // A missiv goes out in the name of the styrelse or nämnd, even when its kontor wrote it.
            KindRule.Remiss => board ? 0.05 : office ? -0.1 : 0,
            _ => 0,
        };
    }

    [GeneratedRegex(
        @"^(?:(?:(?:\p{Lu}[\p{L}-]*|och)\s){0,4}\p{L}*(?:förvaltningen|förvaltning|kontoret|nämnden|styrelsen|fullmäktige|myndigheten|verket|inspektionen|departementet|förbundet|kommun|stad|rådet|kammaren|institutet|universitet|föreningen|förening)|\p{Lu}\p{L}*(?:förbundet|föreningen)(?: i)? \p{Lu}\p{L}+|Länsstyrelsen(?: i \p{Lu}[\p{L} ]+län| \p{Lu}\p{L}+)?|Region \p{Lu}\p{L}+|Regeringskansliet|Sveriges Kommuner och Regioner|(?:\p{Lu}[\p{L}-]*\s){0,3}\p{Lu}[\p{L}-]* AB)$")]
    private static partial Regex Name();

    [GeneratedRegex(@"^(?:\p{Lu}[\p{L}-]+ (?:kommun|stad)|Region \p{Lu}\p{L}+|Regeringskansliet)$")]
    private static partial Regex Umbrella();

    /// <summary>A short name: two to five words, a capital first, no digits or sentence punctuation.</summary>
    [GeneratedRegex(@"^\p{Lu}[\p{L}-]*(?: [\p{L}-]+){1,4}$")]
    private static partial Regex Plain();

    [GeneratedRegex(@"(?:förvaltningen|förvaltning|kontoret)$")]
    private static partial Regex Office();

    [GeneratedRegex(@"(?:nämnden|styrelsen|fullmäktige)$")]
    private static partial Regex Board();

    [GeneratedRegex(@"(?:Remissinstans|Instans|Avsändare|Organisation)\s*:\s*(?<org>[^\n]{3,80})", RegexOptions.IgnoreCase)]
    private static partial Regex Labelled();
}
