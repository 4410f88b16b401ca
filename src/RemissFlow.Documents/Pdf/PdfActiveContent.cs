using System.IO.Compression;
using System.Text;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;

namespace RemissFlow.Documents.Pdf;

/// <summary>
/// Finds what a PDF reader could run or open by itself: JavaScript, launch actions, an action on opening, additional
/// (event) actions, embedded files, rich media and XFA forms. Two independent looks, because a reader may see a file
/// differently from any one parser: a real parse with PDFsharp (catalog and every indirect object, object streams
/// included), and a scan of the raw bytes that decodes #xx escapes in names and inflates object streams, so neither a
/// broken cross-reference table nor /J#61vaScript nor compression hides a key.
/// </summary>
public static class PdfActiveContent
{
    // Names whose mere presence as a PDF name means active or embedded content.
    private static readonly Dictionary<string, string> FlaggedNames = new(StringComparer.Ordinal)
    {
        ["JavaScript"] = "JavaScript",
        ["JS"] = "JavaScript",
        ["Launch"] = "Launch",
        ["AA"] = "AA",
        ["EmbeddedFile"] = "EmbeddedFile",
        ["EmbeddedFiles"] = "EmbeddedFile",
        ["RichMedia"] = "RichMedia",
        ["RichMediaContent"] = "RichMedia",
        ["RichMediaExecute"] = "RichMedia",
        ["XFA"] = "XFA",
    };

