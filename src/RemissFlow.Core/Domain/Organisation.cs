namespace RemissFlow.Core.Domain;

public sealed class Organisation : Entity
{
    public required string Name { get; set; }

    public OrganisationKind Kind { get; set; }

    /// <summary>The förvaltning serving the nämnd (empty for bolag and outside organisations).</summary>
    public string? ForvaltningName { get; set; }

    /// <summary>Prefix of the organisation's diarium series, e.g. "SF" in "SF 2026/186".</summary>
    public required string DnrPrefix { get; set; }

    public string? ContactEmail { get; set; }

    public string? ContactPhone { get; set; }

    public string? PostalAddress { get; set; }

    public string? VisitingAddress { get; set; }

    public string? Web { get; set; }

    /// <summary>Beredning bodies this förvaltning's ärenden must pass before the nämnd, in order.</summary>
    public List<OrganKind> BeredningOrgan { get; set; } = [];

    public bool Active { get; set; } = true;

    /// <summary>Whether the writer of a tjänsteutlåtande version may approve it; off by default (separation of duties).</summary>
    public bool TillatSjalvgodkannande { get; set; }

    /// <summary>The letterhead logo in the file store (PNG or JPEG, checked by content when uploaded), or null.</summary>
    public string? LogoSha256 { get; set; }

    public string? LogoMediaType { get; set; }

    /// <summary>
    /// Set for an outside organisation that sends remisser to the municipality (a department, a länsstyrelse ...);
    /// such a sender has no users: the receiving registry registers what it sends and answers it by e-mail.
    /// </summary>
    public ExternAvsandareTyp? AvsandareTyp { get; set; }

    /// <summary>How the sender writes its own dnr, as printed on its missiv (free text, e.g. "Fi2025/01234").</summary>
    public string? DnrFormat { get; set; }

    /// <summary>Where the answer goes by e-mail; the contact e-mail is for questions and may differ.</summary>
    public string? SvarsEpost { get; set; }

    public string? SvarsAdress { get; set; }

    public bool LeveransPdf { get; set; }

    public bool LeveransWord { get; set; }

    public bool LeveransDnrIAmne { get; set; }

    /// <summary>The answer file's name before its extension, with {dnr} and {instans} filled in; null means "{dnr} {instans}".</summary>
    public string? LeveransFilnamn { get; set; }

    public Leveransregel Leveransregel() => new(LeveransPdf, LeveransWord, LeveransDnrIAmne, LeveransFilnamn ?? Domain.Leveransregel.StandardFilnamn);

    public void SattLeveransregel(Leveransregel regel)
    {
        LeveransPdf = regel.Pdf;
        LeveransWord = regel.Word;
        LeveransDnrIAmne = regel.DnrIAmne;
        LeveransFilnamn = regel.Filnamn;
    }
}
