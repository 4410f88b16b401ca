using Microsoft.Playwright;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Browser;

/// <summary>
/// The administratör finds Socialnämnden's own TU template on /admin/mallar, changes a heading in the draft, previews it
/// (the preview shows the new heading, nothing saved), saves it as a new version and restores the earlier one. axe-clean
/// screenshots at 1280 and 375 px, and no sideways scroll on the phone.
/// </summary>
public sealed class MallarBrowserTests : BrowserFixture
{
    private static async Task NoSidewaysScrollAsync(IPage page, string what)
    {
        var dims = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.That(dims[0], Is.LessThanOrEqualTo(dims[1]), $"{what} scrolls sideways at 375 px");
    }

    [Test]
    public async Task The_admin_previews_a_changed_heading_saves_it_and_restores_the_earlier_version()
    {
        var page = await SignInAsync("admin@remissflow.test");
        await VisitAsync(page, "/admin/mallar", "1280-mallar");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex(": tjänsteutlåtande för Socialnämnden$") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tjänsteutlåtande: mall för Socialnämnden");

        var draft = (await page.GetByLabel("Mall (JSON)").InputValueAsync()).Replace("{forvaltning}s förslag till beslut", "{forvaltning}s förslag till nämnden", StringComparison.Ordinal);
        await page.GetByLabel("Mall (JSON)").FillAsync(draft);
        await page.GetByRole(AriaRole.Button, new() { Name = "Förhandsgranska", Exact = true }).ClickAsync();
        var preview = page.FrameLocator("iframe.mall-forhandsvisning");
        await Assertions.Expect(preview.GetByText("förslag till nämnden").First).ToBeVisibleAsync();
        await CheckPageAsync(page, "1280-forhandsgranskning");
        await page.SetViewportSizeAsync(375, 812);
        await Assertions.Expect(preview.GetByText("förslag till nämnden").First).ToBeVisibleAsync();
        await CheckPageAsync(page, "375-forhandsgranskning");
        // A full-page screenshot leaves the sandboxed preview frame blank below the fold (Chromium paints it only in view), so the frame gets its own.
        await page.Locator("iframe.mall-forhandsvisning").ScreenshotAsync(new() { Path = Path.Combine(ArtifactsDirectory(), "screenshots", nameof(MallarBrowserTests), "375-forhandsvisningen.png") });
        await NoSidewaysScrollAsync(page, "the template editor");
        await page.SetViewportSizeAsync(1280, 900);

        var versions = page.Locator("section[aria-labelledby=versioner]");
        var before = await versions.Locator("tbody tr").CountAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara ny version" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice[role=status]")).ToContainTextAsync("sparades som version");
        Assert.That(await versions.Locator("tbody tr").CountAsync(), Is.EqualTo(before + 1), "the save is a new version");

        await versions.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Återställ version") }).Last.ClickAsync();
        await Assertions.Expect(page.Locator(".notice[role=status]")).ToContainTextAsync("återställdes som version");
        Assert.That(await page.GetByLabel("Mall (JSON)").InputValueAsync(), Does.Not.Contain("förslag till nämnden"), "the restored text is the earliest version's");
        await CheckPageAsync(page, "1280-aterstalld");
        await Assertions.Expect(page.Locator("pre.kod")).ToContainTextAsync("\"documentType\": \"Tjänsteutlåtande\"");

        await page.SetViewportSizeAsync(375, 812);
        await VisitAsync(page, "/admin/mallar", "375-mallar");
        await NoSidewaysScrollAsync(page, "the template list");
    }
}
