namespace RemissFlow.Core.Domain;

/// <summary>The förvaltning's statement. Drafted in numbered versions; one version is approved by the förvaltningschef.</summary>
public sealed class Tjansteutlatande : Entity
{
    public Guid RemissvarId { get; set; }

    public required string Rubrik { get; set; }

    public int? GodkandVersion { get; set; }

    public Guid? GodkandAv { get; set; }

    public DateTimeOffset? GodkandAt { get; set; }

    /// <summary>The förvaltningschef on whose behalf <see cref="GodkandAv"/> approved, as ersättare; the TU then reads "t.f. förvaltningschef".</summary>
    public Guid? GodkandPaUppdragAv { get; set; }

    public List<TjansteutlatandeVersion> Versioner { get; set; } = [];

    /// <summary>The förvaltningschef approves the latest saved version.</summary>
    public void Faststall(Guid? godkandAv, DateTimeOffset now, Guid? paUppdragAv = null)
    {
        GodkandVersion = Versioner.Max(v => v.Nummer);
        GodkandAv = godkandAv;
        GodkandPaUppdragAv = paUppdragAv;
        GodkandAt = now;
    }

    /// <summary>
    /// Sent back to the handläggare: the return comment is appended to the latest version's note, so the
    /// handläggare's own note is kept beside it (the column holds the last <paramref name="maxLength"/> characters).
    /// </summary>
    public void Returnera(string returneradAv, string? kommentar, int maxLength = Limits.Kommentar)
    {
        var latest = Versioner.OrderByDescending(v => v.Nummer).First();
        var retur = $"Returnerad av {returneradAv}: {kommentar}";
        var text = string.IsNullOrWhiteSpace(latest.Kommentar) ? retur : $"{latest.Kommentar}\n{retur}";
        latest.Kommentar = text.Length <= maxLength ? text : text[^maxLength..];
        GodkandVersion = null;
    }
}

/// <summary>An immutable saved draft. Saving never overwrites: it adds the next number.</summary>
public sealed class TjansteutlatandeVersion
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TjansteutlatandeId { get; set; }

    public int Nummer { get; set; }

    /// <summary>The numbered points of "Förvaltningens förslag till beslut", one per line.</summary>
    /// <summary>The rubrik this version was saved with (null: saved before versions kept their own; the TU's rubrik then).</summary>
    public string? Rubrik { get; set; }

    public required string ForslagTillBeslut { get; set; }

    public required string Sammanfattning { get; set; }

    public required string Bakgrund { get; set; }

    public required string Arendet { get; set; }

    /// <summary>Null means: phrase it from the recorded beredning events.</summary>
    public string? ArendetsBeredning { get; set; }

    public required string Synpunkter { get; set; }

    public Guid SkapadAv { get; set; }

    public DateTimeOffset SkapadAt { get; set; }

    public string? Kommentar { get; set; }

    /// <summary>
    /// The SHA-256 of the resolved template (<see cref="Mallversion"/>) this version was approved with; an approved version
    /// renders with it later, so a template changed since does not rewrite it. Null: not approved yet, or approved before V0039.
    /// </summary>
    public string? MallVersion { get; set; }
}
