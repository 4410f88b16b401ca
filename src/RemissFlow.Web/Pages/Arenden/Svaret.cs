using RemissFlow.Core.Workflow;

namespace RemissFlow.Web.Pages.Arenden;

/// <summary>
/// What goes to the sender with the answer, listed the same way before "lämna in" (so the user
/// knows what will happen) and on the receipt afterwards (so the user knows what happened).
/// </summary>
public static class Svaret
{
    public sealed record Handling(string Namn, string Href);

    public static IReadOnlyList<Handling> Handlingar(ArendeView v)
    {
        var list = new List<Handling>();
        if (v.Svar.Utfall == Utfall.Avstar || v.Svar.Status == RemissvarState.Avstatt)
        {
            return list;
        }

        if (v.Tu?.GodkandVersion is { } version)
        {
            list.Add(new Handling($"Tjänsteutlåtande, version {version} (fastställd)", $"/arenden/{v.Svar.Id}/dokument/tu/pdf?version={version}"));
        }

        var beslut = v.Beslut.Count > 0 ? v.Beslut[^1] : null;
        if (beslut is not null && (beslut.JusteradDatum is not null || beslut.Ordforandebeslut))
        {
            var namn = beslut.Ordforandebeslut ? "Ordförandebeslut" : beslut.Paragraf is { } p ? $"Protokollsutdrag § {p}" : "Protokollsutdrag";
            list.Add(new Handling(namn, $"/arenden/{v.Svar.Id}/dokument/protokollsutdrag/pdf"));
        }

        return list;
    }

    /// <summary>Who receives it: the sending organisation and, when the remiss names one, its contact person.</summary>
    public static string Mottagare(ArendeView v) =>
        v.Remiss.KontaktpersonNamn is { Length: > 0 } namn
            ? $"{v.Avsandare}, kontaktperson {namn}{(v.Remiss.KontaktpersonEpost is { Length: > 0 } e ? $" ({e})" : "")}"
            : v.Avsandare;
}
