using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RemissFlow.Core;
using RemissFlow.Web.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Tests.Browser;

/// <summary>
/// One long scenario, clicked through as the förvaltning's real people (lean on purpose: it runs on two
/// cores). Every page on the way passes axe (WCAG 2.1 A/AA) and leaves a screenshot.
/// </summary>
public sealed class ArendeLifecycleTests : BrowserFixture
{
    private const string Title = "Program för en hållbar stadsmiljö";
    private const string SfChef = "chef.sf@remissflow.test";

    private Task<string> Status(Guid id) => App.QueryAsync(db => db.Remissvar.Where(v => v.Id == id).Select(v => v.Status).SingleAsync());

    private static async Task Click(IPage page, string button) =>
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();

    [Test]
    public async Task Sf_answers_a_remiss_from_arrival_to_handed_in()
    {
        var today = StockholmTime.Today(TimeProvider.System);
        var id = (await ArendeData.SendRemissAsync(App, Title, today.AddDays(50), "SF"))["SF"];

        // Registrator: inkorg → register (the new dnr is shown) → assign.
        var registrator = await SignInAsync(Sessions.SfRegistrator);
        await VisitAsync(registrator, "/inkorg", "inkorg");
        await registrator.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await CheckPageAsync(registrator, "arende-inkommen");
        await Click(registrator, "Registrera");
        await Assertions.Expect(registrator.GetByRole(AriaRole.Status)).ToContainTextAsync("diarienummer SF ");
        await registrator.GetByLabel("Handläggare").SelectOptionAsync(new SelectOptionValue { Label = "Emma Sjöberg" });
        await Click(registrator, "Tilldela handläggare");
        await Assertions.Expect(registrator.Locator(".facts")).ToContainTextAsync("Emma Sjöberg");
        await CheckPageAsync(registrator, "arende-tilldelat");

        // Handläggare: mina ärenden → first TU version with the template's defaults → förvaltningsgrupp → to the chef.
        var handlaggare = await SignInAsync(Sessions.SfHandlaggare);
        await VisitAsync(handlaggare, "/mina-arenden", "mina-arenden");
        await VisitAsync(handlaggare, "/notiser", "notiser");
        await handlaggare.GotoAsync($"/arenden/{id}");
        await Click(handlaggare, "Påbörja beredning");
        await handlaggare.GetByRole(AriaRole.Link, new() { Name = "Skriv tjänsteutlåtandet" }).ClickAsync();
        // Servicenämnden justerar remissvar omedelbart: the editor shows that point, as the document will say it.
        await Assertions.Expect(handlaggare.GetByLabel("Förvaltningens förslag till beslut")).ToHaveValueAsync(
            "Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.\nParagrafen förklaras omedelbart justerad.");
        await CheckPageAsync(handlaggare, "tu-ny");
        await handlaggare.GetByLabel("Sammanfattning").FillAsync("Förvaltningen ställer sig bakom programmet.");
        await handlaggare.GetByLabel("Ärendet", new() { Exact = true }).FillAsync("Programmet föreslår fler träd och mindre asfalt.");
        await handlaggare.GetByLabel("Förvaltningens synpunkter och förslag").FillAsync("Förvaltningen tillstyrker förslaget om fler träd.");
        await handlaggare.GetByLabel("Kommentar till versionen").FillAsync("Första utkastet");
        await Click(handlaggare, "Spara ny version");
        await Assertions.Expect(handlaggare.GetByRole(AriaRole.Status)).ToContainTextAsync("version 1");
        await handlaggare.GetByLabel("Beredningsorgan").SelectOptionAsync(new SelectOptionValue { Label = "Förvaltningsgrupp" });
        await handlaggare.GetByLabel("Datum för mötet").FillAsync(SwedishTextIso(today));
        await Click(handlaggare, "Registrera behandling");
        await Assertions.Expect(handlaggare.Locator("#beredning + *")).ToContainTextAsync("förvaltningsgruppen");
        await Click(handlaggare, "Skicka till förvaltningschef för godkännande");
        Assert.That(await Status(id), Is.EqualTo("hos_forvaltningschef"));

        // Förvaltningschef returns it with a comment; a comment is required.
        var chef = await SignInAsync(SfChef);
        await chef.GotoAsync($"/arenden/{id}");
        await CheckPageAsync(chef, "arende-hos-chef");
        await Click(chef, "Returnera");
        await Assertions.Expect(chef.Locator(".error-summary")).ToContainTextAsync("Kommentar måste fyllas i");
        await CheckPageAsync(chef, "arende-retur-fel");
        await chef.GetByLabel("Kommentar till handläggaren").FillAsync("Lägg till något om kostnaderna.");
        await Click(chef, "Returnera");
        Assert.That(await Status(id), Is.EqualTo("under_beredning"));

        // Handläggare saves version 2; the diff shows the change.
        await handlaggare.GotoAsync($"/arenden/{id}/tu");
        await handlaggare.GetByLabel("Förvaltningens synpunkter och förslag").FillAsync("Förvaltningen tillstyrker förslaget om fler träd. Kostnaderna ryms i budgeten.");
        await Click(handlaggare, "Spara ny version");
        await handlaggare.GetByRole(AriaRole.Link, new() { Name = "Jämför de två senaste versionerna" }).ClickAsync();
        await Assertions.Expect(handlaggare.Locator(".diff ins").First).ToContainTextAsync("Kostnaderna ryms i budgeten.");
        await CheckPageAsync(handlaggare, "tu-jamfor");

        // Two sessions edit version 2 at once: the second sees the conflict page with both texts, and its own text is kept.
        var other = await SignInAsync(Sessions.SfHandlaggare);
        await handlaggare.GotoAsync($"/arenden/{id}/tu");
        await other.GotoAsync($"/arenden/{id}/tu");
        await handlaggare.GetByLabel("Sammanfattning").FillAsync("Förvaltningen ställer sig bakom programmet i sin helhet.");
        await Click(handlaggare, "Spara ny version");
        await other.GetByLabel("Sammanfattning").FillAsync("Förvaltningen tillstyrker med en reservation om kostnaderna.");
        await Click(other, "Spara ny version");
        var conflict = other.Locator(".conflict");
        await Assertions.Expect(conflict).ToContainTextAsync("Någon annan sparade först");
        await Assertions.Expect(conflict).ToContainTextAsync("i sin helhet");
        await Assertions.Expect(conflict).ToContainTextAsync("med en reservation om kostnaderna");
        await Assertions.Expect(other.GetByLabel("Sammanfattning")).ToHaveValueAsync("Förvaltningen tillstyrker med en reservation om kostnaderna.");
        await CheckPageAsync(other, "tu-konflikt");
        await other.GetByLabel("Sammanfattning").FillAsync("Förvaltningen ställer sig bakom programmet i sin helhet.");
        await Click(other, "Spara ny version");
        await Assertions.Expect(other.GetByRole(AriaRole.Status)).ToContainTextAsync("version 4");
        await Click(other, "Skicka till förvaltningschef för godkännande");

        // Chef approves.
        await chef.GotoAsync($"/arenden/{id}");
        await Click(chef, "Godkänn tjänsteutlåtandet");
        Assert.That(await Status(id), Is.EqualTo("godkand"));

        // Nämndsekreterare: a meeting today (a bad CSV first: row-numbered errors), agenda, decision with a reservation and omedelbar justering, justering, hand in.
        var sekreterare = await SignInAsync(Sessions.SfSekreterare);
        // The deadline board, before the extra meeting below exists: impossible first, then at risk, then on track. A remiss due in two days cannot reach any meeting.
        var urgent = (await ArendeData.SendRemissAsync(App, "Brådskande remiss om vinterväghållning", today.AddDays(2), "SF"))["SF"];
        await App.AsUserAsync(Sessions.SfRegistrator, new RemissFlow.Core.Features.Remissvar.RegisterRemissvar.Command(urgent));
        await VisitAsync(sekreterare, "/bevakning", "bevakning");
        var statuses = await sekreterare.Locator("table tbody tr td:nth-child(7)").AllTextContentsAsync();
        int Rank(string s) => s.Trim() switch { "Inget sammanträde hinns" => 0, "I riskzonen" => 1, "I fas" => 2, _ => 3 };
        Assert.That(statuses, Is.Not.Empty);
        Assert.That(statuses.Select(Rank), Is.Ordered, string.Join(", ", statuses));
        Assert.That(statuses.Select(s => s.Trim()), Does.Contain("Inget sammanträde hinns"), "remissen med svar om två dagar hinner inget sammanträde");
        await VisitAsync(sekreterare, "/sammantraden", "sammantraden");
        await sekreterare.GetByLabel("CSV-fil").SetInputFilesAsync(new FilePayload { Name = "moten.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes("organ;datum;tid;lokal\nServicenämnden;2099-02-30;17:00;Ratsalen\n") });
        await Click(sekreterare, "Importera");
        await Assertions.Expect(sekreterare.Locator("#Fil-fel")).ToContainTextAsync("Rad 2");
        await CheckPageAsync(sekreterare, "sammantraden-importfel");
        await sekreterare.GetByLabel("Organ", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Servicenämnden" });
        await sekreterare.GetByLabel("Datum", new() { Exact = true }).FillAsync(SwedishTextIso(today));
        await sekreterare.GetByLabel("Lokal").FillAsync("Ratsalen");
        await sekreterare.GetByLabel("Extra sammanträde").CheckAsync();
        await Click(sekreterare, "Lägg in sammanträdet");
        await Assertions.Expect(sekreterare.GetByRole(AriaRole.Status)).ToContainTextAsync("är inlagt");

        await sekreterare.GotoAsync($"/arenden/{id}");
        // The option text may carry the plan's mark ("– rekommenderas av planen"), so pick it by its start.
        var todays = sekreterare.GetByLabel("Sammanträde").Locator("option", new() { HasTextString = $"Servicenämnden {SwedishTextIso(today)}" });
        await sekreterare.GetByLabel("Sammanträde").SelectOptionAsync(new SelectOptionValue { Value = await todays.First.GetAttributeAsync("value") });
        await Click(sekreterare, "Sätt på föredragningslistan");
        await sekreterare.GetByRole(AriaRole.Link, new() { Name = "Servicenämnden", Exact = false }).First.ClickAsync();
        // The agenda item reads "Remiss av program …": the title in lower case after "Remiss av".
        await Assertions.Expect(sekreterare.Locator(".agenda")).ToContainTextAsync("Remiss av program för en hållbar stadsmiljö");
        await CheckPageAsync(sekreterare, "foredragningslista");

        await sekreterare.GotoAsync($"/arenden/{id}/beslut");
        await CheckPageAsync(sekreterare, "beslut-ny");
        await Click(sekreterare, "Lägg till rad för yrkanden");
        await Assertions.Expect(sekreterare.GetByLabel("Ledamot 4").First).ToBeVisibleAsync();
        await sekreterare.GetByLabel("Paragraf (§)").FillAsync("88");
        await sekreterare.GetByLabel("Ställningstagande").SelectOptionAsync(new SelectOptionValue { Label = "Tillstyrker med synpunkter" });
        await sekreterare.GetByLabel("Paragrafen förklarades omedelbart justerad").CheckAsync();
        var reservationer = sekreterare.Locator("#Input_Reservationer");
        await reservationer.GetByLabel("Ledamot 1").FillAsync("Kim Berg (V)");
        await reservationer.GetByLabel("Text 1").FillAsync("Jag reserverar mig mot beslutet <till förmån för mitt yrkande>.");
        await reservationer.GetByLabel("Form 1").SelectOptionAsync(new SelectOptionValue { Label = "Skriftlig" });
        await reservationer.GetByLabel("Till förmån för 1").FillAsync("Vänsterpartiets yrkande");
        await reservationer.GetByLabel("Bilaga 1").FillAsync("Bilaga 3");
        // The reservation's own fields at phone width: label, hint and field stacked, nothing cut off.
        await sekreterare.SetViewportSizeAsync(375, 812);
        await CheckPageAsync(sekreterare, "beslut-reservation-375");
        await sekreterare.SetViewportSizeAsync(1280, 900);
        await Click(sekreterare, "Registrera beslutet");
        await Assertions.Expect(sekreterare.GetByRole(AriaRole.Status)).ToContainTextAsync("§ 88");
        await Assertions.Expect(sekreterare.Locator(".beslut")).ToContainTextAsync("<till förmån för mitt yrkande>");
        await Assertions.Expect(sekreterare.Locator(".beslut")).ToContainTextAsync("skriftlig reservation; till förmån för Vänsterpartiets yrkande; i bilaga: Bilaga 3");
        await sekreterare.GetByLabel("Justerare").FillAsync("Anna Ek, Bo Lind");
        await Click(sekreterare, "Registrera justering");
        await Assertions.Expect(sekreterare.GetByRole(AriaRole.Link, new() { Name = "PDF protokollsutdrag" })).ToBeVisibleAsync();
        var utdrag = await sekreterare.APIRequest.GetAsync($"/arenden/{id}/dokument/protokollsutdrag/pdf");
        Assert.That(utdrag.Status, Is.EqualTo(200));
        var utdragText = PdfText.Flat(await utdrag.BodyAsync());
        Assert.That(utdragText, Does.Contain("Kim Berg (V) reserverar sig skriftligt mot beslutet till förmån för Vänsterpartiets yrkande."));
        Assert.That(utdragText, Does.Contain("Bilaga 3"));
        // "Lämna in" confirms what is sent and ends on a receipt.
        await sekreterare.GetByRole(AriaRole.Link, new() { Name = "Lämna in svaret …" }).ClickAsync();
        await Assertions.Expect(sekreterare.Locator("#skickas")).ToContainTextAsync("Protokollsutdrag § 88");
        await CheckPageAsync(sekreterare, "lamna-in");
        await sekreterare.GetByRole(AriaRole.Button, new() { Name = "Lämna in svaret till Kommunstyrelsen" }).ClickAsync();
        await Assertions.Expect(sekreterare.Locator("#kvitto")).ToContainTextAsync("Kommunstyrelsen");
        await Assertions.Expect(sekreterare.Locator("#skickat")).ToContainTextAsync("Tjänsteutlåtande, version");
        await CheckPageAsync(sekreterare, "kvitto");
        await sekreterare.GetByRole(AriaRole.Link, new() { Name = "Tillbaka till ärendet" }).ClickAsync();
        await Assertions.Expect(sekreterare.Locator(".facts")).ToContainTextAsync("Inlämnad");
        await CheckPageAsync(sekreterare, "arende-inlamnat");
        Assert.That(await Status(id), Is.EqualTo("inlamnad"));

        await VisitAsync(sekreterare, "/kalender", "kalender");
    }

    private static string SwedishTextIso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
