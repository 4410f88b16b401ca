using RemissFlow.Documents.Layout;

namespace RemissFlow.Documents.Tests;

public class LayoutTests
{
    // 10 pt text at line height 1.3 → 13 pt lines; 5 pt per character.
    private static readonly TextStyle Style = new("Test", 10, LineHeightFactor: 1.3);
    private static readonly LayoutContext Ctx = new(new FixedWidthMeasurer());

    /// <summary>A page whose content area is exactly <paramref name="lines"/> body lines high, 100 pt wide.</summary>
    private static PageSetup Page(int lines) => new()
    {
        Width = 140,
        MarginLeft = 20,
        MarginRight = 20,
        MarginTop = 10,
        MarginBottom = 10,
        Gap = 0,
        Height = 20 + 2 * 13 + lines * 13,
        Header = p => new TextBlock($"Sida {p.Number} ({p.Total})", Style) { Role = StructureRole.None },
        Footer = _ => new TextBlock("Sidfot", Style) { Role = StructureRole.None },
        // These pages hold a handful of lines; the last-page rule (RealLayoutTests) is tested on pages of 20.
        MinLinesOnLastPage = 0,
    };

    private static string Words(int lines) => string.Join(" ", Enumerable.Range(0, lines).Select(i => $"line{i:D2}xxxx aaaaaaa")); // 20 chars = 100 pt: one line each

    private static RecordingSurface Render(PageSetup setup, params Block[] blocks)
    {
        var doc = PageComposer.Layout(Ctx, setup, new Column(blocks));
        var surface = new RecordingSurface();
        PageComposer.Draw(doc, surface);
        return surface;
    }

    [Test]
    public void Paragraph_breaks_into_lines_at_spaces_within_the_width()
    {
        var r = new TextBlock(Words(3), Style).Measure(Ctx, 100, 1000);
        Assert.That(r.Fit, Is.EqualTo(Fit.Full));
        Assert.That(r.Height, Is.EqualTo(39).Within(0.01));
    }

    [Test]
    public void Paragraph_splits_across_pages_and_page_numbers_are_exact()
    {
        var s = Render(Page(5), new TextBlock(Words(12), Style));
        Assert.That(s.Pages, Is.EqualTo(3));
        Assert.That(s.Texts.Where(t => t.Text.StartsWith("Sida", StringComparison.Ordinal)).Select(t => t.Text),
            Is.EqualTo(new[] { "Sida 1 (3)", "Sida 2 (3)", "Sida 3 (3)" }));
        var bodyOnFirst = s.OnPage(1).Where(t => t.Text.StartsWith("line", StringComparison.Ordinal)).ToList();
        Assert.That(bodyOnFirst, Has.Count.EqualTo(5));
        Assert.That(bodyOnFirst[0].Top, Is.EqualTo(10 + 13).Within(0.01), "content starts right under the header");
        Assert.That(bodyOnFirst[1].Top - bodyOnFirst[0].Top, Is.EqualTo(13).Within(0.01));
    }

    [Test]
    public void No_widow_at_the_top_of_the_next_page()
    {
        // 6 lines on a 5-line page: a naive split leaves 1 line (a widow); we move 2.
        var s = Render(Page(5), new TextBlock(Words(6), Style));
        Assert.That(s.OnPage(1).Count(t => t.Text.StartsWith("line", StringComparison.Ordinal)), Is.EqualTo(4));
        Assert.That(s.OnPage(2).Count(t => t.Text.StartsWith("line", StringComparison.Ordinal)), Is.EqualTo(2));
    }

    [Test]
    public void No_orphan_at_the_bottom_of_a_page()
    {
        // 4 lines of filler leave room for one line: the 3-line paragraph moves whole rather than leaving 1 behind.
        var s = Render(Page(5), new TextBlock(Words(4), Style), new TextBlock("para2 " + Words(3), Style));
        Assert.That(s.OnPage(1).Any(t => t.Text.Contains("para2", StringComparison.Ordinal)), Is.False);
        Assert.That(s.OnPage(2).First(t => t.Text.Contains("para2", StringComparison.Ordinal)).Top, Is.EqualTo(23).Within(0.01));
    }

