using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using RemissFlow.Documents.Models;
using Paragraph = DocumentFormat.OpenXml.Wordprocessing.Paragraph;
using ProseParagraph = RemissFlow.Documents.Models.Paragraph;

namespace RemissFlow.Documents.Tests;

public class DocxHtmlTests
{
    [Test]
    public void Docx_opens_with_heading_styles_and_numbered_lists()
    {
        var bytes = Examples.Renderer.RenderDocx(Examples.Load(DocumentKind.Tjansteutlatande));
        using var word = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var main = word.MainDocumentPart!;
        var styles = main.StyleDefinitionsPart!.Styles!.Elements<Style>().ToDictionary(s => s.StyleId!.Value!);
        Assert.That(styles["Heading1"].StyleName!.Val!.Value, Is.EqualTo("heading 1"));
        Assert.That(styles["Heading1"].StyleParagraphProperties!.OutlineLevel!.Val!.Value, Is.Zero);

        var paragraphs = main.Document!.Body!.Elements<Paragraph>().ToList();
        var headings = paragraphs.Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1").Select(p => p.InnerText).ToList();
        Assert.That(headings, Is.EqualTo(new[]
        {
            "Förvaltningens förslag till beslut", "Sammanfattning", "Bakgrund", "Ärendet", "Ärendets beredning",
            "Förvaltningens synpunkter och förslag", "Bilagor",
        }));

        var numbering = main.NumberingDefinitionsPart!.Numbering!;
        Assert.That(numbering.Elements<AbstractNum>().Select(a => a.Elements<Level>().First().NumberingFormat!.Val!.Value),
            Is.EquivalentTo(new[] { NumberFormatValues.Bullet, NumberFormatValues.Decimal }));
        var listItems = paragraphs.Where(p => p.ParagraphProperties?.NumberingProperties is not null).Select(p => p.InnerText).ToList();
        Assert.That(listItems, Does.Contain("Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.").And.Contain("Välfärd och service."));

        var header = main.HeaderParts.Single(h => h.Header!.Descendants<SimpleField>().Any()).Header!;
        Assert.That(header.Descendants<SimpleField>().Select(f => f.Instruction!.Value!.Trim()), Is.EqualTo(new[] { "PAGE", "NUMPAGES" }));
        Assert.That(word.PackageProperties.Subject, Is.EqualTo("SF 2026/186"));
    }

    [Test]
    public void Docx_for_every_kind_is_valid_openxml([Values] DocumentKind kind)
    {
        var bytes = Examples.Renderer.RenderDocx(Examples.Load(kind));
        using var word = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(word).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void Html_is_semantic_escaped_and_script_free()
    {
        var model = Examples.Load<TjansteutlatandeModel>() with
        {
            Synpunkter = [new ProseParagraph("<script>alert(1)</script> & \"citat\"")],
        };
        var html = Examples.Renderer.RenderHtml(model);
        Assert.That(html, Does.StartWith("<!DOCTYPE html>").And.Contain("<html lang=\"sv-SE\">"));
        Assert.That(html, Does.Contain("<h1>Remiss av handlingsplan för ett jämställt Stockholm 2030</h1>"));
        Assert.That(html, Does.Contain("<h2>Ärendets beredning</h2>").And.Contain("<h3>Kunskap och information</h3>"));
        Assert.That(html, Does.Contain("<ol>").And.Contain("<ul>").And.Contain("<style>"));
        Assert.That(html, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;citat&quot;"));
        Assert.That(html, Does.Not.Contain("<script"));
    }

    [Test]
    public void Docx_keeps_markup_like_user_text_literal()
    {
        var model = Examples.Load<TjansteutlatandeModel>() with { Synpunkter = [new ProseParagraph("<w:p>inte xml</w:p> & mer")] };
        using var word = WordprocessingDocument.Open(new MemoryStream(Examples.Renderer.RenderDocx(model)), false);
        Assert.That(word.MainDocumentPart!.Document!.Body!.InnerText, Does.Contain("<w:p>inte xml</w:p> & mer"));
    }
}
