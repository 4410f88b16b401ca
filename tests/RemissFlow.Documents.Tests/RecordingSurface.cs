using RemissFlow.Documents.Layout;

namespace RemissFlow.Documents.Tests;

/// <summary>Every character is half an em wide: widths are easy to reason about in assertions.</summary>
internal sealed class FixedWidthMeasurer : ITextMeasurer
{
    public double MeasureWidth(string text, TextStyle style) => text.Length * style.Size * 0.5;
}

internal sealed record DrawnText(int Page, string Text, double X, double Top, double Height, TextStyle Style);

/// <summary>Records what layout draws, so tests assert geometry instead of PDF bytes.</summary>
internal sealed class RecordingSurface : IDrawingSurface
{
    private int page;
    public List<DrawnText> Texts { get; } = [];
    public List<(int Page, string Title, int Level)> Outlines { get; } = [];
    public List<(int Page, StructureRole Role)> Structures { get; } = [];
    public int Pages { get; private set; }

    public void BeginPage(int pageNumber, double width, double height) { page = pageNumber; Pages++; }
    public void EndPage() { }
    public void DrawText(string text, double x, double top, double lineHeight, TextStyle style) => Texts.Add(new(page, text, x, top, lineHeight, style));
    public void DrawLine(double x1, double y1, double x2, double y2, double thickness) { }
    public void DrawImage(ImageSource image, double x, double y, double width, double height, string altText) =>
        Texts.Add(new(page, $"[image {altText} {width:0}x{height:0}]", x, y, height, Typography.Body));
    public void BeginStructure(StructureRole role) => Structures.Add((page, role));
    public void EndStructure() { }
    public void AddOutline(string title, int level, double top) => Outlines.Add((page, title, level));

    public IEnumerable<DrawnText> OnPage(int p) => Texts.Where(t => t.Page == p);
}
