namespace RemissFlow.Core.Intake;

/// <summary>The headings Swedish municipal documents use, matched without case and without the spaces OCR splits words with.</summary>
public static class KnownHeadings
{
    public static readonly IReadOnlyList<string> All =
    [
        "Förvaltningens förslag till beslut", "Kontorets förslag till beslut", "Förslag till beslut", "Förslag till yttrande",
        "Förvaltningens synpunkter och förslag", "Förvaltningens synpunkter", "Kontorets synpunkter", "Övergripande synpunkter",
        "Specifika synpunkter", "Synpunkter", "Sammanfattning", "Bakgrund", "Ärendets beredning", "Ärendet", "Beredning",
        "Beslutsunderlag", "Beslutet skickas till", "Beslutsgång", "Beslut", "Yttrande", "Bilagor", "Bilaga", "Inledning",
        "Förord", "Uppföljning", "Ekonomiska konsekvenser", "Konsekvenser", "Motivering", "Remissinstanser", "Sändlista",
        "Svar senast", "Remisstid", "Yrkanden", "Reservation", "Särskilt uttalande", "Propositionsordning", "Kontaktperson",
        "Ärenden", "Övriga frågor", "Mötets öppnande",
    ];

    /// <summary>Letters only, lower case: "Samman fattning" and "SAMMANFATTNING" both match "Sammanfattning".</summary>
    public static string Key(string text) => new([.. text.Where(char.IsLetter).Select(char.ToLowerInvariant)]);

    private static readonly Dictionary<string, string> ByKey = All.ToDictionary(Key, h => h);

    /// <summary>The canonical heading this line is, or null.</summary>
    public static string? Match(string line)
    {
        var trimmed = line.Trim().TrimEnd(':');
        return trimmed.Length is > 0 and <= 60 && ByKey.TryGetValue(Key(trimmed), out var h) ? h : null;
    }

    /// <summary>The known heading a (flattened) line starts with, followed by running text that starts a sentence, or null; longest first.</summary>
    public static string? Prefix(string line) =>
        All.OrderByDescending(h => h.Length).FirstOrDefault(h =>
            line.Length > h.Length + 2 && line.StartsWith(h, StringComparison.Ordinal) && line[h.Length] is ' ' or ':'
            && char.IsUpper(line[(h.Length + 1)..].TrimStart(' ', ':').FirstOrDefault('a')));
}
