namespace RemissFlow.Core.Domain;

/// <summary>One instans's answer, and the instans's own ärende that produces it.</summary>
public sealed class Remissvar : Entity
{
    public Guid RemissId { get; set; }

    public Guid InstansId { get; set; }

    /// <summary>The sender's dnr, kept beside the instans's own so the answer never loses its remiss.</summary>
    public required string AvsandareDnr { get; set; }

    /// <summary>The instans's own dnr, assigned at registration; null until then.</summary>
    public string? Dnr { get; set; }

    public Guid? HandlaggareId { get; set; }

    /// <summary>This instans's deadline: the remiss's svarsdatum until an anstånd moves it.</summary>
    public DateOnly Svarsdatum { get; set; }

    public Utfall? Utfall { get; set; }

    public Standpunkt? Standpunkt { get; set; }

    /// <summary>The answer's key points as the instans (or KS when compiling) phrased them.</summary>
    public string? Nyckelpunkter { get; set; }

    public DateTimeOffset? InlamnadAt { get; set; }

    /// <summary>
    /// When a preliminary answer (förvaltningens, the nämnd's decision to follow) reached the sender. It
    /// sets no <see cref="InlamnadAt"/>, yet KS counts it as answered on this date.
    /// </summary>
    public DateTimeOffset? PreliminartSvarAt { get; set; }

    public DateOnly? RegistreradDatum { get; set; }

    /// <summary>Workflow state, written only by the workflow runner.</summary>
    public string Status { get; set; } = "inkommen";

    /// <summary>Why the instans declines to comment, when it says so; shown to the sender with the answer.</summary>
    public string? AvstarMotivering { get; set; }

    public Guid? WorkflowInstanceId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
