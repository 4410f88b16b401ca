using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Annotations;
using PdfSharp.UniversalAccessibility;
using RemissFlow.Documents.Layout;

namespace RemissFlow.Documents.Pdf;

/// <summary>Draws onto PDFsharp pages and builds the structure tree (tags) and outlines as it goes.</summary>
internal sealed class PdfSurface : IDrawingSurface, IDisposable
{
    // Liberation Sans: ascender 1854, descender 434 per 2048 units.
    private const double Ascent = 1854.0 / 2048;
    private const double Descent = 434.0 / 2048;

    private readonly PdfDocument document;
    private readonly StructureBuilder structure;
    /// <summary>
    /// Every font as a CID font (Identity-H) with a ToUnicode map: one embedded font per face whatever the text, so
    /// Western and other characters never bring in a second, differently encoded copy of the same face.
    /// </summary>
    internal static readonly XPdfFontOptions FontOptions = new(PdfFontEncoding.Unicode);

    private readonly Dictionary<(TextStyle, string), XFont> fonts = [];
    private readonly Dictionary<ImageSource, XImage> images = [];
    private readonly Stack<Scope> scopes = new();
    private readonly List<PdfOutline> outlineStack = [];
    private int artifactDepth;
    private XGraphics? gfx;
    private PdfPage? page;

    public PdfSurface(PdfDocument document, UAManager ua)
    {
        this.document = document;
        structure = ua.StructureBuilder;
    }

    public void BeginPage(int pageNumber, double width, double height)
    {
        // The previous page's graphics stay open until the new page exists: PDFsharp closes the marked content of an
        // element still open across the break (a split paragraph) on the old page as the new one is added.
        var previous = gfx;
        page = document.AddPage();
        page.Width = XUnit.FromPoint(width);
        page.Height = XUnit.FromPoint(height);
        previous?.Dispose();
        gfx = XGraphics.FromPdfPage(page);
    }

    public void EndPage()
    {
    }

    public void DrawText(string text, double x, double top, double lineHeight, TextStyle style)
    {
        var baseline = top + (lineHeight - style.Size * (Ascent + Descent)) / 2 + style.Size * Ascent;
        var left = x;
        foreach (var run in FontFallback.Runs(text))
        {
            var font = Font(style, run.Family);
            Graphics.DrawString(FontFallback.Visual(run.Text), font, XBrushes.Black, left, baseline);
            left += Graphics.MeasureString(run.Text, font).Width;
        }

        foreach (var link in Links.Find(text))
        {
            // The annotation covers the address as drawn: its offset and width measured in the same fonts.
            var start = x + Width(text[..link.Start], style);
            var width = Width(text.Substring(link.Start, link.Length), style);
            var rect = Graphics.Transformer.WorldToDefaultPage(new XRect(start, top, width, lineHeight));
            var annotation = page!.AddWebLink(new PdfRectangle(rect), link.Target);
            // PDF/A: an annotation must be printable, and a link draws no border around the text.
            annotation.Flags = PdfAnnotationFlags.Print;
            annotation.Elements.SetValue("/Border", new PdfArray(document, new PdfInteger(0), new PdfInteger(0), new PdfInteger(0)));
        }
    }

    private double Width(string text, TextStyle style) =>
        FontFallback.Runs(text).Sum(r => Graphics.MeasureString(r.Text, Font(style, r.Family)).Width);

    private XFont Font(TextStyle style, string family)
    {
        if (!fonts.TryGetValue((style, family), out var font))
        {
            var fs = (style.Bold ? XFontStyleEx.Bold : 0) | (style.Italic ? XFontStyleEx.Italic : 0);
            font = fonts[(style, family)] = new XFont(family, style.Size, fs, FontOptions);
        }

        return font;
    }

    public void DrawLine(double x1, double y1, double x2, double y2, double thickness) =>
        Graphics.DrawLine(new XPen(XColors.Black, thickness), x1, y1, x2, y2);

    public void DrawImage(ImageSource image, double x, double y, double width, double height, string altText)
    {
        if (!images.TryGetValue(image, out var xi))
        {
            xi = images[image] = XImage.FromStream(new MemoryStream(image.Data, writable: false));
        }

        var rect = new XRect(x, y, width, height);
        if (artifactDepth > 0)
        {
            Graphics.DrawImage(xi, rect);
            return;
        }

        structure.BeginElement(PdfIllustrationElementTag.Figure, altText, rect);
        Graphics.DrawImage(xi, rect);
        structure.End();
    }

    public void BeginStructure(StructureRole role)
    {
        // Page furniture is an artifact as a whole; tags inside it would put it back into the reading order.
        if (role == StructureRole.None)
        {
            scopes.Push(Scope.Ignored);
        }
        else if (artifactDepth > 0)
        {
            if (role == StructureRole.Artifact)
            {
                artifactDepth++;
            }

            scopes.Push(role == StructureRole.Artifact ? Scope.NestedArtifact : Scope.Ignored);
        }
        else if (role == StructureRole.Artifact)
        {
            artifactDepth++;
            structure.BeginArtifact();
            scopes.Push(Scope.Artifact);
        }
        else
        {
            if (role == StructureRole.Division)
            {
                structure.BeginElement(PdfGroupingElementTag.Division);
            }
            else
            {
                structure.BeginElement(Map(role));
            }

            scopes.Push(Scope.Element);
        }
    }

    public void EndStructure()
    {
        switch (scopes.Pop())
        {
            case Scope.Element:
                structure.End();
                break;
            case Scope.Artifact:
                structure.End();
                artifactDepth--;
                break;
            case Scope.NestedArtifact:
                artifactDepth--;
                break;
        }
    }

    public void AddOutline(string title, int level, double top)
    {
        if (page is null)
        {
            return;
        }

        while (outlineStack.Count >= level)
        {
            outlineStack.RemoveAt(outlineStack.Count - 1);
        }

        var outline = outlineStack.Count == 0
            ? document.Outlines.Add(title, page, true)
            : outlineStack[^1].Outlines.Add(title, page, true);
        outline.Top = top;
        outlineStack.Add(outline);
    }

    public void Dispose() => gfx?.Dispose();

    private enum Scope { Ignored, Element, Artifact, NestedArtifact }

    private XGraphics Graphics => gfx ?? throw new InvalidOperationException("Drawing outside a page.");

    private static PdfBlockLevelElementTag Map(StructureRole role) => role switch
    {
        StructureRole.Paragraph => PdfBlockLevelElementTag.Paragraph,
        StructureRole.Heading1 => PdfBlockLevelElementTag.Heading1,
        StructureRole.Heading2 => PdfBlockLevelElementTag.Heading2,
        StructureRole.Heading3 => PdfBlockLevelElementTag.Heading3,
        StructureRole.List => PdfBlockLevelElementTag.List,
        StructureRole.ListItem => PdfBlockLevelElementTag.ListItem,
        StructureRole.Label => PdfBlockLevelElementTag.Label,
        StructureRole.ListBody => PdfBlockLevelElementTag.ListBody,
        StructureRole.Table => PdfBlockLevelElementTag.Table,
        StructureRole.TableRow => PdfBlockLevelElementTag.TableRow,
        StructureRole.TableHeaderCell => PdfBlockLevelElementTag.TableHeaderCell,
        StructureRole.TableDataCell => PdfBlockLevelElementTag.TableDataCell,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}
