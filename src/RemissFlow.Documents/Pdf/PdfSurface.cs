using PdfSharp.Drawing;
using PdfSharp.Pdf;
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
    private readonly Dictionary<TextStyle, XFont> fonts = [];
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
        page = document.AddPage();
        page.Width = XUnit.FromPoint(width);
        page.Height = XUnit.FromPoint(height);
        gfx = XGraphics.FromPdfPage(page);
    }

    public void EndPage()
    {
        gfx?.Dispose();
        gfx = null;
    }

    public void DrawText(string text, double x, double top, double lineHeight, TextStyle style)
    {
        if (!fonts.TryGetValue(style, out var font))
        {
            var fs = (style.Bold ? XFontStyleEx.Bold : 0) | (style.Italic ? XFontStyleEx.Italic : 0);
            font = fonts[style] = new XFont(style.FontFamily, style.Size, fs);
        }

        var baseline = top + (lineHeight - style.Size * (Ascent + Descent)) / 2 + style.Size * Ascent;
        Graphics.DrawString(text, font, XBrushes.Black, x, baseline);
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
