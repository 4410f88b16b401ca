namespace RemissFlow.Documents.Layout;

/// <summary>A numbered or bulleted list. Items split across pages like paragraphs; the marker stays with the first part.</summary>
public sealed class ListBlock : Block
{
    private readonly Column items;

    public ListBlock(IReadOnlyList<IReadOnlyList<Span>> items, bool numbered, TextStyle style, double indent = 18, double itemSpacing = 2)
    {
        Numbered = numbered;
        this.items = new Column(
            items.Select((spans, i) => new ListItemBlock(numbered ? $"{i + 1}." : "•", new TextBlock(spans, style) { Role = StructureRole.None }, style, indent)),
            itemSpacing);
    }

    private ListBlock(Column rest, bool numbered)
    {
        items = rest;
        Numbered = numbered;
    }

    public bool Numbered { get; }

    public override LayoutResult Measure(LayoutContext ctx, double width, double availableHeight)
    {
        var r = items.Measure(ctx, width, availableHeight);
        return r.Fit switch
        {
            Fit.Full => LayoutResult.Full(Wrap(r.Placed!)),
            Fit.Partial => LayoutResult.Partial(Wrap(r.Placed!), new ListBlock((Column)r.Remainder!, Numbered)),
            _ => LayoutResult.None,
        };
    }

    private static IPlaced Wrap(IPlaced inner) => new StackPlaced([(inner, 0)], inner.Height, StructureRole.List);
}

internal sealed class ListItemBlock(string? marker, TextBlock body, TextStyle style, double indent) : Block
{
    public override LayoutResult Measure(LayoutContext ctx, double width, double availableHeight)
    {
        var r = body.Measure(ctx, width - indent, availableHeight);
        return r.Fit switch
        {
            Fit.Full => LayoutResult.Full(new ItemPlaced(marker, r.Placed!, style, indent)),
            Fit.Partial => LayoutResult.Partial(new ItemPlaced(marker, r.Placed!, style, indent), new ListItemBlock(null, (TextBlock)r.Remainder!, style, indent)),
            _ => LayoutResult.None,
        };
    }

    private sealed class ItemPlaced(string? marker, IPlaced body, TextStyle style, double indent) : IPlaced
    {
        public double Height => body.Height;

        public void Draw(DrawContext ctx, double x, double y)
        {
            var s = ctx.Surface;
            s.BeginStructure(StructureRole.ListItem);
            if (marker is not null)
            {
                s.BeginStructure(StructureRole.Label);
                s.DrawText(marker, x, y, style.LineHeight, style);
                s.EndStructure();
            }

            s.BeginStructure(StructureRole.ListBody);
            body.Draw(ctx, x + indent, y);
            s.EndStructure();
            s.EndStructure();
        }
    }
}

/// <summary>
/// A simple table: weighted columns, a header row repeated at the top of every page the table spans, rows that
/// never split. The header never sits alone at the bottom of a page.
/// </summary>
public sealed class TableBlock : Block
{
    public TableBlock(IReadOnlyList<double> columnWeights, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, double cellPadding = 3)
    {
        if (header.Count != columnWeights.Count || rows.Any(r => r.Count != columnWeights.Count))
        {
            throw new ArgumentException("Every row must have one cell per column.");
        }

        ColumnWeights = columnWeights;
        Header = header;
        Rows = rows;
        CellPadding = cellPadding;
    }

    public IReadOnlyList<double> ColumnWeights { get; }
    public IReadOnlyList<string> Header { get; }
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }
    public double CellPadding { get; }
    public TextStyle HeaderStyle { get; init; } = Typography.TableHeader;
    public TextStyle CellStyle { get; init; } = Typography.TableCell;

    public override LayoutResult Measure(LayoutContext ctx, double width, double availableHeight)
    {
        var header = MeasureRow(ctx, width, Header, HeaderStyle, StructureRole.TableHeaderCell);
        var placed = new List<(IPlaced Part, double Offset)> { (header, 0) };
        var y = header.Height;
        var count = 0;
        while (count < Rows.Count)
        {
            var row = MeasureRow(ctx, width, Rows[count], CellStyle, StructureRole.TableDataCell);
            if (y + row.Height > availableHeight + Epsilon)
            {
                break;
            }

            placed.Add((row, y));
            y += row.Height;
            count++;
        }

        if (count == 0 && Rows.Count > 0)
        {
            return LayoutResult.None;
        }

        var table = new StackPlaced(placed, y, StructureRole.Table);
        if (count == Rows.Count)
        {
            return LayoutResult.Full(table);
        }

        return LayoutResult.Partial(table, new TableBlock(ColumnWeights, Header, Rows.Skip(count).ToArray(), CellPadding) { HeaderStyle = HeaderStyle, CellStyle = CellStyle });
    }

    private RowPlaced MeasureRow(LayoutContext ctx, double width, IReadOnlyList<string> cells, TextStyle style, StructureRole cellRole)
    {
        var total = ColumnWeights.Sum();
        var parts = new List<(IPlaced, double X, double W)>();
        var x = 0.0;
        var h = 0.0;
        for (var c = 0; c < cells.Count; c++)
        {
            var w = width * ColumnWeights[c] / total;
            var text = new TextBlock(cells[c], style) { Role = StructureRole.None, Splittable = false };
            var r = text.Measure(ctx, w - 2 * CellPadding, double.MaxValue);
            parts.Add((r.Placed!, x, w));
            h = Math.Max(h, r.Height + 2 * CellPadding);
            x += w;
        }

        return new RowPlaced(parts, h, CellPadding, cellRole);
    }

    private sealed class RowPlaced(IReadOnlyList<(IPlaced Part, double X, double W)> cells, double height, double padding, StructureRole cellRole) : IPlaced
    {
        public double Height { get; } = height;

        public void Draw(DrawContext ctx, double x, double y)
        {
            var s = ctx.Surface;
            s.BeginStructure(StructureRole.TableRow);
            foreach (var (part, dx, _) in cells)
            {
                s.BeginStructure(cellRole);
                part.Draw(ctx, x + dx + padding, y + padding);
                s.EndStructure();
            }

            s.EndStructure();
            s.BeginStructure(StructureRole.Artifact);
            var right = x + cells[^1].X + cells[^1].W;
            s.DrawLine(x, y + Height, right, y + Height, cellRole == StructureRole.TableHeaderCell ? 1 : 0.4);
            s.EndStructure();
        }
    }
}
