namespace RemissFlow.Core.Domain;

/// <summary>
/// One e-mail read from a registry mailbox, waiting for the registrator to say what it is. It is kept exactly once per
/// organisation and Message-ID (a message without one is keyed by the hash of its bytes), so reading the mailbox again,
/// or after a crash between the commit and the move to the processed folder, never makes a second item.
/// </summary>
public sealed class InkommandeEpost : Entity
{
    public Guid OrganisationId { get; set; }

    /// <summary>The configured mailbox it came from (Intake:Mailboxes:n:Name).</summary>
    public required string Brevlada { get; set; }

    /// <summary>The Message-ID without angle brackets, or <c>sha256:</c> and the hash of the raw message.</summary>
    public required string MessageId { get; set; }

    public required string Fran { get; set; }

    public required string Till { get; set; }

    public required string Rubrik { get; set; }

    /// <summary>The Date header; null when it is missing or unreadable.</summary>
    public DateTimeOffset? Skickad { get; set; }

    public DateTimeOffset MottagenAt { get; set; }

    /// <summary>The plain text, or the HTML part turned into text; cut at <see cref="Limits.InkommandeText"/>.</summary>
    public required string Text { get; set; }

    public long Storlek { get; set; }

    /// <summary>What the registrator should know before trusting the item (too big, broken MIME, a refused attachment), in Swedish; null when nothing.</summary>
    public string? Anmarkning { get; set; }

    /// <summary>A state of workflows/inkommande; <see cref="InkommandeStatus"/> names the one it starts in.</summary>
    public required string Status { get; set; }

    /// <summary>Null until the registrator's first step on the item starts its workflow.</summary>
    public Guid? WorkflowInstanceId { get; set; }

    /// <summary>What the item became (<see cref="InkommandeBlev"/>); null while it waits or when it is no allmän handling.</summary>
    public string? BlevTyp { get; set; }

    /// <summary>The remiss ärende or remissvar the item became or was added to (a Remissvar id: the page links to its ärende).</summary>
    public Guid? BlevId { get; set; }

    /// <summary>The dnr it was registered under or added to.</summary>
    public string? BlevDnr { get; set; }

    /// <summary>Why the item is no allmän handling; the audit log keeps it after a reopen.</summary>
    public string? Skal { get; set; }

    public Guid? HanteradAv { get; set; }

    public string? HanteradAvNamn { get; set; }

    public DateTimeOffset? HanteradAt { get; set; }

    public List<InkommandeBilaga> Bilagor { get; set; } = [];
}

/// <summary>An attachment of an <see cref="InkommandeEpost"/>, its bytes in the file store.</summary>
public sealed class InkommandeBilaga
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid InkommandeId { get; set; }

    public int Ordning { get; set; }

    /// <summary>The name as the sender gave it, cleaned for display.</summary>
    public required string Namn { get; set; }

    /// <summary>What the content is (UploadPolicy), or what the message said when the content is of no accepted kind.</summary>
    public required string MediaType { get; set; }

    public required string Sha256 { get; set; }

    public long Storlek { get; set; }

    /// <summary>Why the file may not be used as a handling (not PDF or Office, scripts, macros); null when it may.</summary>
    public string? Avvisad { get; set; }
}

/// <summary>
/// A registry mailbox's claim: the poller that holds it reads the mailbox, any other node passes it by until the lease
/// lapses, so two nodes never read one mailbox at the same time.
/// </summary>
public sealed class InkommandeBrevlada
{
    public required string Namn { get; set; }

    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    public DateTimeOffset? LastPolledAt { get; set; }

    public string? LastError { get; set; }
}

public static class InkommandeStatus
{
    public const string Ny = "ny";
}

/// <summary>What an Inkommande item was turned into.</summary>
public static class InkommandeBlev
{
    /// <summary>A new remiss from outside; <see cref="InkommandeEpost.BlevId"/> is the organisation's ärende on it.</summary>
    public const string Remiss = "remiss";

    /// <summary>An outside organisation's answer; <see cref="InkommandeEpost.BlevId"/> is that remissvar.</summary>
    public const string Svar = "svar";

    /// <summary>A handling added to one of the organisation's own ärenden.</summary>
    public const string Arende = "arende";
}
