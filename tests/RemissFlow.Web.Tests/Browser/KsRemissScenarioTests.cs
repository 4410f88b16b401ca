using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Browser;

/// <summary>
/// KS's side clicked through: create, remisslista (SF, SOF, PRO), handling, missiv, utskick; SOF's anstånd granted;
/// PRO's answer uploaded; the matrix; the sammanställning in every format; bulk reminders; the public page.
/// Every page passes axe (WCAG 2.1 A/AA) and is saved as a screenshot.
/// </summary>
public sealed class KsRemissScenarioTests : BrowserFixture
{
    private const string Title = "Program för stadens parker 2027–2030";

    [Test]
    public async Task Ks_sends_a_remiss_follows_the_answers_compiles_and_publishes()
    {
        var ks = await SignInAsync(Sessions.KsRegistrator);
        await VisitAsync(ks, "/remisser/ny", "ny");
        await ks.GetByLabel("Titel").FillAsync(Title);
        await ks.GetByLabel("Svarsdatum").FillAsync("2027-03-31");
        await ks.Locator("#Input_KontaktpersonNamn").FillAsync("Karin Lindqvist");
        await ks.GetByLabel("Tar emot förvaltningens svar").CheckAsync();
        await ks.GetByRole(AriaRole.Button, new() { Name = "Registrera remissen" }).ClickAsync();
        await Assertions.Expect(ks.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Title);
        await CheckPageAsync(ks, "remiss-utkast");
        var remissUrl = ks.Url;
        var id = Guid.Parse(remissUrl.Split('/').Last());

        // Remisslista: one ticked, the rest pasted; an unknown name is reported by its line first.
        await ks.GetByRole(AriaRole.Link, new() { Name = "Remisslistan", Exact = true }).ClickAsync();
        await CheckPageAsync(ks, "remisslista");
        await ks.GetByLabel("Servicenämnden").CheckAsync();
        await ks.GetByLabel("Klistra in namn").FillAsync("Socialnämnden\nFinns inte");
        await ks.GetByRole(AriaRole.Button, new() { Name = "Spara remisslistan" }).ClickAsync();
        await Assertions.Expect(ks.Locator(".error-summary")).ToContainTextAsync("Rad 2: ”Finns inte” finns inte i organisationsregistret.");
        await CheckPageAsync(ks, "remisslista-fel");
        await ks.GetByLabel("Klistra in namn").FillAsync("Socialnämnden\nPRO");
        await ks.GetByRole(AriaRole.Button, new() { Name = "Spara remisslistan" }).ClickAsync();
        await Assertions.Expect(ks.GetByRole(AriaRole.Status)).ToContainTextAsync("Remisslistan har 3 instanser.");

        // A remisshandling, then the missiv.
        await ks.GetByRole(AriaRole.Link, new() { Name = "Remisshandlingar" }).First.ClickAsync();
        await ks.GetByLabel("Ladda upp en remisshandling").SetInputFilesAsync(new FilePayload { Name = "Förslag till parkprogram.pdf", MimeType = "application/pdf", Buffer = TestFiles.Pdf("Parkprogram") });
        await ks.GetByRole(AriaRole.Button, new() { Name = "Ladda upp", Exact = true }).ClickAsync();
        await Assertions.Expect(ks.GetByRole(AriaRole.Status)).ToContainTextAsync("Förslag till parkprogram.pdf är bifogad.");
        await CheckPageAsync(ks, "handlingar");
        await VisitAsync(ks, $"/remisser/{id}/missiv", "missiv");
        await Assertions.Expect(ks.Locator(".missiv-preview")).ToContainTextAsync("Socialnämnden");
        var missiv = await ks.RunAndWaitForDownloadAsync(() => ks.GetByRole(AriaRole.Link, new() { Name = "Ladda ner missivet som PDF" }).ClickAsync());
        Assert.That(missiv.SuggestedFilename, Does.EndWith(".pdf"));

        await ks.GotoAsync(remissUrl);
        // Skicka ut is irreversible: the button asks first and says who gets the remiss and what becomes public.
        await ks.GetByRole(AriaRole.Link, new() { Name = "Skicka ut remissen …" }).ClickAsync();
        await Assertions.Expect(ks.Locator("#bekrafta")).ToContainTextAsync("skickas till 3 instanser");
        await Assertions.Expect(ks.Locator("#bekrafta")).ToContainTextAsync("PRO Stockholms län");
        await CheckPageAsync(ks, "remiss-bekrafta-utskick");
        await ks.GetByRole(AriaRole.Button, new() { Name = "Ja, skicka ut remissen" }).ClickAsync();
        await Assertions.Expect(ks.GetByRole(AriaRole.Status)).ToContainTextAsync("Remissen är utskickad");
        await CheckPageAsync(ks, "remiss-utskickad");
        await Assertions.Expect(ks.GetByRole(AriaRole.Link, new() { Name = "Återkalla remissen …" })).ToHaveCSSAsync("background-color", RolePagesTests.DangerRed);

        // SOF asks for anstånd (its own use case); KS grants it from the list on the remiss.
        var svar = await App.QueryAsync(db => db.Remissvar.Where(s => s.RemissId == id).Join(db.Organisationer, s => s.InstansId, o => o.Id, (s, o) => new { s.Id, o.DnrPrefix }).ToListAsync());
        var sof = svar.Single(s => s.DnrPrefix == "SOF").Id;
        await App.AsUserAsync("registrator.sof@remissflow.test", new RegisterRemissvar.Command(sof));
        await App.AsUserAsync("registrator.sof@remissflow.test", new RequestAnstand.Command(sof, new DateOnly(2027, 5, 20), "Nämnden sammanträder inte i mars; <b>maj</b> passar."));
        await ks.ReloadAsync();
        await Assertions.Expect(ks.Locator("#anstand").Locator("..")).ToContainTextAsync("<b>maj</b> passar.");
        await ks.GetByRole(AriaRole.Link, new() { Name = "Bevilja eller avslå anståndet för Socialnämnden" }).ClickAsync();
        await CheckPageAsync(ks, "svar-sof-anstand");
        // Nothing is chosen for KS: bevilja is a decision, not a default.
        await Assertions.Expect(ks.GetByLabel("Bevilja anstånd")).Not.ToBeCheckedAsync();
        await Assertions.Expect(ks.GetByLabel("Avslå")).Not.ToBeCheckedAsync();
        await ks.GetByLabel("Bevilja anstånd").CheckAsync();
        await ks.GetByRole(AriaRole.Button, new() { Name = "Spara beslutet" }).ClickAsync();
        await Assertions.Expect(ks.GetByRole(AriaRole.Status)).ToContainTextAsync("Anstånd beviljat för Socialnämnden till 20 maj 2027.");

        // PRO's answer came by e-mail: KS records it.
        var pro = svar.Single(s => s.DnrPrefix == "PRO").Id;
        await VisitAsync(ks, $"/remisser/{id}/svar/{pro}", "svar-pro");
        await ks.GetByLabel("Svaret som fil").SetInputFilesAsync(new FilePayload { Name = "PRO yttrande.pdf", MimeType = "application/pdf", Buffer = TestFiles.Pdf("PRO svarar") });
        await ks.GetByLabel("Ställningstagande").SelectOptionAsync(new SelectOptionValue { Label = "Tillstyrker med synpunkter" });
        await ks.GetByLabel("Nyckelpunkter").FillAsync("Fler bänkar och toaletter i parkerna.");
        await ks.GetByRole(AriaRole.Button, new() { Name = "Registrera svaret" }).ClickAsync();
        await Assertions.Expect(ks.GetByRole(AriaRole.Status)).ToContainTextAsync("Svaret från PRO Stockholms län är registrerat.");
        await CheckPageAsync(ks, "svar-pro-registrerat");

        // The samordnare's matrix, reminders and sammanställning.
        var samordnare = await SignInAsync(Sessions.KsSamordnare);
        await VisitAsync(samordnare, $"/remisser/{id}", "matris");
        var matrix = samordnare.Locator("table.matrix");
        // Svarsdatum is ahead: SF has not answered yet, which is not "saknas".
        await Assertions.Expect(matrix.Locator("tr", new() { HasText = "Servicenämnden" })).ToContainTextAsync("Ej besvarad");
        await Assertions.Expect(matrix).Not.ToContainTextAsync("Saknas");
        await Assertions.Expect(matrix.Locator("tr", new() { HasText = "Socialnämnden" })).ToContainTextAsync("Anstånd till 20 maj 2027 (beviljat)");
        await Assertions.Expect(matrix.Locator("tr", new() { HasText = "PRO Stockholms län" })).ToContainTextAsync("Besvarat i tid");
        await Assertions.Expect(matrix.Locator("tr", new() { HasText = "PRO Stockholms län" })).ToContainTextAsync("Tillstyrker med synpunkter");
        // No box is ticked for the samordnare: who gets a reminder is chosen.
        await Assertions.Expect(samordnare.GetByLabel("Påminn Servicenämnden")).Not.ToBeCheckedAsync();
        await samordnare.GetByLabel("Påminn Servicenämnden").CheckAsync();
        await samordnare.GetByRole(AriaRole.Button, new() { Name = "Påminn de valda" }).ClickAsync();
        await Assertions.Expect(samordnare.GetByRole(AriaRole.Status)).ToContainTextAsync("Påminnelse skickad till Servicenämnden.");
        var sf = svar.Single(s => s.DnrPrefix == "SF").Id;
        Assert.That(await App.QueryAsync(db => db.Handelser.CountAsync(h => h.ArendeId == sf && h.Action == "paminnelse.skickad")), Is.EqualTo(1));

        await VisitAsync(samordnare, $"/remisser/{id}/sammanstallning", "sammanstallning");
        await Assertions.Expect(samordnare.Locator("dl.summary")).ToContainTextAsync("Andel i tid");
        foreach (var (name, extension) in new[] { ("PDF", ".pdf"), ("Word", ".docx"), ("Excel", ".xlsx"), ("CSV", ".csv"), ("ZIP med alla svar", ".zip") })
        {
            var download = await samordnare.RunAndWaitForDownloadAsync(() => samordnare.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync());
            Assert.That(download.SuggestedFilename, Does.EndWith(extension));
            Assert.That(new FileInfo((await download.PathAsync())!).Length, Is.GreaterThan(100), name);
        }

        await samordnare.GetByLabel("Nyckelpunkter för PRO Stockholms län").FillAsync("Fler bänkar, toaletter och belysning.");
        await samordnare.GetByRole(AriaRole.Button, new() { Name = "Spara nyckelpunkterna för PRO Stockholms län" }).ClickAsync();
        await Assertions.Expect(samordnare.GetByRole(AriaRole.Status)).ToContainTextAsync("Nyckelpunkterna för PRO Stockholms län sparades.");
        await samordnare.GetByRole(AriaRole.Button, new() { Name = "Publicera sammanställningen" }).ClickAsync();
        await Assertions.Expect(samordnare.GetByRole(AriaRole.Status)).ToContainTextAsync("publicerad");
        await CheckPageAsync(samordnare, "sammanstallning-publicerad");
        await VisitAsync(samordnare, "/oversikt", "oversikt");

        // The public page, without signing in: exactly what is public.
        var anonymous = await NewPageAsync();
        await VisitAsync(anonymous, "/publikt/remisser", "publikt-lista");
        await VisitAsync(anonymous, $"/publikt/remisser/{id}", "publikt-remiss");
        var body = await anonymous.Locator("main").InnerTextAsync();
        Assert.Multiple(() =>
        {
            Assert.That(body, Does.Contain("Förslag till parkprogram").And.Contain("Servicenämnden").And.Contain("Socialnämnden").And.Contain("PRO Stockholms län"));
            Assert.That(body, Does.Contain("Fler bänkar, toaletter och belysning."));
            Assert.That(body, Does.Not.Contain("sammanträder inte i mars"), "anståndets motivering är intern");
        });
        var draftId = await App.QueryAsync(db => db.Remisser.Where(r => r.Status == "utkast").Select(r => (Guid?)r.Id).FirstOrDefaultAsync());
        var draft = await anonymous.GotoAsync($"/publikt/remisser/{draftId ?? Guid.NewGuid()}");
        Assert.That(draft!.Status, Is.EqualTo(404));
    }

