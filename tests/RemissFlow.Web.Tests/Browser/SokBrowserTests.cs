using Microsoft.Playwright;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Browser;

/// <summary>Search in Chromium: the header box, the result page with its filters, a hit opened; axe on every page, at desktop and phone width.</summary>
public sealed class SokBrowserTests : BrowserFixture
{
    [Test]
    public async Task Ks_searches_from_the_header_filters_by_type_and_opens_a_hit()
    {
        var page = await SignInAsync(Sessions.KsSamordnare);
        await page.GetByRole(AriaRole.Search, new() { Name = "Sök i RemissFlow" }).GetByRole(AriaRole.Searchbox).FillAsync("jamstallt");
        await page.GetByRole(AriaRole.Search, new() { Name = "Sök i RemissFlow" }).GetByRole(AriaRole.Button, new() { Name = "Sök" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/sok?q=jamstallt", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("träff");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Remisser", Level = 2 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".sok-snippet mark").First).ToHaveTextAsync("jämställt");
        await CheckPageAsync(page, "sok-ks");

        await page.GetByText("Filter och sortering").ClickAsync();
        await page.GetByLabel("Typ", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Remisser" });
        await page.GetByLabel("Sortering").SelectOptionAsync(new SelectOptionValue { Label = "Senaste först" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrera" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("typ=remiss", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(".sok-group h2")).ToHaveTextAsync(["Remisser"]);
        await CheckPageAsync(page, "sok-ks-filtrerad");

        var hit = page.Locator(".sok-title", new() { HasText = "Handlingsplan för ett jämställt Stockholm 2030" });
        await hit.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/remisser/", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Handlingsplan för ett jämställt Stockholm 2030");
        await CheckPageAsync(page, "sok-ks-traff");

        await page.SetViewportSizeAsync(375, 812);
        await VisitAsync(page, "/sok?q=handlingsplan", "375-sok-ks");
        var dims = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.That(dims[0], Is.LessThanOrEqualTo(dims[1]), "the search page scrolls sideways on a phone");
    }

    [Test]
    public async Task The_public_searches_sent_remisser_without_signing_in()
    {
        var page = await NewPageAsync();
        await VisitAsync(page, "/publikt/remisser", "publikt-lista");
        await page.GetByRole(AriaRole.Search, new() { Name = "Sök i RemissFlow" }).GetByRole(AriaRole.Searchbox).FillAsync("handlingsplan");
        await page.GetByRole(AriaRole.Search, new() { Name = "Sök i RemissFlow" }).GetByRole(AriaRole.Searchbox).PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("/sok?q=handlingsplan", StringComparison.Ordinal));
        await CheckPageAsync(page, "sok-publik");
        var hrefs = await page.Locator(".sok-title").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.That(hrefs, Is.Not.Empty);
        Assert.That(hrefs, Has.All.StartWith("/publikt/remisser/"));
        await page.Locator(".sok-title").First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/publikt/remisser/", StringComparison.Ordinal));
        await CheckPageAsync(page, "sok-publik-traff");
    }
}
