namespace RemissFlow.Core.Notifications;

/// <summary>A plain notice by e-mail. Text is required; HTML is an optional alternative view.</summary>
/// <param name="To">Recipient address.</param>
public sealed record EmailMessage(string To, string Subject, string TextBody)
{
    public string? ToName { get; init; }

    public string? HtmlBody { get; init; }

    /// <summary>
    /// Becomes the Message-ID header (<c>&lt;{id}@remissflow&gt;</c>). Pass the outbox row's id so a
    /// resend after a crash carries the same Message-ID and mail clients can recognise the duplicate.
    /// </summary>
    public Guid? MessageId { get; init; }

    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];

    /// <summary>
    /// Called once, as soon as the server has accepted the message and before the session is closed. The outbox
    /// records the send here: a node killed between the server's acceptance and that record sends the message
    /// again after its claim lapses, so the record must follow the acceptance as closely as it can. What fails
    /// after acceptance (closing the session) is not a failed send.
    /// </summary>
    public Func<CancellationToken, Task>? OnAccepted { get; init; }
}

/// <param name="ContentType">The MIME type with its parameters, e.g. <c>text/calendar; method=REQUEST; charset=utf-8</c>.</param>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>Sends e-mail. Failures surface as <see cref="EmailSendException"/> so the caller can decide whether to retry.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}

/// <summary>A failed send. <see cref="IsTransient"/> says whether retrying later may succeed (4xx, connection failure).</summary>
public sealed class EmailSendException : Exception
{
    public EmailSendException(string message, bool isTransient, int? smtpStatusCode, Exception? innerException)
        : base(message, innerException)
    {
        IsTransient = isTransient;
        SmtpStatusCode = smtpStatusCode;
    }

    public bool IsTransient { get; }

    /// <summary>The SMTP reply code when the server gave one; null when the connection itself failed.</summary>
    public int? SmtpStatusCode { get; }
}
