using System.Security.Cryptography;
using System.Text;
using MimeKit;
using MimeKit.Text;
using RemissFlow.Core.Files;

namespace RemissFlow.Core.Intake.Mail;

/// <summary>One attachment as read from a message, before it is stored.</summary>
public sealed record MailAttachment(string Name, string MediaType, byte[] Content, string? Refusal);

/// <summary>What a message says, ready to become an Inkommande item; <see cref="Remark"/> says what went wrong, if anything.</summary>
public sealed record ReadMail(
    string MessageId, string From, string To, string Subject, DateTimeOffset? Sent, string Text, long Size,
    IReadOnlyList<MailAttachment> Attachments, string? Remark);

/// <summary>
/// Turns the raw bytes of an e-mail into what the registrator reads. Real mail is treated as messy by default: a body
/// without a charset, or one labelled Latin-1, that is not UTF-8 is read as Windows-1252 (what Outlook writes);
/// encoded-word subjects and quoted-printable bodies are decoded by MimeKit; a message MimeKit cannot parse at all is
/// kept whole as an attachment with a remark, so nothing that arrived is lost and nothing throws.
/// </summary>
public static class MailReader
{
    private static readonly Encoding Windows1252 = CodePages(1252);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly ParserOptions Parser = new()
    {
        // Headers with raw 8-bit bytes and no declared charset: the same guess as for bodies.
        CharsetEncoding = Windows1252,
        AllowAddressesWithoutDomain = true,
    };

    /// <summary>Reads a whole message.</summary>
    public static ReadMail Read(byte[] raw)
    {
        MimeMessage message;
        try
        {
            using var stream = new MemoryStream(raw, writable: false);
            message = MimeMessage.Load(Parser, stream);
        }
        catch (Exception e) when (e is FormatException or ParseException or InvalidOperationException or ArgumentException)
        {
            return Unparsable(raw);
        }

        if (!message.Headers.Any(h => h.Id is HeaderId.From or HeaderId.Sender or HeaderId.Subject or HeaderId.MessageId or HeaderId.Date or HeaderId.To))
        {
            // Parsed, but as nothing: no header a mail system writes. Shown as it came, not as an empty e-mail.
            return Unparsable(raw);
        }

        var remarks = new List<string>();
        var (text, textPart) = Body(message);
        var attachments = new List<MailAttachment>();
        foreach (var part in message.BodyParts)
        {
            if (ReferenceEquals(part, textPart) || part is TextPart { IsAttachment: false })
            {
                continue;
            }

            var attachment = Attachment(part, attachments.Count + 1);
            if (attachment is not null)
            {
                attachments.Add(attachment);
            }
        }

        if (message.Body is Multipart { Count: 0 } empty)
        {
            // A multipart whose boundary never appears: MimeKit keeps the whole body as the preamble.
            text = Clean(empty.Preamble ?? "");
            attachments.Add(new MailAttachment("meddelande.eml", "message/rfc822", raw, "Originalmeddelandet, vars MIME-delar inte gick att skilja åt; det kan inte bli en handling som det är."));
            remarks.Add("Meddelandets MIME-struktur är trasig (delarna gick inte att skilja åt); texten visas som den kom och originalet finns som bilaga.");
        }

        if (text.Length > Limits.InkommandeText)
        {
            text = text[..Limits.InkommandeText];
            remarks.Add($"Texten var längre än {Limits.InkommandeText:N0} tecken och har kortats; hela meddelandet finns i brevlådans mapp för behandlade.");
        }

        return new ReadMail(
            Key(message, raw), Sender(message), Recipients(message), Subject(message), Sent(message), text, raw.LongLength,
            attachments, remarks.Count == 0 ? null : string.Join(" ", remarks));
    }

