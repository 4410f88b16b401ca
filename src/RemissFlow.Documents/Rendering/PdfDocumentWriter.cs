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
        Footer = _ => Footer(doc),
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
                ParagraphNode p => new TextBlock(p.Runs.Select(Span).ToArray(), Typography.Body),
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

        leftBlocks.Add(new TextBlock(h.Left[0], Typography.HeaderStrong) { Role = StructureRole.None });
        leftBlocks.Add(Lines(h.Left.Skip(1), Typography.Header));

        var right = new List<Block>
        {
            new TextBlock(h.DocumentType, Typography.HeaderStrong) { Role = StructureRole.None },
            Lines(h.RightAbovePageLabel.Append(doc.PageLabel.Format(page.Number, page.Total)).Concat(h.RightBelowPageLabel), Typography.Header),
        };

        var rows = new List<Block> { new Row([(new Column(leftBlocks, 2), 1.3), (new Column(right), 1)]) };
        if (h.Blocks.Count > 0)
        {
            rows.Add(new Spacer(6));
            rows.Add(new Row(h.Blocks.Select(b => ((Block)new Column([
                new TextBlock(b.Label, Typography.HeaderLabel) { Role = StructureRole.None },
                Lines(b.Lines, Typography.Header),
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
        return (PdfStreamCompressor.Compress(ms.ToArray()), laidOut.Pages.Count);
    }
}
