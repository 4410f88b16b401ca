namespace RemissFlow.Documents.Layout;

/// <summary>
/// Blocks stacked vertically. This is where the keep rules live: a <see cref="Block.KeepWithNext"/> block moves to
/// the next page when nothing of its successor fits after it, and a <see cref="Block.KeepWithPrevious"/> block that
/// would open a page alone pulls the tail of its predecessor along.
/// </summary>
public sealed class Column : Block
{
    public Column(IEnumerable<Block> children, double spacing = 0, StructureRole role = StructureRole.None)
    {
        Children = children.ToArray();
        Spacing = spacing;
        Role = role;
    }

    public IReadOnlyList<Block> Children { get; }
    public double Spacing { get; }
    public StructureRole Role { get; }

    public override LayoutResult Measure(LayoutContext ctx, double width, double availableHeight)
    {
        var placed = new List<(IPlaced Part, double Offset, int Index)>();
        var y = 0.0;

        for (var i = 0; i < Children.Count; i++)
        {
            var child = Children[i];
            if (child is PageBreak)
            {
                if (placed.Count == 0)
                {
                    continue;
                }

                return Split(placed, y, Children.Skip(i + 1));
            }

            var gap = placed.Count == 0 ? 0 : Spacing + child.SpaceBefore;
            var r = child.Measure(ctx, width, availableHeight - y - gap);

            if (r.Fit == Fit.Full)
            {
                if (child.KeepWithNext && placed.Count > 0 && i + 1 < Children.Count && Children[i + 1] is not PageBreak)
                {
                    var next = Children[i + 1];
                    var afterHeading = availableHeight - y - gap - r.Height - Spacing - next.SpaceBefore;
                    if (next.Measure(ctx, width, afterHeading).Fit == Fit.None)
                    {
                        return BreakBefore(placed, y, i);
                    }
                }

                placed.Add((r.Placed!, y + gap, i));
                y += gap + r.Height;
                continue;
            }

            if (r.Fit == Fit.Partial)
            {
                placed.Add((r.Placed!, y + gap, i));
                y += gap + r.Height;
                return Split(placed, y, Children.Skip(i + 1).Prepend(r.Remainder!));
            }

            if (child.KeepWithPrevious && placed.Count > 0)
            {
                return PullPrevious(ctx, width, placed, i);
            }

            return placed.Count == 0 ? LayoutResult.None : BreakBefore(placed, y, i);
        }

        return LayoutResult.Full(new StackPlaced(placed.Select(p => (p.Part, p.Offset)).ToArray(), y, Role));
    }

    private LayoutResult BreakBefore(List<(IPlaced Part, double Offset, int Index)> placed, double y, int index)
    {
        // A heading left at the bottom would be stranded: move trailing keep-with-next blocks along.
        while (placed.Count > 1 && Children[placed[^1].Index].KeepWithNext && placed[^1].Index == index - 1)
        {
            index = placed[^1].Index;
            placed.RemoveAt(placed.Count - 1);
        }

        y = placed.Count == 0 ? 0 : placed[^1].Offset + placed[^1].Part.Height;
        return Split(placed, y, Children.Skip(index));
    }

    private LayoutResult PullPrevious(LayoutContext ctx, double width, List<(IPlaced Part, double Offset, int Index)> placed, int index)
    {
        var (prevPart, prevOffset, prevIndex) = placed[^1];
        var prev = Children[prevIndex];
        var shrunk = prev.Measure(ctx, width, prevPart.Height - 2 * Epsilon - 0.5);
        if (shrunk.Fit == Fit.Partial)
        {
            placed[^1] = (shrunk.Placed!, prevOffset, prevIndex);
            var y = prevOffset + shrunk.Height;
            return Split(placed, y, Children.Skip(index).Prepend(shrunk.Remainder!));
        }

        if (placed.Count > 1)
        {
            placed.RemoveAt(placed.Count - 1);
            return BreakBefore(placed, 0, prevIndex);
        }

        // The predecessor alone fills the page and cannot split: the block must start the next page by itself.
        return Split(placed, prevOffset + prevPart.Height, Children.Skip(index));
    }

    private LayoutResult Split(List<(IPlaced Part, double Offset, int Index)> placed, double y, IEnumerable<Block> rest)
    {
        var remaining = rest.ToArray();
        var head = new StackPlaced(placed.Select(p => (p.Part, p.Offset)).ToArray(), y, Role);
        if (remaining.Length == 0)
        {
            return LayoutResult.Full(head);
        }

        return LayoutResult.Partial(head, new Column(remaining, Spacing, Role));
    }
}

