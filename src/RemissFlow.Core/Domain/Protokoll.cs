namespace RemissFlow.Core.Domain;

/// <summary>
/// The protokoll of one sammanträde: who justerar it, when and where, each digital approval, and the anslag of the
/// justerat protokoll on the anslagstavla (KL 5:69, 8:12). Its state is the protokoll workflow's.
/// </summary>
public sealed class Protokoll : Entity
{
    public Guid SammantradeId { get; set; }

    public required string Status { get; set; }

    public Guid? WorkflowInstanceId { get; set; }

    /// <summary>The chosen justerare (ledamöter of the organ); the ordförande justerar besides them.</summary>
    public List<Guid> JusterareIds { get; set; } = [];

    public DateTimeOffset? JusteringTid { get; set; }

    public string? JusteringPlats { get; set; }

    /// <summary>Where the justerat protokoll is kept, as the anslag says.</summary>
    public string? Forvaringsplats { get; set; }

    /// <summary>Paragraphs (beslut or typed-in items, by id) kept off the public anslagstavla.</summary>
    public List<Guid> EjOffentliga { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the last required approval came in; from then on no beslut of the meeting may change.</summary>
    public DateOnly? JusteratDatum { get; set; }

    public DateOnly? AnslagUppsatt { get; set; }

    public DateOnly? AnslagNedtaget { get; set; }

    /// <summary>Set by the timer when the legal time for justering passed with the protokoll not justerat.</summary>
    public DateTimeOffset? SenMarkeradAt { get; set; }

    public List<ProtokollGodkannande> Godkannanden { get; set; } = [];

    public bool Last => JusteratDatum is not null;

    /// <summary>The last day of the appeal period (laglighetsprövning, KL 13:5): three weeks from the day the anslag went up.</summary>
    public DateOnly? OverklagandeTill => AnslagUppsatt?.AddDays(21);

    /// <summary>The day the notice comes down: the day after the appeal period ended.</summary>
    public DateOnly? AnslagTasNed => AnslagUppsatt?.AddDays(22);
}

public enum JusteringsRoll
{
    Ordforande,
    Justerare,
}

/// <summary>One person's digital approval of the whole protokoll, or (with <see cref="ParagrafId"/>) of one paragraph at the meeting.</summary>
public sealed class ProtokollGodkannande
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ProtokollId { get; set; }

    public Guid LedamotId { get; set; }

    public Guid UserId { get; set; }

    public required string Namn { get; set; }

    public JusteringsRoll Roll { get; set; }

    /// <summary>Null for the whole protokoll; else the beslut or typed-in item justerat omedelbart.</summary>
    public Guid? ParagrafId { get; set; }

    public DateTimeOffset At { get; set; }
}
