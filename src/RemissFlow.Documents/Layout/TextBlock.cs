using System.Text;

namespace RemissFlow.Documents.Layout;

/// <summary>A run of text in one style. A null style inherits the paragraph's.</summary>
public sealed record Span(string Text, TextStyle? Style = null);

internal sealed record Fragment(string Text, TextStyle Style, double X);

internal sealed record TextLine(IReadOnlyList<Fragment> Fragments, double Width, double Height);

/// <summary>
/// A paragraph or heading: spans broken into lines (greedy, at spaces; explicit '\n' forces a break).
/// It splits across pages but never leaves fewer than <see cref="MinLines"/> lines on either side
/// (no orphans, no widows); a paragraph too short to split that way moves to the next page whole.
/// </summary>
public sealed class TextBlock : Block
{
    private readonly IReadOnlyList<Span> spans;
    private IReadOnlyList<TextLine>? lines;
    private double linesWidth = double.NaN;

    public TextBlock(string text, TextStyle style) : this([new Span(text)], style) { }

    public TextBlock(IReadOnlyList<Span> spans, TextStyle style)
    {
        this.spans = spans;
        Style = style;
    }

    private TextBlock(TextBlock source, IReadOnlyList<TextLine> remainingLines)
    {
        spans = source.spans;
        Style = source.Style;
        Align = source.Align;
        Role = source.Role;
        MinLines = source.MinLines;
        Splittable = source.Splittable;
        OneElementAcrossPages = source.OneElementAcrossPages;
        lines = remainingLines;
        linesWidth = source.linesWidth;
        IsContinuation = true;
    }

    public TextStyle Style { get; }
    public TextAlign Align { get; init; } = TextAlign.Left;
    public StructureRole Role { get; init; } = StructureRole.Paragraph;
    public int MinLines { get; init; } = 2;
    public bool Splittable { get; init; } = true;

    /// <summary>When set, drawing adds a PDF bookmark at this level (1 = top).</summary>
    public int? OutlineLevel { get; init; }

    public bool IsContinuation { get; }

    /// <summary>
    /// When split by a page break, the parts stay one structure element (opened by the first, closed by the last).
    /// Only for a block whose parents carry no structure of their own (a body paragraph): a tagged parent closes on
    /// each page, and an element still open inside it would break the nesting.
    /// </summary>
    public bool OneElementAcrossPages { get; init; }

    public string PlainText => string.Concat(spans.Select(s => s.Text));

    public override LayoutResult Measure(LayoutContext ctx, double width, double availableHeight)
    {
        var all = GetLines(ctx, width);
        var total = 0.0;
        foreach (var l in all)
        {
            total += l.Height;
        }

        if (total <= availableHeight + Epsilon)
        {
            return LayoutResult.Full(new TextPlaced(this, all, total, width));
        }

        if (!Splittable)
        {
            return LayoutResult.None;
        }

        var fitting = 0;
        var used = 0.0;
        while (fitting < all.Count && used + all[fitting].Height <= availableHeight + Epsilon)
        {
            used += all[fitting].Height;
            fitting++;
        }

        var head = Math.Min(fitting, all.Count - MinLines);
        if (head < MinLines)
        {
            return LayoutResult.None;
        }

        var headLines = all.Take(head).ToArray();
        var headHeight = headLines.Sum(l => l.Height);
        return LayoutResult.Partial(new TextPlaced(this, headLines, headHeight, width, Continues: true), new TextBlock(this, all.Skip(head).ToArray()));
    }

    private IReadOnlyList<TextLine> GetLines(LayoutContext ctx, double width)
    {
        // Remainders keep the lines broken on the first page: the content width does not change between pages.
        if (lines is not null && (IsContinuation || Math.Abs(linesWidth - width) < Epsilon))
        {
            return lines;
        }

        lines = BreakLines(ctx.Measurer, width);
        linesWidth = width;
        return lines;
    }

