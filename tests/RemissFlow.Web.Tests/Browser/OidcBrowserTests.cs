using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Oidc;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Browser;

/// <summary>Chromium signs in through the real OpenID Provider (tests/oidc-provider): the provider's own login form, back to RemissFlow.</summary>
public sealed class OidcBrowserTests : BrowserFixture
{
    private readonly OidcProvider _op = new();

    protected override IDictionary<string, string?> Settings => _op.Settings;

    [OneTimeSetUp]
    public async Task StartProvider()
    {
        await _op.StartAsync(BaseAddress);
        var sf = await App.QueryAsync(db => db.Organisationer.Where(o => o.DnrPrefix == "SF").Select(o => o.Id).SingleAsync());
        await App.AsSystemAsync(new AddOidcRollmappning.Command("SF-Registratorer", sf, Role.Registrator));
    }

    [OneTimeTearDown]
    public async Task StopProvider() => await _op.DisposeAsync();

    private static async Task SignInAtProviderAsync(IPage page, string login)
    {
        await page.GotoAsync("/konto/logga-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Logga in med kommunens konto" }).ClickAsync();
        await page.GetByLabel("Användarnamn").FillAsync(login);
        await page.GetByLabel("Lösenord").FillAsync(OidcProvider.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in hos leverantören" }).ClickAsync();
    }

    [Test]
    public async Task A_mapped_registrator_signs_in_through_the_provider_and_lands_on_the_registrators_start_page()
    {
        var page = await NewPageAsync();
        await VisitAsync(page, "/konto/logga-in", "logga-in-med-oidc");
        await SignInAtProviderAsync(page, "sara.sso");
        await page.WaitForURLAsync(url => url.StartsWith(BaseAddress.ToString(), StringComparison.Ordinal) && !url.Contains("/konto/", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Välkommen, Sara");
        await CheckPageAsync(page, "start-sara-sso");
        Assert.That(await page.ContentAsync(), Does.Contain("Inkorg"), "the registrator's start page");

        // Sign-out goes through the provider's end-session page and back to the sign-in page.
        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Logga ut" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/konto/logga-in", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_person_with_no_mapped_role_sees_the_clear_page()
    {
        var page = await NewPageAsync();
        await SignInAtProviderAsync(page, "nisse.sso");
        await page.WaitForURLAsync(url => url.Contains("/konto/oidc/nekad", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Du har ingen roll i RemissFlow");
        await CheckPageAsync(page, "oidc-ingen-roll");
    }
}
