using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Browser;

public sealed class RemissFormTests : BrowserFixture
{
    [Test]
    public async Task Ks_registrator_creates_a_remiss_through_the_form()
    {
        var page = await SignInAsync(Sessions.KsRegistrator);
        await VisitAsync(page, "/remisser", "remisser-tom");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ny remiss" }).ClickAsync();
        await CheckPageAsync(page, "remiss-ny");

        await page.GetByLabel("Titel").FillAsync("Förslag till handlingsplan för jämställdhet 2026–2029");
        await page.GetByLabel("Svarsdatum").FillAsync("2027-04-24");
        await page.GetByLabel("Beskrivning").FillAsync("Stadsledningskontoret önskar synpunkter på förslaget.\nSvara med ert beslut.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrera remissen" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Förslag till handlingsplan för jämställdhet 2026–2029");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Remissen registrerades som KS ");
        await Assertions.Expect(page.Locator("dl.facts")).ToContainTextAsync("24 april 2027");
        await CheckPageAsync(page, "remiss-skapad");

        await VisitAsync(page, "/remisser", "remisser-en");
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("2027-04-24");
        var stored = await App.QueryAsync(db => db.Remisser.SingleAsync(r => r.Title == "Förslag till handlingsplan för jämställdhet 2026–2029"));
        Assert.That(stored.Svarsdatum, Is.EqualTo(new DateOnly(2027, 4, 24)));
    }

    [Test]
    public async Task An_empty_title_shows_the_error_next_to_the_field_and_in_the_summary()
    {
        var page = await SignInAsync(Sessions.KsSamordnare);
        await VisitAsync(page, "/remisser/ny", "remiss-ny-samordnare");
        var before = await App.QueryAsync(db => db.Remisser.CountAsync());
        await page.GetByLabel("Diarienummer").FillAsync("inte ett dnr");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrera remissen" }).ClickAsync();

        var summary = page.Locator(".error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Titel måste fyllas i.");
        await Assertions.Expect(summary).ToContainTextAsync("Svarsdatum måste fyllas i.");
        await Assertions.Expect(summary).ToContainTextAsync("Diarienummer har fel form");
        await Assertions.Expect(page.Locator("#Input_Title-fel")).ToContainTextAsync("Titel måste fyllas i.");
        await Assertions.Expect(page.GetByLabel("Titel")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("Diarienummer")).ToHaveValueAsync("inte ett dnr");
        await CheckPageAsync(page, "remiss-ny-fel");

        await summary.GetByRole(AriaRole.Link, new() { Name = "Titel måste fyllas i." }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Titel")).ToBeFocusedAsync();
        Assert.That(await App.QueryAsync(db => db.Remisser.CountAsync()), Is.EqualTo(before));
    }
}
