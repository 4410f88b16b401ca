namespace RemissFlow.Core.Domain;

/// <summary>
/// One entry of the append-only audit log. Each entry carries the hash of the one before,
/// so an altered or deleted row breaks the chain at a nameable place.
/// </summary>
public sealed class Handelse
{
    public long Sequence { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid? ActorId { get; set; }

    public required string ActorName { get; set; }

    /// <summary>The absent person on whose behalf <see cref="ActorName"/> acted as ersättare; null for one's own work.</summary>
    public Guid? PaUppdragAvId { get; set; }

    /// <summary>"Per Åkesson (t.f. förvaltningschef)" as it was when the event happened.</summary>
    public string? PaUppdragAvNamn { get; set; }

    public required string ArendeTyp { get; set; }

    public Guid ArendeId { get; set; }

    public string? Dnr { get; set; }

    /// <summary>What happened, in words a person reads in the ärende's history.</summary>
    public required string Beskrivning { get; set; }

    public required string Action { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }
}