    /// <summary>Names (in a fixed order) of what was found, empty for a PDF without active content.</summary>
    public static IReadOnlyList<string> Find(byte[] pdf)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var budget = new InflateBudget();
        ScanRaw(pdf, found, budget, depth: 0);
        Parse(pdf, found);
        string[] order = ["JavaScript", "Launch", "OpenAction", "AA", "EmbeddedFile", "RichMedia", "XFA"];
        return order.Where(found.Contains).ToList();
    }

    private static void Parse(byte[] pdf, HashSet<string> found)
    {
        PdfSharpSetup.Ensure();
        try
        {
            using var stream = new MemoryStream(pdf, writable: false);
            using var doc = PdfReader.Open(stream, PdfDocumentOpenMode.Import);
            foreach (var obj in doc.Internals.GetAllObjects())
            {
                Walk(obj, found, 0);
            }
        }
        // A file PDFsharp cannot read is left to the raw scan (damaged answers are still accepted). PDFsharp throws plain
        // System.Exception for some damage (no startxref), so only running out of memory is not swallowed.
        catch (Exception e) when (e is not OutOfMemoryException)
        {
        }
    }

    private static void Walk(PdfItem? item, HashSet<string> found, int depth)
    {
        if (depth > 64)
        {
            return;
        }

        switch (item)
        {
            case PdfDictionary dict:
                foreach (var (rawKey, value) in dict.Elements)
                {
                    var key = DecodeName(rawKey.TrimStart('/'));
                    if (FlaggedNames.TryGetValue(key, out var flag))
                    {
                        found.Add(flag);
                    }

                    var name = value is PdfName n ? DecodeName(n.Value.TrimStart('/')) : null;
                    if (name is not null && key is ("S" or "Type" or "Subtype") && FlaggedNames.TryGetValue(name, out var typeFlag))
                    {
                        found.Add(typeFlag);
                    }

                    if (key == "OpenAction" && IsActionOtherThanGoTo(Resolve(value)))
                    {
                        found.Add("OpenAction");
                    }

                    // Indirect objects are visited on their own; only direct children are walked here.
                    if (value is PdfDictionary or PdfArray)
                    {
                        Walk(value, found, depth + 1);
                    }
                }

                break;
            case PdfArray array:
                foreach (var element in array.Elements)
                {
                    if (element is PdfDictionary or PdfArray)
                    {
                        Walk(element, found, depth + 1);
                    }
                }

                break;
        }
    }

    private static PdfItem? Resolve(PdfItem? item) => item is PdfReference r ? r.Value : item;

    /// <summary>An open action that is a destination (an array, or a GoTo) only shows a page; any other action does something.</summary>
    private static bool IsActionOtherThanGoTo(PdfItem? value) =>
        value is PdfDictionary action && DecodeName(action.Elements.GetName("/S").TrimStart('/')) != "GoTo";

    /// <summary>"J#61vaScript" → "JavaScript" (PDF 1.2+ writes any byte of a name as #xx).</summary>
    public static string DecodeName(string name)
    {
        if (!name.Contains('#', StringComparison.Ordinal))
        {
            return name;
        }

        var bytes = new List<byte>(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] == '#' && i + 2 < name.Length && IsHex(name[i + 1]) && IsHex(name[i + 2]))
            {
                bytes.Add(Convert.ToByte(name.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)name[i]);
            }
        }

        return Encoding.Latin1.GetString(bytes.ToArray());
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static bool IsWhite(byte b) => b is 0 or 9 or 10 or 12 or 13 or 32;

    private static bool IsDelimiter(byte b) => b is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    private sealed class InflateBudget
    {
        // Caps what object streams may inflate to in total, so a compression bomb costs at most this much.
        public long Remaining { get; set; } = 256L * 1024 * 1024;
    }

    /// <summary>
    /// Tokenises PDF syntax just enough to see names outside strings and comments. Stream data is skipped unless the
    /// stream is an object stream (/Type /ObjStm), whose content — more PDF objects — is inflated and scanned too.
    /// </summary>
    private static void ScanRaw(ReadOnlySpan<byte> data, HashSet<string> found, InflateBudget budget, int depth)
    {
        var namesSinceObj = new List<string>();
        var i = 0;
        while (i < data.Length)
        {
            var b = data[i];
            if (b == '%')
            {
                while (i < data.Length && data[i] != '\n' && data[i] != '\r')
                {
                    i++;
                }
            }
            else if (b == '(')
            {
                i = SkipLiteralString(data, i);
            }
            else if (b == '<' && i + 1 < data.Length && data[i + 1] == '<')
            {
                i += 2;
            }
            else if (b == '<')
            {
                while (i < data.Length && data[i] != '>')
                {
                    i++;
                }

                i++;
            }
            else if (b == '/')
            {
                var start = ++i;
                while (i < data.Length && !IsWhite(data[i]) && !IsDelimiter(data[i]))
                {
                    i++;
                }

                var name = DecodeName(Encoding.Latin1.GetString(data[start..i]));
                namesSinceObj.Add(name);
                if (FlaggedNames.TryGetValue(name, out var flag))
                {
                    found.Add(flag);
                }
            }
            else if (IsWord(data, i, "obj"u8))
            {
                namesSinceObj.Clear();
                i += 3;
            }
            else if (IsWord(data, i, "stream"u8))
            {
                i += 6;
                if (i < data.Length && data[i] == '\r')
                {
                    i++;
                }

                if (i < data.Length && data[i] == '\n')
                {
                    i++;
                }

                var end = data[i..].IndexOf("endstream"u8);
                var body = end < 0 ? data[i..] : data.Slice(i, end);
                if (depth < 2 && namesSinceObj.Contains("ObjStm"))
                {
                    if (Inflate(body, budget) is { } inflated)
                    {
                        ScanRaw(inflated, found, budget, depth + 1);
                    }
                    else if (!namesSinceObj.Contains("Filter"))
                    {
                        ScanRaw(body, found, budget, depth + 1);
                    }
                }

                i = end < 0 ? data.Length : i + end + 9;
                namesSinceObj.Clear();
            }
            else
            {
                i++;
            }
        }
    }

    private static bool IsWord(ReadOnlySpan<byte> data, int i, ReadOnlySpan<byte> word) =>
        data[i..].StartsWith(word)
        && (i == 0 || IsWhite(data[i - 1]) || IsDelimiter(data[i - 1]))
        && (i + word.Length >= data.Length || IsWhite(data[i + word.Length]) || IsDelimiter(data[i + word.Length]));

    private static int SkipLiteralString(ReadOnlySpan<byte> data, int i)
    {
        var nesting = 0;
        for (; i < data.Length; i++)
        {
            switch (data[i])
            {
                case (byte)'\\':
                    i++;
                    break;
                case (byte)'(':
                    nesting++;
                    break;
                case (byte)')':
                    if (--nesting == 0)
                    {
                        return i + 1;
                    }

                    break;
            }
        }

        return i;
    }

    /// <summary>What the zlib data inflates to, as far as it goes: a damaged tail must not hide the objects before it.</summary>
    private static byte[]? Inflate(ReadOnlySpan<byte> body, InflateBudget budget)
    {
        using var input = new MemoryStream(body.ToArray(), writable: false);
        using var output = new MemoryStream();
        try
        {
            using var z = new ZLibStream(input, CompressionMode.Decompress);
            var buffer = new byte[81920];
            int read;
            while (budget.Remaining > 0 && (read = z.Read(buffer, 0, buffer.Length)) > 0)
            {
                output.Write(buffer, 0, (int)Math.Min(read, budget.Remaining));
                budget.Remaining -= read;
            }
        }
        catch (InvalidDataException)
        {
        }

        return output.Length > 0 ? output.ToArray() : null;
    }
}
