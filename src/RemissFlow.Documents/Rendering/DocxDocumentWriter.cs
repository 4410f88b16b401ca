using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using RemissFlow.Documents.Composition;
using Emphasis = RemissFlow.Documents.Composition.Emphasis;

namespace RemissFlow.Documents.Rendering;

/// <summary>
/// Word output a handläggare can keep editing: real Heading1/Heading2 styles (so Word's navigation pane and
/// table of contents work), real numbering definitions for lists, and the page label as PAGE/NUMPAGES fields.
/// </summary>
internal static class DocxDocumentWriter
{
    private const int BulletAbstract = 1;
    private const int DecimalAbstract = 2;

    public static byte[] Write(ComposedDocument doc)
    {
        using var ms = new MemoryStream();
        using (var word = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            word.PackageProperties.Title = doc.Metadata.Title;
            word.PackageProperties.Creator = doc.Metadata.Author;
            word.PackageProperties.Subject = doc.Metadata.Subject;
            word.PackageProperties.Language = doc.Metadata.Language;

            var main = word.AddMainDocumentPart();
            AddStyles(main, doc.Metadata.Language);
            var numbering = main.AddNewPart<NumberingDefinitionsPart>();
            numbering.Numbering = new Numbering(
                AbstractNum(BulletAbstract, NumberFormatValues.Bullet, "•"),
                AbstractNum(DecimalAbstract, NumberFormatValues.Decimal, "%1."));
            var nextNum = 1;

            var body = new Body();
            AddFirstPageHeader(body, doc);
            foreach (var node in doc.Body)
            {
                switch (node)
                {
                    case TitleNode t:
                        body.Append(Para(t.Text, "Title"));
                        break;
                    case SubtitleNode s:
                        body.Append(Para(s.Text, "Subtitle"));
                        break;
                    case HeadingNode h:
                        body.Append(Para(h.Text, h.Level == 1 ? "Heading1" : "Heading2"));
                        break;
                    case ParagraphNode p:
                        body.Append(new DocumentFormat.OpenXml.Wordprocessing.Paragraph(p.Runs.SelectMany(RunsFor)));
                        break;
                    case ListNode l:
                        var numId = nextNum++;
                        // One numbering instance per list, restarting at 1, so each numbered list counts from one.
                        numbering.Numbering.Append(new NumberingInstance(
                            new AbstractNumId { Val = l.Numbered ? DecimalAbstract : BulletAbstract },
                            new LevelOverride(new StartOverrideNumberingValue { Val = 1 }) { LevelIndex = 0 })
                        { NumberID = numId });
                        foreach (var item in l.Items)
                        {
                            body.Append(new DocumentFormat.OpenXml.Wordprocessing.Paragraph(
                                new ParagraphProperties(
                                    new ParagraphStyleId { Val = "ListParagraph" },
                                    new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = numId })),
                                TextRun(item)));
                        }

                        break;
                    case SignatureNode sig:
                        body.Append(new DocumentFormat.OpenXml.Wordprocessing.Paragraph());
                        body.Append(Grid(sig.Signatories.Select(s => (IReadOnlyList<string>)s).ToArray(), header: null));
                        break;
                    case TableNode table:
                        body.Append(Grid(table.Rows.Select(r => r).ToArray(), table.Header));
                        break;
                }
            }

            var headerPart = main.AddNewPart<HeaderPart>();
            headerPart.Header = new Header(
                Para(doc.Continuation.DocumentType, "Header", bold: true),
                Para(string.Join("  ", doc.Continuation.RightAbovePageLabel), "Header"),
                PageLabelParagraph(doc.PageLabel),
                Para(string.Join(" ", doc.Continuation.Left), "Header"));
            var footerPart = main.AddNewPart<FooterPart>();
            footerPart.Footer = doc.AddressBlock is null ? new Footer(doc.Footer.Select(l => Para(l, "Footer"))) : new Footer(Para("", "Footer"));

            // Page 1 carries the letterhead in the body: its own (empty) header, so the letterhead is not printed twice,
            // and its own footer with the address block where the document has one.
            var firstHeaderPart = main.AddNewPart<HeaderPart>();
            firstHeaderPart.Header = new Header(Para("", "Header"));
            var firstFooterPart = main.AddNewPart<FooterPart>();
            firstFooterPart.Footer = doc.AddressBlock is { } address
                ? new Footer(address.SelectMany(column => column).Select(l => Para(l, "Footer")))
                : new Footer(doc.Footer.Select(l => Para(l, "Footer")));

