using System.Text;

namespace RemissFlow.Core.Domain;

/// <summary>
/// How an outside sender wants the answer delivered: in which formats, whether its dnr goes in the subject, and
/// how the files are named. Data per sender, because each writes its own in its remiss letter.
/// </summary>
public sealed record Leveransregel(bool Pdf, bool Word, bool DnrIAmne, string Filnamn)
{
    public const string StandardFilnamn = "{dnr} {instans}";

    /// <summary>Regeringskansliet's remiss letters: Word and PDF, the department's dnr in the subject, the file named by that dnr and the instans.</summary>
    public static Leveransregel Departement { get; } = new(Pdf: true, Word: true, DnrIAmne: true, StandardFilnamn);

    /// <summary>Other senders usually ask for nothing in particular; a PDF named the same way is the safe choice.</summary>
    public static Leveransregel Annan { get; } = new(Pdf: true, Word: false, DnrIAmne: true, StandardFilnamn);

    public static Leveransregel StandardFor(ExternAvsandareTyp typ) => typ == ExternAvsandareTyp.Departement ? Departement : Annan;

    private static readonly string[] Platshallare = ["{dnr}", "{instans}"];

    /// <summary>The Swedish reason the name template cannot be used, or null: it must name the dnr and may name only the known placeholders.</summary>
    public static string? FilnamnProblem(string? mall)
    {
        if (string.IsNullOrWhiteSpace(mall))
        {
            return "Filnamn måste fyllas i, till exempel {dnr} {instans}.";
        }

        if (mall.Length > 200)
        {
            return "Filnamn får vara högst 200 tecken.";
        }

        var rest = Platshallare.Aggregate(mall, (m, p) => m.Replace(p, "", StringComparison.Ordinal));
        if (rest.Contains('{', StringComparison.Ordinal) || rest.Contains('}', StringComparison.Ordinal))
        {
            return "Filnamn får bara innehålla platshållarna {dnr} och {instans}.";
        }

        return mall.Contains("{dnr}", StringComparison.Ordinal) ? null : "Filnamn måste innehålla {dnr}, avsändarens diarienummer.";
    }

    /// <summary>The file name for one format. A dnr's "/" cannot stand in a file name, so it becomes "-", as the departments write it themselves.</summary>
    public string FileName(string avsandareDnr, string instans, string extension)
    {
        var name = Filnamn.Replace("{dnr}", avsandareDnr.Trim(), StringComparison.Ordinal).Replace("{instans}", instans.Trim(), StringComparison.Ordinal);
        var safe = new StringBuilder(name.Length);
        foreach (var ch in name)
        {
            safe.Append(ch is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' || char.IsControl(ch) ? '-' : ch);
        }

        return $"{safe.ToString().Trim()}.{extension}";
    }

    public string Subject(string avsandareDnr, string title) => DnrIAmne ? $"Remissvar {avsandareDnr.Trim()}: {title}" : $"Remissvar: {title}";
}