    /// <summary>
    /// A message too big to read in whole: only its headers (fetched alone) are read, and the item says so, so the
    /// registrator knows to open it in the mail client. The key is the Message-ID, or the hash of the headers.
    /// </summary>
    public static ReadMail HeadersOnly(byte[] headers, long size, long limit)
    {
        MimeMessage? message = null;
        try
        {
            using var stream = new MemoryStream(headers, writable: false);
            message = MimeMessage.Load(Parser, stream);
        }
        catch (Exception e) when (e is FormatException or ParseException or InvalidOperationException or ArgumentException)
        {
        }

        var remark = $"Meddelandet är {Megabytes(size)}, större än gränsen {Megabytes(limit)}, och har inte lästs in. Öppna det i e-postprogrammet, i brevlådans mapp för behandlade.";
        return message is null
            ? new ReadMail(HashKey(headers), "(okänd avsändare)", "", "(ämnesraden kunde inte läsas)", null, "", size, [], remark)
            : new ReadMail(Key(message, headers), Sender(message), Recipients(message), Subject(message), Sent(message), "", size, [], remark);
    }

    private static ReadMail Unparsable(byte[] raw)
    {
        var text = Decode(raw, null);
        return new ReadMail(
            HashKey(raw), "(okänd avsändare)", "", "(meddelandet kunde inte läsas)", null,
            text.Length > Limits.InkommandeText ? text[..Limits.InkommandeText] : text, raw.LongLength,
            [new MailAttachment("meddelande.eml", "message/rfc822", raw, "Originalmeddelandet, som inte gick att läsa som e-post; det kan inte bli en handling som det är.")],
            "Meddelandet är inte giltig e-post (MIME) och kunde inte läsas; originalet finns som bilaga.");
    }

    private static (string Text, MimeEntity? Part) Body(MimeMessage message)
    {
        var plain = message.BodyParts.OfType<TextPart>().FirstOrDefault(p => !p.IsAttachment && p.IsPlain);
        if (plain is not null)
        {
            return (Clean(Decode(Content(plain), plain.ContentType.Charset)), plain);
        }

        var html = message.BodyParts.OfType<TextPart>().FirstOrDefault(p => !p.IsAttachment && p.IsHtml);
        if (html is not null)
        {
            return (Clean(HtmlText(Decode(Content(html), html.ContentType.Charset))), html);
        }

        return ("", null);
    }

    private static MailAttachment? Attachment(MimeEntity part, int number)
    {
        byte[] content;
        string name;
        string declared;
        switch (part)
        {
            case MessagePart embedded when embedded.Message is not null:
                using (var stream = new MemoryStream())
                {
                    embedded.Message.WriteTo(stream);
                    content = stream.ToArray();
                }

                name = (embedded.Message.Subject is { Length: > 0 } s ? s : "meddelande") + ".eml";
                declared = "message/rfc822";
                break;
            case MimePart mime when mime.Content is not null:
                content = Content(mime);
                name = mime.FileName is { Length: > 0 } f ? f : $"bilaga-{number}";
                declared = mime.ContentType.MimeType;
                break;
            default:
                return null;
        }

        name = CleanLine(name);
        if (name.Length == 0 || !UploadPolicy.IsSafeFileName(name))
        {
            name = $"bilaga-{number}";
        }

        if (name.Length > 255)
        {
            name = name[..255];
        }

        var type = UploadPolicy.Detect(content);
        if (type is null)
        {
            return new MailAttachment(name, declared.Length > 200 ? "application/octet-stream" : declared, content,
                $"Filen {name} är varken PDF eller ett Office-dokument och kan inte bli en handling.");
        }

        return new MailAttachment(UploadPolicy.StoredName(name, type.MediaType), type.MediaType, content, UploadPolicy.ActiveContentRefusal(content, name));
    }

    private static byte[] Content(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content?.DecodeTo(stream);
        return stream.ToArray();
    }

