using System.Text.RegularExpressions;
using RemissFlow.Documents.Models;

namespace RemissFlow.Documents.Tests;

public class PdfOutputTests
{
    private static readonly DocumentKind[] Kinds = Enum.GetValues<DocumentKind>();

    [Test]
    public void Qpdf_check_is_clean_for_every_document_as_pdf_and_pdfa([ValueSource(nameof(Kinds))] DocumentKind kind, [Values] bool pdfA)
    {
        var output = Tools.QpdfCheck(Examples.Renderer.RenderPdf(Examples.Load(kind), pdfA));
        Assert.That(output, Does.Contain("No syntax or stream encoding errors found"));
        Assert.That(output, Does.Not.Contain("WARNING").IgnoreCase);
    }

    [Test]
    public void Every_page_carries_an_exact_page_label([ValueSource(nameof(Kinds))] DocumentKind kind)
    {
        var result = Examples.Renderer.RenderPdfWithPageCount(Examples.Load(kind), pdfA: true);
        var pages = Tools.PdfToText(result.Bytes).Split('\f').Where(p => p.Trim().Length > 0).ToArray();
        Assert.That(pages, Has.Length.EqualTo(result.Pages));
        for (var i = 0; i < pages.Length; i++)
        {
            Assert.That(pages[i], Does.Contain($"Sida {i + 1} ({result.Pages})"));
        }
    }

    [Test]
    public void Tjansteutlatande_round_trips_section_by_section_in_order()
    {
        var model = Examples.Load<TjansteutlatandeModel>();
        var result = Examples.Renderer.RenderPdfWithPageCount(model);
        Assert.That(result.Pages, Is.EqualTo(4), "the example TU is the 4-page benchmark document");
        var text = Examples.Flat(Tools.PdfToText(result.Bytes));

        string[] inOrder =
        [
            "Remiss av handlingsplan för ett jämställt Stockholm 2030",
            "Svar på remiss från Kommunstyrelsen, KS 2025/1616",
            "Förvaltningens förslag till beslut",
            "1. Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.",
            "2. Paragrafen förklaras omedelbart justerad.",
            "Sammanfattning", "Bakgrund", "Nämndens yttrande ska ha inkommit till Kommunstyrelsen senast den 24 april 2026.",
            "Ärendet", "Kunskap och information", "Välfärd och service", "Delaktighet och inflytande", "Uppföljning",
            "Ärendets beredning",
            "Ärendet har beretts inom avdelningen för verksamhetsstöd. Ärendet har behandlats i förvaltningsgruppen den 24 mars 2026 och rådet för funktionshinderfrågor har haft möjlighet att behandla ärendet den 26 mars 2026.",
            "Förvaltningens synpunkter och förslag", "Charlotte Goliath", "Förvaltningschef", "Jörgen Ärlebäck",
            "Bilagor", "1. Handlingsplan för ett jämställt Stockholm 2030",
        ];
        foreach (var header in new[] { "Stockholms stad", "Serviceförvaltningen", "Avdelningen för verksamhetsstöd", "Tjänsteutlåtande",
                     "Dnr SF 2026/186", "Sida 1 (4)", "2026-03-17", "Handläggare", "Åsa Öberg", "asa.oberg@stockholm.se", "Till", "Servicenämnden", "2026-04-14" })
        {
            Assert.That(text, Does.Contain(header), "first-page header");
        }

        var at = 0;
        foreach (var expected in inOrder)
        {
            var i = text.IndexOf(expected, at, StringComparison.Ordinal);
            Assert.That(i, Is.GreaterThanOrEqualTo(0), $"\"{expected}\" missing or out of order after position {at}");
            at = i + expected.Length;
        }

        foreach (var p in model.Synpunkter.OfType<Paragraph>())
        {
            Assert.That(text, Does.Contain(Examples.Flat(p.Text)));
        }

        Assert.That(text, Does.Contain("Remiss av handlingsplan för ett jämställt Stockholm 2030, KS 2025/1616"), "continuation header");
    }

    [Test]
    public void Beredning_reproduces_the_socialforvaltningen_sentence_and_can_be_overridden()
    {
        var model = Examples.Load<TjansteutlatandeModel>() with
        {
            Beredning = new Beredning
            {
                Enhet = "avdelningen för strategi och utveckling",
                Handelser =
                [
                    new BeredningHandelse("rådet för funktionshinderfrågor", new DateOnly(2024, 9, 19), "mojlighet"),
                    new BeredningHandelse("förvaltningsgruppen", new DateOnly(2024, 9, 18), "behandlat"),
                ],
            },
        };
        var text = Examples.Flat(Tools.PdfToText(Examples.Renderer.RenderPdf(model)));
        Assert.That(text, Does.Contain("Ärendet har beretts inom avdelningen för strategi och utveckling. Ärendet har behandlats i förvaltningsgruppen den 18 september 2024 och rådet för funktionshinderfrågor har haft möjlighet att behandla ärendet den 19 september 2024."));

        var edited = model with { Beredning = model.Beredning with { Text = [new Paragraph("Ärendet har beretts i samråd med stadsledningskontoret.")] } };
        var editedText = Examples.Flat(Tools.PdfToText(Examples.Renderer.RenderPdf(edited)));
        Assert.That(editedText, Does.Contain("Ärendet har beretts i samråd med stadsledningskontoret."));
        Assert.That(editedText, Does.Not.Contain("förvaltningsgruppen den 18 september"));
    }

