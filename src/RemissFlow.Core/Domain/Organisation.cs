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
}
