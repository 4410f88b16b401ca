using System.Globalization;
using System.Text.RegularExpressions;

namespace RemissFlow.Core.Search;

/// <summary>The kinds of hit, as the API's "typ" names them.</summary>
public static class SearchTypes
{
    public const string Remiss = "remiss";
    public const string Arende = "arende";
    public const string Tjansteutlatande = "tjansteutlatande";
    public const string Remisshandling = "remisshandling";
    public const string Svarsfil = "svarsfil";
    public const string Beslut = "beslut";
    public const string Sammantrade = "sammantrade";
    public const string Organisation = "organisation";
    public const string Person = "person";

    public static readonly IReadOnlyList<string> All = [Remiss, Arende, Tjansteutlatande, Remisshandling, Svarsfil, Beslut, Sammantrade, Organisation, Person];

    /// <summary>The Swedish group headings of the result page.</summary>
    public static string Label(string typ) => typ switch
    {
        Remiss => "Remisser",
        Arende => "Ärenden",
        Tjansteutlatande => "Tjänsteutlåtanden",
        Remisshandling => "Remisshandlingar",
        Svarsfil => "Svarsdokument",
        Beslut => "Beslut och protokoll",
        Sammantrade => "Sammanträden",
        Organisation => "Organisationer",
        Person => "Personer",
        _ => typ,
    };
}

/// <summary>One row of the index: what the hit shows, the keys its access rule needs, and its text.</summary>
public sealed record SearchDocument(
    Guid Id,
    string Typ,
    string Titel,
    string Text,
    Guid? RemissId = null,
    Guid? RemissvarId = null,
    Guid? OrganisationId = null,
    Guid? ForalderId = null,
    int? Nummer = null,
    DateOnly? Datum = null,
    string? Dnr = null);

/// <summary>A dnr in the forms people type it: "SF 2026/186", "SF2026/186", "sf 2026 / 186", or only "2026/186".</summary>
public static partial class DnrQuery
{
    [GeneratedRegex(@"^\s*(?:(?<prefix>[A-Za-zÅÄÖåäö]{1,10}(?:-[A-Za-zÅÄÖåäö]{1,10})?)\s*)?(?<year>\d{4})\s*/\s*(?<number>\d{1,7})\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>The stored forms of a dnr: without spaces, upper case ("SF2026/186"), and year/number alone ("2026/186").</summary>
    public static (string? Norm, string? Nr) Normalize(string? dnr)
    {
        if (dnr is null || !TryParse(dnr, out var prefix, out var nr))
        {
            return (null, null);
        }

        return (prefix + nr, nr);
    }

    /// <summary>A query that is a dnr: its normalised prefix (null when only year/number was typed) and its year/number.</summary>
    public static bool TryParse(string text, out string? prefix, out string nr)
    {
        var m = Pattern().Match(text);
        prefix = null;
        nr = "";
        if (!m.Success)
        {
            return false;
        }

        nr = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + "/"
            + int.Parse(m.Groups["number"].Value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        prefix = m.Groups["prefix"].Success ? m.Groups["prefix"].Value.ToUpperInvariant() : null;
        return true;
    }
}
