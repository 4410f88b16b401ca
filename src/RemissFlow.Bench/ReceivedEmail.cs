using System.Text;
using System.Text.RegularExpressions;

namespace RemissFlow.Core.Bench;

/// <summary>One message as the test SMTP server received it: the envelope and the raw DATA, with MIME decoding helpers.</summary>
public sealed partial class ReceivedEmail(string mailFrom, IReadOnlyList<string> rcptTo, string data)
{
    private MimePart? _root;

    public string MailFrom { get; } = mailFrom;

    public IReadOnlyList<string> RcptTo { get; } = rcptTo;

    /// <summary>The message as received after DATA, dot-unstuffed, lines ending in CRLF.</summary>
    public string Data { get; } = data;

    private MimePart Root => _root ??= MimePart.Parse(Data);

    /// <summary>The raw (still encoded) header value, unfolded; null when absent.</summary>
    public string? Header(string name) => Root.Header(name);

    /// <summary>The Subject with RFC 2047 encoded words decoded.</summary>
    public string? Subject => Header("Subject") is { } raw ? DecodeEncodedWords(raw) : null;

    public string? To => Header("To") is { } raw ? DecodeEncodedWords(raw) : null;

    public string? From => Header("From") is { } raw ? DecodeEncodedWords(raw) : null;

    /// <summary>The decoded text/plain body (from a multipart message, its text/plain part).</summary>
    public string? TextBody => Root.Find("text/plain")?.DecodedBody;

    public string? HtmlBody => Root.Find("text/html")?.DecodedBody;

    public static string DecodeEncodedWords(string value)
    {
        // Whitespace between two adjacent encoded words is not part of the text (RFC 2047 6.2).
        var joined = AdjacentEncodedWords().Replace(value, "$1$2");
        return EncodedWord().Replace(joined, m =>
        {
            var encoding = Encoding.GetEncoding(m.Groups["charset"].Value);
            var text = m.Groups["text"].Value;
            byte[] bytes = string.Equals(m.Groups["enc"].Value, "B", StringComparison.OrdinalIgnoreCase)
                ? Convert.FromBase64String(text)
                : DecodeQuotedPrintable(text.Replace('_', ' '));
            return encoding.GetString(bytes);
        });
    }

    internal static byte[] DecodeQuotedPrintable(string text)
    {
        var bytes = new List<byte>(text.Length);
        // Soft line breaks ("=" at the end of a line) join lines.
        var joined = text.Replace("=\r\n", string.Empty, StringComparison.Ordinal).Replace("=\n", string.Empty, StringComparison.Ordinal);
        for (int i = 0; i < joined.Length; i++)
        {
            if (joined[i] == '=' && i + 2 < joined.Length && Uri.IsHexDigit(joined[i + 1]) && Uri.IsHexDigit(joined[i + 2]))
            {
                bytes.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(joined[i].ToString()));
            }
        }

        return [.. bytes];
    }

    [GeneratedRegex(@"(\?=)\s+(=\?)")]
    private static partial Regex AdjacentEncodedWords();

    [GeneratedRegex(@"=\?(?<charset>[^?]+)\?(?<enc>[BbQq])\?(?<text>[^?]*)\?=")]
    private static partial Regex EncodedWord();

    private sealed class MimePart
    {
        private readonly List<(string Name, string Value)> _headers;
        private readonly string _body;
        private readonly List<MimePart> _parts = [];

        private MimePart(List<(string, string)> headers, string body)
        {
            _headers = headers;
            _body = body;
            var contentType = Header("Content-Type") ?? "text/plain";
            MediaType = contentType.Split(';')[0].Trim().ToLowerInvariant();
            Charset = Parameter(contentType, "charset") ?? "us-ascii";
            if (MediaType.StartsWith("multipart/", StringComparison.Ordinal) && Parameter(contentType, "boundary") is { } boundary)
            {
                var delimiter = "--" + boundary;
                // Skip the preamble before the first delimiter; the closing delimiter starts with "--".
                foreach (var section in ("\r\n" + body).Split("\r\n" + delimiter).Skip(1))
                {
                    if (section.StartsWith("--", StringComparison.Ordinal))
                    {
                        break;
                    }

                    int lineEnd = section.IndexOf("\r\n", StringComparison.Ordinal);
                    _parts.Add(Parse(lineEnd < 0 ? string.Empty : section[(lineEnd + 2)..]));
                }
            }
        }

        public string MediaType { get; }

        public string Charset { get; }

        public string DecodedBody
        {
            get
            {
                var transfer = (Header("Content-Transfer-Encoding") ?? "7bit").Trim().ToLowerInvariant();
                byte[] bytes = transfer switch
                {
                    "base64" => Convert.FromBase64String(string.Concat(_body.Where(c => !char.IsWhiteSpace(c)))),
                    "quoted-printable" => DecodeQuotedPrintable(_body),
                    _ => Encoding.UTF8.GetBytes(_body),
                };
                return Encoding.GetEncoding(Charset).GetString(bytes);
            }
        }

        public static MimePart Parse(string text)
        {
            int split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var headerText = split < 0 ? text : text[..split];
            var body = split < 0 ? string.Empty : text[(split + 4)..];
            var headers = new List<(string, string)>();
            foreach (var line in headerText.Split("\r\n"))
            {
                if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && headers.Count > 0)
                {
                    var (name, value) = headers[^1];
                    headers[^1] = (name, value + " " + line.Trim());
                }
                else if (line.IndexOf(':') is var colon and > 0)
                {
                    headers.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
                }
            }

            return new MimePart(headers, body);
        }

        public string? Header(string name) =>
            _headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

        public MimePart? Find(string mediaType) =>
            MediaType == mediaType ? this : _parts.Select(p => p.Find(mediaType)).FirstOrDefault(p => p is not null);

        private static string? Parameter(string headerValue, string name)
        {
            foreach (var piece in headerValue.Split(';').Skip(1))
            {
                int eq = piece.IndexOf('=');
                if (eq > 0 && string.Equals(piece[..eq].Trim(), name, StringComparison.OrdinalIgnoreCase))
                {
                    return piece[(eq + 1)..].Trim().Trim('"');
                }
            }

            return null;
        }
    }
}
