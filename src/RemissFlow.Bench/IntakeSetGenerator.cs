using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using RemissFlow.Documents.Pdf;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace RemissFlow.Core.Bench;

/// <summary>
/// Rebuilds the labelled set's PDF, DOCX and scanned files from the texts in <c>tests/intake-set/sources/</c>, with the
/// mess real converters leave: words hyphenated at the line ends the layout chooses, running headers and footers with
/// "Sida 2 (7)", letterheads in two columns (a table in Word), text flattened onto one paragraph, and a scan (the page
/// rendered by pdftoppm, turned slightly, speckled, wrapped back as an image-only PDF). Tooling, not the product.
/// </summary>
/// <remarks>
/// A source is plain text. Lines starting with <c>@</c> set the layout before a <c>---</c> line: <c>@layout pdf|docx|
/// docx-flat|scan</c>, <c>@header</c> (repeated on pages after the first), <c>@footer</c> (every page), <c>@pages</c>
/// ("Sida n (m)" on every page), <c>@width</c> (text column in points), <c>@font</c> (size). After it: <c>left | right</c>
/// letterhead lines, <c># Heading</c>, and one paragraph per line (blank lines keep their space).
/// </remarks>
public static class IntakeSetGenerator
{
    private const double PageWidth = 595;
    private const double PageHeight = 842;
    private const double Left = 70;
    private const double Top = 80;
    private const double Bottom = 90;

    /// <summary>A body line that starts a new page (the signature or a section on page 2, as in real documents).</summary>
    private const string PageBreak = "@page";

    /// <summary>Builds every source into <paramref name="setDirectory"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Build(string setDirectory)
    {
        PdfSharpSetup.Ensure();
        var written = new List<string>();
        foreach (var source in Directory.GetFiles(Path.Combine(setDirectory, "sources"), "*.txt").Order(StringComparer.Ordinal))
        {
            var spec = Parse(File.ReadAllText(source));
            var name = Path.GetFileNameWithoutExtension(source);
            var target = spec.Layout switch
            {
                "docx" or "docx-flat" => Path.Combine(setDirectory, name + ".docx"),
                "timing" => Path.Combine(setDirectory, "timing", name + ".pdf"),
                _ => Path.Combine(setDirectory, name + ".pdf"),
            };
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var bytes = spec.Layout switch
            {
                "docx" => Docx(spec, flat: false),
                "docx-flat" => Docx(spec, flat: true),
                "scan" => Scan(Pdf(spec)),
                "timing" => Pdf(spec with { Body = Repeat(spec.Body, 60), MaxPages = 20 }),
                _ => Pdf(spec),
            };
            File.WriteAllBytes(target, bytes);
            written.Add(target);
        }

        return written;
    }

    private sealed record Spec(string Layout, string? Header, string? Footer, bool Pages, double Width, double FontSize, IReadOnlyList<string> Body)
    {
        public int MaxPages { get; init; } = int.MaxValue;
    }

