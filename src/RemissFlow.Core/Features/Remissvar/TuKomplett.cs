using RemissFlow.Documents.Wording;

namespace RemissFlow.Core.Features.Remissvar;

/// <summary>
/// A TU may be saved as a partial draft; it goes to the förvaltningschef only with every required section written.
/// Checked in code when "skicka_till_forvaltningschef" is fired (and when the button is offered), beside the
/// workflow's own guard that a draft exists, because the published workflow versions are immutable.
/// </summary>
public static class TuKomplett
{
    public const string Trigger = "skicka_till_forvaltningschef";

    /// <summary>The template's required sections in document order, with their headings (templates/tjansteutlatande.json).</summary>
    public static readonly IReadOnlyList<(string Heading, Func<TjansteutlatandeVersion, string?> Read)> Required =
    [
        ("Förvaltningens förslag till beslut", v => v.ForslagTillBeslut),
        ("Sammanfattning", v => v.Sammanfattning),
        ("Bakgrund", v => v.Bakgrund),
        ("Ärendet", v => v.Arendet),
        ("Förvaltningens synpunkter och förslag", v => v.Synpunkter),
    ];

    public static IReadOnlyList<string> Missing(TjansteutlatandeVersion version) =>
        Required.Where(r => string.IsNullOrWhiteSpace(r.Read(version))).Select(r => r.Heading).ToList();

    /// <summary>Null when the latest version is complete (or there is none: the workflow's guard answers that).</summary>
    public static async Task<Refusal?> CheckAsync(RemissFlowDbContext db, Domain.Remissvar svar, CancellationToken ct)
    {
        var latest = await db.Tjansteutlatanden.AsNoTracking().Where(t => t.RemissvarId == svar.Id)
            .SelectMany(t => t.Versioner).OrderByDescending(v => v.Nummer).FirstOrDefaultAsync(ct);
        var missing = latest is null ? [] : Missing(latest);
        return missing.Count == 0
            ? null
            : Refusal.InvalidState(missing.Count == 1
                ? $"Avsnittet {missing[0]} är tomt i version {latest!.Nummer}. Fyll i det och spara innan tjänsteutlåtandet skickas till förvaltningschefen."
                : $"Avsnitten {SwedishText.List(missing)} är tomma i version {latest!.Nummer}. Fyll i dem och spara innan tjänsteutlåtandet skickas till förvaltningschefen.");
    }
}
