using System.Text;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace RemissFlow.Core.Intake;

/// <summary>The raw text of a document, pages separated by a form feed (\f) so page furniture can be recognised.</summary>
public sealed record RawText(string Text, IntakeSource Source);

/// <summary>Text out of PDF (PdfPig; OCR when there is no text layer), DOCX (OpenXml) and plain text.</summary>
public static class DocumentTextReader
{
    /// <summary>A page with fewer letters than this in its text layer is taken as a scan.</summary>
    private const int ScannedPageLetters = 25;

    /// <summary>A gap this wide (points) between two words on one baseline separates two columns, as in a letterhead.</summary>
    private const double ColumnGap = 60;

    public static RawText Read(byte[] content, string fileName, OcrReader? ocr = null)
    {
        var format = Format(content, fileName);
        try
        {
            return format switch
            {
                "pdf" => Pdf(content, ocr ?? new OcrReader()),
                "docx" => new RawText(Docx(content), new IntakeSource("docx", 1, false)),
                _ => new RawText(PlainText(content), new IntakeSource("text", 1, false)),
            };
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException
            or OpenXmlPackageException or UglyToad.PdfPig.Core.PdfDocumentFormatException or InvalidDataException)
        {
            throw new IntakeException(format == "pdf"
                ? "PDF-filen kunde inte läsas (skadad eller lösenordsskyddad)."
                : "Word-filen kunde inte läsas (skadad eller inte en .docx-fil).");
        }
    }

    /// <summary>The format from the content itself (a PDF named .txt is still a PDF); the name decides only between text kinds.</summary>
    public static string Format(byte[] content, string fileName)
    {
        if (content.Length >= 5 && content.AsSpan(0, 5).SequenceEqual("%PDF-"u8))
        {
            return "pdf";
        }

        if (content.Length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4)
        {
            return "docx";
        }

        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        if (ext is ".pdf" or ".docx")
        {
            throw new IntakeException($"Filen har ändelsen {ext} men innehållet är inte {ext[1..].ToUpperInvariant()}.");
        }

        if (ext is not (".txt" or ".text" or ".md" or ""))
        {
            throw new IntakeException("Filtypen stöds inte: välj en PDF-, Word- (.docx) eller textfil.");
        }

        return "text";
    }

    private static RawText Pdf(byte[] content, OcrReader ocr)
    {
        using var document = PdfDocument.Open(content);
        var pages = new List<string>();
        var letters = 0;
        foreach (var page in document.GetPages())
        {
            letters += page.Letters.Count(l => char.IsLetter(l.Value, 0));
            pages.Add(PageLines(page));
        }

        if (pages.Count > 0 && letters < ScannedPageLetters * pages.Count)
        {
            return new RawText(ocr.Read(content), new IntakeSource("pdf", pages.Count, true));
        }

        return new RawText(string.Join('\f', pages), new IntakeSource("pdf", pages.Count, false));
    }

    /// <summary>Words grouped into lines by their baseline, top to bottom, left to right.</summary>
    private static string PageLines(Page page)
    {
        var lines = new List<(double Y, List<Word> Words)>();
        foreach (var word in page.GetWords().OrderByDescending(w => w.BoundingBox.Bottom))
        {
            var y = word.BoundingBox.Bottom;
            var height = Math.Max(2, word.BoundingBox.Height * 0.5);
            var line = lines.FindLast(l => Math.Abs(l.Y - y) <= height);
            if (line.Words is null)
            {
                lines.Add((y, [word]));
            }
            else
            {
                line.Words.Add(word);
            }
        }

        var sb = new StringBuilder();
        foreach (var (_, words) in lines)
        {
            Word? previous = null;
            foreach (var word in words.OrderBy(w => w.BoundingBox.Left))
            {
                if (previous is not null)
                {
                    sb.Append(word.BoundingBox.Left - previous.BoundingBox.Right > ColumnGap ? '\n' : ' ');
                }

                sb.Append(word.Text);
                previous = word;
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    private static string Docx(byte[] content)
    {
        using var stream = new MemoryStream(content);
        using var document = WordprocessingDocument.Open(stream, false);
        var body = document.MainDocumentPart?.Document?.Body ?? throw new IntakeException("Word-filen har inget innehåll.");
        var sb = new StringBuilder();
        foreach (var paragraph in body.Descendants<W.Paragraph>())
        {
            foreach (var run in paragraph.Descendants())
            {
                switch (run)
                {
                    case W.Text t:
                        sb.Append(t.Text);
                        break;
                    case W.Break or W.CarriageReturn:
                        sb.Append('\n');
                        break;
                    case W.TabChar:
                        sb.Append(' ');
                        break;
                }
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>UTF-8, or Latin-1 when the bytes are not UTF-8 (text saved by an older Windows program: å, ä, ö are the same in Windows-1252).</summary>
    private static string PlainText(byte[] content)
    {
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
            return text.TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(content);
        }
    }
}
