using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using RemissFlow.Documents.Models;

namespace RemissFlow.Documents.Tests;

/// <summary>
/// For every kind: qpdf clean, the page-1 identity facts tagged as content in reading order (pdfinfo -struct-text),
/// and the DOCX valid for the OpenXml validator, with the letterhead once and a font Word has.
/// </summary>
public class AccessibleStructureTests
{
    public static IEnumerable<TestCaseData> Kinds()
    {
        var tu = Examples.Load<TjansteutlatandeModel>();
        yield return new TestCaseData(tu, new[] { "Tjänsteutlåtande", "Dnr SF 2026/186", "2026-03-17", "Handläggare", "Åsa Öberg", "Till", "Servicenämnden" }).SetName("tu_remissvar");
        foreach (var slag in new[] { "egetArende", "tjansteskrivelse", "utlatande" })
        {
            var model = tu with { Slag = slag, Avsandare = null, AvsandareDnr = null, Svarsdatum = null, Rubrik = "Lokalförsörjningsplan 2027–2031" };
            var label = Examples.Renderer.ResolveTemplate(model).Template.DocumentType;
            yield return new TestCaseData(model, new[] { label, "Dnr SF 2026/186", "2026-03-17", "Åsa Öberg", "Servicenämnden" }).SetName("tu_" + slag);
        }

        yield return new TestCaseData(Examples.Load(DocumentKind.Protokollsutdrag), new[] { "Protokollsutdrag" }).SetName("protokollsutdrag");
        yield return new TestCaseData(Examples.Load(DocumentKind.Missiv), new[] { "Remiss" }).SetName("missiv");
        yield return new TestCaseData(Examples.Load(DocumentKind.Paminnelse), new[] { "Påminnelse" }).SetName("paminnelse");
    }

    [TestCaseSource(nameof(Kinds))]
    public void Pdf_is_qpdf_clean_and_tags_the_identity_facts_first(IDocumentModel model, string[] facts)
    {
        var pdf = Examples.Renderer.RenderPdf(model, pdfA: true);
        var check = Tools.QpdfCheck(pdf);
        Assert.That(check, Does.Contain("No syntax or stream encoding errors found"));
        Assert.That(check, Does.Not.Contain("WARNING"));

        var structText = Tools.OnFile(pdf, "pdfinfo", "-struct-text");
        var dnrLine = model.Kind == DocumentKind.Tjansteutlatande ? "Dnr " + model.Dnr : model.Dnr;
        var expected = facts.Append(dnrLine).Distinct().ToList();
        foreach (var fact in expected)
        {
            Assert.That(structText, Does.Contain(fact), $"\"{fact}\" is tagged content, not an artifact");
        }

        // Reading order: the identity facts come before the body's first heading (the title).
        var title = Examples.Renderer.Compose(model).Body.OfType<Composition.TitleNode>().FirstOrDefault()?.Text;
        if (title is not null)
        {
            var titleAt = structText.IndexOf(title[..Math.Min(20, title.Length)], StringComparison.Ordinal);
            Assert.That(titleAt, Is.GreaterThan(0), "the title is tagged");
            Assert.That(structText.IndexOf(dnrLine, StringComparison.Ordinal), Is.LessThan(titleAt), "dnr read before the title");
        }
    }

    [TestCaseSource(nameof(Kinds))]
    public void Docx_validates_with_the_letterhead_once_and_a_font_word_has(IDocumentModel model, string[] facts)
    {
        var bytes = Examples.Renderer.RenderDocx(model);
        using var word = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(word).ToList();
        Assert.That(errors, Is.Empty, string.Join("\n", errors.Select(e => $"{e.Path?.XPath}: {e.Description}")));

        var main = word.MainDocumentPart!;
        var section = main.Document!.Body!.Elements<SectionProperties>().Single();
        Assert.That(section.Elements<TitlePage>(), Is.Not.Empty, "page 1 has its own header");
        var firstId = section.Elements<HeaderReference>().Single(r => r.Type?.Value == HeaderFooterValues.First).Id!.Value!;
        var firstHeader = ((HeaderPart)main.GetPartById(firstId)).Header!;
        Assert.That(firstHeader.InnerText, Is.Empty, "the letterhead is in the body on page 1, not again in its header");
        var defaultId = section.Elements<HeaderReference>().Single(r => r.Type?.Value == HeaderFooterValues.Default).Id!.Value!;
        Assert.That(((HeaderPart)main.GetPartById(defaultId)).Header!.InnerText, Does.Contain(facts[0]), "later pages carry the short header");
        Assert.That(main.Document.Body.InnerText, Does.Contain(model.Dnr), "page 1's letterhead in the body");

        var fonts = main.StyleDefinitionsPart!.Styles!.Descendants<RunFonts>().SelectMany(f => new[] { f.Ascii?.Value, f.HighAnsi?.Value, f.ComplexScript?.Value }).OfType<string>().Distinct().ToList();
        Assert.That(fonts, Is.EqualTo(new[] { "Arial" }), "a face every Word installation has");
    }
}
