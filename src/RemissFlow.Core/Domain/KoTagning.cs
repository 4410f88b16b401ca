namespace RemissFlow.Core.Domain;

/// <summary>
/// Who has taken an ärende out of its organisation's shared queue for a role ("Registratorerna på SF"). The claim
/// holds for the remissvar's version it was taken at: when the ärende moves on (any change bumps the version) the
/// claim lapses by itself and the next step's queue sees it. One row per remissvar, written only by conditional SQL,
/// so two people taking it at once cannot both win.
/// </summary>
public sealed class KoTagning
{
    public Guid RemissvarId { get; set; }

    public Guid OrganisationId { get; set; }

    /// <summary>The queue's role, as <see cref="Role"/>'s name.</summary>
    public required string Roll { get; set; }

    public int SvarVersion { get; set; }

    public Guid TagenAv { get; set; }

    public DateTimeOffset TagenAt { get; set; }

    /// <summary>The absent person whose role the taker held as ersättare; null when it is the taker's own.</summary>
    public Guid? PaUppdragAv { get; set; }
}
