using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Documents;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Lifecycle;
using RemissFlow.Core.Tests.Support;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace RemissFlow.Core.Tests.Intake;

/// <summary>Uses 3 and 4 of issue #17: an earlier TU imported as a version, and the TU's own DOCX edited in Word and brought back.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class ImporteraTuTextTests(DatabaseProvider provider)
{
    private TestApp _app = null!;
    private Scenario _s = null!;

    [SetUp]
    public async Task Start()
    {
        _app = await TestApp.StartAsync(provider);
        _s = await Scenario.BuildAsync(_app);
    }

    [TearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private async Task<Guid> TuInBeredningAsync()
    {
        var remiss = await _s.SendRemissAsync(new DateOnly(2026, 4, 24), _s.Sf);
        var svar = await _s.SvarAsync(remiss, _s.Sf);
        await _app.Ok(_s["sf.reg"], new RegisterRemissvar.Command(svar.Id));
        await _app.Ok(_s["sf.reg"], new AssignHandlaggare.Command(svar.Id, _s["sf.hl"].UserId!.Value));
        await _app.Ok(_s["sf.hl"], new FireRemissvarTrigger.Command(svar.Id, "paborja_beredning"));
        await _app.Ok(_s["sf.hl"], new SaveTjansteutlatande.Command(svar.Id, null, "Remiss av Handlingsplan för ett jämställt Stockholm 2030",
            "Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.\nParagrafen förklaras omedelbart justerad.",
            "Förvaltningen välkomnar handlingsplanen.\n\n## Metodstöd\n\nFörvaltningen saknar metodstöd för analyserna.",
            "Kommunstyrelsen har remitterat handlingsplanen.", "Handlingsplanen innehåller fyra mål:\n- styrning\n- uppföljning",
            "Ärendet har beretts i förvaltningsgruppen.", "Förvaltningen ställer sig positiv till handlingsplanen."));
        return svar.Id;
    }

    private async Task<byte[]> DocxAsync(Guid svar)
    {
        using var scope = _app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<DocumentService>().RenderTjansteutlatandeAsync(svar, OutputFormat.Docx, null)).Content;
    }

    /// <summary>What a person does in Word: rewrite one paragraph, and add a heading of their own with text under it.</summary>
    private static byte[] EditInWord(byte[] docx)
    {
        using var ms = new MemoryStream();
        ms.Write(docx);
        using (var word = WordprocessingDocument.Open(ms, true))
        {
            var body = word.MainDocumentPart!.Document!.Body!;
            var paragraph = body.Descendants<W.Paragraph>().First(p => p.InnerText == "Kommunstyrelsen har remitterat handlingsplanen.");
            foreach (var text in paragraph.Descendants<W.Text>().Skip(1).ToList())
            {
                text.Remove();
            }

            paragraph.Descendants<W.Text>().First().Text = "Kommunstyrelsen har remitterat handlingsplanen i mars, ändrat i Word.";
            var after = body.Descendants<W.Paragraph>().First(p => p.InnerText == "Förvaltningen ställer sig positiv till handlingsplanen.");
            var heading = new W.Paragraph(new W.ParagraphProperties(new W.ParagraphStyleId { Val = "Heading1" }), new W.Run(new W.Text("Övrigt från Word")));
            var extra = new W.Paragraph(new W.Run(new W.Text("Nämndens presidium vill diskutera remissen på nästa möte.")));
            after.InsertAfterSelf(heading);
            heading.InsertAfterSelf(extra);
        }

        return ms.ToArray();
    }

    private static string Flat(string text) => string.Join(' ', text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));

    [Test]
    public async Task A_tu_edited_in_word_comes_back_as_the_next_version_with_nothing_dropped()
    {
        var svar = await TuInBeredningAsync();
        var edited = EditInWord(await DocxAsync(svar));

        var proposal = await _app.Ok(_s["sf.hl"], new ImporteraTuText.Query(svar, edited, "tu.docx"));
        Assert.That(await _app.Query(db => db.TjansteutlatandeVersioner.CountAsync()), Is.EqualTo(1), "the import stores nothing");
        Assert.That(proposal.BasedOnVersion, Is.EqualTo(1));
        Assert.That(proposal.Rubrik, Is.EqualTo("Remiss av Handlingsplan för ett jämställt Stockholm 2030"));
        Assert.That(proposal.Text("Bakgrund"), Does.StartWith("Kommunstyrelsen har remitterat handlingsplanen i mars, ändrat i Word."));
        Assert.That(proposal.Text("Synpunkter"), Does.Contain("## Övrigt från Word").And.Contain("Nämndens presidium vill diskutera remissen på nästa möte."));
        Assert.That(proposal.Warnings, Has.Some.EqualTo("Texten under rubriken Övrigt från Word passade ingen avsnittsrubrik och lades i Förvaltningens synpunkter och förslag."));
        // The writer's own headings map back exactly and the unchanged sections come back as they were written.
        Assert.That(proposal.Sections.Where(s => s.Key != "Synpunkter").Select(s => s.Confidence), Is.All.EqualTo(1.0));
        Assert.That(proposal.Text("ForslagTillBeslut"), Is.EqualTo("Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.\nParagrafen förklaras omedelbart justerad."));
        Assert.That(proposal.Text("Sammanfattning"), Is.EqualTo("Förvaltningen välkomnar handlingsplanen.\n\n## Metodstöd\n\nFörvaltningen saknar metodstöd för analyserna."));
        Assert.That(proposal.Text("Arendet"), Is.EqualTo("Handlingsplanen innehåller fyra mål:\n\n- styrning\n- uppföljning"));

        var p = proposal;
        var saved = await _app.Ok(_s["sf.hl"], new SaveTjansteutlatande.Command(svar, p.BasedOnVersion, p.Rubrik!, p.Text("ForslagTillBeslut"), p.Text("Sammanfattning"),
            p.Text("Bakgrund"), p.Text("Arendet"), p.Text("ArendetsBeredning"), p.Text("Synpunkter"), "Importerad från Word"));
        Assert.That(saved.Nummer, Is.EqualTo(2));

        var versions = await _app.Query(db => db.TjansteutlatandeVersioner.AsNoTracking().OrderBy(v => v.Nummer).ToListAsync());
        var v2 = versions[1];
        Assert.That(v2.Bakgrund, Is.Not.EqualTo(versions[0].Bakgrund), "the versions differ where Word changed them, so Jämför shows the change");
        Assert.That(v2.Sammanfattning, Is.EqualTo(versions[0].Sammanfattning));
        var stored = Flat(string.Join(' ', v2.Rubrik, v2.ForslagTillBeslut, v2.Sammanfattning, v2.Bakgrund, v2.Arendet, v2.ArendetsBeredning, v2.Synpunkter));

        // Every paragraph of the edited document that is not made from the ärende's other data is in the new version.
        using var ms = new MemoryStream(edited);
        using var word = WordprocessingDocument.Open(ms, false);
        var body = word.MainDocumentPart!.Document!.Body!;
        var generated = new HashSet<string>(["Beslutsunderlag", "Bilagor", "Bilaga", "Beslutsplanering"]);
        var inSections = false;
        var checkedCount = 0;
        foreach (var para in body.Elements<W.Paragraph>())
        {
            var style = para.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
            var text = para.InnerText.Trim();
            if (style == "Heading1")
            {
                inSections = !generated.Contains(text);
                if (!inSections || ImporteraTuText.MatchHeading(text) is not null)
                {
                    continue;
                }
            }

            if (!inSections || text.Length == 0 || style == "Subtitle")
            {
                continue;
            }

            Assert.That(stored, Does.Contain(Flat(text)), $"paragraph kept: {text}");
            checkedCount++;
        }

        Assert.That(checkedCount, Is.GreaterThanOrEqualTo(9));
        Assert.That(await _app.Query(db => db.Handelser.CountAsync(h => h.Action == "tu.version_sparad")), Is.EqualTo(2));
    }

    [Test]
    public async Task An_earlier_tu_from_another_organisation_maps_onto_the_template_sections()
    {
        var svar = await TuInBeredningAsync();
        var docx = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "tests", "intake-set", "tu-kulturforvaltningen-bibliotek.docx"));

        var p = await _app.Ok(_s["sf.hl"], new ImporteraTuText.Query(svar, docx, "tu-kulturforvaltningen-bibliotek.docx"));
        Assert.That(p.Text("ForslagTillBeslut"), Does.Contain("Kulturnämnden tillstyrker förslaget till biblioteksplan"));
        Assert.That(p.Text("Sammanfattning"), Does.StartWith("Biblioteksplanen beskriver hur folkbiblioteken"));
        Assert.That(p.Text("Arendet"), Does.StartWith("Kommunstyrelsen har begärt kulturnämndens yttrande senast den 20 mars 2026."));
        Assert.That(p.Text("Synpunkter"), Does.StartWith("Planens mål är mätbara"));
        Assert.That(p.Sections.Single(s => s.Key == "Synpunkter").SourceHeading, Is.EqualTo("Förvaltningens synpunkter"));
        Assert.That(p.Sections.Single(s => s.Key == "Synpunkter").Confidence, Is.LessThan(1.0), "a synonym, not the template's own heading");
        // The letterhead above the first heading is kept, in the first section, and said so.
        Assert.That(p.Text("ForslagTillBeslut"), Does.Contain("Dnr KUN-2026-0041"));
        Assert.That(p.Warnings, Has.Some.StartsWith("Texten före första avsnittsrubriken"));

        var text = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "tests", "intake-set", "tu-serviceforvaltningen-jamstalldhet-2026.txt"));
        var t = await _app.Ok(_s["sf.hl"], new ImporteraTuText.Query(svar, text, "tu.txt"));
        Assert.That(t.Text("ForslagTillBeslut"), Does.Contain("Remissen besvaras med förvaltningens tjänsteutlåtande."));
        Assert.That(t.Text("Sammanfattning"), Does.StartWith("Kommunstyrelsen har remitterat Handlingsplan"));
        Assert.That(t.Format, Is.EqualTo("text"));
    }

    [Test]
    public async Task Refusals_name_the_field_and_store_nothing()
    {
        var svar = await TuInBeredningAsync();
        var empty = await _app.Send(_s["sf.hl"], new ImporteraTuText.Query(svar, [], "tu.docx"));
        Assert.That(empty.Refusal!.Errors.Single().Field, Is.EqualTo("Fil"));
        var wrong = await _app.Send(_s["sf.hl"], new ImporteraTuText.Query(svar, "not a pdf"u8.ToArray(), "tu.pdf"));
        Assert.That(wrong.Refusal!.Kind, Is.EqualTo(RefusalKind.Validation));
        Assert.That(wrong.Refusal.Message, Does.StartWith("Fil: "));
        var blank = await _app.Send(_s["sf.hl"], new ImporteraTuText.Query(svar, "\n \n"u8.ToArray(), "tu.txt"));
        Assert.That(blank.Refusal!.Message, Is.EqualTo("Fil: dokumentet innehåller ingen text att importera."));
        var other = await _app.Send(_s["sf.reg"], new ImporteraTuText.Query(svar, "Sammanfattning\nText."u8.ToArray(), "tu.txt"));
        Assert.That(other.Succeeded, Is.False);

        await _app.Ok(_s["sf.hl"], new RecordBeredning.Command(svar, Domain.OrganKind.Forvaltningsgrupp, new DateOnly(2026, 3, 2)));
        await _app.Ok(_s["sf.hl"], new FireRemissvarTrigger.Command(svar, "skicka_till_forvaltningschef"));
        var locked = await _app.Send(_s["sf.hl"], new ImporteraTuText.Query(svar, "Sammanfattning\nText."u8.ToArray(), "tu.txt"));
        Assert.That(locked.Refusal!.Kind, Is.EqualTo(RefusalKind.InvalidState));
        Assert.That(await _app.Query(db => db.TjansteutlatandeVersioner.CountAsync()), Is.EqualTo(1));
    }
}
