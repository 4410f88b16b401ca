namespace RemissFlow.Core.Domain;

/// <summary>One organisation's series for one year. The counter row is what makes numbers gap-free under concurrency.</summary>
public sealed class DiarieSerie
{
    public Guid OrganisationId { get; set; }

    public int Year { get; set; }

    public int LastNumber { get; set; }
}
