using RemissFlow.Documents.Wording;

namespace RemissFlow.Web.Api;

/// <summary>
/// Turns a pasted list (one organisation a line, as people copy it from a spreadsheet or an old missiv) into
/// organisations of the register. A line matches an organisation's name or its diarium prefix (SF, SOF, PRO),
/// ignoring case; blank lines are skipped; each line that matches nothing is reported by its number.
/// </summary>
public static class RemisslistaResolver
{
    public sealed record Resolved(IReadOnlyList<Guid> Ids, IReadOnlyList<string> Errors);

    public static Resolved Resolve(IEnumerable<string?> lines, IReadOnlyList<Organisation> register)
    {
        var ids = new List<Guid>();
        var errors = new List<string>();
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = (raw ?? "").Trim().TrimEnd(',', ';').Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var match = register.FirstOrDefault(o => SwedishText.Comparer.Equals(o.Name, line))
                ?? register.FirstOrDefault(o => SwedishText.Comparer.Equals(o.DnrPrefix, line));
            if (match is null)
            {
                errors.Add($"Rad {number}: ”{line}” finns inte i organisationsregistret.");
            }
            else if (match.Kind == OrganisationKind.Kommunstyrelse || !match.Active)
            {
                errors.Add($"Rad {number}: {match.Name} kan inte vara remissinstans.");
            }
            else if (!ids.Contains(match.Id))
            {
                ids.Add(match.Id);
            }
        }

        return new Resolved(ids, errors);
    }

    public static IEnumerable<string> Lines(string? text) => (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
}
