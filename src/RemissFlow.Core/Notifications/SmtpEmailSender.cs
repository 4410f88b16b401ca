using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;

namespace RemissFlow.Core.Notifications;

/// <summary>SMTP settings, from configuration. Without them the application uses the in-app inbox only.</summary>
public sealed record SmtpOptions(string Host, int Port, string From)
{
    public string? FromName { get; init; }

    /// <summary>STARTTLS (System.Net.Mail does not do implicit TLS on port 465).</summary>
    public bool EnableSsl { get; init; }

    public string? UserName { get; init; }

    public string? Password { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Sends through System.Net.Mail.SmtpClient (MailKit is not available here). A new client per message,
/// because SmtpClient cannot send concurrently and holds no pool worth keeping.
/// </summary>
public sealed class SmtpEmailSender(SmtpOptions options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var mail = BuildMessage(message);
        using var client = new SmtpClient(options.Host, options.Port)
        {
            DeliveryMethod = SmtpDeliveryMethod.Network,
            EnableSsl = options.EnableSsl,
            Timeout = (int)options.Timeout.TotalMilliseconds,
        };
        if (options.UserName is not null)
        {
            client.Credentials = new NetworkCredential(options.UserName, options.Password);
        }

        // SmtpClient.Timeout only covers synchronous sends, so the async path gets its own limit.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            await client.SendMailAsync(mail, timeout.Token).ConfigureAwait(false);
        }
        catch (SmtpException ex)
        {
            int code = (int)ex.StatusCode;
            // GeneralFailure (-1) means no reply at all: the server was unreachable or hung up.
            bool noReply = ex.StatusCode == SmtpStatusCode.GeneralFailure;
            bool transient = noReply || code is >= 400 and < 500;
            throw new EmailSendException(
                $"E-post till {message.To} kunde inte skickas via {options.Host}:{options.Port}: {ex.Message}",
                transient,
                noReply ? null : code,
                ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EmailSendException(
                $"E-post till {message.To} kunde inte skickas: {options.Host}:{options.Port} svarade inte inom {options.Timeout.TotalSeconds:0} sekunder.",
                isTransient: true,
                smtpStatusCode: null,
                ex);
        }
    }

    private MailMessage BuildMessage(EmailMessage message)
    {
        MailAddress from;
        MailAddress to;
        try
        {
            from = new MailAddress(options.From, options.FromName, Encoding.UTF8);
            to = new MailAddress(message.To, message.ToName, Encoding.UTF8);
        }
        catch (FormatException ex)
        {
            // A malformed address will not get better by retrying.
            throw new EmailSendException($"Ogiltig e-postadress: {ex.Message}", isTransient: false, smtpStatusCode: null, ex);
        }

        var mail = new MailMessage(from, to)
        {
            Subject = message.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            Body = message.TextBody,
            BodyEncoding = Encoding.UTF8,
            // Readable in logs and by people debugging a mail server, unlike base64.
            BodyTransferEncoding = TransferEncoding.QuotedPrintable,
            IsBodyHtml = false,
        };
        if (message.HtmlBody is not null)
        {
            var html = AlternateView.CreateAlternateViewFromString(message.HtmlBody, Encoding.UTF8, MediaTypeNames.Text.Html);
            html.TransferEncoding = TransferEncoding.Base64;
            mail.AlternateViews.Add(html);
        }

        if (message.MessageId is { } id)
        {
            mail.Headers.Add("Message-ID", $"<{id:D}@remissflow>");
        }

        return mail;
    }
}
