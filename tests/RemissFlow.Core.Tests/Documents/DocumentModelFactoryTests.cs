using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Documents;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Support;
using RemissFlow.Documents;
using RemissFlow.Documents.Models;

namespace RemissFlow.Core.Tests.Documents;

[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public class DocumentModelFactoryTests(DatabaseProvider provider)
{
    private TestApp app = null!;
    private DocumentSeed seed = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        app = await TestApp.StartAsync(provider, DocumentSeed.Now);
        seed = await DocumentSeed.ArrangeAsync(app);
    }

    [OneTimeTearDown]
    public async Task Stop() => await app.DisposeAsync();

    private async Task<T> With<T>(Func<DocumentModelFactory, Task<T>> use)
    {
        using var scope = app.Services.CreateScope();
        return await use(scope.ServiceProvider.GetRequiredService<DocumentModelFactory>());
    }

    private async Task<RenderedDocument> Render(Func<DocumentService, Task<RenderedDocument>> use)
    {
        using var scope = app.Services.CreateScope();
        return await use(scope.ServiceProvider.GetRequiredService<DocumentService>());
    }

    private byte[] Pdf(IDocumentModel model) => app.Services.GetRequiredService<DocumentRenderer>().RenderPdf(model);

    [Test]
    public async Task Tjansteutlatande_model_takes_the_approved_version_and_the_people_meeting_and_bilagor_from_the_database()
    {
        var m = await With(f => f.TjansteutlatandeAsync(seed.RemissvarId));

        Assert.Multiple(() =>
        {
            Assert.That(m.Organisation, Is.EqualTo("stockholm-sof"));
            Assert.That(m.Dnr, Is.EqualTo(DocumentSeed.SofDnr));
            Assert.That(m.Datum, Is.EqualTo(new DateOnly(2024, 8, 26)), "an approved TU is dated the day it was approved");
            Assert.That(m.Handlaggare, Is.EqualTo(new Person { Namn = "Lena Sjöberg", Telefon = "08-508 25 123", Epost = "lena.sjoberg@stockholm.se" }));
            Assert.That((m.Namnd, m.Sammantradesdatum), Is.EqualTo(("Socialnämnden", (DateOnly?)new DateOnly(2024, 9, 24))));
            Assert.That((m.Avsandare, m.AvsandareDnr, m.Svarsdatum), Is.EqualTo(("Kommunstyrelsen", "KS 2023/1159", new DateOnly(2024, 9, 30))));
            Assert.That(m.ForslagTillBeslut, Is.EqualTo(new[] { "Socialnämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.", "Paragrafen förklaras omedelbart justerad." }));
            Assert.That((m.OmedelbarJustering, m.BakgrundMedSvarsdatum), Is.EqualTo((false, false)), "the document says what the handläggare wrote, nothing added");
            Assert.That(m.Synpunkter, Is.EqualTo(new ProseBlock[]
            {
                new Subheading("Övergripande"),
                new Paragraph("Förvaltningen välkomnar programmet. Förvaltningen ser fram emot uppföljningen."),
            }).Using<IReadOnlyList<ProseBlock>>((a, b) => a.SequenceEqual(b)));
            Assert.That(m.Beredning.Handelser, Is.EqualTo(new[]
            {
                new RemissFlow.Documents.Models.BeredningHandelse("förvaltningsgruppen", new DateOnly(2024, 9, 18), "behandlat"),
                new RemissFlow.Documents.Models.BeredningHandelse("rådet för funktionshinderfrågor", new DateOnly(2024, 9, 19), "mojlighet"),
            }));
            Assert.That(m.Beredning.Text, Is.Null);
            Assert.That(m.Underskrifter.Select(p => (p.Namn, p.Titel)), Is.EqualTo(new[] { ("Gunilla Berg", (string?)"Socialdirektör") }));
            Assert.That(m.Bilagor, Is.EqualTo(new[] { "Program för mänskliga rättigheter", "Yttrande från rådet för funktionshinderfrågor" }));
        });
    }

    [Test]
    public async Task Tjansteutlatande_pdf_has_every_section_the_beredning_sentence_the_dnr_and_page_numbers()
    {
        var doc = await Render(s => s.RenderTjansteutlatandeAsync(seed.RemissvarId, OutputFormat.Pdf));
        var text = PdfText.Flat(doc.Content);

        Assert.Multiple(() =>
        {
            Assert.That(doc.MediaType, Is.EqualTo("application/pdf"));
            Assert.That(doc.FileName, Is.EqualTo("tjansteutlatande-SOF-2024-472.pdf"));
            foreach (var heading in new[] { "Förvaltningens förslag till beslut", "Sammanfattning", "Bakgrund", "Ärendet", "Ärendets beredning", "Förvaltningens synpunkter och förslag", "Bilagor" })
            {
                Assert.That(text, Does.Contain(heading));
            }

            Assert.That(text, Does.Contain(
                "Ärendet har behandlats i förvaltningsgruppen den 18 september 2024 och rådet för funktionshinderfrågor har haft möjlighet att behandla ärendet den 19 september 2024."));
            Assert.That(text, Does.Contain("senast den 30 september 2024"));
            Assert.That(text, Does.Contain("Dnr SOF 2024/472"));
            Assert.That(text, Does.Contain("Sida 1 ("));
            Assert.That(text, Does.Contain("Paragrafen förklaras omedelbart justerad."));
            Assert.That(text, Does.Contain("Lena Sjöberg"));
            Assert.That(text, Does.Contain("Gunilla Berg"));
            Assert.That(text, Does.Contain("Delaktighet och inflytande."));
        });
        var pages = System.Text.RegularExpressions.Regex.Matches(text, @"Sida (\d+) \((\d+)\)");
        Assert.That(pages, Is.Not.Empty);
        var total = int.Parse(pages[0].Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(pages.Select(p => int.Parse(p.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(Enumerable.Range(1, total)));
    }

    [Test]
    public async Task A_hand_written_beredning_text_replaces_the_generated_sentence()
    {
        var m = await With(f => f.TjansteutlatandeAsync(seed.RemissvarId, versionNummer: 3));
        var text = PdfText.Flat(Pdf(m));

        Assert.That(m.Beredning.Text, Is.EqualTo(new ProseBlock[] { new Paragraph("Ärendet har stämts av med stadsledningskontoret.") })
            .Using<IReadOnlyList<ProseBlock>>((a, b) => a.SequenceEqual(b)));
        Assert.That(text, Does.Contain("Ärendet har stämts av med stadsledningskontoret."));
        Assert.That(text, Does.Not.Contain("har behandlats i förvaltningsgruppen"));
    }

    [Test]
    public async Task An_unapproved_version_is_dated_when_it_was_saved()
    {
        var m = await With(f => f.TjansteutlatandeAsync(seed.RemissvarId, versionNummer: 1));

        Assert.That((m.Datum, m.Synpunkter.OfType<Paragraph>().First().Text), Is.EqualTo((new DateOnly(2024, 8, 21), "Utkast utan beredning. Förvaltningen ser fram emot uppföljningen.")));
    }

    [Test]
    public async Task Protokollsutdrag_shows_yrkanden_reservation_and_omedelbar_justering()
    {
        var m = await With(f => f.ProtokollsutdragAsync(seed.RemissvarId));
        var text = PdfText.Flat(Pdf(m));

        Assert.Multiple(() =>
        {
            Assert.That((m.Namnd, m.Sammantradesdatum, m.Paragraf), Is.EqualTo(("Socialnämnden", new DateOnly(2024, 9, 24), 12)));
            Assert.That(m.Reservationer.Single().Ledamoter, Is.EqualTo(new[] { "Bo Ström (M)", "Cecilia Holm (KD)" }));
            Assert.That(m.Justerare, Is.EqualTo(new[] { "Anna Ek", "Bo Ström" }));
            Assert.That(m.ExpedierasTill, Is.EqualTo(new[] { "Kommunstyrelsen", "Socialförvaltningen" }));
            Assert.That(m.Bestyrks.Namn, Is.EqualTo("Omar Nasser"));
            Assert.That(text, Does.Contain("§ 12"));
            Assert.That(text, Does.Contain("Reservation"));
            Assert.That(text, Does.Contain("Bo Ström (M)"));
            Assert.That(text, Does.Contain("Vi reserverar oss mot beslutet till förmån för eget förslag."));
            Assert.That(text, Does.Contain("Programmet borde ha kommit tidigare."));
            Assert.That(text, Does.Contain("Ordföranden yrkar bifall till förvaltningens förslag."));
            Assert.That(text, Does.Contain("Paragrafen förklaras omedelbart justerad"));
            Assert.That(text, Does.Contain("Utdragets riktighet bestyrks"));
        });
    }

    [Test]
    public async Task Missiv_lists_the_remisslista_grouped_and_the_remisshandlingar()
    {
        var m = await With(f => f.MissivAsync(seed.RemissId));
        var text = PdfText.Flat((await Render(s => s.RenderMissivAsync(seed.RemissId, OutputFormat.Pdf))).Content);

        Assert.Multiple(() =>
        {
            Assert.That(m.Organisation, Is.EqualTo("stockholm-ks"));
            Assert.That(m.Remisslista.Select(g => (g.Rubrik, string.Join("|", g.Instanser))), Is.EqualTo(new[]
            {
                ("Nämnder", "Socialnämnden|Utbildningsnämnden"),
                ("Bolagsstyrelser", "Stockholms Stadshus AB"),
                ("Övriga remissinstanser", "Funktionsrätt Stockholms stad"),
            }));
            Assert.That(m.Remisshandlingar, Is.EqualTo(new[] { "Program för mänskliga rättigheter" }));
            Assert.That((m.SvarsEpost, m.Kontaktperson.Namn, m.Datum), Is.EqualTo(("registrator.slk@stockholm.se", "Eva Lund", new DateOnly(2024, 6, 20))));
            foreach (var name in new[] { "Socialnämnden", "Utbildningsnämnden", "Stockholms Stadshus AB", "Funktionsrätt Stockholms stad", "KS 2023/1159", "den 30 september 2024" })
            {
                Assert.That(text, Does.Contain(name));
            }
        });
    }

    [Test]
    public async Task Paminnelse_names_the_original_date_and_the_granted_anstand()
    {
        var m = await With(f => f.PaminnelseAsync(seed.NyRemissvarId));
        var withoutAnstand = await With(f => f.PaminnelseAsync(seed.RemissvarId));
        var text = PdfText.Flat((await Render(s => s.RenderPaminnelseAsync(seed.NyRemissvarId, OutputFormat.Pdf))).Content);

        Assert.Multiple(() =>
        {
            Assert.That((m.Mottagare, m.UrsprungligtSvarsdatum, m.ForlangtSvarsdatum), Is.EqualTo(("Utbildningsnämnden", new DateOnly(2024, 9, 30), (DateOnly?)new DateOnly(2024, 10, 25))));
            Assert.That(withoutAnstand.ForlangtSvarsdatum, Is.Null);
            Assert.That(m.Datum, Is.EqualTo(new DateOnly(2024, 8, 26)), "dated today, by the clock");
            Assert.That(text, Does.Contain("25 oktober 2024"));
            Assert.That(text, Does.Contain("30 september 2024"));
        });
    }

    [Test]
    public async Task An_organisation_without_a_letterhead_file_gets_one_from_its_row()
    {
        var doc = await Render(s => s.RenderTjansteutlatandeAsync(seed.NyRemissvarId, OutputFormat.Pdf));
        var m = await With(f => f.TjansteutlatandeAsync(seed.NyRemissvarId));
        var text = PdfText.Flat(doc.Content);

        Assert.Multiple(() =>
        {
            Assert.That(m.Organisation, Is.EqualTo("generated-utbf"));
            Assert.That(text, Does.Contain("Utbildningsförvaltningen"));
            Assert.That(text, Does.Contain("Box 22049, 104 22 Stockholm"));
            Assert.That(text, Does.Contain("Stockholms stad"));
            Assert.That(text, Does.Contain("Dnr UTBF 2024/15"));
            Assert.That(m.Underskrifter, Is.Empty, "Utbildningsförvaltningen has no förvaltningschef in the database yet");
        });
    }

    [TestCase(OutputFormat.Pdf, "application/pdf", "missiv-KS-2023-1159.pdf", "%PDF")]
    [TestCase(OutputFormat.PdfA, "application/pdf", "missiv-KS-2023-1159-pdfa.pdf", "%PDF")]
    [TestCase(OutputFormat.Docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "missiv-KS-2023-1159.docx", "PK")]
    [TestCase(OutputFormat.Html, "text/html; charset=utf-8", "missiv-KS-2023-1159.html", "<!DOCTYPE html>")]
    public async Task Every_format_comes_with_its_media_type_and_a_safe_file_name(OutputFormat format, string mediaType, string fileName, string start)
    {
        var doc = await Render(s => s.RenderMissivAsync(seed.RemissId, format));

        Assert.That((doc.MediaType, doc.FileName), Is.EqualTo((mediaType, fileName)));
        Assert.That(System.Text.Encoding.UTF8.GetString(doc.Content, 0, start.Length), Is.EqualTo(start).IgnoreCase);
    }

    [Test]
    public async Task Missing_data_is_a_swedish_message_not_a_crash()
    {
        var noTu = Assert.ThrowsAsync<DocumentDataException>(() => With(f => f.TjansteutlatandeAsync(seed.RemissvarUtanTuId)));
        var noBeslut = Assert.ThrowsAsync<DocumentDataException>(() => With(f => f.ProtokollsutdragAsync(seed.NyRemissvarId)));
        var noVersion = Assert.ThrowsAsync<DocumentDataException>(() => With(f => f.TjansteutlatandeAsync(seed.RemissvarId, versionNummer: 9)));
        var unknown = Assert.ThrowsAsync<DocumentDataException>(() => With(f => f.PaminnelseAsync(Guid.NewGuid())));

        Assert.Multiple(() =>
        {
            Assert.That(noTu!.Message, Is.EqualTo("Ärendet SSAB 2024/3 har inget tjänsteutlåtande ännu."));
            Assert.That(noBeslut!.Message, Is.EqualTo("Inget beslut är registrerat i UTBF 2024/15."));
            Assert.That(noVersion!.Message, Is.EqualTo("Tjänsteutlåtandet i SOF 2024/472 har ingen version 9."));
            Assert.That(unknown!.Message, Is.EqualTo("Remissvaret finns inte."));
        });
    }
}
