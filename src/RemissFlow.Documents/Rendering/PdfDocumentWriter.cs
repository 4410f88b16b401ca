using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;
using RemissFlow.Documents.Composition;
using RemissFlow.Documents.Layout;
using RemissFlow.Documents.Pdf;

namespace RemissFlow.Documents.Rendering;

/// <summary>Builds the layout tree for a composed document (shared by the PDF writer and the layout tests).</summary>
internal static class DocumentLayoutBuilder
{
    public static PageSetup Setup(ComposedDocument doc, ImageSource? logo) => new()
    {
        Header = page => page.Number == 1 ? FirstHeader(doc, logo, page) : ContinuationHeader(doc, page),
        // The identity facts on page 1 are read, not skipped: a screen reader meets dnr, datum, handläggare and Till first.
        FirstHeaderIsContent = true,
        // The Stockholm TUs set 61–64 characters a line (median 63); Liberation Sans 12 pt across the full 455 pt set
        // 81. A body column of 357 pt, indented from the letterhead's left edge, gives the originals' measure.
        BodyInsetLeft = doc.AddressBlock is null ? 0 : 57,
        BodyInsetRight = doc.AddressBlock is null ? 0 : 41,
        Footer = page => doc.AddressBlock is { } address
            ? page.Number == 1 ? AddressFooter(address) : new Spacer(0)
            : Footer(doc),
    };

    public static Block Content(ComposedDocument doc)
    {
        var blocks = new List<Block>();
        foreach (var node in doc.Body)
        {
            blocks.Add(node switch
            {
                TitleNode t => new TextBlock(t.Text, Typography.Title) { Role = StructureRole.Heading1, KeepWithNext = true, Splittable = false, OutlineLevel = 1 },
                SubtitleNode s => new TextBlock(s.Text, Typography.Subtitle) { KeepWithNext = true, Splittable = false, SpaceBefore = -2 },
                HeadingNode h => new TextBlock(h.Text, h.Level == 1 ? Typography.Heading1 : Typography.Heading2)
                {
                    Role = h.Level == 1 ? StructureRole.Heading2 : StructureRole.Heading3,
                    KeepWithNext = true,
                    Splittable = false,
                    SpaceBefore = h.Level == 1 ? 8 : 4,
                    OutlineLevel = h.Level + 1,
                },
                ParagraphNode p => new TextBlock(p.Runs.Select(Span).ToArray(), Typography.Body) { OneElementAcrossPages = true },
                ListNode l => new ListBlock(l.Items.Select(i => (IReadOnlyList<Span>)[new Span(i)]).ToArray(), l.Numbered, Typography.Body),
                SignatureNode s => new Row(s.Signatories.Select(lines => ((Block)Lines(lines, Typography.Body, StructureRole.Paragraph), 1.0)), 12)
                {
                    KeepWithPrevious = true,
                    SpaceBefore = 14,
                },
                TableNode t => new TableBlock(t.Weights, t.Header, t.Rows),
                _ => throw new ArgumentOutOfRangeException(nameof(doc), node.GetType().Name),
            });
        }

        return new Column(blocks, spacing: 7);
    }

    private static Span Span(TextRun r) => new(r.Text, r.Emphasis switch
    {
        Emphasis.Bold => Typography.BodyBold,
        Emphasis.Italic => Typography.BodyItalic,
        _ => null,
    });

    private static TextBlock Lines(IEnumerable<string> lines, TextStyle style, StructureRole role = StructureRole.None, TextAlign align = TextAlign.Left) =>
        new(string.Join("\n", lines), style) { Role = role, Splittable = false, Align = align };

    private static Block FirstHeader(ComposedDocument doc, ImageSource? logo, PageInfo page)
    {
        var h = doc.Header;
        var leftBlocks = new List<Block>();
        if (logo is not null)
        {
            leftBlocks.Add(new ImageBlock(logo, 110, doc.Letterhead.LogoAltText ?? doc.Letterhead.Kommun));
        }

        leftBlocks.Add(new TextBlock(h.Left[0], Typography.HeaderStrong) { Role = StructureRole.Paragraph });
        leftBlocks.Add(Lines(h.Left.Skip(1), Typography.Header, StructureRole.Paragraph));

        var right = new List<Block>
        {
            new TextBlock(h.DocumentType, Typography.HeaderStrong) { Role = StructureRole.Paragraph },
            Lines(h.RightAbovePageLabel.Append(doc.PageLabel.Format(page.Number, page.Total)).Concat(h.RightBelowPageLabel), Typography.Header, StructureRole.Paragraph),
        };

        var rows = new List<Block> { new Row([(new Column(leftBlocks, 2), 1.3), (new Column(right), 1)]) };
        if (h.Blocks.Count > 0)
        {
            rows.Add(new Spacer(6));
            rows.Add(new Row(h.Blocks.Select(b => ((Block)new Column([
                new TextBlock(b.Label, Typography.HeaderLabel) { Role = StructureRole.Paragraph },
                Lines(b.Lines, Typography.Header, StructureRole.Paragraph),
            ]), 1.0))));
        }

        rows.Add(new HorizontalLine());
        return new Column(rows);
    }

