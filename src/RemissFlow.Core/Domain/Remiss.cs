namespace RemissFlow.Core.Domain;

/// <summary>The sender's ärende: one proposal sent out for comments to a remisslista.</summary>
public sealed class Remiss : Entity
{
    public Guid AvsandareId { get; set; }

    /// <summary>The sender's dnr, e.g. "KS 2025/1616". Assigned by the sender's diarium on creation.</summary>
    public required string Dnr { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public DateOnly Svarsdatum { get; set; }

    public DateOnly? UtskickDatum { get; set; }

    /// <summary>Some senders accept the förvaltning's answer without a nämnd decision.</summary>
    public bool TillaterForvaltningensSvar { get; set; }

    public string? KontaktpersonNamn { get; set; }

    public string? KontaktpersonEpost { get; set; }

    /// <summary>Workflow state, written only by the workflow runner.</summary>
    public string Status { get; set; } = "utkast";

    /// <summary>A deleted draft: its dnr stays spent in the diarium, but no page or list shows it any more.</summary>
    public const string Raderad = "raderad";

    public Guid? WorkflowInstanceId { get; set; }

    public bool SammanstallningPublicerad { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Set on a remiss that came from an outside sender (the avsändare is then that sender, and the dnr its own):
    /// the day it reached the registry. Null for a remiss the municipality sends out itself.
    /// </summary>
    public DateOnly? MottagenDatum { get; set; }

    /// <summary>
    /// On an internal remiss sent on from an outside one: the receiving organisation's ärende (its remissvar on the
    /// outside remiss) the internal answers feed. Withdrawing the outside remiss withdraws this one.
    /// </summary>
    public Guid? ExterntArendeId { get; set; }

    public bool ArExtern => MottagenDatum is not null;

    public List<RemisslistaPost> Remisslista { get; set; } = [];

    public void SkickaUt(DateOnly today) => UtskickDatum = today;
}

/// <summary>One instans on the remisslista, fixed at utskick when it becomes a <see cref="Remissvar"/>.</summary>
public sealed class RemisslistaPost
{
    public Guid RemissId { get; set; }

    public Guid OrganisationId { get; set; }

    public int Ordning { get; set; }
}
