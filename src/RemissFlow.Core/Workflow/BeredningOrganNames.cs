using RemissFlow.Core.Domain;

namespace RemissFlow.Core.Workflow;

/// <summary>The beredning bodies as the workflow payload names them, and as the TU phrases them.</summary>
public static class BeredningOrganNames
{
    public static OrganKind? Parse(string? name) => name switch
    {
        "forvaltningsgrupp" => OrganKind.Forvaltningsgrupp,
        "samverkansgrupp" => OrganKind.Samverkansgrupp,
        "funktionshinderrad" => OrganKind.RadForFunktionshinderfragor,
        "pensionarsrad" => OrganKind.Pensionarsrad,
        _ => null,
    };

    public static string Key(OrganKind kind) => kind switch
    {
        OrganKind.Forvaltningsgrupp => "forvaltningsgrupp",
        OrganKind.Samverkansgrupp => "samverkansgrupp",
        OrganKind.RadForFunktionshinderfragor => "funktionshinderrad",
        OrganKind.Pensionarsrad => "pensionarsrad",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Definite form, as in "behandlats i förvaltningsgruppen".</summary>
    public static string Definite(OrganKind kind) => kind switch
    {
        OrganKind.Forvaltningsgrupp => "förvaltningsgruppen",
        OrganKind.Samverkansgrupp => "samverkansgruppen",
        OrganKind.RadForFunktionshinderfragor => "rådet för funktionshinderfrågor",
        OrganKind.Pensionarsrad => "pensionärsrådet",
        OrganKind.Namnd => "nämnden",
        OrganKind.Styrelse => "styrelsen",
        _ => kind.ToString(),
    };

    public static string Indefinite(OrganKind kind) => kind switch
    {
        OrganKind.Forvaltningsgrupp => "Förvaltningsgrupp",
        OrganKind.Samverkansgrupp => "Samverkansgrupp",
        OrganKind.RadForFunktionshinderfragor => "Råd för funktionshinderfrågor",
        OrganKind.Pensionarsrad => "Pensionärsråd",
        OrganKind.Namnd => "Nämnd",
        OrganKind.Styrelse => "Styrelse",
        _ => kind.ToString(),
    };
}
