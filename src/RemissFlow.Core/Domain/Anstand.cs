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

    public static Anstand Begar(Guid remissvarId, DateOnly tidigareSvarsdatum, DateOnly onskatSvarsdatum, string motivering, Guid begartAv, DateTimeOffset now) => new()
    {
        RemissvarId = remissvarId,
        TidigareSvarsdatum = tidigareSvarsdatum,
        BegartDatum = onskatSvarsdatum,
        Motivering = motivering,
        BegartAt = now,
        BegartAv = begartAv,
    };

    /// <summary>For an outside organisation the sender records an anstånd it has already granted: asked and granted at once.</summary>
    public static Anstand RegistreraBeviljat(Guid remissvarId, DateOnly tidigareSvarsdatum, DateOnly nyttSvarsdatum, string motivering, Guid? beslutadAv, DateTimeOffset now) => new()
    {
        RemissvarId = remissvarId,
        TidigareSvarsdatum = tidigareSvarsdatum,
        BegartDatum = nyttSvarsdatum,
        Motivering = motivering,
        Beslut = AnstandBeslut.Beviljat,
        BeviljatDatum = nyttSvarsdatum,
        BegartAt = now,
        BegartAv = beslutadAv ?? Guid.Empty,
        BeslutadAt = now,
        BeslutadAv = beslutadAv,
    };

    public void Bevilja(DateOnly nyttSvarsdatum, string? kommentar, Guid? beslutadAv, DateTimeOffset now)
    {
        Beslut = AnstandBeslut.Beviljat;
        BeviljatDatum = nyttSvarsdatum;
        BeslutKommentar = kommentar;
        BeslutadAt = now;
        BeslutadAv = beslutadAv;
    }

    public void Avsla(string? motivering, Guid? beslutadAv, DateTimeOffset now)
    {
        Beslut = AnstandBeslut.Avslaget;
        BeslutKommentar = motivering;
        BeslutadAt = now;
        BeslutadAv = beslutadAv;
    }
}
