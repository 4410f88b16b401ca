using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace RemissFlow.Core.Notifications;

/// <summary>SMTP settings, from configuration. Without them the application uses the in-app inbox only.</summary>
public sealed record SmtpOptions(string Host, int Port, string From)
{
    public string? FromName { get; init; }

    /// <summary>TLS: implicit TLS on port 465, STARTTLS (required, not opportunistic) on any other port.</summary>
    public bool EnableSsl { get; init; }

    public string? UserName { get; init; }

    public string? Password { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Sends through MailKit. A new connection per message: notices go one at a time from the outbox, and a
/// fresh connection cannot inherit a half-failed session.
/// </summary>
public sealed class SmtpEmailSender(SmtpOptions options) : IEmailSender
{
    // An address without a domain would be refused by the server anyway; refuse it before connecting.
    private static readonly ParserOptions Strict = new() { AllowAddressesWithoutDomain = false };

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var mail = BuildMessage(message);
        using var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };

        // MailKit's Timeout covers each socket read and write; the whole exchange gets its own limit too.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        var security = !options.EnableSsl ? SecureSocketOptions.None
            : options.Port == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
        try
        {
            await client.ConnectAsync(options.Host, options.Port, security, timeout.Token).ConfigureAwait(false);
            if (options.UserName is not null)
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? "", timeout.Token).ConfigureAwait(false);
            }

            await client.SendAsync(mail, timeout.Token).ConfigureAwait(false);
        }
        catch (SmtpCommandException ex)
        {
            int code = (int)ex.StatusCode;
            throw new EmailSendException(
                $"E-post till {message.To} kunde inte skickas via {options.Host}:{options.Port}: {code} {ex.Message.Trim()}",
                isTransient: code is >= 400 and < 500,
                code,
                ex);
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException)
        {
            // No reply at all: the server was unreachable or hung up. Worth trying again later.
            throw new EmailSendException(
                $"E-post till {message.To} kunde inte skickas via {options.Host}:{options.Port}: {ex.Message}",
                isTransient: true,
                smtpStatusCode: null,
                ex);
        }
        catch (AuthenticationException ex)
        {
            throw new EmailSendException(
                $"E-post till {message.To} kunde inte skickas: inloggningen på {options.Host}:{options.Port} misslyckades ({ex.Message}).",
                isTransient: false,
                smtpStatusCode: null,
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

        // The server has the message from here on: nothing below may make the outbox send it again.
        if (message.OnAccepted is { } onAccepted)
        {
            await onAccepted(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await client.DisconnectAsync(quit: true, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException or SmtpCommandException or OperationCanceledException)
        {
            // A QUIT that fails or times out after acceptance is no failed send.
        }
    }

    private MimeMessage BuildMessage(EmailMessage message)
    {
        var mail = new MimeMessage();
        mail.From.Add(Address(options.FromName, options.From));
        mail.To.Add(Address(message.ToName, message.To));
        // MimeKit encodes non-ASCII headers (RFC 2047, UTF-8), so the message stays 7-bit on the wire.
        mail.Subject = message.Subject;

        // Quoted-printable: readable in logs and by people debugging a mail server, unlike base64.
        var text = new TextPart("plain") { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        text.SetText(Encoding.UTF8, message.TextBody);
        MimeEntity body = text;
        if (message.HtmlBody is not null)
        {
            var html = new TextPart("html") { ContentTransferEncoding = ContentEncoding.Base64 };
            html.SetText(Encoding.UTF8, message.HtmlBody);
            body = new MultipartAlternative { text, html };
        }

        if (message.Attachments.Count > 0)
        {
            var mixed = new Multipart("mixed") { body };
            foreach (var a in message.Attachments)
            {
                mixed.Add(new MimePart(ContentType.Parse(a.ContentType))
                {
                    Content = new MimeContent(new MemoryStream(a.Content)),
                    ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                    ContentTransferEncoding = ContentEncoding.Base64,
                    FileName = a.FileName,
                });
            }

            body = mixed;
        }

        mail.Body = body;

        if (message.MessageId is { } id)
        {
            mail.MessageId = $"{id:D}@remissflow";
        }

        return mail;
    }

    private static MailboxAddress Address(string? name, string address)
    {
        if (!MailboxAddress.TryParse(Strict, address, out var parsed))
        {
            // A malformed address will not get better by retrying.
            throw new EmailSendException($"Ogiltig e-postadress: '{address}'", isTransient: false, smtpStatusCode: null, innerException: null);
        }

        // "Namn <adress>" is accepted as System.Net.Mail accepted it; a name given separately wins.
        return new MailboxAddress(Encoding.UTF8, name ?? parsed.Name ?? string.Empty, parsed.Address);
    }
}
