namespace RemissFlow.Core.Domain;

/// <summary>A request for a later svarsdatum for one instans, and the sender's answer to it.</summary>
public sealed class Anstand : Entity
{
    public Guid RemissvarId { get; set; }

    public DateOnly TidigareSvarsdatum { get; set; }

    public DateOnly BegartDatum { get; set; }

    public required string Motivering { get; set; }

    public AnstandBeslut Beslut { get; set; } = AnstandBeslut.Begart;

    public DateOnly? BeviljatDatum { get; set; }

    public string? BeslutKommentar { get; set; }

    public DateTimeOffset BegartAt { get; set; }

    public Guid BegartAv { get; set; }

    public DateTimeOffset? BeslutadAt { get; set; }

    public Guid? BeslutadAv { get; set; }
}
