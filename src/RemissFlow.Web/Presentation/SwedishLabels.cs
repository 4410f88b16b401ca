using RemissFlow.Documents.Wording;

namespace RemissFlow.Web.Presentation;

/// <summary>Swedish names for the enums and stored keys the pages show; dates and numbers are in SwedishText.</summary>
public static class SwedishLabels
{
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
}
