namespace RemissFlow.Web.Pages.Arenden;

/// <summary>The TU template's sections in document order, with their headings (templates/tjansteutlatande.json).</summary>
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
