namespace RemissFlow.Core.Domain;

/// <summary>
/// What an ärende's decided answer was sent to an outside sender as: to which address, under which subject, which
/// files, and when. That moment is the answer's expedierad date (the handling is then allmän). At most one per ärende.
/// </summary>
public sealed class Expediering
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid RemissvarId { get; set; }

    public Guid RemissId { get; set; }

    public DateTimeOffset ExpedieradAt { get; set; }

    public Guid? ExpedieradAv { get; set; }

    public required string Till { get; set; }

    public required string Amne { get; set; }

    /// <summary>The attached files' names, one a line, as the sender received them.</summary>
    public required string Filer { get; set; }

    /// <summary>The outbox row that carries it.</summary>
    public Guid EpostId { get; set; }

    public IReadOnlyList<string> FilLista => Filer.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
