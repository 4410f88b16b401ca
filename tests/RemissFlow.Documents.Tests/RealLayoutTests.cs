using System.Text.RegularExpressions;
using RemissFlow.Documents.Composition;
using RemissFlow.Documents.Layout;
using RemissFlow.Documents.Models;
using RemissFlow.Documents.Pdf;
using RemissFlow.Documents.Rendering;

namespace RemissFlow.Documents.Tests;

/// <summary>
/// The layout measured against the Stockholm originals (tests/…/Originals, ../shared/examples): line length, a dnr
/// never split, no near-empty last page, the page-1 address block, links. Each rule on the recorded surface (the
/// layout layer's own record of lines and pages) and, where that is the honest check, on pdftotext's reading.
/// </summary>
public partial class RealLayoutTests
{
    private static TjansteutlatandeModel Tu => Examples.Load<TjansteutlatandeModel>();

    /// <summary>The document as the PDF writer lays it out, drawn onto the recording surface.</summary>
    private static (LaidOutDocument Doc, RecordingSurface Surface) Record(IDocumentModel model)
    {
        var composed = Examples.Renderer.Compose(model);
        var (_, logo) = Examples.Renderer.LetterheadFile(model.Organisation);
        var doc = PageComposer.Layout(new LayoutContext(new PdfTextMeasurer()), DocumentLayoutBuilder.Setup(composed, logo), DocumentLayoutBuilder.Content(composed));
        var surface = new RecordingSurface();
        PageComposer.Draw(doc, surface);
        return (doc, surface);
    }

    private static string Collapse(string s) => MultipleSpaces().Replace(s.Trim(), " ");

    /// <summary>
    /// The full lines of body paragraphs in pdftotext -layout's reading: a line that lies inside a paragraph and
    /// does not end it (a last line is short by nature, as in the originals' count).
    /// </summary>
    private static List<int> FullBodyLineLengths(IDocumentModel model)
    {
        var paragraphs = Examples.Renderer.Compose(model).Body.OfType<ParagraphNode>()
            .Select(p => Examples.Flat(string.Concat(p.Runs.Select(r => r.Text)))).ToList();
        var text = Tools.PdfToText(Examples.Renderer.RenderPdf(model), "-layout");
        var lengths = new List<int>();
        foreach (var raw in text.Split('\n'))
        {
            var line = Collapse(raw);
            if (line.Length < 20)
            {
                continue;
            }

            if (paragraphs.Any(p => p.Contains(line, StringComparison.Ordinal) && !p.EndsWith(line, StringComparison.Ordinal)))
            {
                lengths.Add(line.Length);
            }
        }

        return lengths;
    }

