using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using RemissFlow.Documents.Models;

namespace RemissFlow.Documents.Tests;

/// <summary>
/// The protokollsutdrag's blocks as a nämndsekreterare writes them: numbered beslutspunkter, a proposal to
/// kommunfullmäktige, plats och tid, reservations that say their form, the proposal they favour and the bilaga they are in,
/// and the justerandes signature boxes when the protokoll is signed on paper. Checked in the PDF's text and structure
/// tree, the DOCX (validated) and the HTML.
/// </summary>
public class ProtokollsutdragBlockTests
{
    private static ProtokollsutdragModel Model() => (ProtokollsutdragModel)Examples.Load(DocumentKind.Protokollsutdrag) with
    {
        Beslut =
        [
            "Socialnämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.",
            "Socialnämnden överlämnar ärendet till kommunstyrelsen.",
        ],
        BeslutNumrerat = true,
        PlatsOchTid = "Socialförvaltningens lokaler, Swedenborgsgatan 20, tisdag 24 september 2024 kl. 18.00",
        ForslagTillFullmaktige = ["Kommunfullmäktige antar programmet för de mänskliga rättigheterna."],
        OmedelbarJustering = false,
        JusteratDigitalt = [],
        Reservationer =
        [
            new Anforande(["Göran Östlund (S)", "Fatima Çelik (S)"], null, Reservationsform.Skriftlig, "vice ordförandens tilläggsyrkande",
                "https://insyn.stockholm.se/bilaga-1-reservation-s"),
            new Anforande(["Jonas Älvdal (V)"], null, Reservationsform.Muntlig),
        ],
    };

    [Test]
    public void Every_block_prints_in_the_pdf_in_order()
    {
        var text = Examples.Flat(Tools.PdfToText(Examples.Renderer.RenderPdf(Model(), pdfA: true)));

        string[] inOrder =
        [
            "Plats och tid", "Swedenborgsgatan 20",
            "Beslut", "1. Socialnämnden godkänner", "2. Socialnämnden överlämnar",
            "Förslag till kommunfullmäktige", "Kommunfullmäktige antar programmet",
            "Göran Östlund (S) och Fatima Çelik (S) reserverar sig skriftligt mot beslutet till förmån för vice ordförandens tilläggsyrkande.",
            "Reservationen finns i bilaga: https://insyn.stockholm.se/bilaga-1-reservation-s",
            "Jonas Älvdal (V) reserverar sig muntligt mot beslutet.",
            "Justerandes signatur",
        ];
        var at = 0;
        foreach (var part in inOrder)
        {
            var next = text.IndexOf(part, at, StringComparison.Ordinal);
            Assert.That(next, Is.GreaterThanOrEqualTo(0), $"\"{part}\" printed after what came before it, in:\n{text}");
            at = next;
        }

        Assert.That(CountOf(text, "Justerandes signatur"), Is.EqualTo(2), "one box per justerare");
    }

    [Test]
    public void Numbered_beslutspunkter_are_one_tagged_list_and_the_bilaga_is_a_link()
    {
        var pdf = Examples.Renderer.RenderPdf(Model(), pdfA: true);
        var check = Tools.QpdfCheck(pdf);
        Assert.That(check, Does.Contain("No syntax or stream encoding errors found"));
        var structure = Tools.OnFile(pdf, "pdfinfo", "-struct");
        Assert.That(structure, Does.Contain("/L").Or.Contain("L ").Or.Contain("L\n"), "a list element");
        Assert.That(Tools.OnFile(pdf, "pdfinfo", "-struct-text"), Does.Contain("Socialnämnden överlämnar ärendet"));

        var raw = System.Text.Encoding.Latin1.GetString(pdf);
        Assert.That(raw, Does.Contain("insyn.stockholm.se/bilaga-1-reservation-s"), "the bilaga's address as a link annotation's URI");
    }

    [Test]
    public void Without_the_new_blocks_the_utdrag_reads_as_before()
    {
        var plain = (ProtokollsutdragModel)Examples.Load(DocumentKind.Protokollsutdrag);
        var text = Examples.Flat(Tools.PdfToText(Examples.Renderer.RenderPdf(plain, pdfA: true)));
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain("Plats och tid"));
            Assert.That(text, Does.Not.Contain("Förslag till kommunfullmäktige"));
            Assert.That(text, Does.Not.Contain("1. Socialnämnden"));
            Assert.That(text, Does.Contain("Göran Östlund (S) och Fatima Çelik (S) reserverar sig mot beslutet."));
        });
    }

    [Test]
    public void A_protokoll_justerat_in_RemissFlow_prints_the_signatures_not_empty_boxes()
    {
        var digital = Model() with { JusteratDigitalt = ["Justerat digitalt av Ebba Åkesson (M) den 26 september 2024 kl. 09.12"] };
        var text = Examples.Flat(Tools.PdfToText(Examples.Renderer.RenderPdf(digital, pdfA: true)));
        Assert.That(text, Does.Contain("Justerat digitalt av Ebba Åkesson (M)"));
        Assert.That(text, Does.Not.Contain("Justerandes signatur"));
    }

    [Test]
    public void The_docx_validates_and_carries_every_block()
    {
        var bytes = Examples.Renderer.RenderDocx(Model());
        using var word = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(word).ToList();
        Assert.That(errors, Is.Empty, string.Join("\n", errors.Select(e => $"{e.Path?.XPath}: {e.Description}")));
        var body = word.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.Multiple(() =>
        {
            Assert.That(body, Does.Contain("Plats och tid"));
            Assert.That(body, Does.Contain("Förslag till kommunfullmäktige"));
            Assert.That(body, Does.Contain("reserverar sig skriftligt mot beslutet till förmån för vice ordförandens tilläggsyrkande."));
            Assert.That(body, Does.Contain("reserverar sig muntligt mot beslutet."));
            Assert.That(body, Does.Contain("Justerandes signatur"));
        });
        Assert.That(word.MainDocumentPart.Document.Body.Descendants<DocumentFormat.OpenXml.Wordprocessing.NumberingProperties>(), Is.Not.Empty,
            "the beslutspunkter are a Word list");
    }

    [Test]
    public void The_html_has_an_ordered_list_of_beslutspunkter()
    {
        var html = Examples.Renderer.RenderHtml(Model());
        Assert.That(html, Does.Contain("<ol"));
        Assert.That(html, Does.Contain("Förslag till kommunfullmäktige"));
        Assert.That(html, Does.Contain("reserverar sig muntligt mot beslutet."));
    }

    private static int CountOf(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
