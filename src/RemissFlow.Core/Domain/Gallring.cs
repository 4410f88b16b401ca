namespace RemissFlow.Core.Domain;

/// <summary>
/// One row of an organisation's dokumenthanteringsplan: for one kind of handling, whether it is bevaras or gallras and
/// after how many years from which event. An edit never changes a row: it writes the next version and leaves the old
/// one as it was, so a gallringsbeslut always names the exact row it was taken under.
/// </summary>
public sealed class GallringsplanRad
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; set; }

    /// <summary>One of <c>Gallringsplan.Typer</c>.</summary>
    public required string Handlingstyp { get; set; }

    public int PlanVersion { get; set; }

    /// <summary><c>bevaras</c> or <c>gallras</c>.</summary>
    public required string Atgard { get; set; }

    public int? Ar { get; set; }

    /// <summary>The event the years are counted from: <c>upprattad</c>, <c>arende_avslutat</c> or <c>inaktualitet</c>.</summary>
    public string? Utgangspunkt { get; set; }

    public string? Anmarkning { get; set; }

    /// <summary>The row in force; the earlier versions stay for the decisions taken under them.</summary>
    public bool Giltig { get; set; }

    public Guid? AndradAv { get; set; }

    public DateTimeOffset AndradAt { get; set; }
}

/// <summary>An arkivarie's gallringsbeslut: the due handlingar it covers, proposed, then decided (and carried out) or cancelled.</summary>
public sealed class Gallringsbeslut : Entity
{
    public Guid OrganisationId { get; set; }

    /// <summary>"GB 2026/3": the organisation's prefix, the year and a running number.</summary>
    public required string Beteckning { get; set; }

    public required string Status { get; set; }

    public Guid? WorkflowInstanceId { get; set; }

    public Guid? SkapadAv { get; set; }

    public DateTimeOffset SkapadAt { get; set; }

    public Guid? BeslutadAv { get; set; }

    public string? BeslutadAvNamn { get; set; }

    public DateTimeOffset? BeslutadAt { get; set; }

    public List<GallringsPost> Poster { get; set; } = [];
}

/// <summary>One handling a gallringsbeslut covers, with the plan row and the reason it was due.</summary>
public sealed class GallringsPost
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid BeslutId { get; set; }

    public required string Handlingstyp { get; set; }

    public Guid HandlingId { get; set; }

    public required string ArendeTyp { get; set; }

    public Guid ArendeId { get; set; }

    public string? Dnr { get; set; }

    public required string Namn { get; set; }

    public Guid PlanradId { get; set; }

    public DateOnly GallrasFran { get; set; }

    public required string Skal { get; set; }
}

/// <summary>
/// What takes a gallrad handling's place in its ärende: what it was (kind, name, size, checksum), under which decision
/// and plan row, by whom and when. Never the content.
/// </summary>
public sealed class Gallringsnotering
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string ArendeTyp { get; set; }

    public Guid ArendeId { get; set; }

    public string? Dnr { get; set; }

    public required string Handlingstyp { get; set; }

    public Guid HandlingId { get; set; }

    public required string Namn { get; set; }

    public required string MediaType { get; set; }

    public long Size { get; set; }

    public required string Sha256 { get; set; }

    public Guid BeslutId { get; set; }

    public Guid PlanradId { get; set; }

    public Guid? GallradAv { get; set; }

    public DateTimeOffset GallradAt { get; set; }
}
