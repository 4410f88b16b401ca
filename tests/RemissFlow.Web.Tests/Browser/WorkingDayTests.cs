using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Browser;

/// <summary>
/// Each role's working day on the demo, from the start page and by clicking only: the start page
/// lists the work the demo left for the role, the role does its main task, and the work leaves the
/// list. Selectors are accessible roles and the visible Swedish text, so they survive layout changes.
/// Each test takes its own demo ärende, so they run in any order on the one demo database.
/// </summary>
public sealed class WorkingDayTests : BrowserFixture
{
    private static Regex Starts(string text) => new("^" + Regex.Escape(text));

    private static ILocator Section(IPage page, string heading) =>
        page.GetByRole(AriaRole.Region, new() { NameRegex = Starts(heading) });

    private static async Task BackToStart(IPage page)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" }).GetByRole(AriaRole.Link, new() { NameRegex = Starts("Start") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Starts("Välkommen"));
    }

    private static async Task ExpectStatus(IPage page, string text) =>
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(text);

    [Test]
    public async Task Registrator_registers_an_inkommen_remiss_and_assigns_a_handlaggare()
    {
        var page = await SignInAsync("registrator.sof@remissflow.test");
        var inkomna = Section(page, "Inkomna remisser att registrera");
        await Assertions.Expect(inkomna).ToContainTextAsync("Riktlinjer för stadens lokalförsörjning");
        await Assertions.Expect(inkomna).ToContainTextAsync("Strategi för stadens kulturmiljöer");
        // Two internal remisser from KS and the internal remiss sent on from Finansdepartementet's.
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" })).ToContainTextAsync("Inkorg 3 väntar");

        await inkomna.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Riktlinjer för stadens lokalförsörjning") }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrera", Exact = true }).ClickAsync();
        await ExpectStatus(page, "Ärendet är registrerat med diarienummer SOF 2026/");
        await page.GetByLabel("Handläggare").SelectOptionAsync(new SelectOptionValue { Label = "Maria Nordin" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Tilldela handläggare" }).ClickAsync();
        await ExpectStatus(page, "Handläggaren är tilldelad");
        await CheckPageAsync(page, "registrator-tilldelat");

        await BackToStart(page);
        await Assertions.Expect(Section(page, "Inkomna remisser att registrera")).Not.ToContainTextAsync("Riktlinjer för stadens lokalförsörjning");
        await Assertions.Expect(Section(page, "Ärenden utan handläggare")).Not.ToContainTextAsync("Riktlinjer för stadens lokalförsörjning");
    }

    [Test]
    public async Task Registrator_of_servicenamnden_has_an_arende_without_handlaggare()
    {
        var page = await SignInAsync(Sessions.SfRegistrator);
        var utan = Section(page, "Ärenden utan handläggare");
        await Assertions.Expect(utan).ToContainTextAsync("Policy för stadens inköp av livsmedel");
        await utan.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Policy för stadens inköp av livsmedel") }).ClickAsync();
        await page.GetByLabel("Handläggare").SelectOptionAsync(new SelectOptionValue { Label = "Emma Sjöberg" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Tilldela handläggare" }).ClickAsync();
        await ExpectStatus(page, "Handläggaren är tilldelad");
        await BackToStart(page);
        await Assertions.Expect(Section(page, "Ärenden utan handläggare")).ToContainTextAsync("Alla registrerade ärenden har en handläggare.");
    }

    [Test]
    public async Task Handlaggare_opens_the_returned_tu_saves_it_and_sends_it_to_the_chef()
    {
        var page = await SignInAsync(Sessions.SfHandlaggare);
        var returned = Section(page, "Returnerade tjänsteutlåtanden");
        await Assertions.Expect(returned).ToContainTextAsync("Strategi för stadens kulturmiljöer");
        await Assertions.Expect(returned).ToContainTextAsync("returnerat av förvaltningschefen");
        await Assertions.Expect(Section(page, "Mina ärenden att bereda")).ToContainTextAsync("Riktlinjer för stadens lokalförsörjning");

        await returned.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Strategi för stadens kulturmiljöer") }).ClickAsync();
        var synpunkter = page.GetByLabel("Förvaltningens synpunkter och förslag");
        await synpunkter.FillAsync(await synpunkter.InputValueAsync() + "\n\nFörvaltningens kostnader för kulturhistoriska byggnader beräknas till 2 miljoner kronor per år.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara ny version" }).ClickAsync();
        await ExpectStatus(page, "Tjänsteutlåtandet sparades som version 2.");
        await CheckPageAsync(page, "handlaggare-tu-sparat");

        if (page.Url.EndsWith("/tu", StringComparison.Ordinal))
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Tillbaka till ärendet" }).ClickAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { NameRegex = Starts("Skicka till förvaltningschef") }).ClickAsync();
        await ExpectStatus(page, "Hos förvaltningschef");
        await BackToStart(page);
        await Assertions.Expect(Section(page, "Returnerade tjänsteutlåtanden")).ToContainTextAsync("Inget tjänsteutlåtande har returnerats till dig.");
    }

    [Test]
    public async Task Forvaltningschef_finds_the_tu_on_his_start_page_and_approves_it()
    {
        var page = await SignInAsync("chef.sf@remissflow.test");
        await Assertions.Expect(page.GetByText("Ditt konto har inga roller")).ToHaveCountAsync(0);
        var att = Section(page, "Tjänsteutlåtanden att godkänna");
        await Assertions.Expect(att).ToContainTextAsync("Handlingsplan mot buller i stadsmiljön");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" }).GetByRole(AriaRole.Link, new() { NameRegex = Starts("Start") }))
            .ToContainTextAsync(new Regex(@"\d+ väntar"));

        await att.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Handlingsplan mot buller i stadsmiljön") }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Godkänn tjänsteutlåtandet" }).ClickAsync();
        await ExpectStatus(page, "Godkänt tjänsteutlåtande");
        await CheckPageAsync(page, "chef-godkant");
        await BackToStart(page);
        await Assertions.Expect(Section(page, "Tjänsteutlåtanden att godkänna")).Not.ToContainTextAsync("Handlingsplan mot buller i stadsmiljön");
    }

    [Test]
    public async Task Vd_of_the_bolag_approves_the_bolags_tu()
    {
        var page = await SignInAsync("vd.svoa@remissflow.test");
        var att = Section(page, "Tjänsteutlåtanden att godkänna");
        await Assertions.Expect(att).ToContainTextAsync("Strategi för stadens digitala service 2027–2030");
        await Assertions.Expect(att).ToContainTextAsync("skickat till vd");
        await Assertions.Expect(att).Not.ToContainTextAsync("förvaltningschef");
        await att.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Strategi för stadens digitala service") }).ClickAsync();
        await Assertions.Expect(page.GetByText("Hos vd för godkännande", new() { Exact = true })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Godkänn tjänsteutlåtandet" }).ClickAsync();
        await ExpectStatus(page, "Godkänt tjänsteutlåtande");
    }

    [Test]
    public async Task Namndsekreterare_sees_the_past_meetings_work_justerar_and_lamnar_in()
    {
        var page = await SignInAsync(Sessions.SfSekreterare);
        await Assertions.Expect(Section(page, "Beslut att protokollföra")).ToContainTextAsync("Program för stadens idrottsanläggningar 2027–2035");
        var justera = Section(page, "Justeringar");
        await Assertions.Expect(justera).ToContainTextAsync("Plan för klimatanpassning av stadens fastigheter");
        var lamna = Section(page, "Svar att lämna in");
        await Assertions.Expect(lamna).ToContainTextAsync("Strategi för stadens digitala service 2027–2030");

        // The meeting has been held: the beslut is recorded from the start page, with the next § suggested.
        await Section(page, "Beslut att protokollföra").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Program för stadens idrottsanläggningar") }).ClickAsync();
        Assert.That(await page.GetByLabel("Paragraf (§)").InputValueAsync(), Is.Not.Empty, "the next § of the organ's year is suggested");
        await page.GetByLabel("Ställningstagande").SelectOptionAsync(new SelectOptionValue { Label = "Tillstyrker med synpunkter" });
        await CheckPageAsync(page, "sekreterare-beslut");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrera beslutet" }).ClickAsync();
        await ExpectStatus(page, "§");
        await BackToStart(page);
        await Assertions.Expect(Section(page, "Beslut att protokollföra")).ToContainTextAsync("Inget beslut väntar på att protokollföras.");
        await Assertions.Expect(Section(page, "Justeringar")).ToContainTextAsync("Program för stadens idrottsanläggningar 2027–2035");

        await Section(page, "Svar att lämna in").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Strategi för stadens digitala service") }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Lämna in svaret …" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lämna in svaret till Kommunstyrelsen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#kvitto")).ToContainTextAsync("Kommunstyrelsen");
        await CheckPageAsync(page, "sekreterare-kvitto");
        await BackToStart(page);
        await Assertions.Expect(Section(page, "Svar att lämna in")).ToContainTextAsync("Inget svar väntar på att lämnas in.");

        await Section(page, "Justeringar").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Plan för klimatanpassning") }).ClickAsync();
        var datum = page.GetByLabel("Justeringsdatum");
        if (string.IsNullOrEmpty(await datum.InputValueAsync()))
        {
            // Until the form prefills a valid date (another part of issue 13), today is one: after the meeting, not ahead.
            await datum.FillAsync(DateTime.Today.ToString("yyyy-MM-dd"));
        }

        await page.GetByLabel("Justerare").FillAsync("Lisa Berg, Erik Sand");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrera justering" }).ClickAsync();
        await ExpectStatus(page, "Justeringen är registrerad.");
        await CheckPageAsync(page, "sekreterare-justerat");
        await BackToStart(page);
        await Assertions.Expect(Section(page, "Justeringar")).Not.ToContainTextAsync("Plan för klimatanpassning");
        await Assertions.Expect(Section(page, "Svar att lämna in")).ToContainTextAsync("Plan för klimatanpassning av stadens fastigheter");
    }

    [Test]
    public async Task Ks_sees_anstand_answers_and_late_instanser_and_decides_the_anstand()
    {
        var page = await SignInAsync(Sessions.KsRegistrator);
        await Assertions.Expect(Section(page, "Inkomna svar")).ToContainTextAsync("Plan för klimatanpassning av stadens fastigheter");
        await Assertions.Expect(Section(page, "Sena instanser")).ToContainTextAsync("Strategi för stadens digitala service 2027–2030");
        await Assertions.Expect(Section(page, "Sena instanser")).ToContainTextAsync("instanser har inte svarat");
        var anstand = Section(page, "Begärda anstånd");
        await Assertions.Expect(anstand).ToContainTextAsync("Socialnämnden – Plan för klimatanpassning av stadens fastigheter");

        await anstand.GetByRole(AriaRole.Link, new() { NameRegex = Starts("Socialnämnden – Plan för klimatanpassning") }).ClickAsync();
        await page.GetByLabel("Bevilja anstånd").CheckAsync();
        var datum = page.GetByLabel(new Regex("^Nytt svarsdatum"));
        if (string.IsNullOrEmpty(await datum.InputValueAsync()))
        {
            await datum.FillAsync(DateOnly.FromDateTime(DateTime.Today).AddDays(49).ToString("yyyy-MM-dd"));
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Spara beslutet" }).ClickAsync();
        await ExpectStatus(page, "Anstånd beviljat för Socialnämnden");
        await CheckPageAsync(page, "ks-anstand-beviljat");
        await BackToStart(page);
        await Assertions.Expect(Section(page, "Begärda anstånd")).ToContainTextAsync("Inget anstånd väntar på beslut.");
    }

    [Test]
    public async Task Administrator_gives_an_organisation_without_users_its_first_account()
    {
        var page = await SignInAsync(Sessions.AdminEmail);
        var utan = Section(page, "Organisationer utan användare");
        await Assertions.Expect(utan).ToContainTextAsync("PRO Stockholms län");
        await Assertions.Expect(utan).ToContainTextAsync("Funktionsrätt Stockholms stad");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" }).GetByRole(AriaRole.Link, new() { NameRegex = Starts("Administration") }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Användare", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nytt konto" }).ClickAsync();
        await page.GetByLabel("Namn", new() { Exact = true }).FillAsync("Pia Olsson");
        await page.GetByLabel("E-post").FillAsync("pia.olsson@pro.test");
        await page.GetByLabel("Organisation").SelectOptionAsync(new SelectOptionValue { Label = "PRO Stockholms län" });
        await page.GetByLabel("Registrator").CheckAsync();
        await page.GetByLabel("Lösenord").FillAsync("Ett-långt-lösenord-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skapa kontot" }).ClickAsync();
        await ExpectStatus(page, "Kontot för Pia Olsson skapades.");

        await BackToStart(page);
        await Assertions.Expect(Section(page, "Organisationer utan användare")).Not.ToContainTextAsync("PRO Stockholms län");
        await Assertions.Expect(Section(page, "Organisationer utan användare")).ToContainTextAsync("Funktionsrätt Stockholms stad");
    }
}
