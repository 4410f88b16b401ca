namespace RemissFlow.Documents.Composition;

/// <summary>
/// "Remiss av …" as a heading (missiv, föredragningslista, TU): the remiss's title is the object of the phrase, so it
/// loses a "Remiss av" it already carries and its sentence capital ("Handlingsplan för …" → "remiss av handlingsplan
/// för …"). A proper noun keeps its capital: an abbreviation (KS, SL), a word with a capital inside (eHälsa) or a
/// name the phrase cannot know, which we recognise by the Swedish place and state names titles begin with.
/// </summary>
public static class RemissRubrik
{
    private const string Prefix = "Remiss av ";

    private static readonly string[] ProperNames = ["Stockholm", "Sverige", "Region", "Regeringen", "Europa", "EU"];

    public static string Of(string title) => Prefix + Subject(title);

    /// <summary>The title without a leading "Remiss av", its capital kept: for a sentence that starts with it.</summary>
    public static string Stripped(string title)
    {
        var t = title.Trim();
        while (t.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            t = t[Prefix.Length..].TrimStart();
        }

        return t.Length > 0 && char.IsLower(t[0]) ? char.ToUpper(t[0], System.Globalization.CultureInfo.GetCultureInfo("sv-SE")) + t[1..] : t;
    }

    /// <summary>The title as the object of "remiss av": without a leading "Remiss av", lower-case unless a proper noun.</summary>
    public static string Subject(string title)
    {
        var t = title.Trim();
        while (t.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            t = t[Prefix.Length..].TrimStart();
        }

        if (t.Length < 2 || !char.IsUpper(t[0]))
        {
            return t;
        }

        var first = t.Split(' ', 2)[0];
        var keep = first.Skip(1).Any(char.IsUpper) || first.Any(char.IsDigit)
            || ProperNames.Any(n => first.StartsWith(n, StringComparison.Ordinal) && (first.Length == n.Length || first[n.Length..] is "s" or "s:" or ":s"));
        return keep ? t : char.ToLower(t[0], System.Globalization.CultureInfo.GetCultureInfo("sv-SE")) + t[1..];
    }
}