    private static Block ContinuationHeader(ComposedDocument doc, PageInfo page)
    {
        var c = doc.Continuation;
        var right = new Column([
            new TextBlock(c.DocumentType, Typography.HeaderStrong) { Role = StructureRole.None },
            Lines(c.RightAbovePageLabel.Append(doc.PageLabel.Format(page.Number, page.Total)), Typography.Header),
        ]);
        return new Column([
            new Row([(Lines(c.Left, Typography.Header), 1.3), (right, 1)]),
            new HorizontalLine(),
        ]);
    }

    private static Block AddressFooter(IReadOnlyList<IReadOnlyList<string>> columns) =>
        new Row(columns.Select(c => ((Block)Lines(c, Typography.Footer), 1.0)), 12);

    private static Block Footer(ComposedDocument doc) =>
        new Column([new HorizontalLine(), Lines(doc.Footer, Typography.Footer)]);
}

/// <summary>Renders a composed document to PDF (optionally PDF/A) with tags, language, metadata and outlines.</summary>
internal sealed class PdfDocumentWriter
{
    private readonly PdfTextMeasurer measurer = new();

    public (byte[] Pdf, int Pages) Write(ComposedDocument doc, ImageSource? logo, bool pdfA)
    {
        PdfSharpSetup.Ensure();
        var ctx = new LayoutContext(measurer);
        var laidOut = PageComposer.Layout(ctx, DocumentLayoutBuilder.Setup(doc, logo), DocumentLayoutBuilder.Content(doc));

        using var pdf = new PdfDocument();
        // Compression is ours (PdfStreamCompressor): PDFsharp's deflate output draws qpdf warnings.
        pdf.Options.NoCompression = true;
        pdf.Options.CompressContentStreams = false;
        if (pdfA)
        {
            pdf.SetPdfA();
        }

        var ua = UAManager.ForDocument(pdf);
        // PDFsharp: after SetPdfA() the language must be set (again) or it is lost.
        ua.SetDocumentLanguage(doc.Metadata.Language);
        pdf.Info.Title = doc.Metadata.Title;
        pdf.Info.Author = doc.Metadata.Author;
        pdf.Info.Subject = doc.Metadata.Subject;
        pdf.ViewerPreferences.DisplayDocTitle = true;
        pdf.PageMode = PdfPageMode.UseOutlines;

        using (var surface = new PdfSurface(pdf, ua))
        {
            PageComposer.Draw(laidOut, surface);
        }

        using var ms = new MemoryStream(64 * 1024);
        pdf.Save(ms, false);
        var bytes = PdfStreamCompressor.Compress(ms.ToArray());
        return (pdfA ? PdfAPart.DeclarePart2(bytes) : bytes, laidOut.Pages.Count);
    }
}

/// <summary>
/// Declares PDF/A-2b instead of PDFsharp's PDF/A-1b. The fonts are CID fonts (for every character beyond the Western
/// set) and PDFsharp writes no /CIDSet, which PDF/A-1 requires and PDF/A-2 does not (ISO 19005-2, 6.2.11.4.2); the
/// rest of what PDFsharp writes for PDF/A (XMP, output intent, embedded fonts, no transparency) holds for part 2 too.
/// The XMP stream is left uncompressed by <see cref="PdfStreamCompressor"/>, and the digit is replaced in place, so
/// every byte offset (the xref table) stays valid.
/// </summary>
internal static class PdfAPart
{
    public static byte[] DeclarePart2(byte[] pdf)
    {
        var marker = "pdfaid:part"u8;
        var span = pdf.AsSpan();
        var found = 0;
        for (var at = span.IndexOf(marker); at >= 0;)
        {
            // <pdfaid:part>1</pdfaid:part> or pdfaid:part="1"; the closing tag's own name is followed by '>' and skipped.
            var i = at + marker.Length;
            if (i + 2 < span.Length && (span[i] == (byte)'>' || span[i] == (byte)'=') && span[i + 1] is (byte)'1' or (byte)'"' or (byte)'\'')
            {
                var digit = span[i + 1] == (byte)'1' ? i + 1 : i + 2;
                if (span[digit] == (byte)'1')
                {
                    span[digit] = (byte)'2';
                    found++;
                }
            }

            var next = span[(at + 1)..].IndexOf(marker);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return found > 0 ? pdf : throw new InvalidOperationException("PDFsharp wrote no pdfaid:part to declare as PDF/A-2.");
    }
}
