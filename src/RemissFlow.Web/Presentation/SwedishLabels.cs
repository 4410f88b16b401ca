using System.Globalization;

namespace RemissFlow.Web.Presentation;

/// <summary>Swedish collation (å, ä, ö after z) and Swedish dates, the way people write them.</summary>
public static class SwedishText
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("sv-SE");

    public static readonly StringComparer Comparer = StringComparer.Create(Culture, CompareOptions.IgnoreCase);

    /// <summary>"24 april 2026": running text and headings.</summary>
    public static string LongDate(DateOnly date) => date.ToString("d MMMM yyyy", Culture);

    /// <summary>"2026-04-24": tables and document headers.</summary>
    /// <summary>A whole number the Swedish way: 10 000 (the group separator a non-breaking space, so it never wraps).</summary>
    public static string Number(long n) => n.ToString("#,0", Culture);

    /// <summary>"1 instans", "3 instanser", "10 000 ärenden".</summary>
    public static string Count(long n, string one, string many) => $"{Number(n)} {(n == 1 ? one : many)}";

    public static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string LongDate(DateTimeOffset instant) => LongDate(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Core.SwedishTime.Zone).DateTime));

    public static string IsoDate(DateTimeOffset instant) => IsoDate(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Core.SwedishTime.Zone).DateTime));

    public static string OrganisationKind(Core.Domain.OrganisationKind kind) => kind switch
    {
        Core.Domain.OrganisationKind.Kommunstyrelse => "Kommunstyrelse",
        Core.Domain.OrganisationKind.Namnd => "Nämnd",
        Core.Domain.OrganisationKind.Bolag => "Bolag",
        Core.Domain.OrganisationKind.ExternOrganisation => "Extern organisation",
        _ => kind.ToString(),
    };

    public static string Organ(Core.Domain.OrganKind kind) => kind switch
    {
        Core.Domain.OrganKind.Namnd => "Nämnd",
        Core.Domain.OrganKind.Styrelse => "Styrelse",
        Core.Domain.OrganKind.Forvaltningsgrupp => "Förvaltningsgrupp",
        Core.Domain.OrganKind.Samverkansgrupp => "Samverkansgrupp",
        Core.Domain.OrganKind.RadForFunktionshinderfragor => "Råd för funktionshinderfrågor",
        Core.Domain.OrganKind.Pensionarsrad => "Pensionärsråd",
        _ => kind.ToString(),
    };

    /// <summary>Workflow states are stored as lower-case keys; people read them as words.</summary>
    public static string Status(string status) => status switch
    {
        "utkast" => "Utkast",
        "utskickad" => "Utskickad",
        "svarstid_pagar" => "Svarstid pågår",
        "svarstid_ute" => "Svarstid ute",
        "sammanstalld" => "Sammanställd",
        "avslutad" => "Avslutad",
        "aterkallad" => "Återkallad",
        "raderad" => "Raderat utkast",
        "inkommen" => "Inkommen",
        "registrerad" => "Registrerad",
        "tilldelad" => "Tilldelad",
        "under_beredning" => "Under beredning",
        "godkand" => "Godkänd",
        "beslutad" => "Beslutad",
        "justerad" => "Justerad",
        "inlamnad" => "Inlämnad",
        _ => status.Length > 0 ? char.ToUpper(status[0], Culture) + status[1..].Replace('_', ' ') : status,
    };
}
