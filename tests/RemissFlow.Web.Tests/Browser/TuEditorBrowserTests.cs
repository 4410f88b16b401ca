using Microsoft.Playwright;
using RemissFlow.Web.Tests.Arenden;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Browser;

/// <summary>The TU editor in Chromium: toolbar and live preview, the remiss's papers at hand, axe, and no sideways scroll at 375 px.</summary>
public sealed class TuEditorBrowserTests : BrowserFixture
{
    [Test]
    public async Task The_editor_formats_without_markup_knowledge_and_previews_live()
    {
        var id = await ArendeSteps.UnderBeredningAsync(App, "Program för editorn i webbläsaren");
        var page = await SignInAsync(Sessions.SfHandlaggare);
        await VisitAsync(page, $"/arenden/{id}", "arende-handlaggare");
        await page.GetByRole(AriaRole.Link, new() { Name = "Skriv tjänsteutlåtandet" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Missiv (PDF)" })).ToBeVisibleAsync();

        var synpunkter = page.GetByLabel("Förvaltningens synpunkter och förslag", new() { Exact = true });
        await synpunkter.FillAsync("Kostnaderna\nNyttan");
        await synpunkter.SelectTextAsync();
        var field = page.Locator(".field", new() { Has = synpunkter });
        await field.GetByRole(AriaRole.Toolbar, new() { Name = "Formatering" }).GetByRole(AriaRole.Button, new() { Name = "Punktlista" }).ClickAsync();
        await Assertions.Expect(synpunkter).ToHaveValueAsync("- Kostnaderna\n- Nyttan");
        var preview = field.Locator(".tu-preview");
        await Assertions.Expect(preview.Locator("ul > li")).ToHaveTextAsync(["Kostnaderna", "Nyttan"]);
        await CheckPageAsync(page, "tu-editor-desktop");

        await page.SetViewportSizeAsync(375, 812);
        await CheckPageAsync(page, "tu-editor-375");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.That(overflow, Is.LessThanOrEqualTo(0), "no horizontal scroll at 375 px");

        await page.GetByRole(AriaRole.Button, new() { Name = "Spara ny version" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("version 2");
    }
}
