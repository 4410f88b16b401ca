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

    // The state itself moves only through the workflow runner; these are the domain halves of its transitions.

    public void Registrera(string diarienummer, DateOnly today)
    {
        Dnr = diarienummer;
        RegistreradDatum = today;
    }

    public void TilldelaHandlaggare(Guid handlaggareId) => HandlaggareId = handlaggareId;

    /// <summary>The answer goes to the sender; the approved TU's summary stands in for key points nobody wrote.</summary>
    public void LamnaIn(Utfall utfall, DateTimeOffset now, string? godkandSammanfattning)
    {
        InlamnadAt = now;
        Utfall = utfall;
        if (string.IsNullOrWhiteSpace(Nyckelpunkter))
        {
            Nyckelpunkter = godkandSammanfattning;
        }
    }

    /// <summary>A preliminary answer counts as the förvaltning's until the nämnd's decision follows; it is not yet inlämnad.</summary>
    public void LamnaPreliminartSvar(DateTimeOffset now, string? godkandSammanfattning)
    {
        Utfall = Domain.Utfall.ForvaltningensSvar;
        PreliminartSvarAt = now;
        if (string.IsNullOrWhiteSpace(Nyckelpunkter))
        {
            Nyckelpunkter = godkandSammanfattning;
        }
    }

    public void Avsta(DateTimeOffset now, string? motivering)
    {
        Utfall = Domain.Utfall.Avstar;
        Standpunkt = Domain.Standpunkt.Avstar;
        InlamnadAt = now;
        Nyckelpunkter ??= "Avstår från att yttra sig.";
        AvstarMotivering = string.IsNullOrWhiteSpace(motivering) ? null : motivering.Trim();
    }

    /// <summary>An outside organisation's answer, registered by the sender's registry from the document that came in.</summary>
    public void RegistreraInkommetSvar(Bilaga dokument, Standpunkt? standpunkt, string? nyckelpunkter, DateTimeOffset now)
    {
        dokument.RemissvarId = Id;
        dokument.Kind = BilagaKind.Svar;
        InlamnadAt = now;
        Utfall = Domain.Utfall.Svar;
        Standpunkt = standpunkt;
        Nyckelpunkter = nyckelpunkter;
    }

    public void FlyttaSvarsdatum(DateOnly nytt) => Svarsdatum = nytt;
}