    private static IEnumerable<string> OriginalBodyLines(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "tests", "RemissFlow.Documents.Tests", "Originals", file)).Select(l => l.Trim()).ToArray();
        // A full line of a paragraph in the original: long, and followed by its paragraph's next line (lower case).
        for (var i = 0; i + 1 < lines.Length; i++)
        {
            if (lines[i].Length > 40 && lines[i + 1].Length > 0 && char.IsLower(lines[i + 1][0]))
            {
                yield return lines[i];
            }
        }
    }

    private static double Median(IEnumerable<int> values)
    {
        var v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2.0;
    }

    [Test]
    public void Characters_per_line_of_body_text_lie_within_the_range_of_the_Stockholm_originals()
    {
        var originals = new[] { "tu-socialforvaltningen-mr-program-2024.txt", "tu-serviceforvaltningen-jamstalldhet-2026.txt" }
            .Select(f => Median(OriginalBodyLines(f).Select(l => l.Length))).ToArray();
        var ours = FullBodyLineLengths(Tu);
        var median = Median(ours);
        TestContext.Out.WriteLine($"originals: median {string.Join(" and ", originals)} characters per full line; ours: median {median} over {ours.Count} lines (min {ours.Min()}, max {ours.Max()})");
        Assert.That(originals, Is.All.InRange(61, 64), "the originals' own measure");
        Assert.That(ours, Has.Count.GreaterThan(30), "enough body lines to measure");
        Assert.That(median, Is.InRange(61, 64));
        Assert.That(ours, Is.All.LessThanOrEqualTo(75), "no line runs far past the originals' longest (72)");
    }

    [Test]
    public void A_dnr_never_splits_across_lines_whatever_the_column_width()
    {
        var text = "Svar på remiss från kommunstyrelsen, Dnr KS 2025/1616, och från stadsdelsnämnden (SOF 2024/472) i § 12 samt KS 2018/000070.";
        var ctx = new LayoutContext(new FixedWidthMeasurer());
        var style = new TextStyle("Test", 10);
        for (var width = 90; width <= 400; width += 5)
        {
            var surface = new RecordingSurface();
            var placed = new TextBlock(text, style).Measure(ctx, width, 10_000).Placed!;
            placed.Draw(new DrawContext(surface, new PageInfo(1, 1)), 0, 0);
            var lines = surface.Texts.GroupBy(t => t.Top).Select(g => string.Concat(g.Select(t => t.Text))).ToList();
            foreach (var dnr in new[] { "Dnr KS 2025/1616,", "SOF 2024/472)", "§ 12", "KS 2018/000070." })
            {
                Assert.That(lines.Any(l => l.Contains(dnr, StringComparison.Ordinal)), $"width {width}: \"{dnr}\" whole on one line in [{string.Join(" | ", lines)}]");
            }
        }
    }

    [Test]
    public void The_dnr_in_the_rendered_tu_stays_whole_in_pdftotext()
    {
        var model = Tu with { Rubrik = "Remiss av en handlingsplan med en mycket lång rubrik som bryts just före KS 2025/1616" };
        var text = Tools.PdfToText(Examples.Renderer.RenderPdf(model), "-layout");
        Assert.That(text, Does.Not.Match(@"\bKS\s*\n"), "no line ends with the dnr's series");
        Assert.That(Collapse(text), Does.Contain("KS 2025/1616"));
    }

    [Test]
    public void A_soft_hyphen_is_drawn_only_where_the_line_breaks_at_it()
    {
        var ctx = new LayoutContext(new FixedWidthMeasurer());
        var style = new TextStyle("Test", 10);
        List<string> Lines(double width)
        {
            var surface = new RecordingSurface();
            new TextBlock("Om social\u00ADförvaltningens arbete", style).Measure(ctx, width, 1000).Placed!
                .Draw(new DrawContext(surface, new PageInfo(1, 1)), 0, 0);
            return surface.Texts.GroupBy(t => t.Top).Select(g => string.Concat(g.Select(t => t.Text))).ToList();
        }

        // 5 pt per character: "Om social-" is 50 pt, "Om socialförvaltningens" 115; "förvaltningens arbete" (105) breaks in 75.
        Assert.That(Lines(75), Is.EqualTo(new[] { "Om social-", "förvaltningens", "arbete" }));
        Assert.That(Lines(1000), Is.EqualTo(new[] { "Om socialförvaltningens arbete" }), "no hyphen and no invisible character mid-line");
        var pdf = Examples.Renderer.RenderPdf(Tu with { Sammanfattning = [new Paragraph("Social\u00ADförvaltningen och stads\u00ADdels\u00ADnämnderna.")] });
        var extracted = Tools.PdfToText(pdf);
        Assert.That(extracted, Does.Contain("Socialförvaltningen och stadsdelsnämnderna."));
        // Ordinal: a culture-aware search ignores a soft hyphen and would find it anywhere.
        Assert.That(extracted.Contains('\u00AD', StringComparison.Ordinal), Is.False);
    }

    [Test]
    public void A_last_page_never_carries_fewer_than_four_lines()
    {
        var style = new TextStyle("Test", 10, LineHeightFactor: 1.3);
        var setup = new PageSetup
        {
            Width = 140,
            Height = 20 + 2 * 13 + 20 * 13,
            MarginLeft = 20,
            MarginRight = 20,
            MarginTop = 10,
            MarginBottom = 10,
            Gap = 0,
            Header = p => new TextBlock($"Sida {p.Number} ({p.Total})", style) { Role = StructureRole.None },
            Footer = _ => new TextBlock("Sidfot", style) { Role = StructureRole.None },
        };
        var ctx = new LayoutContext(new FixedWidthMeasurer());
        // 41 lines on 20-line pages: 20 + 20 + 1 naively, 20 + 19 + 2 with the widow rule alone.
        var words = string.Join(" ", Enumerable.Range(0, 41).Select(i => $"line{i:D2}xxxx aaaaaaa"));
        var content = new Column([new TextBlock(words[..(words.Length / 2)], style), new TextBlock(words[(words.Length / 2 + 1)..], style)]);
        var doc = PageComposer.Layout(ctx, setup, content);
        var counts = doc.Pages.Select(p => PageComposer.ContentLines(p).Count).ToList();
        Assert.That(counts.Sum(), Is.InRange(41, 42), "the two paragraphs' lines (one word pair may wrap at the split)");
        Assert.That(counts, Has.Count.EqualTo(3));
        Assert.That(counts, Is.All.GreaterThanOrEqualTo(4), string.Join(", ", counts));

        var off = PageComposer.Layout(ctx, new PageSetup { Header = setup.Header, Footer = setup.Footer, Width = setup.Width, Height = setup.Height, MarginLeft = 20, MarginRight = 20, MarginTop = 10, MarginBottom = 10, Gap = 0, MinLinesOnLastPage = 0 }, content);
        Assert.That(PageComposer.ContentLines(off.Pages[^1]).Count, Is.LessThan(4), "the case the rule is for");
    }

    [Test]
    public void Every_page_of_the_example_documents_carries_at_least_four_lines()
    {
        foreach (var kind in Enum.GetValues<DocumentKind>())
        {
            // Long enough to need a second page whatever the kind.
            var model = Examples.Load(kind);
            var (doc, _) = Record(model);
            var counts = doc.Pages.Select(p => PageComposer.ContentLines(p).Count).ToList();
            TestContext.Out.WriteLine($"{kind}: lines per page {string.Join(", ", counts)}");
            Assert.That(counts, Is.All.GreaterThanOrEqualTo(4), kind.ToString());
        }
    }

    [Test]
    public void Page_one_carries_the_address_block_with_the_handlaggares_email_and_later_pages_no_footer()
    {
        var (doc, surface) = Record(Tu);
        Assert.That(doc.Pages, Has.Count.GreaterThan(1));
        var height = doc.Setup.Height;
        var bottomOfPage1 = surface.OnPage(1).Where(t => t.Top > height - 120).Select(t => t.Text).ToList();
        Assert.That(bottomOfPage1, Is.SupersetOf(new[] { "Serviceförvaltningen", "Avdelningen för verksamhetsstöd", "Box 8311, 104 20 Stockholm", "Hantverkargatan 3D", "asa.oberg@stockholm.se", "start.stockholm" }),
            string.Join(" | ", bottomOfPage1));
        for (var page = 2; page <= doc.Pages.Count; page++)
        {
            var contentBottom = doc.Setup.Height - doc.Setup.MarginBottom;
            var drawn = string.Join(" | ", surface.OnPage(page).Select(t => t.Text));
            foreach (var footer in new[] { "Hantverkargatan", "asa.oberg@stockholm.se", "Box 8311, 104 20 Stockholm" })
            {
                Assert.That(drawn.Contains(footer, StringComparison.Ordinal), Is.False, $"page {page}: no footer ({footer})");
            }

            Assert.That(surface.OnPage(page).Max(t => t.Top), Is.LessThan(contentBottom));
        }

        var text = Tools.PdfToText(Examples.Renderer.RenderPdf(Tu));
        var pages = text.Split('\f');
        Assert.That(pages[0], Does.Contain("asa.oberg@stockholm.se"));
        Assert.That(pages[1], Does.Not.Contain("start.stockholm"));
    }

    [Test]
    public void The_first_page_header_has_the_identity_facts_right_and_the_handlaggare_and_till_blocks()
    {
        var (doc, surface) = Record(Tu);
        var page1 = surface.OnPage(1).ToList();
        var right = doc.Setup.Width / 2;
        foreach (var fact in new[] { "Tjänsteutlåtande", "Dnr SF 2026/186", "Sida 1 (" + doc.Pages.Count + ")", "2026-03-17" })
        {
            Assert.That(page1.Any(t => t.Text == fact && t.X > right), $"{fact} at the right of page 1");
        }

        var handlaggare = page1.Single(t => t.Text == "Handläggare");
        var till = page1.Single(t => t.Text == "Till");
        Assert.That(till.Top, Is.EqualTo(handlaggare.Top).Within(0.5), "Handläggare and Till side by side");
        Assert.That(page1.Any(t => t.Text == "asa.oberg@stockholm.se" && t.Top < doc.Setup.Height / 3), "the handläggare's e-mail in the block");
    }

    [Test]
    public void Web_and_email_addresses_in_text_become_link_annotations()
    {
        var model = Tu with { Sammanfattning = [new Paragraph("Läs programmet på https://start.stockholm/mr-programmet eller skriv till registrator.sf@stockholm.se.")] };
        var pdf = Examples.Renderer.RenderPdf(model, pdfA: true);
        var urls = Tools.OnFile(pdf, "pdfinfo", "-url");
        Assert.That(urls, Does.Contain("https://start.stockholm/mr-programmet"));
        Assert.That(urls, Does.Contain("mailto:registrator.sf@stockholm.se"));
        Assert.That(urls, Does.Contain("mailto:asa.oberg@stockholm.se"), "the address block's e-mail");
        Assert.That(urls, Does.Not.Contain("stockholm.se."), "sentence punctuation is not part of the address");
        Tools.QpdfCheck(pdf);
    }

    [TestCase("stockholm-sf")]
    [TestCase("stockholm-sof")]
    [TestCase("stockholm-ks")]
    public void Each_organisation_draws_its_own_logo_on_page_one_only(string organisation)
    {
        var (letterhead, logo) = Examples.Renderer.LetterheadFile(organisation);
        Assert.That(logo, Is.Not.Null, $"templates/letterheads/{organisation}.json names a logo");
        var (_, surface) = Record(Tu with { Organisation = organisation });
        var images = surface.Texts.Where(t => t.Text.StartsWith("[image", StringComparison.Ordinal)).ToList();
        Assert.That(images.Select(i => i.Page), Is.EqualTo(new[] { 1 }));
        Assert.That(images[0].Text, Does.Contain(letterhead.LogoAltText));
        Assert.That(images[0].Top, Is.LessThan(80), "at the top of the letterhead");
    }

    [GeneratedRegex(" {2,}")]
    private static partial Regex MultipleSpaces();
}
