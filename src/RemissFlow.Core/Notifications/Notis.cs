namespace RemissFlow.Core.Notifications;

/// <summary>A notice in a user's in-app inbox.</summary>
public sealed class Notis
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string Rubrik { get; set; }

    public required string Text { get; set; }

    public string? Lank { get; set; }

    public Guid? ArendeId { get; set; }

    /// <summary>Makes a notice idempotent: the same cause never notifies the same person twice.</summary>
    public required string DedupKey { get; set; }

    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>
/// An e-mail waiting to be sent. Written in the same transaction as the change that caused it,
/// delivered later by the outbox sender with retries, so neither a crash nor an SMTP outage loses or doubles it.
/// </summary>
public sealed class UtgaendeEpost
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public DateTimeOffset CreatedAt { get; set; }

    public required string Till { get; set; }

    public required string Rubrik { get; set; }

    public required string Text { get; set; }

    public required string DedupKey { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? LastError { get; set; }

    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>Claims that lapsed without an outcome (the node died mid-send); each may have put the message out once more.</summary>
    public int AvbrutnaForsok { get; set; }

    /// <summary>One attached file (the kallelse's calendar invitation); null for a plain notice.</summary>
    public string? BilagaNamn { get; set; }

    public string? BilagaTyp { get; set; }

    public byte[]? Bilaga { get; set; }
}

/// <summary>A file that goes with a notice's e-mail: name, content type (with its parameters) and bytes.</summary>
public sealed record EpostBilaga(string Namn, string Typ, byte[] Innehall);

/// <summary>A file of an outgoing e-mail that carries more than one (an answer as PDF and as Word), in order.</summary>
public sealed class UtgaendeEpostBilaga
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid EpostId { get; set; }

    public int Ordning { get; set; }

    public required string Namn { get; set; }

    public required string Typ { get; set; }

    public required byte[] Innehall { get; set; }
}
