namespace RemissFlow.Documents.Layout;

/// <summary>An immutable text style. Create named instances in <see cref="Typography"/>, derive with <c>with</c>.</summary>
public sealed record TextStyle(string FontFamily, double Size, bool Bold = false, bool Italic = false, double LineHeightFactor = 1.3)
{
    public double LineHeight => Size * LineHeightFactor;
}

/// <summary>The document's named text styles, kept in one place so every document looks alike.</summary>
public static class Typography
{
    public const string Family = FontNames.Sans;

    public static readonly TextStyle Body = new(Family, 12);
    public static readonly TextStyle BodyBold = Body with { Bold = true };
    public static readonly TextStyle BodyItalic = Body with { Italic = true };
    public static readonly TextStyle Title = new(Family, 17, Bold: true, LineHeightFactor: 1.2);
    public static readonly TextStyle Subtitle = new(Family, 12);
    public static readonly TextStyle Heading1 = new(Family, 14, Bold: true, LineHeightFactor: 1.25);
    public static readonly TextStyle Heading2 = new(Family, 12, Bold: true, LineHeightFactor: 1.25);
    public static readonly TextStyle HeaderStrong = new(Family, 10, Bold: true, LineHeightFactor: 1.25);
    public static readonly TextStyle Header = new(Family, 10, LineHeightFactor: 1.25);
    public static readonly TextStyle HeaderLabel = new(Family, 8, LineHeightFactor: 1.25);
    public static readonly TextStyle Footer = new(Family, 8, LineHeightFactor: 1.25);
    public static readonly TextStyle TableHeader = new(Family, 9.5, Bold: true, LineHeightFactor: 1.25);
    public static readonly TextStyle TableCell = new(Family, 9.5, LineHeightFactor: 1.25);
}

public static class FontNames
{
    public const string Sans = "Liberation Sans";
}

public enum TextAlign { Left, Right, Center }

/// <summary>The logical role of drawn content, mapped to PDF structure tags, so the PDF is tagged for accessibility.</summary>
public enum StructureRole
{
    None,
    Paragraph,
    Heading1,
    Heading2,
    Heading3,
    List,
    ListItem,
    Label,
    ListBody,
    Table,
    TableRow,
    TableHeaderCell,
    TableDataCell,
    Division,
    Artifact,
}

/// <summary>Measures text. Widths must be deterministic: page breaks depend on them.</summary>
public interface ITextMeasurer
{
    double MeasureWidth(string text, TextStyle style);
}

/// <summary>
/// Everything the layout layer draws goes through this interface, so layout can be tested on a recorded
/// surface (positions and sizes) and rendered by PDFsharp in production. Coordinates are points from the
/// top-left corner of the page; <paramref name="top"/> of text is the top of its line box.
/// </summary>
public interface IDrawingSurface
{
    void BeginPage(int pageNumber, double width, double height);
    void EndPage();
    void DrawText(string text, double x, double top, double lineHeight, TextStyle style);
    void DrawLine(double x1, double y1, double x2, double y2, double thickness);
    void DrawImage(ImageSource image, double x, double y, double width, double height, string altText);
    void BeginStructure(StructureRole role);
    void EndStructure();
    void AddOutline(string title, int level, double top);
}

public readonly record struct PageInfo(int Number, int Total);

/// <summary>Thrown when content cannot be laid out at all, e.g. a block taller than an empty page.</summary>
public sealed class LayoutException(string message) : Exception(message);