    private List<TextLine> BreakLines(ITextMeasurer m, double width)
    {
        var result = new List<TextLine>();
        var fragments = new List<Fragment>();
        var current = new StringBuilder();
        TextStyle? currentStyle = null;
        double fragmentX = 0, x = 0, lineHeight = 0;
        var pendingSpace = false;

        void CloseFragment()
        {
            if (current.Length > 0 && currentStyle is not null)
            {
                fragments.Add(new Fragment(current.ToString(), currentStyle, fragmentX));
            }

            current.Clear();
        }

        void NewLine()
        {
            CloseFragment();
            result.Add(new TextLine(fragments.ToArray(), x, lineHeight > 0 ? lineHeight : Style.LineHeight));
            fragments.Clear();
            x = 0;
            lineHeight = 0;
            pendingSpace = false;
            currentStyle = null;
        }

        void Append(string word, TextStyle style, double wordWidth, bool withSpace)
        {
            if (currentStyle is null || style != currentStyle)
            {
                CloseFragment();
                currentStyle = style;
                fragmentX = x;
            }

            if (withSpace)
            {
                current.Append(' ');
                x += m.MeasureWidth(" ", style);
            }

            current.Append(word);
            x += wordWidth;
            lineHeight = Math.Max(lineHeight, style.LineHeight);
        }

        foreach (var span in spans)
        {
            var style = span.Style ?? Style;
            var text = span.Text;
            // A glued space (inside a dnr, after "§") belongs to its word, so "KS 2025/1616" never splits.
            var glued = NoBreak.GluedSpaces(text);
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '\n')
                {
                    NewLine();
                    lineHeight = 0;
                    i++;
                    continue;
                }

                if (c is ' ' or '\t' or '\r')
                {
                    pendingSpace = x > 0 || current.Length > 0;
                    i++;
                    continue;
                }

                var end = i;
                while (end < text.Length && (text[end] is not (' ' or '\t' or '\r' or '\n') || (text[end] == ' ' && glued.Contains(end))))
                {
                    end++;
                }

                var word = text[i..end];
                i = end;
                PlaceWord(word, style);
            }
        }

        void PlaceWord(string word, TextStyle style)
        {
            while (word.Length > 0)
            {
                var visible = NoBreak.Visible(word);
                var w = m.MeasureWidth(visible, style);
                var spaceW = pendingSpace && x > 0 ? m.MeasureWidth(" ", style) : 0;
                if (x + spaceW + w <= width + Epsilon)
                {
                    Append(visible, style, w, spaceW > 0);
                    break;
                }

                // A soft hyphen is a break the author allowed: drawn as "-" only where the line actually breaks.
                if (HyphenCut(word, style, width - x - spaceW, m) is { } cut)
                {
                    var head = NoBreak.Visible(word[..cut]) + "-";
                    Append(head, style, m.MeasureWidth(head, style), spaceW > 0);
                    NewLine();
                    word = word[(cut + 1)..];
                    continue;
                }

                if (x > 0)
                {
                    NewLine();
                    continue;
                }

                // A word wider than the column (a long URL) is cut at the column edge rather than overflowing it.
                foreach (var piece in SplitLongWord(visible, style, width, m))
                {
                    if (x > 0)
                    {
                        NewLine();
                    }

                    Append(piece, style, m.MeasureWidth(piece, style), false);
                }

                break;
            }

            pendingSpace = false;
        }

        if (x > 0 || current.Length > 0 || result.Count == 0)
        {
            NewLine();
        }

        return result;
    }

    /// <summary>The last soft hyphen in <paramref name="word"/> where the part before it plus "-" fits in <paramref name="available"/>.</summary>
    private static int? HyphenCut(string word, TextStyle style, double available, ITextMeasurer m)
    {
        for (var p = word.LastIndexOf(NoBreak.SoftHyphen); p > 0; p = word.LastIndexOf(NoBreak.SoftHyphen, p - 1))
        {
            if (m.MeasureWidth(NoBreak.Visible(word[..p]) + "-", style) <= available + Epsilon)
            {
                return p;
            }
        }

        return null;
    }

    private static IEnumerable<string> SplitLongWord(string word, TextStyle style, double width, ITextMeasurer m)
    {
        var start = 0;
        while (start < word.Length)
        {
            var len = 1;
            while (start + len < word.Length && m.MeasureWidth(word.Substring(start, len + 1), style) <= width)
            {
                len++;
            }

            yield return word.Substring(start, len);
            start += len;
        }
    }

    private sealed class TextPlaced(TextBlock block, IReadOnlyList<TextLine> lines, double height, double width, bool Continues = false) : IPlaced
    {
        public double Height { get; } = height;

        public void Draw(DrawContext ctx, double x, double y)
        {
            var s = ctx.Surface;
            if (block.OutlineLevel is { } level && !block.IsContinuation)
            {
                s.AddOutline(block.PlainText, level, y);
            }

            // A paragraph split by a page break is one element: opened by its first part, closed by its last, so the
            // structure tree holds one P whose content runs over both pages.
            if (block.Role != StructureRole.None && !(block.IsContinuation && block.OneElementAcrossPages))
            {
                s.BeginStructure(block.Role);
            }

            var top = y;
            foreach (var line in lines)
            {
                var offset = block.Align switch
                {
                    TextAlign.Right => width - line.Width,
                    TextAlign.Center => (width - line.Width) / 2,
                    _ => 0,
                };
                foreach (var f in line.Fragments)
                {
                    s.DrawText(f.Text, x + offset + f.X, top, line.Height, f.Style);
                }

                top += line.Height;
            }

            if (block.Role != StructureRole.None && !(Continues && block.OneElementAcrossPages))
            {
                s.EndStructure();
            }
        }
    }
}
