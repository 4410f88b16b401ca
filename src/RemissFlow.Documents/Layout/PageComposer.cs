namespace RemissFlow.Documents.Layout;

/// <summary>A4 page geometry and the page furniture: header (full on page 1, short after), footer.</summary>
public sealed class PageSetup
{
    public double Width { get; init; } = 595.28;
    public double Height { get; init; } = 841.89;
    public double MarginLeft { get; init; } = 70;
    public double MarginRight { get; init; } = 70;
    public double MarginTop { get; init; } = 42;
    public double MarginBottom { get; init; } = 36;

    /// <summary>Space between header and content, and between content and footer.</summary>
    public double Gap { get; init; } = 18;

    /// <summary>Builds the header for a page; called again once the page total is known.</summary>
    public required Func<PageInfo, Block> Header { get; init; }

    public required Func<PageInfo, Block> Footer { get; init; }

    /// <summary>
    /// The fewest lines of content the last page of a multi-page document may carry; lines move over from the page
    /// before rather than leave a page with a line or two. 0 switches the rule off.
    /// </summary>
    public int MinLinesOnLastPage { get; init; } = 4;

    /// <summary>
    /// When set, page 1's header is real content, read first (the identity facts: dnr, datum, handläggare, Till);
    /// otherwise it is an artifact like the header of every later page and every footer.
    /// </summary>
    public bool FirstHeaderIsContent { get; init; }

    public double ContentWidth => Width - MarginLeft - MarginRight;

    /// <summary>How far the body column sits inside the margins (header and footer use the full width).</summary>
    public double BodyInsetLeft { get; init; }

    public double BodyInsetRight { get; init; }

    public double BodyWidth => ContentWidth - BodyInsetLeft - BodyInsetRight;
}

public sealed record LaidOutPage(PageInfo Info, IPlaced Header, IPlaced Content, IPlaced Footer);

public sealed class LaidOutDocument(PageSetup setup, IReadOnlyList<LaidOutPage> pages)
{
    public PageSetup Setup { get; } = setup;
    public IReadOnlyList<LaidOutPage> Pages { get; } = pages;
}

/// <summary>
/// Paginates content in two passes, QuestPDF-style: the first counts pages, the second lays out again with the
/// known total so that "Sida N (M)" is exact even if the header's size were to depend on it.
/// </summary>
public static class PageComposer
{
    public static LaidOutDocument Layout(LayoutContext ctx, PageSetup setup, Block content)
    {
        var pages = PaginateStable(ctx, setup, content, 0);
        if (pages.Count < 2 || setup.MinLinesOnLastPage <= 0)
        {
            return new LaidOutDocument(setup, pages);
        }

        // Keep-together for the end: take space from the page before the last, a line at a time, until the last page
        // carries enough lines. The page count must not change, or the shortening would only move the problem.
        var lines = ContentLines(pages[^1]);
        var step = LineStep(pages[^1]);
        for (var k = 1; lines.Count < setup.MinLinesOnLastPage && k <= 3 * setup.MinLinesOnLastPage; k++)
        {
            List<LaidOutPage> candidate;
            try
            {
                candidate = PaginateStable(ctx, setup, content, k * step, pages.Count - 2);
            }
            catch (LayoutException)
            {
                // The page before cannot give up that much (a block that does not split): keep the best found.
                break;
            }

            if (candidate.Count != pages.Count)
            {
                break;
            }

            var candidateLines = ContentLines(candidate[^1]);
            if (candidateLines.Count > lines.Count)
            {
                pages = candidate;
                lines = candidateLines;
            }
        }

        return new LaidOutDocument(setup, pages);
    }

    /// <summary>The distinct text lines (their tops) in a page's content, as drawing would place them.</summary>
    public static IReadOnlyList<double> ContentLines(LaidOutPage page)
    {
        var counter = new LineCounter();
        page.Content.Draw(new DrawContext(counter, page.Info), 0, 0);
        return counter.Tops;
    }

    private static double LineStep(LaidOutPage page)
    {
        var counter = new LineCounter();
        page.Content.Draw(new DrawContext(counter, page.Info), 0, 0);
        return counter.LineHeight > 0 ? counter.LineHeight : 12;
    }