    [Test]
    public void Protokollsutdrag_round_trips_yrkanden_votes_reservations_and_justering()
    {
        var text = Examples.Flat(Tools.PdfToText(Examples.Renderer.RenderPdf(Examples.Load(DocumentKind.Protokollsutdrag), pdfA: true)));
        string[] inOrder =
        [
            "Protokollsutdrag", "Dnr SOF 2024/472", "Sammanträde 2024-09-24",
            "§ 12 Remiss av Stockholms stads program för de mänskliga rättigheterna",
            "Beslut", "Socialnämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.",
            "Beslutsunderlag", "Yrkanden", "Ordföranden Ebba Åkesson (M) yrkar bifall till förvaltningens förslag.",
            "Propositionsordning", "Votering", "Ledamot", "Röst", "Göran Östlund (S)", "Nej", "Kent Ström (SD)", "Avstår",
            "Med sex ja-röster mot fyra nej-röster",
            "Reservation", "Göran Östlund (S) och Fatima Çelik (S) reserverar sig mot beslutet.",
            "Särskilt uttalande", "Sara Öhrn (MP) anmäler ett särskilt uttalande:",
            "Justering", "Paragrafen förklaras omedelbart justerad.", "Justerat den 24 september 2024 av Ebba Åkesson (M) och Göran Östlund (S).",
            "Utdragets riktighet bestyrks", "Kerstin Älvström", "Expedieras till", "Kommunstyrelsen",
        ];
        AssertInOrder(text, inOrder);
    }

    [Test]
    public void Missiv_and_paminnelse_round_trip()
    {
        var missiv = Examples.Flat(Tools.PdfToText(Examples.Renderer.RenderPdf(Examples.Load(DocumentKind.Missiv))));
        AssertInOrder(missiv,
        [
            "Remiss", "Dnr KS 2025/1616", "Remiss av handlingsplan för ett jämställt Stockholm 2030",
            "Remissvaren ska ha kommit in till kommunstyrelsen senast den 24 april 2026.",
            "Ange diarienummer KS 2025/1616 i ämnesraden.", "Remisslista", "Nämnder", "Östermalms stadsdelsnämnd", "Bolag", "Övriga",
            "Kontaktperson", "Örjan Ståhl", "Remisshandlingar", "1. Handlingsplan för ett jämställt Stockholm 2030",
        ]);

        var paminnelse = Examples.Flat(Tools.PdfToText(Examples.Renderer.RenderPdf(Examples.Load(DocumentKind.Paminnelse))));
        AssertInOrder(paminnelse,
        [
            "Påminnelse", "Till", "Skärholmens stadsdelsnämnd",
            "Skärholmens stadsdelsnämnd har beviljats anstånd med svaret på remissen av Handlingsplan för ett jämställt Stockholm 2030 (KS 2025/1616) till den 1 maj 2026; det ursprungliga svarsdatumet var den 24 april 2026.",
        ]);

        var withoutExtension = (PaminnelseModel)Examples.Load(DocumentKind.Paminnelse) with { ForlangtSvarsdatum = null };
        Assert.That(Examples.Flat(Tools.PdfToText(Examples.Renderer.RenderPdf(withoutExtension))),
            Does.Contain("Svaret skulle ha kommit in senast den 24 april 2026."));
    }

    [Test]
    public void Pdf_has_metadata_language_tags_and_a_pdfa_identification()
    {
        var bytes = Examples.Renderer.RenderPdf(Examples.Load(DocumentKind.Tjansteutlatande), pdfA: true);
        var info = Tools.Run("pdfinfo", WriteTemp(bytes)).Output;
        Assert.That(info, Does.Match(@"Title:\s+Tjänsteutlåtande: Remiss av handlingsplan"));
        Assert.That(info, Does.Match(@"Author:\s+Serviceförvaltningen"));
        Assert.That(info, Does.Match(@"Subject:\s+SF 2026/186"));
        Assert.That(info, Does.Match(@"Tagged:\s+yes"));

        var raw = System.Text.Encoding.Latin1.GetString(bytes);
        Assert.That(raw, Does.Contain("/Lang(sv-SE)"));
        Assert.That(raw, Does.Contain("pdfaid:part"), "PDF/A identification in the XMP metadata");
        Assert.That(Regex.Count(raw, "/S/H2"), Is.GreaterThanOrEqualTo(7), "section headings are tagged H2");
        Assert.That(raw, Does.Contain("/S/L").And.Contain("/S/LI").And.Contain("/S/P"));
        Assert.That(raw, Does.Contain("/FontFile2"), "the font is embedded");
        Assert.That(Regex.IsMatch(raw, @"/BaseFont/[A-Z]{6}\+Liberation#20Sans"), Is.True, "embedded as a subset");
    }

    [Test]
    public void User_text_is_drawn_literally()
    {
        var model = Examples.Load<TjansteutlatandeModel>() with
        {
            Synpunkter = [new Paragraph("<b>fet</b> (parentes) \\ {namnd} endstream stream % 100 &amp;")],
        };
        var pdf = Examples.Renderer.RenderPdf(model);
        Tools.QpdfCheck(pdf);
        Assert.That(Examples.Flat(Tools.PdfToText(pdf)), Does.Contain("<b>fet</b> (parentes) \\ {namnd} endstream stream % 100 &amp;"));
    }

    private static void AssertInOrder(string text, IEnumerable<string> expected)
    {
        var at = 0;
        foreach (var e in expected)
        {
            var i = text.IndexOf(e, at, StringComparison.Ordinal);
            Assert.That(i, Is.GreaterThanOrEqualTo(0), $"\"{e}\" missing or out of order after position {at}");
            at = i + e.Length;
        }
    }

    private static string WriteTemp(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rf-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
