using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RemissFlow.Core.Demo;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Features.Ko;
using RemissFlow.Web.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Tests.Browser;

/// <summary>
/// The registrators' shared queue on the start page: Socialnämnden's registrator takes an ärende ("Ta ärendet"), finds
/// it under "Ärenden du har tagit", gives it back; a colleague quicker on another ärende leaves a clear message, not an
/// error page. axe-clean screenshots at 1280 and 375 px, and the phone page does not scroll sideways.
/// </summary>
public sealed class KoBrowserTests : BrowserFixture
{
    private const string Registrator = "registrator.sof@remissflow.test";
    private const string Ko = "Registratorerna på Socialnämnden";

    private static ILocator Item(IPage page, string sectionHeading, string text) =>
        page.Locator("section.att-gora-section").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = sectionHeading }) })
            .Locator("li").Filter(new() { HasText = text });

    [Test]
    public async Task A_registrator_takes_an_arende_from_the_shared_queue_gives_it_back_and_is_told_when_a_colleague_was_quicker()
    {
        var today = StockholmTime.Today(TimeProvider.System);
        await ArendeData.SendRemissAsync(App, "Kön: plan för stadens parker", today.AddDays(60), "SOF");
        var second = (await ArendeData.SendRemissAsync(App, "Kön: plan för stadens bibliotek", today.AddDays(61), "SOF"))["SOF"];
        var sof = await App.QueryAsync(db => db.Organisationer.Where(o => o.Name == "Socialnämnden").Select(o => o.Id).SingleAsync());
        await App.AsUserAsync("admin@remissflow.test", new CreateUser.Command("registrator2.sof@remissflow.test", "Sara Kollega", sof, [Role.Registrator], DemoSeeder.Password));

        var page = await SignInAsync(Registrator);
        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator(".ko-tag").First).ToContainTextAsync($"Gemensam kö: {Ko}");
        var parker = Item(page, "Inkomna remisser att registrera", "Kön: plan för stadens parker");
        await Assertions.Expect(parker).ToHaveCountAsync(1);
        await CheckPageAsync(page, "1280-start-ko");

        await parker.GetByRole(AriaRole.Button, new() { Name = "Ta ärendet" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice[role=status]").First).ToHaveTextAsync($"Du har tagit ärendet ur kön {Ko}. Det finns nu under Ärenden du har tagit.");
        var tagen = Item(page, "Ärenden du har tagit", "Kön: plan för stadens parker");
        await Assertions.Expect(tagen).ToContainTextAsync("Inkomna remisser att registrera: inkom från");
        await Assertions.Expect(Item(page, "Inkomna remisser att registrera", "Kön: plan för stadens parker")).ToHaveCountAsync(0);
        await CheckPageAsync(page, "1280-start-tagen");

        // The colleague's start page no longer lists it, and counts it as taken.
        var colleague = await SignInAsync("registrator2.sof@remissflow.test");
        await colleague.GotoAsync("/");
        await Assertions.Expect(Item(colleague, "Inkomna remisser att registrera", "Kön: plan för stadens parker")).ToHaveCountAsync(0);
        await Assertions.Expect(colleague.Locator(".ko-tag").First).ToContainTextAsync("ett ärende är taget av kollegor");

        await tagen.GetByRole(AriaRole.Button, new() { Name = "Lämna tillbaka till kön" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice[role=status]").First).ToHaveTextAsync($"Ärendet är tillbaka i kön {Ko}.");
        await Assertions.Expect(Item(page, "Inkomna remisser att registrera", "Kön: plan för stadens parker")).ToHaveCountAsync(1);

        // The colleague takes the second one while this page still offers it: the click tells who was quicker.
        await App.AsUserAsync("registrator2.sof@remissflow.test", new TaArendet.Command(second, null));
        var response = await page.RunAndWaitForResponseAsync(
            () => Item(page, "Inkomna remisser att registrera", "Kön: plan för stadens bibliotek").GetByRole(AriaRole.Button, new() { Name = "Ta ärendet" }).ClickAsync(),
            r => r.Request.Method == "POST");
        Assert.That(response.Status, Is.EqualTo(409));
        await Assertions.Expect(page.Locator("[role=alert]")).ToHaveTextAsync($"Sara Kollega tog ärendet just före dig. Det har lämnat kön {Ko}.");
        await Assertions.Expect(Item(page, "Inkomna remisser att registrera", "Kön: plan för stadens bibliotek")).ToHaveCountAsync(0);
        await CheckPageAsync(page, "1280-start-kollega-forst");

        await page.SetViewportSizeAsync(375, 812);
        await page.GotoAsync("/");
        await Assertions.Expect(Item(page, "Inkomna remisser att registrera", "Kön: plan för stadens parker")).ToHaveCountAsync(1);
        await CheckPageAsync(page, "375-start-ko");
        var dims = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.That(dims[0], Is.LessThanOrEqualTo(dims[1]), "the start page scrolls sideways at 375 px");
    }

    [Test]
    public async Task The_demo_registrator_finds_work_waiting_in_the_shared_queue()
    {
        var page = await SignInAsync("registrator.sf@remissflow.test");
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator(".ko-tag").First).ToContainTextAsync("Gemensam kö: Registratorerna på");
        Assert.That(await page.GetByRole(AriaRole.Button, new() { Name = "Ta ärendet" }).CountAsync(), Is.GreaterThan(0), "a queue item waits for the demo login");
    }
}