    private static List<LaidOutPage> PaginateStable(LayoutContext ctx, PageSetup setup, Block content, double shorten, int shortenPage = -1)
    {
        var total = 0;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var pages = Paginate(ctx, setup, content, total, shorten, shortenPage);
            if (pages.Count == total)
            {
                return pages;
            }

            total = pages.Count;
        }

        throw new LayoutException("Sidantalet stabiliseras inte: sidhuvudets höjd beror på sidantalet.");
    }

    public static void Draw(LaidOutDocument doc, IDrawingSurface surface)
    {
        var s = doc.Setup;
        foreach (var page in doc.Pages)
        {
            var ctx = new DrawContext(surface, page.Info);
            surface.BeginPage(page.Info.Number, s.Width, s.Height);
            var headerIsContent = s.FirstHeaderIsContent && page.Info.Number == 1;
            if (headerIsContent)
            {
                surface.BeginStructure(StructureRole.Division);
                page.Header.Draw(ctx, s.MarginLeft, s.MarginTop);
                surface.EndStructure();
            }

            surface.BeginStructure(StructureRole.Artifact);
            if (!headerIsContent)
            {
                page.Header.Draw(ctx, s.MarginLeft, s.MarginTop);
            }

            page.Footer.Draw(ctx, s.MarginLeft, s.Height - s.MarginBottom - page.Footer.Height);
            surface.EndStructure();
            page.Content.Draw(ctx, s.MarginLeft + s.BodyInsetLeft, s.MarginTop + page.Header.Height + s.Gap);
            surface.EndPage();
        }
    }

    private static List<LaidOutPage> Paginate(LayoutContext ctx, PageSetup s, Block content, int total, double shorten, int shortenPage)
    {
        var pages = new List<LaidOutPage>();
        Block? rest = content;
        while (rest is not null)
        {
            var info = new PageInfo(pages.Count + 1, total);
            var header = MeasureFurniture(ctx, s, s.Header(info), "sidhuvudet");
            var footer = MeasureFurniture(ctx, s, s.Footer(info), "sidfoten");
            var available = s.Height - s.MarginTop - s.MarginBottom - header.Height - footer.Height - 2 * s.Gap
                - (pages.Count == shortenPage ? shorten : 0);
            var r = rest.Measure(ctx, s.BodyWidth, available);
            if (r.Fit == Fit.None)
            {
                throw new LayoutException($"Ett innehållsblock ryms inte ens på en tom sida (sida {info.Number}, {available:0} pt tillgängligt).");
            }

            pages.Add(new LaidOutPage(info, header, r.Placed!, footer));
            rest = r.Remainder;
            if (pages.Count > 10_000)
            {
                throw new LayoutException("Dokumentet blir orimligt långt (över 10 000 sidor).");
            }
        }

        return pages;
    }

    private static IPlaced MeasureFurniture(LayoutContext ctx, PageSetup s, Block block, string what)
    {
        var r = block.Measure(ctx, s.ContentWidth, s.Height / 2);
        if (r.Fit != Fit.Full)
        {
            throw new LayoutException($"{what} är högre än en halv sida.");
        }

        return r.Placed!;
    }
}

/// <summary>Counts the lines content would draw (distinct tops of text), for the keep-together rule at the end.</summary>
internal sealed class LineCounter : IDrawingSurface
{
    private readonly SortedSet<double> tops = [];
    private double maxLineHeight;

    public IReadOnlyList<double> Tops => tops.ToList();

    public double LineHeight => maxLineHeight;

    public void BeginPage(int pageNumber, double width, double height) { }

    public void EndPage() { }

    public void DrawText(string text, double x, double top, double lineHeight, TextStyle style)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            tops.Add(Math.Round(top, 1));
            maxLineHeight = Math.Max(maxLineHeight, lineHeight);
        }
    }

    public void DrawLine(double x1, double y1, double x2, double y2, double thickness) { }

    public void DrawImage(ImageSource image, double x, double y, double width, double height, string altText) { }

    public void BeginStructure(StructureRole role) { }

    public void EndStructure() { }

    public void AddOutline(string title, int level, double top) { }
}