    [Test]
    public void Heading_moves_with_the_following_paragraph()
    {
        var heading = new TextBlock("Rubrik", Style) { Role = StructureRole.Heading2, KeepWithNext = true, Splittable = false };
        // 3 filler lines + heading = 4 lines; the next paragraph (3 lines, unsplittable into 2+1) cannot start on page 1.
        var s = Render(Page(5), new TextBlock(Words(3), Style), heading, new TextBlock(Words(3), Style));
        Assert.That(s.OnPage(1).Any(t => t.Text == "Rubrik"), Is.False, "the heading must not be stranded at the bottom");
        Assert.That(s.OnPage(2).First(t => !t.Text.StartsWith("Sid", StringComparison.Ordinal)).Text, Is.EqualTo("Rubrik"));
    }

    [Test]
    public void Signature_block_is_never_alone_on_the_last_page()
    {
        var signature = new Row([(new TextBlock("Signatur\nChef", Style), 1.0)]) { KeepWithPrevious = true };
        // 5 lines fill page 1 exactly; the signature would open page 2 alone.
        var s = Render(Page(5), new TextBlock(Words(5), Style), signature);
        var page2 = s.OnPage(2).Select(t => t.Text).ToList();
        Assert.That(page2, Does.Contain("Signatur"));
        Assert.That(page2.Count(t => t.StartsWith("line", StringComparison.Ordinal)), Is.EqualTo(2), "the paragraph's tail comes along");
        Assert.That(s.OnPage(1).Count(t => t.Text.StartsWith("line", StringComparison.Ordinal)), Is.EqualTo(3));
    }

    [Test]
    public void Table_repeats_its_header_row_on_every_page()
    {
        var rows = Enumerable.Range(1, 12).Select(i => (IReadOnlyList<string>)[$"Instans {i}", "Svar"]).ToArray();
        var table = new TableBlock([1, 1], ["Instans", "Status"], rows, cellPadding: 0) { HeaderStyle = Style, CellStyle = Style };
        var s = Render(Page(5), table);
        Assert.That(s.Pages, Is.EqualTo(3));
        for (var p = 1; p <= 3; p++)
        {
            var first = s.OnPage(p).First(t => !t.Text.StartsWith("Sid", StringComparison.Ordinal));
            Assert.That(first.Text, Is.EqualTo("Instans"), $"page {p} starts with the header row");
        }

        Assert.That(s.Texts.Count(t => t.Text.StartsWith("Instans ", StringComparison.Ordinal)), Is.EqualTo(12), "every row once");
    }

    [Test]
    public void Numbered_list_keeps_numbers_and_indents_the_body()
    {
        var list = new ListBlock([[new Span("Första")], [new Span("Andra")]], numbered: true, Style, indent: 18);
        var s = Render(Page(5), list);
        var marker = s.Texts.Single(t => t.Text == "2.");
        var body = s.Texts.Single(t => t.Text == "Andra");
        Assert.That(body.X - marker.X, Is.EqualTo(18).Within(0.01));
        Assert.That(body.Top, Is.EqualTo(marker.Top).Within(0.01));
        Assert.That(s.Structures.Select(x => x.Role), Does.Contain(StructureRole.List).And.Contain(StructureRole.Label).And.Contain(StructureRole.ListBody));
    }

    [Test]
    public void Page_break_starts_a_new_page_and_headings_become_outlines()
    {
        var h = new TextBlock("Bilaga", Style) { Role = StructureRole.Heading2, OutlineLevel = 2, KeepWithNext = true };
        var s = Render(Page(5), new TextBlock("Före", Style), new PageBreak(), h, new TextBlock("Efter", Style));
        Assert.That(s.OnPage(2).Select(t => t.Text), Does.Contain("Bilaga"));
        Assert.That(s.Outlines, Is.EqualTo(new[] { (2, "Bilaga", 2) }));
    }

    [Test]
    public void Block_taller_than_a_page_is_a_clear_error()
    {
        var tall = new TextBlock(Words(8), Style) { Splittable = false };
        Assert.That(() => PageComposer.Layout(Ctx, Page(5), new Column([tall])), Throws.TypeOf<LayoutException>().With.Message.Contains("tom sida"));
    }

    [Test]
    public void Right_aligned_text_ends_at_the_right_edge()
    {
        var r = new TextBlock("abcd", Style) { Align = TextAlign.Right }.Measure(Ctx, 100, 100);
        var s = new RecordingSurface();
        s.BeginPage(1, 100, 100);
        r.Placed!.Draw(new DrawContext(s, new PageInfo(1, 1)), 0, 0);
        Assert.That(s.Texts[0].X, Is.EqualTo(80).Within(0.01));
    }
}
