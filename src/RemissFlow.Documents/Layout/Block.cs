namespace RemissFlow.Documents.Layout;

public enum Fit { Full, Partial, None }

/// <summary>Measured content with fixed geometry, ready to draw at a position.</summary>
public interface IPlaced
{
    double Height { get; }
    void Draw(DrawContext ctx, double x, double y);
}

/// <summary>
/// The answer of <see cref="Block.Measure"/>: the block fits fully, partly (then <see cref="Remainder"/> continues on
/// the next page) or not at all. Measuring has no side effects; drawing the <see cref="Placed"/> part is separate.
/// </summary>
public sealed class LayoutResult
{
    private LayoutResult(Fit fit, IPlaced? placed, Block? remainder)
    {
        Fit = fit;
        Placed = placed;
        Remainder = remainder;
    }

    public Fit Fit { get; }
    public IPlaced? Placed { get; }
    public Block? Remainder { get; }
    public double Height => Placed?.Height ?? 0;

    public static readonly LayoutResult None = new(Fit.None, null, null);
    public static LayoutResult Full(IPlaced placed) => new(Fit.Full, placed, null);
    public static LayoutResult Partial(IPlaced placed, Block remainder) => new(Fit.Partial, placed, remainder);
}

public sealed class LayoutContext(ITextMeasurer measurer)
{
    public ITextMeasurer Measurer { get; } = measurer;
}

public sealed class DrawContext(IDrawingSurface surface, PageInfo page)
{
    public IDrawingSurface Surface { get; } = surface;
    public PageInfo Page { get; } = page;
}

/// <summary>A composable layout element.</summary>
public abstract class Block
{
    /// <summary>Keep on the same page as the start of the next block (headings).</summary>
    public bool KeepWithNext { get; init; }

    /// <summary>Never start a page with this block alone: pull the end of the previous block along (signatures).</summary>
    public bool KeepWithPrevious { get; init; }

    /// <summary>Extra space above the block; dropped at the top of a page.</summary>
    public double SpaceBefore { get; init; }

    public abstract LayoutResult Measure(LayoutContext ctx, double width, double availableHeight);

    internal const double Epsilon = 0.001;
}

/// <summary>Draws a sequence of placed parts stacked vertically, optionally wrapped in a structure element.</summary>
internal sealed class StackPlaced(IReadOnlyList<(IPlaced Part, double Offset)> parts, double height, StructureRole role = StructureRole.None) : IPlaced
{
    public IReadOnlyList<(IPlaced Part, double Offset)> Parts { get; } = parts;
    public double Height { get; } = height;

    public void Draw(DrawContext ctx, double x, double y)
    {
        if (role != StructureRole.None)
        {
            ctx.Surface.BeginStructure(role);
        }

        foreach (var (part, offset) in Parts)
        {
            part.Draw(ctx, x, y + offset);
        }

        if (role != StructureRole.None)
        {
            ctx.Surface.EndStructure();
        }
    }
}

internal sealed class EmptyPlaced : IPlaced
{
    public static readonly EmptyPlaced Instance = new();
    public double Height => 0;
    public void Draw(DrawContext ctx, double x, double y) { }
}