    /// <summary>The text of an HTML body: the data between tags, a line break at block ends, nothing of script or style.</summary>
    private static string HtmlText(string html)
    {
        var sb = new StringBuilder(html.Length);
        var tokenizer = new HtmlTokenizer(new StringReader(html)) { DecodeCharacterReferences = true };
        var skip = 0;
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when tag.Id is HtmlTagId.Script or HtmlTagId.Style or HtmlTagId.Head:
                    skip += tag.IsEndTag ? -1 : tag.IsEmptyElement ? 0 : 1;
                    skip = Math.Max(0, skip);
                    break;
                case HtmlTagToken tag when tag.Id is HtmlTagId.Br || (tag.IsEndTag && tag.Id is HtmlTagId.P or HtmlTagId.Div or HtmlTagId.TR or HtmlTagId.LI
                    or HtmlTagId.H1 or HtmlTagId.H2 or HtmlTagId.H3 or HtmlTagId.H4 or HtmlTagId.Table or HtmlTagId.BlockQuote):
                    sb.Append('\n');
                    break;
                case HtmlDataToken data when skip == 0:
                    sb.Append(data.Data);
                    break;
            }
        }

        return string.Join('\n', sb.ToString().Split('\n').Select(l => string.Join(' ', l.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries))));
    }

    /// <summary>
    /// The declared charset when it is one .NET knows and not a Latin-1 label; otherwise UTF-8 when the bytes are
    /// valid UTF-8, else Windows-1252 (which the WHATWG encoding standard also reads for the Latin-1 labels).
    /// </summary>
    private static string Decode(byte[] bytes, string? charset)
    {
        var label = charset?.Trim().ToLowerInvariant();
        if (label is not null and not ("iso-8859-1" or "latin1" or "us-ascii" or "ascii" or "windows-1252" or "cp1252" or "utf-8" or "utf8"))
        {
            try
            {
                return CodePages(label).GetString(bytes);
            }
            catch (ArgumentException)
            {
                // An unknown charset label: fall through to the guess.
            }
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Windows1252.GetString(bytes);
        }
    }

    private static Encoding CodePages(int codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(codePage);
    }

    private static Encoding CodePages(string name)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(name);
    }

    private static string Key(MimeMessage message, byte[] raw)
    {
        var id = message.MessageId is { } m ? CleanLine(m.Trim('<', '>')) : "";
        return id.Length is > 0 and <= Limits.MessageId ? id : HashKey(raw);
    }

    private static string HashKey(byte[] raw) => "sha256:" + Convert.ToHexString(SHA256.HashData(raw)).ToLowerInvariant();

    private static string Subject(MimeMessage message)
    {
        var subject = CleanLine(message.Subject ?? "");
        if (subject.Length == 0)
        {
            return "(utan ämnesrad)";
        }

        return subject.Length > Limits.Rubrik ? subject[..(Limits.Rubrik - 1)] + "…" : subject;
    }

    /// <summary>In UTC: PostgreSQL's timestamptz takes no other offset, and the sender's own offset says nothing the registry needs.</summary>
    private static DateTimeOffset? Sent(MimeMessage message) =>
        message.Headers.Contains(HeaderId.Date) && message.Date != DateTimeOffset.MinValue ? message.Date.ToUniversalTime() : null;

    private static string Sender(MimeMessage message)
    {
        var text = CleanLine(message.From.Count > 0 ? message.From.ToString() : message.Sender?.ToString() ?? "");
        if (text.Length == 0)
        {
            return "(okänd avsändare)";
        }

        return text.Length > Limits.Rubrik ? text[..Limits.Rubrik] : text;
    }

    private static string Recipients(MimeMessage message)
    {
        var text = CleanLine(string.Join(", ", message.To.Concat(message.Cc).Select(a => a.ToString())));
        return text.Length > 1000 ? text[..1000] : text;
    }

    /// <summary>One line for a list: no control or bidi characters, runs of white space made one space.</summary>
    private static string CleanLine(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            var category = char.GetUnicodeCategory(c);
            if (char.IsWhiteSpace(c) || category == System.Globalization.UnicodeCategory.Control)
            {
                sb.Append(' ');
            }
            else if (category != System.Globalization.UnicodeCategory.Format)
            {
                sb.Append(c);
            }
        }

        return string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Body text as shown: line endings made \n, control characters other than tab and newline removed.</summary>
    private static string Clean(string text)
    {
        text = text.ReplaceLineEndings("\n");
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\n' or '\t' || !char.IsControl(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString().Trim();
    }

    private static string Megabytes(long bytes) => bytes >= 1024 * 1024
        ? $"{bytes / (1024.0 * 1024.0):0.#} MB"
        : $"{Math.Max(1, bytes / 1024)} kB";
}
