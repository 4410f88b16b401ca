namespace RemissFlow.Core.Workflow;

/// <summary>The beredning bodies as the TU and the notices phrase them.</summary>
public static class BeredningOrganNames
{
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
}
