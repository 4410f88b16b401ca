using System.Globalization;
using System.Text;
using RemissFlow.Documents.Composition;
using RemissFlow.Documents.Models;

namespace RemissFlow.Documents.Tests;

/// <summary>
/// Every character a Swedish municipality writes: Swedish, the national minority languages, common symbols, Arabic
/// script for names; pasted Word bullets; soft hyphens; a warning for what still cannot be drawn.
/// </summary>
public class EveryCharacterTests
{
    private static readonly (string Class, string Text)[] Classes =
    [
        ("svenska", "Åsa Öberg på Ängsvägen: åäöé ÅÄÖÉ"),
        ("samiska", "Sámi: čđŋšŧž ČĐŊŠŦŽ áÁ"),
        ("finska och meänkieli", "Suomi ja meänkieli: Mie olen kotona, äiti ja isä"),
        ("romani", "Romani chib: ćhavo, śukar, źamutro, ľil, ǯanav"),
        ("jiddisch", "ייִדיש"),
        ("arabisk skrift", "محمد"),
        ("symboler", "€ § ± → ✓ – — “ ” … ½ ° ×"),
    ];

    private static TjansteutlatandeModel WithClasses(string extra = "") => Examples.Load<TjansteutlatandeModel>() with
    {
        Sammanfattning = [.. Classes.Select(c => new Paragraph(c.Text)), new Paragraph("Slut." + extra)],
    };

    private static IEnumerable<string> Letters(string text) =>
        text.EnumerateRunes().Where(r => !Rune.IsWhiteSpace(r) && Rune.GetUnicodeCategory(r) != UnicodeCategory.NonSpacingMark).Select(r => r.ToString());

    [Test]
    public void Every_character_class_is_embedded_and_extracted()
    {
        var output = Examples.Renderer.RenderPdfWithPageCount(WithClasses(), pdfA: true);
        Assert.That(output.Warnings, Is.Empty, string.Join("\n", output.Warnings.Select(w => w.Message)));

        var fonts = Tools.OnFile(output.Bytes, "pdffonts");
        TestContext.Out.WriteLine(fonts);
        var rows = fonts.Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.That(rows, Is.Not.Empty);
        foreach (var row in rows)
        {
            // pdffonts columns: name type encoding emb sub uni object ID; every font embedded, with a ToUnicode map.
            var cells = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(cells[^5], Is.EqualTo("yes"), $"embedded: {row}");
            Assert.That(cells[^3], Is.EqualTo("yes"), $"ToUnicode: {row}");
        }

        Assert.That(rows.Any(r => r.Contains("Liberation Sans", StringComparison.Ordinal)));
        Assert.That(rows.Any(r => r.Contains("DejaVu Sans", StringComparison.Ordinal)), "the fallback font carries what Liberation Sans lacks");

        var text = Tools.PdfToText(output.Bytes).Normalize(NormalizationForm.FormKC);
        foreach (var (name, sample) in Classes)
        {
            foreach (var letter in Letters(sample))
            {
                // Ordinal: a culture-aware search does not find a letter that carries a combining point (Yiddish דִ).
                Assert.That(text.Contains(letter.Normalize(NormalizationForm.FormKC), StringComparison.Ordinal), $"{name}: \"{letter}\" (U+{char.ConvertToUtf32(letter, 0):X4}) extracted");
            }
        }

        // Drawn right to left, extracted in logical order: the name reads as written.
        Assert.That(text.Contains("محمد", StringComparison.Ordinal), Is.True, "the Arabic name in logical order");
        Tools.QpdfCheck(output.Bytes);
    }

    [Test]
    public void Pdf_a_output_is_declared_part_2_whose_cid_fonts_need_no_cidset()
    {
        var pdf = Examples.Renderer.RenderPdf(WithClasses(), pdfA: true);
        var meta = Tools.OnFile(pdf, "pdfinfo", "-meta");
        Assert.That(meta, Does.Match(@"pdfaid:part(>|="")2"), meta);
        Assert.That(meta, Does.Match(@"pdfaid:conformance(>|="")[AB]"), meta);
        Tools.QpdfCheck(pdf);
    }

    [Test]
    public void A_character_no_font_can_draw_is_named_with_its_field()
    {
        var output = Examples.Renderer.RenderPdfWithPageCount(WithClasses(" Tack 🫠"));
        var warning = output.Warnings.Single();
        Assert.That(warning.Field, Is.EqualTo("sammanfattning[7].text"));
        Assert.That(warning.Character, Is.EqualTo("🫠"));
        Assert.That(warning.CodePoint, Is.EqualTo("U+1FAE0"));
        Assert.That(warning.Message, Does.Contain("sammanfattning[7].text").And.Contain("🫠").And.Contain("U+1FAE0"));
        Assert.That(output.Pages, Is.GreaterThan(0), "the document still renders");
        Assert.That(Examples.Renderer.Warnings(WithClasses()), Is.Empty);
    }

    [Test]
    public void Word_private_use_bullets_become_list_items()
    {
        var model = Examples.Load<TjansteutlatandeModel>() with
        {
            Sammanfattning = [new Paragraph("Handlingsplaner tas fram för:\n\uF0B7\tAtt motverka rasism\n\uF0B7 Romsk inkludering\nDärefter följer uppföljning.")],
        };
        var body = Examples.Renderer.Compose(model).Body;
        var list = body.OfType<ListNode>().First(l => l.Items.Contains("Att motverka rasism"));
        Assert.That(list.Numbered, Is.False);
        Assert.That(list.Items, Is.EqualTo(new[] { "Att motverka rasism", "Romsk inkludering" }));
        var paragraphs = body.OfType<ParagraphNode>().Select(p => string.Concat(p.Runs.Select(r => r.Text))).ToList();
        Assert.That(paragraphs, Does.Contain("Handlingsplaner tas fram för:").And.Contain("Därefter följer uppföljning."));

        var output = Examples.Renderer.RenderPdfWithPageCount(model);
        Assert.That(output.Warnings, Is.Empty, "the private-use bullet is a list marker, not an undrawable character");
        var text = Tools.PdfToText(output.Bytes);
        Assert.That(text.Contains('\uF0B7', StringComparison.Ordinal), Is.False);
        Assert.That(text, Does.Contain("Att motverka rasism"));
        var tagged = Tools.OnFile(output.Bytes, "pdfinfo", "-struct");
        Assert.That(tagged, Does.Contain("LI"), "a real list in the structure tree");
    }
}