/// <summary>Forces the following content onto a new page; ignored at the top of a page.</summary>
public sealed class PageBreak : Block
{
    public override LayoutResult Measure(LayoutContext ctx, double width, double availableHeight) => LayoutResult.Full(EmptyPlaced.Instance);
}

/// <summary>Fixed vertical space.</summary>
public sealed class Spacer(double height) : Block
{
    public double Height { get; } = height;

    public override LayoutResult Measure(LayoutContext ctx, double width, double availableHeight) =>
        Height <= availableHeight + Epsilon ? LayoutResult.Full(new SpacerPlaced(Height)) : LayoutResult.None;

    private sealed class SpacerPlaced(double height) : IPlaced
    {
        public double Height { get; } = height;
        public void Draw(DrawContext ctx, double x, double y) { }
    }
}

/// <summary>A horizontal rule across the available width.</summary>
public sealed class HorizontalLine(double thickness = 0.5, double spaceAround = 3) : Block
{
    public override LayoutResult Measure(LayoutContext ctx, double width, double availableHeight)
    {
        var h = thickness + 2 * spaceAround;
        return h <= availableHeight + Epsilon ? LayoutResult.Full(new LinePlaced(width, h, thickness)) : LayoutResult.None;
    }

    private sealed class LinePlaced(double width, double height, double thickness) : IPlaced
    {
        public double Height => height;

        public void Draw(DrawContext ctx, double x, double y)
        {
            ctx.Surface.BeginStructure(StructureRole.Artifact);
            // A rule is decoration: an artifact wherever it is drawn, so tagged content around it stays clean.
            ctx.Surface.BeginStructure(StructureRole.Artifact);
            ctx.Surface.DrawLine(x, y + height / 2, x + width, y + height / 2, thickness);
            ctx.Surface.EndStructure();
            ctx.Surface.EndStructure();
        }
    }
}

/// <summary>Cells side by side (header blocks, signatures). A row never splits across pages.</summary>
public sealed class Row : Block
{
    public Row(IEnumerable<(Block Cell, double Weight)> cells, double gap = 12)
    {
        Cells = cells.ToArray();
        Gap = gap;
    }

    public IReadOnlyList<(Block Cell, double Weight)> Cells { get; }
    public double Gap { get; }

    public override LayoutResult Measure(LayoutContext ctx, double width, double availableHeight)
    {
        var totalWeight = Cells.Sum(c => c.Weight);
        var usable = width - Gap * (Cells.Count - 1);
        var parts = new List<(IPlaced Part, double X)>();
        var x = 0.0;
        var height = 0.0;
        foreach (var (cell, weight) in Cells)
        {
            var w = usable * weight / totalWeight;
            var r = cell.Measure(ctx, w, double.MaxValue);
            if (r.Fit != Fit.Full)
            {
                return LayoutResult.None;
            }

            parts.Add((r.Placed!, x));
            height = Math.Max(height, r.Height);
            x += w + Gap;
        }

        return height <= availableHeight + Epsilon ? LayoutResult.Full(new RowPlaced(parts, height)) : LayoutResult.None;
    }

    private sealed class RowPlaced(IReadOnlyList<(IPlaced Part, double X)> parts, double height) : IPlaced
    {
        public double Height { get; } = height;

        public void Draw(DrawContext ctx, double x, double y)
        {
            foreach (var (part, dx) in parts)
            {
                part.Draw(ctx, x + dx, y);
            }
        }
    }
}

/// <summary>An image scaled to a width (or to the available width, whichever is smaller), keeping its aspect ratio.</summary>
public sealed class ImageBlock(ImageSource image, double preferredWidth, string altText) : Block
{
    public override LayoutResult Measure(LayoutContext ctx, double width, double availableHeight)
    {
        var w = Math.Min(preferredWidth, width);
        var h = w * image.PixelHeight / image.PixelWidth;
        return h <= availableHeight + Epsilon ? LayoutResult.Full(new ImagePlaced(image, w, h, altText)) : LayoutResult.None;
    }

    private sealed class ImagePlaced(ImageSource image, double width, double height, string alt) : IPlaced
    {
        public double Height => height;
        public void Draw(DrawContext ctx, double x, double y) => ctx.Surface.DrawImage(image, x, y, width, height, alt);
    }
}