    [Test]
    public async Task The_public_record_of_the_demo_remiss_hides_drafts_and_serves_only_listed_documents()
    {
        var finished = await App.QueryAsync(db => db.Remisser.SingleAsync(r => r.Dnr == "KS 2025/1616"));
        var draftTexts = await App.QueryAsync(db => db.Remissvar.Where(s => s.RemissId != finished.Id && s.Status != "inlamnad")
            .Join(db.Tjansteutlatanden, s => s.Id, t => t.RemissvarId, (s, t) => t.Id)
            .Join(db.TjansteutlatandeVersioner, t => t, v => v.TjansteutlatandeId, (t, v) => v.Sammanfattning).ToListAsync());
        var page = await NewPageAsync();
        await VisitAsync(page, $"/publikt/remisser/{finished.Id}", "publikt-demo");
        var text = await page.Locator("main").InnerTextAsync();
        var motiveringar = await App.QueryAsync(db => db.Anstand.Select(a => a.Motivering).ToListAsync());
        Assert.Multiple(async () =>
        {
            Assert.That(motiveringar, Is.Not.Empty);
            foreach (var m in motiveringar)
            {
                Assert.That(text, Does.Not.Contain(m));
            }

            foreach (var d in draftTexts.Where(d => !string.IsNullOrWhiteSpace(d)))
            {
                Assert.That(text, Does.Not.Contain(d));
            }

            var guessed = await page.APIRequest.GetAsync($"/publikt/remisser/{finished.Id}?handler=Dokument&dokument=tu-{Guid.NewGuid():N}");
            Assert.That(guessed.Status, Is.EqualTo(404));
            var listed = page.Locator("#p-handlingar").Locator("..").GetByRole(AriaRole.Link).First;
            var download = await page.RunAndWaitForDownloadAsync(() => listed.ClickAsync());
            Assert.That(download.SuggestedFilename, Does.EndWith(".pdf"));
        });
    }
}