            body.Append(new SectionProperties(
                new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(headerPart) },
                new HeaderReference { Type = HeaderFooterValues.First, Id = main.GetIdOfPart(firstHeaderPart) },
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footerPart) },
                new FooterReference { Type = HeaderFooterValues.First, Id = main.GetIdOfPart(firstFooterPart) },
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1400, Right = 1400, Header = 567, Footer = 567, Gutter = 0 },
                new TitlePage()));
            main.Document = new Document(body);
        }

        return ms.ToArray();
    }

    private static void AddFirstPageHeader(Body body, ComposedDocument doc)
    {
        var h = doc.Header;
        var left = h.Left.ToList();
        var right = new List<string> { h.DocumentType };
        right.AddRange(h.RightAbovePageLabel);
        right.AddRange(h.RightBelowPageLabel);
        body.Append(Grid([left, right], header: null));
        if (h.Blocks.Count > 0)
        {
            body.Append(Grid(h.Blocks.Select(b => (IReadOnlyList<string>)b.Lines.Prepend(b.Label).ToArray()).ToArray(), header: null));
        }
    }

    private static IEnumerable<OpenXmlElement> RunsFor(TextRun r)
    {
        var lines = r.Text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var run = new Run();
            if (r.Emphasis != Emphasis.None)
            {
                run.Append(new RunProperties(r.Emphasis == Emphasis.Bold ? new Bold() : new Italic()));
            }

            if (i > 0)
            {
                run.Append(new Break());
            }

            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
            yield return run;
        }
    }

    private static Run TextRun(string text) => new(new Text(text) { Space = SpaceProcessingModeValues.Preserve });

    private static DocumentFormat.OpenXml.Wordprocessing.Paragraph Para(string text, string style, bool bold = false)
    {
        var run = TextRun(text);
        if (bold)
        {
            run.PrependChild(new RunProperties(new Bold()));
        }

        return new DocumentFormat.OpenXml.Wordprocessing.Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = style }), run);
    }

    private static DocumentFormat.OpenXml.Wordprocessing.Paragraph PageLabelParagraph(PageLabel label) =>
        new(
            new ParagraphProperties(new ParagraphStyleId { Val = "Header" }),
            TextRun(label.Before),
            new SimpleField(TextRun("1")) { Instruction = " PAGE " },
            TextRun(label.Between),
            new SimpleField(TextRun("1")) { Instruction = " NUMPAGES " },
            TextRun(label.After));

    /// <summary>A borderless table: columns side by side (header blocks, signatures) or a data table with a header row.</summary>
    private static Table Grid(IReadOnlyList<IReadOnlyList<string>> columnsOrRows, IReadOnlyList<string>? header)
    {
        var columns = header?.Count ?? columnsOrRows.Count;
        var table = new Table(
            new TableProperties(new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }),
            new TableGrid(Enumerable.Range(0, columns).Select(_ => new GridColumn { Width = (9000 / Math.Max(1, columns)).ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        if (header is not null)
        {
            var headerRow = new TableRow(new TableRowProperties(new TableHeader()));
            headerRow.Append(header.Select(h => new TableCell(Para(h, "Normal", bold: true))));
            table.Append(headerRow);
            foreach (var row in columnsOrRows)
            {
                table.Append(new TableRow(row.Select(c => new TableCell(Para(c, "Normal")))));
            }

            return table;
        }

        // Side-by-side columns: one row whose cells hold each column's lines.
        table.Append(new TableRow(columnsOrRows.Select(lines => new TableCell(lines.Count == 0
            ? [new DocumentFormat.OpenXml.Wordprocessing.Paragraph()]
            : lines.Select(l => Para(l, "Normal")).ToArray()))));
        return table;
    }

    private static AbstractNum AbstractNum(int id, NumberFormatValues format, string text) =>
        new(new Level(
            new StartNumberingValue { Val = 1 },
            new NumberingFormat { Val = format },
            new LevelText { Val = text },
            new LevelJustification { Val = LevelJustificationValues.Left },
            new PreviousParagraphProperties(new Indentation { Left = "360", Hanging = "360" }))
        { LevelIndex = 0 })
        { AbstractNumberId = id };

    private static void AddStyles(MainDocumentPart main, string language)
    {
        var part = main.AddNewPart<StyleDefinitionsPart>();
        Style Para(string id, string name, int sizeHalfPoints, bool bold, string? basedOn = "Normal", int? outline = null, int spaceBefore = 0)
        {
            // Schema order matters to Word: keepNext, then spacing, then outlineLvl.
            var ppr = new StyleParagraphProperties();
            if (outline is not null)
            {
                ppr.Append(new KeepNext());
            }

            ppr.Append(new SpacingBetweenLines { Before = spaceBefore.ToString(System.Globalization.CultureInfo.InvariantCulture), After = "120" });
            if (outline is { } o)
            {
                ppr.Append(new OutlineLevel { Val = o });
            }

            var rpr = new StyleRunProperties(new FontSize { Val = sizeHalfPoints.ToString(CultureInfo.InvariantCulture) });
            if (bold)
            {
                rpr.PrependChild(new Bold());
            }

            var style = new Style(new StyleName { Val = name }, new PrimaryStyle(), ppr, rpr) { Type = StyleValues.Paragraph, StyleId = id };
            if (basedOn is not null)
            {
                style.InsertAfter(new BasedOn { Val = basedOn }, style.StyleName);
            }

            return style;
        }

        var normal = Para("Normal", "Normal", 22, false, basedOn: null);
        normal.Default = true;
        part.Styles = new Styles(
            new DocDefaults(new RunPropertiesDefault(new RunPropertiesBaseStyle(
                // Arial: the face Word users have, metric-compatible with the Liberation Sans the PDF is set in, so lines
                // break alike; complex scripts (Hebrew, Arabic) fall to Word's own fallback for Arial.
                new RunFonts { Ascii = "Arial", HighAnsi = "Arial", EastAsia = "Arial", ComplexScript = "Arial" },
                new Languages { Val = language }))),
            normal,
            Para("Title", "Title", 34, true, spaceBefore: 0),
            Para("Subtitle", "Subtitle", 22, false),
            Para("Heading1", "heading 1", 26, true, outline: 0, spaceBefore: 240),
            Para("Heading2", "heading 2", 23, true, outline: 1, spaceBefore: 160),
            Para("ListParagraph", "List Paragraph", 22, false),
            Para("Header", "header", 20, false),
            Para("Footer", "footer", 16, false));
    }
}
