namespace RemissFlow.Core.Domain;

/// <summary>
/// A secret answer link for one outside instans's remissvar (issue #17). Only the SHA-256 of the token is kept, so a
/// leaked database gives nobody a working link. Its end is not stored: the link works until the remissvar's own
/// svarsdatum, whatever an anstånd has made of it since the link was issued.
/// </summary>
public sealed class Svarslank
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid RemissvarId { get; set; }

    /// <summary>SHA-256 of the token, lower-case hex.</summary>
    public required string TokenHash { get; set; }

    public DateTimeOffset SkapadAt { get; set; }

    /// <summary>Who made it: null when the missiv or a reminder issued it.</summary>
    public Guid? SkapadAv { get; set; }

    /// <summary>When KS revoked it, or a renewal replaced it; null while it may work.</summary>
    public DateTimeOffset? AterkalladAt { get; set; }

    public Guid? AterkalladAv { get; set; }

    /// <summary>True when a renewal replaced it rather than a revocation ending it.</summary>
    public bool Ersatt { get; set; }
}

/// <summary>
/// One answer an outside organisation submitted through its svarslänk. Each submission is a new numbered version; none
/// is ever changed, so what the organisation sent, and when, stays on record beside the registered answer.
/// </summary>
public sealed class SvarslankSvar
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid RemissvarId { get; set; }

    public Guid SvarslankId { get; set; }

    /// <summary>1, 2, 3 … per remissvar.</summary>
    public int Nummer { get; set; }

    public Standpunkt Standpunkt { get; set; }

    /// <summary>The answer written in the form, when no file was sent.</summary>
    public string? Text { get; set; }

    /// <summary>The answer's document: the uploaded file, or the written answer as a Word document; null for avstår without text.</summary>
    public Guid? BilagaId { get; set; }

    public required string KontaktNamn { get; set; }

    public required string KontaktEpost { get; set; }

    public DateTimeOffset InlamnadAt { get; set; }
}
