using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Browser;

/// <summary>
/// Kommunstyrelsen's registrator works through the demo's inbox on both databases: the answer from PRO (standpunkt and
/// key points read from its Word file, shown with their source), the department's remiss (prefilled from its missiv),
/// the rättelseblad added to its ärende, and the seminar advert set aside without a reason first (422, the Swedish
/// message at the field, nothing saved), then with one, and reopened. After each the item shows its status and its link
/// opens what it became. axe-clean screenshots at 1280 and 375 px, and no sideways scroll on the phone.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed partial class InkommandeBrowserTests(DatabaseProvider provider) : BrowserFixture
{
    private const string Registrator = "registrator.ks@remissflow.test";

    protected override DatabaseProvider Provider => provider;

    [GeneratedRegex(@"Väntar på registrering \((\d+)\)")]
    private static partial Regex Count();

    private static async Task<int> WaitingAsync(IPage page)
    {
        var heading = await page.GetByRole(AriaRole.Heading, new() { NameRegex = Count() }).InnerTextAsync();
        return int.Parse(Count().Match(heading).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task OpenAsync(IPage page, string subjectStart)
    {
        await page.GotoAsync("/inkommande");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^" + Regex.Escape(subjectStart)) }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(subjectStart);
    }

    private async Task FollowResultAsync(IPage page, string name)
    {
        var link = page.Locator("p", new() { HasTextString = "Blev:" }).GetByRole(AriaRole.Link);
        var href = await link.GetAttributeAsync("href");
        Assert.That(href, Is.Not.Null.And.Not.Empty, "the handled item links to what it became");
        await VisitAsync(page, href!, name);
    }

    [Test]
    public async Task The_ks_registrator_turns_each_demo_mail_into_an_answer_a_remiss_an_addition_and_no_allman_handling_and_reopens_one()
    {
        var page = await SignInAsync(Registrator);
        await page.SetViewportSizeAsync(1280, 900);
        await VisitAsync(page, "/inkommande", "1280-inkommande");
        var before = await WaitingAsync(page);
        Assert.That(before, Is.GreaterThanOrEqualTo(4), "the demo has four mails waiting for Kommunstyrelsen");

        // Use 2: an outside organisation's answer, its standpunkt read from the Word file.
        await OpenAsync(page, "Svar på remiss");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Läst ur bilagan: PRO yttrande tillgänglig stad.docx" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".intake-suggestions")).ToContainTextAsync("tillstyrker programmet");
        var standpunkt = await page.GetByLabel("Ställningstagande").InputValueAsync();
        Assert.That(standpunkt, Is.Not.Empty, "the ställningstagande is prefilled from the answer file");
        Assert.That(await page.GetByLabel("Remiss och instans").InputValueAsync(), Is.Not.Empty, "the remiss named by dnr is suggested");
        await CheckPageAsync(page, "1280-svar-forslag");
        await page.SetViewportSizeAsync(375, 812);
        await CheckPageAsync(page, "375-svar-forslag");
        var dims = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.That(dims[0], Is.LessThanOrEqualTo(dims[1]), "the item page scrolls sideways at 375 px");
        await page.SetViewportSizeAsync(1280, 900);
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrera svaret" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice[role=status]")).ToHaveTextAsync("Svaret registrerades på remissen.");
        await Assertions.Expect(page.Locator(".lead")).ToContainTextAsync("Registrerad som remissvar");
        await FollowResultAsync(page, "1280-svar-blev");

        // Use 1: the department's remiss, prefilled from its missiv.
        await OpenAsync(page, "Remiss av promemorian");
        Assert.That(await page.GetByLabel("Avsändarens diarienummer").InputValueAsync(), Does.Contain("2026/01342"));
        Assert.That(await page.GetByLabel("Svarsdatum").InputValueAsync(), Is.Not.Empty, "svarsdatum read from the missiv");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrera remissen" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice[role=status]")).ToContainTextAsync("Remissen registrerades som KS ");
        await CheckPageAsync(page, "1280-remiss-registrerad");
        await FollowResultAsync(page, "1280-remiss-blev");

        // Use 3: the rättelseblad into the ärende its mail names.
        await OpenAsync(page, "Komplettering till er");
        Assert.That(await page.GetByLabel("Ärendets diarienummer").InputValueAsync(), Is.Not.Empty, "the ärende named in the mail is suggested");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lägg till i ärendet" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice[role=status]")).ToHaveTextAsync("Handlingen lades till i ärendet.");
        await FollowResultAsync(page, "1280-arende-blev");

        // Use 4: no reason first: the message at the field, HTTP 422, the item still waiting.
        await OpenAsync(page, "Frukostseminarium");
        var url = page.Url;
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Markera som inte allmän handling" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.That(response.Status, Is.EqualTo(422));
        await Assertions.Expect(page.Locator(".field-error").First).ToContainTextAsync("Skäl");
        await CheckPageAsync(page, "1280-ej-allman-utan-skal");
        var id = Guid.Parse(url.Split('/').Last());
        Assert.That(await App.QueryAsync(db => db.Inkommande.Where(i => i.Id == id).Select(i => i.Status).SingleAsync()), Is.EqualTo(InkommandeStatus.Ny));

        await page.GetByLabel("Skäl").FillAsync("Reklam för ett seminarium, ingen handling i något ärende.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Markera som inte allmän handling" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice[role=status]")).ToHaveTextAsync("E-brevet är markerat som inte allmän handling.");
        await Assertions.Expect(page.GetByText("Skäl: Reklam för ett seminarium")).ToBeVisibleAsync();
        await CheckPageAsync(page, "1280-ej-allman");

        await page.GetByLabel("Skäl").FillAsync("Seminariet gäller en upphandling vi har ett ärende om.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Öppna igen" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice[role=status]")).ToHaveTextAsync("E-brevet väntar i kön igen.");

        await page.GotoAsync("/inkommande");
        Assert.That(await WaitingAsync(page), Is.EqualTo(before - 3), "three handled, the reopened one waits again");
        await page.SetViewportSizeAsync(375, 812);
        await CheckPageAsync(page, "375-inkommande");
        dims = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.That(dims[0], Is.LessThanOrEqualTo(dims[1]), "the inbox scrolls sideways at 375 px");
    }
}