    private static Spec Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var split = Array.IndexOf(lines, "---");
        var head = lines[..Math.Max(0, split)];
        string? Get(string key) => head.FirstOrDefault(l => l.StartsWith("@" + key, StringComparison.Ordinal))?[(key.Length + 1)..].Trim();
        return new Spec(Get("layout") ?? "pdf", Get("header"), Get("footer"), Get("pages") is not null,
            double.Parse(Get("width") ?? "455", CultureInfo.InvariantCulture), double.Parse(Get("font") ?? "10.5", CultureInfo.InvariantCulture),
            [.. lines[(split + 1)..].Select(l => l.TrimEnd())]);
    }

    /// <summary>The body repeated as numbered parts until it fills about <paramref name="pages"/> pages (the timing document).</summary>
    private static IReadOnlyList<string> Repeat(IReadOnlyList<string> body, int pages)
    {
        var result = new List<string>(body);
        for (var part = 2; part <= pages; part++)
        {
            result.Add($"# Bilaga {part}");
            result.AddRange(body.Where(l => !l.StartsWith('#') && !l.Contains('|', StringComparison.Ordinal) && l.Length > 60));
        }

        return result;
    }

    private sealed record PdfLine(string Left, string? Right, bool Bold, double Gap);

    private static byte[] Pdf(Spec spec)
    {
        var regular = new XFont("Liberation Sans", spec.FontSize);
        var bold = new XFont("Liberation Sans", spec.FontSize + 1.5, XFontStyleEx.Bold);
        var measure = XGraphics.CreateMeasureContext(new XSize(PageWidth, PageHeight), XGraphicsUnit.Point, XPageDirection.Downwards);
        var lines = new List<PdfLine>();
        foreach (var line in spec.Body)
        {
            if (line == PageBreak)
            {
                lines.Add(new PdfLine(PageBreak, null, false, 0));
            }
            else if (line.Length == 0)
            {
                lines.Add(new PdfLine("", null, false, 0.6));
            }
            else if (line.Contains(" | ", StringComparison.Ordinal))
            {
                var parts = line.Split(" | ", 2);
                lines.Add(new PdfLine(parts[0], parts[1], false, 0));
            }
            else if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                lines.Add(new PdfLine(line[2..], null, true, 0.4));
            }
            else
            {
                lines.AddRange(Wrap(line, regular, spec.Width, measure).Select(l => new PdfLine(l, null, false, 0)));
            }
        }

        var step = spec.FontSize * 1.45;
        var perPage = (int)((PageHeight - Top - Bottom) / step);
        var pages = new List<List<PdfLine>>();
        foreach (var line in lines)
        {
            if (pages.Count == 0 || pages[^1].Count >= perPage || line.Left == PageBreak)
            {
                pages.Add([]);
            }

            if (line.Left != PageBreak)
            {
                pages[^1].Add(line);
            }
        }

        pages = [.. pages.Take(spec.MaxPages)];
        using var document = new PdfDocument();
        var small = new XFont("Liberation Sans", 8.5);
        for (var p = 0; p < pages.Count; p++)
        {
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            using var gfx = XGraphics.FromPdfPage(page);
            if (spec.Pages)
            {
                gfx.DrawString($"Sida {p + 1} ({pages.Count})", small, XBrushes.Black, new XPoint(PageWidth - 110, 40));
            }

            if (p > 0 && spec.Header is not null)
            {
                DrawColumns(gfx, spec.Header, small, 52);
            }

            if (spec.Footer is not null)
            {
                DrawColumns(gfx, spec.Footer, small, PageHeight - 45);
            }

            var y = Top;
            foreach (var line in pages[p])
            {
                y += line.Gap * step;
                gfx.DrawString(line.Left, line.Bold ? bold : regular, XBrushes.Black, new XPoint(Left, y));
                if (line.Right is not null)
                {
                    gfx.DrawString(line.Right, regular, XBrushes.Black, new XPoint(PageWidth - 220, y));
                }

                y += step;
            }
        }

        using var ms = new MemoryStream();
        document.Save(ms, false);
        return ms.ToArray();
    }

    private static void DrawColumns(XGraphics gfx, string text, XFont font, double y)
    {
        var parts = text.Split(" | ");
        var columnWidth = (PageWidth - 2 * Left) / parts.Length;
        for (var i = 0; i < parts.Length; i++)
        {
            gfx.DrawString(parts[i], font, XBrushes.Black, new XPoint(Left + i * columnWidth, y));
        }
    }

    /// <summary>Greedy line breaking that hyphenates a long word at the line end, as a word processor with hyphenation on does.</summary>
    private static List<string> Wrap(string paragraph, XFont font, double width, XGraphics measure)
    {
        var result = new List<string>();
        var current = "";
        var words = new Queue<string>(paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        while (words.Count > 0)
        {
            var word = words.Dequeue();
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (measure.MeasureString(candidate, font).Width <= width)
            {
                current = candidate;
                continue;
            }

            if (word.Length >= 8 && word.All(char.IsLetter))
            {
                for (var cut = word.Length - 3; cut >= 4; cut--)
                {
                    var head = (current.Length == 0 ? "" : current + " ") + word[..cut] + "-";
                    if (measure.MeasureString(head, font).Width <= width)
                    {
                        result.Add(head);
                        current = "";
                        word = word[cut..];
                        break;
                    }
                }
            }

            if (current.Length > 0)
            {
                result.Add(current);
            }

            current = word;
        }

        if (current.Length > 0)
        {
            result.Add(current);
        }

        return result;
    }

    private static byte[] Docx(Spec spec, bool flat)
    {
        using var ms = new MemoryStream();
        using (var document = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new W.Body();
            main.Document = new W.Document(body);
            if (flat)
            {
                // What a converter that drops paragraph marks leaves: the whole document as one paragraph.
                var text = string.Join(' ', spec.Body.Where(l => l.Length > 0 && l != PageBreak).Select(l => l.TrimStart('#', ' ').Replace(" | ", " ", StringComparison.Ordinal)));
                body.Append(new W.Paragraph(new W.Run(new W.Text(text) { Space = SpaceProcessingModeValues.Preserve })));
            }
            else
            {
                foreach (var line in spec.Body)
                {
                    body.Append(DocxBlock(line));
                }
            }

            if (spec.Footer is not null)
            {
                // Word keeps footers in their own part, outside the body.
                var footer = main.AddNewPart<FooterPart>();
                footer.Footer = new W.Footer(new W.Paragraph(new W.Run(new W.Text(spec.Footer.Replace(" | ", "   ", StringComparison.Ordinal)))));
                body.Append(new W.SectionProperties(new W.FooterReference { Type = W.HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) }));
            }
        }

        return ms.ToArray();
    }

    private static OpenXmlElement DocxBlock(string line)
    {
        if (line == PageBreak)
        {
            return new W.Paragraph(new W.Run(new W.Break { Type = W.BreakValues.Page }));
        }

        if (line.Contains(" | ", StringComparison.Ordinal))
        {
            // A letterhead as a two-cell table row, as many municipal templates make it.
            var parts = line.Split(" | ", 2);
            return new W.Table(new W.TableRow(
                new W.TableCell(new W.Paragraph(new W.Run(new W.Text(parts[0])))),
                new W.TableCell(new W.Paragraph(new W.Run(new W.Text(parts[1]))))));
        }

        if (line.StartsWith("# ", StringComparison.Ordinal))
        {
            return new W.Paragraph(new W.ParagraphProperties(new W.ParagraphStyleId { Val = "Heading1" }),
                new W.Run(new W.RunProperties(new W.Bold()), new W.Text(line[2..])));
        }

        return new W.Paragraph(new W.Run(new W.Text(line) { Space = SpaceProcessingModeValues.Preserve }));
    }

    /// <summary>The PDF as a scanner gives it back: each page an image, turned by under a degree, with speckle, no text layer.</summary>
    private static byte[] Scan(byte[] pdf)
    {
        var dir = Directory.CreateTempSubdirectory("remissflow-scan-");
        try
        {
            var input = Path.Combine(dir.FullName, "in.pdf");
            File.WriteAllBytes(input, pdf);
            PdfMasker.Run("pdftoppm", ["-r", "150", "-gray", input, Path.Combine(dir.FullName, "p")], TimeSpan.FromMinutes(2));
            using var document = new PdfDocument();
            var random = new Random(17);
            foreach (var file in dir.GetFiles("p-*.pgm").OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                var (w, h, pixels) = ReadPgm(File.ReadAllBytes(file.FullName));
                var turned = Turn(w, h, pixels, 0.6 + random.NextDouble() * 0.3, random);
                using var bmp = new MemoryStream(Bmp(w, h, turned));
                using var image = XImage.FromStream(bmp);
                var page = document.AddPage();
                page.Width = XUnit.FromPoint(PageWidth);
                page.Height = XUnit.FromPoint(PageHeight);
                using var gfx = XGraphics.FromPdfPage(page);
                gfx.DrawImage(image, 0, 0, PageWidth, PageHeight);
            }

            using var ms = new MemoryStream();
            document.Save(ms, false);
            return ms.ToArray();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static (int W, int H, byte[] Pixels) ReadPgm(byte[] pgm)
    {
        var fields = new List<string>();
        var at = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)pgm[at]))
            {
                at++;
            }

            var start = at;
            while (!char.IsWhiteSpace((char)pgm[at]))
            {
                at++;
            }

            fields.Add(Encoding.ASCII.GetString(pgm, start, at - start));
        }

        int w = int.Parse(fields[1], CultureInfo.InvariantCulture), h = int.Parse(fields[2], CultureInfo.InvariantCulture);
        return (w, h, pgm[(at + 1)..(at + 1 + w * h)]);
    }

    /// <summary>Rotates about the centre (nearest pixel), greys the paper a little and scatters dark specks.</summary>
    private static byte[] Turn(int w, int h, byte[] pixels, double degrees, Random random)
    {
        var result = new byte[w * h];
        double sin = Math.Sin(degrees * Math.PI / 180), cos = Math.Cos(degrees * Math.PI / 180);
        double cx = w / 2.0, cy = h / 2.0;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var sx = (int)Math.Round(cos * (x - cx) + sin * (y - cy) + cx);
                var sy = (int)Math.Round(-sin * (x - cx) + cos * (y - cy) + cy);
                var v = sx >= 0 && sy >= 0 && sx < w && sy < h ? pixels[sy * w + sx] : 255;
                var noisy = v - 12 + random.Next(-10, 11);
                if (random.Next(400) == 0)
                {
                    noisy = random.Next(60, 160);
                }

                result[y * w + x] = (byte)Math.Clamp(noisy, 0, 255);
            }
        }

        return result;
    }

    /// <summary>A 24-bit bottom-up BMP, a format PDFsharp imports without help.</summary>
    private static byte[] Bmp(int w, int h, byte[] grey)
    {
        var stride = (w * 3 + 3) & ~3;
        var size = 54 + stride * h;
        var bmp = new byte[size];
        void Int(int at, int value) => BitConverter.TryWriteBytes(bmp.AsSpan(at, 4), value);
        bmp[0] = (byte)'B';
        bmp[1] = (byte)'M';
        Int(2, size);
        Int(10, 54);
        Int(14, 40);
        Int(18, w);
        Int(22, h);
        bmp[26] = 1;
        bmp[28] = 24;
        Int(34, stride * h);
        Int(38, 5906);
        Int(42, 5906);
        for (var y = 0; y < h; y++)
        {
            var row = 54 + (h - 1 - y) * stride;
            for (var x = 0; x < w; x++)
            {
                var v = grey[y * w + x];
                bmp[row + x * 3] = v;
                bmp[row + x * 3 + 1] = v;
                bmp[row + x * 3 + 2] = v;
            }
        }

        return bmp;
    }
}
