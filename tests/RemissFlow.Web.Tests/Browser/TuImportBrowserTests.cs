using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Arenden;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Browser;

/// <summary>
/// Issue #17, uses 3 and 4, on both databases: Servicenämnden's handläggare reads a TU written in Word (one heading in
/// another organisation's words, "Kontorets synpunkter") into the editor. The form is prefilled and nothing is saved
/// until the usual save, which makes version 2; a file that is not a Word file, and no file at all, get the Swedish
/// message at the field and store nothing. axe-clean screenshots at 1280 and 375 px, and no sideways scroll on the phone.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class TuImportBrowserTests(DatabaseProvider provider) : BrowserFixture
{
    protected override DatabaseProvider Provider => provider;

    private const string FileName = "tu-fran-word.docx";

    private const string Forslag = "Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.";

    private const string Synpunkter = "Kontoret ser positivt på programmet men saknar en plan för uppföljningen.";

    private static readonly byte[] WordFile = TuWordFile.Build(
        ("Förvaltningens förslag till beslut", Forslag),
        ("Sammanfattning", "Programmet samlar stadens arbete med tillgänglighet."),
        ("Bakgrund", "Kommunstyrelsen har skickat programmet på remiss till nämnden."),
        ("Ärendet", "Programmet föreslår fyra mål för de kommande åren."),
        ("Kontorets synpunkter", Synpunkter));

    private Task<int> VersionsAsync(Guid id) =>
        App.QueryAsync(db => db.Tjansteutlatanden.Where(t => t.RemissvarId == id).SelectMany(t => t.Versioner).CountAsync());

    private static async Task UploadAsync(IPage page, string? name, byte[]? content)
    {
        if (name is not null)
        {
            await page.GetByLabel("Fil", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = name, MimeType = TuWordFile.MediaType, Buffer = content! });
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Läs in texten" }).ClickAsync();
    }

    [Test]
    public async Task The_handlaggare_reads_a_word_file_into_the_editor_checks_the_notice_and_saves_a_new_version()
    {
        var id = await ArendeSteps.UnderBeredningAsync(App, "Program för tillgänglighet från Word");
        var page = await SignInAsync(Sessions.SfHandlaggare);
        await page.SetViewportSizeAsync(1280, 900);
        await VisitAsync(page, $"/arenden/{id}/tu", "1280-tu-import-form");

        // A text file named .docx, and then no file at all: the message names the field, the saved text stays, nothing is stored.
        await UploadAsync(page, "anteckningar.docx", Encoding.UTF8.GetBytes("Det här är inte ett Word-dokument."));
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("Fil: Filen har ändelsen .docx men innehållet är inte DOCX.");
        await Assertions.Expect(page.Locator("#fil-fel")).ToContainTextAsync("Fil:");
        await Assertions.Expect(page.Locator(".error-summary a")).ToHaveAttributeAsync("href", "#fil");
        await Assertions.Expect(page.GetByLabel("Fil", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("Förvaltningens synpunkter och förslag", new() { Exact = true })).ToHaveValueAsync("Förvaltningen har inga synpunkter.");
        await CheckPageAsync(page, "1280-tu-import-fel");
        await UploadAsync(page, null, null);
        await Assertions.Expect(page.Locator("#fil-fel")).ToContainTextAsync("Fil: välj en Word-, PDF- eller textfil att importera.");
        Assert.That(await VersionsAsync(id), Is.EqualTo(1), "a refused import stores nothing");

        await UploadAsync(page, FileName, WordFile);
        var notice = page.Locator(".tu-import-notice");
        await Assertions.Expect(notice.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync($"Texten från {FileName} är inläst men inte sparad");
        await Assertions.Expect(notice).ToContainTextAsync("”Kontorets synpunkter” lades i Förvaltningens synpunkter och förslag");
        await Assertions.Expect(notice).ToContainTextAsync("Filen hade ingen text för: Ärendets beredning.");
        await Assertions.Expect(page.GetByLabel("Förvaltningens förslag till beslut", new() { Exact = true })).ToHaveValueAsync(Forslag);
        await Assertions.Expect(page.GetByLabel("Bakgrund", new() { Exact = true })).ToHaveValueAsync("Kommunstyrelsen har skickat programmet på remiss till nämnden.");
        await Assertions.Expect(page.GetByLabel("Förvaltningens synpunkter och förslag", new() { Exact = true })).ToHaveValueAsync(Synpunkter);
        // The rubrik is not in the file, so the saved one stays; the version's comment says where the text came from.
        await Assertions.Expect(page.GetByLabel("Rubrik", new() { Exact = true })).ToHaveValueAsync("Remiss av programmet");
        await Assertions.Expect(page.GetByLabel("Kommentar till versionen")).ToHaveValueAsync($"Importerad från {FileName}");
        Assert.That(await VersionsAsync(id), Is.EqualTo(1), "the import itself stores nothing");
        await CheckPageAsync(page, "1280-tu-import-forslag");

        await page.SetViewportSizeAsync(375, 812);
        await CheckPageAsync(page, "375-tu-import-forslag");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.That(overflow, Is.LessThanOrEqualTo(0), "no horizontal scroll at 375 px");
        await page.SetViewportSizeAsync(1280, 900);

        await page.GetByRole(AriaRole.Button, new() { Name = "Spara ny version" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Tjänsteutlåtandet sparades som version 2.");
        var versions = page.GetByRole(AriaRole.Table, new() { Name = "Versioner, senaste först" });
        await Assertions.Expect(versions.Locator("tbody tr").First.Locator("td").Nth(0)).ToHaveTextAsync("2");
        await Assertions.Expect(versions.Locator("tbody tr").First.Locator("td").Nth(3)).ToHaveTextAsync($"Importerad från {FileName}");
        await CheckPageAsync(page, "1280-tu-import-sparad");

        var saved = await App.QueryAsync(db => db.Tjansteutlatanden.AsNoTracking().Where(t => t.RemissvarId == id)
            .SelectMany(t => t.Versioner).Where(v => v.Nummer == 2).Select(v => new { v.Synpunkter, v.ForslagTillBeslut }).SingleAsync());
        Assert.That(saved.Synpunkter, Is.EqualTo(Synpunkter));
        Assert.That(saved.ForslagTillBeslut, Is.EqualTo(Forslag));
    }

    /// <summary>Use 4: the TU downloaded from its page as a Word file, one paragraph rewritten and a heading of the editor's
    /// own added in Word, read back: the rewrite lands in its section, the new heading's text in the nearest section with
    /// the warning, and the saved version differs from the first where Word changed it (Jämför shows it).</summary>
    [Test]
    public async Task A_tu_downloaded_as_word_edited_and_read_back_becomes_the_next_version_with_nothing_dropped()
    {
        var id = await ArendeSteps.UnderBeredningAsync(App, "Program för trygghet i Word och tillbaka");
        var page = await SignInAsync(Sessions.SfHandlaggare);
        await page.SetViewportSizeAsync(1280, 900);
        await VisitAsync(page, $"/arenden/{id}/tu", "1280-tu-rundtur-start");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Hämta version 1 som Word-fil" }).ClickAsync());
        var path = await download.PathAsync();
        var edited = EditInWord(await File.ReadAllBytesAsync(path!));

        await UploadAsync(page, download.SuggestedFilename, edited);
        var notice = page.Locator(".tu-import-notice");
        await Assertions.Expect(notice).ToContainTextAsync("Texten under rubriken Övrigt från Word passade ingen avsnittsrubrik och lades i Förvaltningens synpunkter och förslag.");
        await Assertions.Expect(page.GetByLabel("Bakgrund", new() { Exact = true })).ToHaveValueAsync("Kommunstyrelsen har skickat programmet på remiss i mars, ändrat i Word.");
        var synpunkter = await page.GetByLabel("Förvaltningens synpunkter och förslag", new() { Exact = true }).InputValueAsync();
        Assert.That(synpunkter, Does.Contain("Förvaltningen har inga synpunkter.").And.Contain("Nämndens presidium vill diskutera remissen."), "nothing of the Word file is dropped");
        await CheckPageAsync(page, "1280-tu-rundtur-inlast");

        await page.GetByRole(AriaRole.Button, new() { Name = "Spara ny version" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Tjänsteutlåtandet sparades som version 2.");
        await VisitAsync(page, $"/arenden/{id}/tu/jamfor?fran=1&till=2", "1280-tu-rundtur-jamfor");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("i mars, ändrat i Word");
        await page.SetViewportSizeAsync(375, 812);
        await CheckPageAsync(page, "375-tu-rundtur-jamfor");
    }

    /// <summary>What a person does in Word: rewrite one paragraph, and add a heading of their own with text under it.</summary>
    private static byte[] EditInWord(byte[] docx)
    {
        using var ms = new MemoryStream();
        ms.Write(docx);
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(ms, true))
        {
            var body = word.MainDocumentPart!.Document!.Body!;
            var paragraph = body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().First(p => p.InnerText == "Kommunstyrelsen har skickat programmet på remiss.");
            foreach (var text in paragraph.Descendants<DocumentFormat.OpenXml.Wordprocessing.Text>().Skip(1).ToList())
            {
                text.Remove();
            }

            paragraph.Descendants<DocumentFormat.OpenXml.Wordprocessing.Text>().First().Text = "Kommunstyrelsen har skickat programmet på remiss i mars, ändrat i Word.";
            var after = body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().First(p => p.InnerText == "Förvaltningen har inga synpunkter.");
            var heading = TuWordFile.Heading("Övrigt från Word");
            after.InsertAfterSelf(heading);
            heading.InsertAfterSelf(new DocumentFormat.OpenXml.Wordprocessing.Paragraph(new DocumentFormat.OpenXml.Wordprocessing.Run(new DocumentFormat.OpenXml.Wordprocessing.Text("Nämndens presidium vill diskutera remissen."))));
        }

        return ms.ToArray();
    }
}
