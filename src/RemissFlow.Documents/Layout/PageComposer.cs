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

    public double ContentWidth => Width - MarginLeft - MarginRight;
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
        var total = 0;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var pages = Paginate(ctx, setup, content, total);
            if (pages.Count == total)
            {
                return new LaidOutDocument(setup, pages);
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
            surface.BeginStructure(StructureRole.Artifact);
            page.Header.Draw(ctx, s.MarginLeft, s.MarginTop);
            page.Footer.Draw(ctx, s.MarginLeft, s.Height - s.MarginBottom - page.Footer.Height);
            surface.EndStructure();
            page.Content.Draw(ctx, s.MarginLeft, s.MarginTop + page.Header.Height + s.Gap);
            surface.EndPage();
        }
    }

    private static List<LaidOutPage> Paginate(LayoutContext ctx, PageSetup s, Block content, int total)
    {
        var pages = new List<LaidOutPage>();
        Block? rest = content;
        while (rest is not null)
        {
            var info = new PageInfo(pages.Count + 1, total);
            var header = MeasureFurniture(ctx, s, s.Header(info), "sidhuvudet");
            var footer = MeasureFurniture(ctx, s, s.Footer(info), "sidfoten");
            var available = s.Height - s.MarginTop - s.MarginBottom - header.Height - footer.Height - 2 * s.Gap;
            var r = rest.Measure(ctx, s.ContentWidth, available);
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
