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

    [Test]
    public void A_paragraph_split_by_a_page_break_is_one_p_element()
    {
        static string Squash(string s) => new(s.Where(c => !char.IsWhiteSpace(c)).ToArray());
        var model = Examples.Load<TjansteutlatandeModel>();
        var paragraphs = Examples.Renderer.Compose(model).Body.OfType<Composition.ParagraphNode>()
            .Select(p => Squash(string.Concat(p.Runs.Select(r => r.Text)))).Where(p => p.Length > 120).ToList();

        // Which paragraphs the PDF itself shows over a page break: the head on one page, the tail on the next.
        var pages = Tools.PdfToText(Examples.Renderer.RenderPdf(model)).Split('\f').Select(Squash).ToList();
        var split = paragraphs.Where(p =>
        {
            var head = pages.FindIndex(x => x.Contains(p[..30], StringComparison.Ordinal));
            var tail = pages.FindIndex(x => x.Contains(p[^30..], StringComparison.Ordinal));
            return head >= 0 && tail == head + 1;
        }).ToList();
        Assert.That(split, Is.Not.Empty, "the example TU has a paragraph over a page break");

        // pdfinfo -struct-text: an element line ("P (block)") followed by its content's quoted lines, one per page part.
        var elements = new List<string>();
        string? current = null;
        foreach (var line in Tools.OnFile(Examples.Renderer.RenderPdf(model), "pdfinfo", "-struct-text").Split('\n').Select(l => l.Trim()))
        {
            if (line.StartsWith('"') && current is not null)
            {
                current += line.Trim('"');
                continue;
            }

            if (current is not null)
            {
                elements.Add(current);
            }

            current = line == "P (block)" ? "" : null;
        }

        if (current is not null)
        {
            elements.Add(current);
        }

        foreach (var p in split)
        {
            var holding = elements.Where(e => Squash(e).Contains(p[..30], StringComparison.Ordinal)).ToList();
            Assert.That(holding, Has.Count.EqualTo(1), "one P holds the paragraph's start");
            Assert.That(Squash(holding[0]).EndsWith(p[^30..], StringComparison.Ordinal), Is.True, "and the same P its end, on the next page");
            Assert.That(elements.Count(e => Squash(e).Contains(p[^30..], StringComparison.Ordinal)), Is.EqualTo(1), "no second P for the part after the break");
        }
    }
}
