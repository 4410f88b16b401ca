namespace RemissFlow.Core.Features.Remissvar;

/// <summary>
/// The TU template's sections in document order, keyed as the version's fields, with their headings
/// (templates/tjansteutlatande.json): the editor, the diff and the text import read them here.
/// </summary>
public static class TuSections
{
    public static readonly IReadOnlyList<(string Key, string Heading, Func<TjansteutlatandeVersion, string?> Read)> All =
    [
        ("ForslagTillBeslut", "Förvaltningens förslag till beslut", v => v.ForslagTillBeslut),
        ("Sammanfattning", "Sammanfattning", v => v.Sammanfattning),
        ("Bakgrund", "Bakgrund", v => v.Bakgrund),
        ("Arendet", "Ärendet", v => v.Arendet),
        ("ArendetsBeredning", "Ärendets beredning", v => v.ArendetsBeredning),
        ("Synpunkter", "Förvaltningens synpunkter och förslag", v => v.Synpunkter),
    ];
}
