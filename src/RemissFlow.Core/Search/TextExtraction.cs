using System.Text;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig;

namespace RemissFlow.Core.Search;

/// <summary>The text of an uploaded file, for the search index: PDF through PdfPig, Word through OpenXml, plain text as it is.</summary>
public static class TextExtraction
{
    /// <summary>More text than this from one file adds nothing a search needs and would bloat the index.</summary>
    public const int MaxChars = 200_000;

    /// <summary>The text, or empty when the format has none to give or the file cannot be read (a damaged upload must not stop the save).</summary>
    public static string Extract(byte[] content, string mediaType, string fileName)
    {
        try
        {
            var text = Kind(mediaType, fileName) switch
            {
                "pdf" => Pdf(content),
                "docx" => Docx(content),
                "text" => Encoding.UTF8.GetString(content),
                _ => "",
            };
            return text.Length <= MaxChars ? text : text[..MaxChars];
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or FormatException or ArgumentException
            or OpenXmlPackageException or UglyToad.PdfPig.Core.PdfDocumentFormatException or System.IO.InvalidDataException)
        {
            return "";
        }
    }

    private static string Kind(string mediaType, string fileName)
    {
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        if (mediaType == "application/pdf" || ext == ".pdf")
        {
            return "pdf";
        }

        if (mediaType == "application/vnd.openxmlformats-officedocument.wordprocessingml.document" || ext == ".docx")
        {
            return "docx";
        }

        return mediaType.StartsWith("text/", StringComparison.Ordinal) || ext is ".txt" or ".md" ? "text" : "";
    }

    private static string Pdf(byte[] content)
    {
        using var document = PdfDocument.Open(content);
        var sb = new StringBuilder();
        foreach (var page in document.GetPages())
        {
            sb.AppendLine(string.Join(' ', page.GetWords().Select(w => w.Text)));
            if (sb.Length > MaxChars)
            {
                break;
            }
        }

        return sb.ToString();
    }

    private static string Docx(byte[] content)
    {
        using var stream = new MemoryStream(content);
        using var document = WordprocessingDocument.Open(stream, false);
        var body = document.MainDocumentPart?.Document?.Body;
        if (body is null)
        {
            return "";
        }

        return string.Join('\n', body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }
}
