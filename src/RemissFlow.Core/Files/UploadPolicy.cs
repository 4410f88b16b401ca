using System.Globalization;
using System.IO.Compression;
using System.Text;
using RemissFlow.Documents.Pdf;

namespace RemissFlow.Core.Files;

/// <summary>A kind of file RemissFlow accepts, with the one extension it is stored and served under.</summary>
public sealed record UploadType(string MediaType, string Extension);

/// <summary>
/// Which files RemissFlow accepts: PDF and Office documents only, recognised by their content (magic bytes and
/// container parts), never by the name the browser sent. The name a file is stored and served under keeps the
/// sender's base name, cleaned, with the extension of what the content is: "svar.bat" that is a PDF becomes
/// "svar.pdf", so no download ever opens as a script. PDFs that could run something, and Office files with macros,
/// are refused.
/// </summary>
public static class UploadPolicy
{
    public const string Pdf = "application/pdf";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    public const string Odt = "application/vnd.oasis.opendocument.text";
    public const string LegacyOffice = "application/msword";
    public const string LegacyExcel = "application/vnd.ms-excel";
    public const string LegacyPowerPoint = "application/vnd.ms-powerpoint";

    private const int MaxBaseNameLength = 150;

    private static readonly Dictionary<string, string> Extensions = new(StringComparer.Ordinal)
    {
        [Pdf] = ".pdf", [Docx] = ".docx", [Xlsx] = ".xlsx", [Pptx] = ".pptx", [Odt] = ".odt",
        [LegacyOffice] = ".doc", [LegacyExcel] = ".xls", [LegacyPowerPoint] = ".ppt",
    };

    private static readonly HashSet<string> WindowsDeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>What the content is, or null when it is not an accepted kind.</summary>
    public static UploadType? Detect(byte[] content)
    {
        var span = content.AsSpan();
        string? mediaType = null;
        if (span.StartsWith("%PDF-"u8))
        {
            mediaType = Pdf;
        }
        else if (span.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            mediaType = LegacyKind(span);
        }
        else if (span.StartsWith("PK\u0003\u0004"u8))
        {
            mediaType = ZipKind(content).MediaType;
        }

        return mediaType is null ? null : new UploadType(mediaType, Extensions[mediaType]);
    }

    /// <summary>
    /// Why an accepted kind of file is still refused, in Swedish naming the file, or null when it may be received:
    /// a PDF that can run script or act by itself, or an Office file with macros.
    /// </summary>
    public static string? ActiveContentRefusal(byte[] content, string fileName)
    {
        var type = Detect(content);
        var shown = DisplayName(fileName);
        if (type?.MediaType == Pdf)
        {
            var found = PdfActiveContent.Find(content);
            if (found.Any(f => f is "JavaScript" or "Launch" or "OpenAction" or "AA" or "XFA"))
            {
                return $"Filen {shown} innehåller skript eller automatiska åtgärder ({string.Join(", ", found)}) och kan inte tas emot. Spara den som PDF utan skript och försök igen.";
            }

            if (found.Count > 0)
            {
                return $"Filen {shown} innehåller inbäddade filer eller media ({string.Join(", ", found)}) och kan inte tas emot. Spara den som PDF utan bilagor och försök igen.";
            }
        }
        else if (type is not null && type.MediaType != Pdf && HasMacros(content, type))
        {
            return $"Filen {shown} innehåller makron och kan inte tas emot. Spara den som {type.Extension[1..]} utan makron och försök igen.";
        }

        return null;
    }

    public static bool IsSafeFileName(string name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= 255 && name.IndexOfAny(['/', '\\', '\0']) < 0 && !name.Any(char.IsControl);

    /// <summary>
    /// The name a file of <paramref name="mediaType"/> is stored and served under: the sender's base name without its
    /// extension, cleaned of characters that mislead or break a download (bidi overrides, reserved and control
    /// characters), and the extension of the detected type. Idempotent, so it also serves files stored before it existed.
    /// </summary>
    public static string StoredName(string fileName, string mediaType)
    {
        var extension = Extensions.TryGetValue(mediaType, out var e) ? e : ".bin";
        var baseName = DisplayName(Path.GetFileNameWithoutExtension(fileName.Replace('\\', '/').Split('/')[^1]));
        baseName = baseName.Trim(' ', '.');
        if (baseName.Length > MaxBaseNameLength)
        {
            var cut = MaxBaseNameLength;
            if (char.IsLowSurrogate(baseName[cut]))
            {
                cut--;
            }

            baseName = baseName[..cut].TrimEnd(' ', '.');
        }

        if (baseName.Length == 0)
        {
            baseName = "fil";
        }

        if (WindowsDeviceNames.Contains(baseName.Split('.')[0]))
        {
            baseName += "_";
        }

        return baseName + extension;
    }

    /// <summary>A file name as it may be shown or stored: NFC, no control or format (bidi, zero-width) characters, no reserved characters.</summary>
    private static string DisplayName(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                continue;
            }

            sb.Append(c is '<' or '>' or ':' or '"' or '/' or '\\' or '|' or '?' or '*' ? '_' : char.IsWhiteSpace(c) ? ' ' : c);
        }

        return string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Compound files are Word, Excel or PowerPoint by the stream their directory names (UTF-16 in the directory).</summary>
    private static string? LegacyKind(ReadOnlySpan<byte> content)
    {
        if (content.IndexOf(Encoding.Unicode.GetBytes("WordDocument")) >= 0)
        {
            return LegacyOffice;
        }

        if (content.IndexOf(Encoding.Unicode.GetBytes("Workbook")) >= 0 || content.IndexOf(Encoding.Unicode.GetBytes("Book\0")) >= 0)
        {
            return LegacyExcel;
        }

        return content.IndexOf(Encoding.Unicode.GetBytes("PowerPoint Document")) >= 0 ? LegacyPowerPoint : null;
    }

    private static (string? MediaType, bool Macros) ZipKind(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            var names = zip.Entries.Select(x => x.FullName).ToList();
            var macros = names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase));
            if (names.Any(n => n.StartsWith("word/", StringComparison.Ordinal)))
            {
                return (Docx, macros);
            }

            if (names.Any(n => n.StartsWith("xl/", StringComparison.Ordinal)))
            {
                return (Xlsx, macros);
            }

            if (names.Any(n => n.StartsWith("ppt/", StringComparison.Ordinal)))
            {
                return (Pptx, macros);
            }

            if (zip.GetEntry("mimetype") is { Length: < 200 } mimetype)
            {
                using var reader = new StreamReader(mimetype.Open(), Encoding.ASCII);
                if (reader.ReadToEnd().Trim() == Odt)
                {
                    return (Odt, names.Any(n => n.StartsWith("Basic/", StringComparison.Ordinal)));
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException)
        {
        }

        return (null, false);
    }

    private static bool HasMacros(byte[] content, UploadType type) =>
        type.MediaType is LegacyOffice or LegacyExcel or LegacyPowerPoint
            ? content.AsSpan().IndexOf(Encoding.Unicode.GetBytes("_VBA_PROJECT")) >= 0
            : ZipKind(content).Macros;
}
