using Microsoft.Playwright;
using RemissFlow.Core.Features.Arkiv;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Browser;

/// <summary>The arkivarie chooses and downloads an FGS package, sees the delivery listed, and a bad choice is told why; axe at desktop and phone width.</summary>
public sealed class ArkivBrowserTests : BrowserFixture
{
    private const string Arkivarie = "arkivarie@remissflow.test";
    private const string FinishedDnr = "KS 2025/1616";

    [Test]
    public async Task The_arkivarie_downloads_the_finished_remiss_as_a_package_that_verifies_and_sees_it_delivered()
    {
        var page = await SignInAsync(Arkivarie);
        await VisitAsync(page, "/arkiv", "arkiv");
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync(FinishedDnr);

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = $"Ladda ned paket för {FinishedDnr}" }).ClickAsync());
        Assert.That(download.SuggestedFilename, Does.Match("^uuid-[0-9a-f-]{36}\\.zip$"));
        var dir = Directory.CreateTempSubdirectory("remissflow-arkiv-browser-").FullName;
        try
        {
            var zip = Path.Combine(dir, download.SuggestedFilename);
            await download.SaveAsAsync(zip);
            var check = VerifyArkivpaket.Verify(zip);
            Assert.That(check.Fel, Is.Empty);
            Assert.That(check.FilerKontrollerade, Is.GreaterThan(10));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        await VisitAsync(page, "/arkiv", "arkiv-levererat");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Levererat" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"levererade remissen {FinishedDnr} med alla remissvar till e-arkivet som paket uuid-");
        await page.SetViewportSizeAsync(375, 812);
        await CheckPageAsync(page, "arkiv-mobil");
        var dims = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.That(dims[0], Is.LessThanOrEqualTo(dims[1]), "no sideways scroll at 375 px");
    }

    [Test]
    public async Task A_badly_written_dnr_and_an_open_remiss_are_refused_beside_the_field()
    {
        var page = await SignInAsync(Arkivarie);
        await VisitAsync(page, "/arkiv", "arkiv-tom");
        await page.GetByLabel("Vad ska levereras?").SelectOptionAsync("Remiss");
        await page.GetByLabel("Diarienummer eller år").FillAsync("KS-2025");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ladda ned paketet (ZIP)" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Diarienummer ska skrivas som PREFIX ÅÅÅÅ/N");
        await CheckPageAsync(page, "arkiv-fel");

        await page.GetByLabel("Vad ska levereras?").SelectOptionAsync("Ar");
        await page.GetByLabel("Diarienummer eller år").FillAsync("1999");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ladda ned paketet (ZIP)" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Inga ärenden avslutades år 1999");
        await page.SetViewportSizeAsync(375, 812);
        await CheckPageAsync(page, "arkiv-fel-mobil");
    }

    /// <summary>
    /// The demo's due list, a proposal and its review ("Detta raderas"), a reason refused beside its field, then the proposal
    /// cancelled (so the shared demo keeps its handlingar); axe at desktop and at 375 px on both pages, and the plan page.
    /// </summary>
    [Test]
    public async Task The_arkivarie_sees_the_due_list_proposes_reviews_what_would_be_deleted_and_cancels()
    {
        var page = await SignInAsync(Arkivarie);
        await VisitAsync(page, "/arkiv/gallring", "gallring");
        await Assertions.Expect(page.Locator("main table").First).ToContainTextAsync(FinishedDnr);
        await page.SetViewportSizeAsync(375, 812);
        await CheckPageAsync(page, "gallring-mobil");
        await page.SetViewportSizeAsync(1280, 900);

        await page.GetByRole(AriaRole.Button, new() { Name = "Föreslå gallringsbeslut" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Detta raderas om du beslutar" })).ToBeVisibleAsync();
        await CheckPageAsync(page, "gallring-forslag");
        await page.GetByRole(AriaRole.Button, new() { Name = "Avbryt utan gallring" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Skäl");
        await CheckPageAsync(page, "gallring-forslag-fel");
        await page.SetViewportSizeAsync(375, 812);
        await CheckPageAsync(page, "gallring-forslag-mobil");
        var dims = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.That(dims[0], Is.LessThanOrEqualTo(dims[1]), "no sideways scroll at 375 px");
        await page.GetByLabel("Skäl").FillAsync("Webbläsartestet avbryter förslaget.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Avbryt utan gallring" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Avbrutet utan gallring");

        var admin = await SignInAsync("admin@remissflow.test");
        await VisitAsync(admin, "/admin/gallringsplan", "gallringsplan");
        await Assertions.Expect(admin.Locator("main")).ToContainTextAsync("Kopior av förslaget som skickades ut");
        await admin.SetViewportSizeAsync(375, 812);
        await CheckPageAsync(admin, "gallringsplan-mobil");
    }
}
