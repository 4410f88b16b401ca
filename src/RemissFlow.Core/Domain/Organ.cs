namespace RemissFlow.Core.Domain;

/// <summary>A body that meets: the nämnd, a bolag's styrelse, or a beredning body of the förvaltning.</summary>
public sealed class Organ : Entity
{
    public Guid OrganisationId { get; set; }

    public OrganKind Kind { get; set; }

    public required string Name { get; set; }

    /// <summary>Working days before a meeting the papers must be ready.</summary>
    public int HandlingarArbetsdagarFore { get; set; } = 7;

    /// <summary>Working days the justering usually takes after a meeting.</summary>
    public int JusteringArbetsdagar { get; set; } = 5;

    public bool OmedelbarJusteringForRemissvar { get; set; }
}

/// <summary>A dated meeting of an <see cref="Organ"/>.</summary>
public sealed class Sammantrade : Entity
{
    public Guid OrganId { get; set; }

    public DateOnly Datum { get; set; }

    public TimeOnly? Tid { get; set; }

    public string? Lokal { get; set; }

    public bool Extra { get; set; }

    public List<Foredragningspunkt> Foredragningslista { get; set; } = [];

    /// <summary>When the kallelse first went to the ledamöter and ersättare (null: not sent).</summary>
    public DateTimeOffset? KallelseSkickadAt { get; set; }

    /// <summary>When the kallelse or its latest supplement went out; items placed later go in the next supplement.</summary>
    public DateTimeOffset? KallelseSenastSkickadAt { get; set; }

    /// <summary>The state of the meeting's own workflow (workflows/sammantrade); null until its first transition.</summary>
    public string? Status { get; set; }

    public Guid? WorkflowInstanceId { get; set; }

    /// <summary>When the nämndsekreterare opened the meeting; a beslut is recorded only after it.</summary>
    public DateTimeOffset? OppnatAt { get; set; }

    public DateTimeOffset? AvslutatAt { get; set; }
}

/// <summary>An item on the föredragningslista typed in by the nämndsekreterare, not an ärende of RemissFlow; numbered with the remiss items in one order.</summary>
public sealed class OvrigPunkt : Entity
{
    public Guid SammantradeId { get; set; }

    public int Ordning { get; set; }

    public required string Rubrik { get; set; }

    public string? Dnr { get; set; }

    public string? Foredragande { get; set; }

    public string? Beslutsforslag { get; set; }

    public DateTimeOffset AnmaldAt { get; set; }

    /// <summary>The item's § in the organ's protokoll for the year, given when the meeting is opened (or closed, for an item added during it).</summary>
    public int? Paragraf { get; set; }
}

/// <summary>An item on a meeting's föredragningslista.</summary>
public sealed class Foredragningspunkt
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid SammantradeId { get; set; }

    public int Ordning { get; set; }

    public Guid RemissvarId { get; set; }

    public required string Rubrik { get; set; }

    /// <summary>When the ärende was placed on the list, so a TU version saved earlier keeps its header (null: placed before this was kept).</summary>
    public DateTimeOffset? AnmaldAt { get; set; }

    /// <summary>The item's § in the organ's protokoll for the year, given when the meeting is opened (or closed, for an item added during it).</summary>
    public int? Paragraf { get; set; }
}

/// <summary>A dated passage of an ärende through a beredning body; the TU's "Ärendets beredning" is phrased from these.</summary>
public sealed class BeredningHandelse
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid RemissvarId { get; set; }

    public OrganKind OrganKind { get; set; }

    public required string OrganNamn { get; set; }

    public DateOnly Datum { get; set; }

    /// <summary>True when the body only had the chance to treat it (a råd that did not comment).</summary>
    public bool EndastMojlighet { get; set; }

    /// <summary>When the passage was recorded, so a TU version saved earlier never shows it (null: recorded before this was kept).</summary>
    public DateTimeOffset? RegistreradAt { get; set; }
}

/// <summary>The seat a member holds in an organ for a mandate period.</summary>
public enum Uppdrag
{
    Ordforande,
    ViceOrdforande,
    Ledamot,
    Ersattare,
}

/// <summary>
/// A member of an organ for one mandate period: ordförande, vice ordförande, ledamot or ersättare, with party.
/// Linked to an account (role ledamot) when the member signs in to read the kallelse.
/// </summary>
public sealed class Ledamot : Entity
{
    public Guid OrganId { get; set; }

    public required string Namn { get; set; }

    public string? Parti { get; set; }

    public Uppdrag Uppdrag { get; set; }

    public DateOnly Fran { get; set; }

    public DateOnly Till { get; set; }

    public Guid? UserId { get; set; }

    /// <summary>True when the mandate covers <paramref name="datum"/> (both ends included).</summary>
    public bool Innehar(DateOnly datum) => Fran <= datum && datum <= Till;

    public bool Overlaps(DateOnly fran, DateOnly till) => Fran <= till && fran <= Till;
}
