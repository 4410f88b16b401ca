using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RemissFlow.Core.Domain;
using RemissFlow.Web.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Tests.Browser;

/// <summary>The nämndsekreterare prepares a meeting (members, föredragningslista, kallelse) and a ledamot reads the kallelse; every page passes axe at desktop and phone width.</summary>
public sealed class MeetingBrowserTests : BrowserFixture
{
    private const string Ledamot = "ledamot.sf@remissflow.test";

    private Task<(Guid Meeting, Guid Organ)> NextSfMeetingAsync() => App.QueryAsync(async db =>
    {
        var sf = await db.Organisationer.Where(o => o.DnrPrefix == "SF").Select(o => o.Id).SingleAsync();
        var organ = await db.Organ.Where(o => o.OrganisationId == sf && o.Kind == OrganKind.Namnd).Select(o => o.Id).SingleAsync();
        // The coming meeting: the demo's held ones had their kallelse too.
        var today = StockholmTime.Today(TimeProvider.System);
        var meeting = await db.Sammantraden.Where(m => m.OrganId == organ && m.KallelseSkickadAt != null && m.Datum >= today).OrderBy(m => m.Datum).Select(m => m.Id).FirstAsync();
        return (meeting, organ);
    });

    [Test]
    public async Task The_sekreterare_enters_a_member_adds_an_item_moves_it_and_sends_the_supplement()
    {
        var (meeting, organ) = await NextSfMeetingAsync();
        var page = await SignInAsync(MatrixWorld.SfSekreterare);

        await VisitAsync(page, $"/sammantraden/organ/{organ}/ledamoter", "ledamoter");
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("Eva Lindström");
        await page.GetByLabel("Namn", new() { Exact = true }).FillAsync("Kristina Palm");
        await page.GetByLabel("Uppdrag").SelectOptionAsync(new SelectOptionValue { Label = "Ordförande" });
        await page.GetByLabel("Från").FillAsync("2027-01-01");
        await page.GetByLabel("Till", new() { Exact = true }).FillAsync("2030-12-31");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lägg in" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("har redan ordförande under perioden (Eva Lindström");
        await CheckPageAsync(page, "ledamoter-fel");

        await VisitAsync(page, $"/sammantraden/{meeting}", "sammantrade");
        await page.GetByLabel("Rubrik").FillAsync("Yttrande över medborgarförslag om parkbänkar");
        await page.GetByLabel("Föredragande").FillAsync("Utredare Emma Sjöberg");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lägg till punkten" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Punkten är tillagd.");
        var items = page.Locator("ol.agenda > li");
        await Assertions.Expect(items.Last).ToContainTextAsync("Yttrande över medborgarförslag om parkbänkar");
        int count = await items.CountAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Flytta upp Yttrande över medborgarförslag om parkbänkar" }).ClickAsync();
        await Assertions.Expect(items.Nth(count - 2)).ToContainTextAsync("Yttrande över medborgarförslag om parkbänkar");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka tillägg med nya punkter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Tillägget med 1 punkt är skickat till 2 ledamöter och ersättare med konto.");
        await CheckPageAsync(page, "sammantrade-skickat");
        await page.SetViewportSizeAsync(375, 812);
        await CheckPageAsync(page, "sammantrade-mobil");
    }

    [Test]
    public async Task A_ledamot_reads_the_kallelse_and_its_handlingar_and_no_draft()
    {
        var (meeting, _) = await NextSfMeetingAsync();
        var page = await SignInAsync(Ledamot);

        await VisitAsync(page, "/kallelser", "kallelser");
        await page.Locator($"a[href='/kallelser/{meeting}']").ClickAsync();
        await Assertions.Expect(page.Locator("ol.agenda")).ToContainTextAsync("Budgetuppföljning per oktober");
        await Assertions.Expect(page.Locator("ol.agenda")).ToContainTextAsync("Förslag till beslut: Servicenämnden godkänner budgetuppföljningen");
        await CheckPageAsync(page, "kallelse");
        await page.SetViewportSizeAsync(375, 812);
        await CheckPageAsync(page, "kallelse-mobil");

        var pdf = await page.APIRequest.GetAsync($"/kallelser/{meeting}?handler=Pdf");
        Assert.That((pdf.Status, pdf.Headers["content-type"]), Is.EqualTo((200, "application/pdf")));
        // A page the ledamot may not open sends it to the refusal page rather than showing the förvaltning's ärenden.
        await page.GotoAsync("/mina-arenden");
        Assert.That(page.Url, Does.Contain("/konto/nekad"), "a ledamot has no list of the förvaltning's ärenden");
    }
}
