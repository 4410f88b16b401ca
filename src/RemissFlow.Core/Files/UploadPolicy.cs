namespace RemissFlow.Core.Files;

/// <summary>
/// Which files RemissFlow accepts: PDF and Office documents only, recognised by their content
/// (magic bytes), never by the name the browser sent.
/// </summary>
public static class UploadPolicy
{
    public const string Pdf = "application/pdf";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    public const string Odt = "application/vnd.oasis.opendocument.text";
    public const string LegacyOffice = "application/msword";

    /// <summary>The media type the content really is, or null when it is not an accepted kind.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content, string fileName)
    {
        if (content.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            return LegacyOffice;
        }

        if (content.StartsWith("PK\u0003\u0004"u8))
        {
            // An Office Open XML file is a ZIP whose first entries name its parts.
            var head = System.Text.Encoding.ASCII.GetString(content[..Math.Min(content.Length, 4096)]);
            if (head.Contains("word/", StringComparison.Ordinal) || (head.Contains("[Content_Types].xml", StringComparison.Ordinal) && fileName.EndsWith(".docx", StringComparison.OrdinalIgnoreCase)))
            {
                return Docx;
            }

            if (head.Contains("xl/", StringComparison.Ordinal))
            {
                return Xlsx;
            }

            if (head.Contains("ppt/", StringComparison.Ordinal))
            {
                return Pptx;
            }

            if (head.Contains("mimetypeapplication/vnd.oasis.opendocument.text", StringComparison.Ordinal))
            {
                return Odt;
            }
        }

        return null;
    }

    public static bool IsSafeFileName(string name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= 255 && name.IndexOfAny(['/', '\\', '\0']) < 0 && !name.Any(char.IsControl);
}
