namespace RemissFlow.Core.Domain;

public enum OrganisationKind
{
    Kommunstyrelse,
    Namnd,
    Bolag,
    ExternOrganisation,
}

/// <summary>What kind of outside organisation sends a remiss to the municipality.</summary>
public enum ExternAvsandareTyp
{
    Departement,
    Myndighet,
    Lansstyrelse,
    Region,
    Kommun,
    Annan,
}

/// <summary>The roles of process.md. Stored by name, so renumbering is safe.</summary>
public enum Role
{
    Registrator,
    Handlaggare,
    Forvaltningschef,
    Namndsekreterare,
    KsSamordnare,
    Administrator,

    /// <summary>A member of an organ who signs in to read its kallelser and handlingar, and nothing else.</summary>
    Ledamot,

    /// <summary>Delivers closed ärenden to the e-arkiv (FGS packages) and sees what was delivered; reads no drafts.</summary>
    Arkivarie,
}

/// <summary>How an instans answered.</summary>
public enum Utfall
{
    Svar,
    Avstar,
    ForvaltningensSvar,
}

/// <summary>The instans's position on the remitted proposal.</summary>
public enum Standpunkt
{
    Tillstyrker,
    TillstyrkerMedSynpunkter,
    Avstyrker,
    Avstar,
}

/// <summary>Bodies that meet: the nämnd itself and the beredning bodies before it.</summary>
public enum OrganKind
{
    Namnd,
    Styrelse,
    Forvaltningsgrupp,
    Samverkansgrupp,
    RadForFunktionshinderfragor,
    Pensionarsrad,
}

public enum BilagaKind
{
    Remisshandling,
    Svar,
    TjansteutlatandeBilaga,

    /// <summary>The covering letter an outside sender's remiss came with.</summary>
    Missiv,

    /// <summary>A handling that came in by e-mail and the registrator added to an ärende.</summary>
    InkommenHandling,
}

public enum AnstandBeslut
{
    Begart,
    Beviljat,
    Avslaget,
}
