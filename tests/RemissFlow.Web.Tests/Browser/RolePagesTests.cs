using Microsoft.Playwright;
using RemissFlow.Core.Demo;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Browser;

/// <summary>Every demo role signs in and opens each page its navigation offers; every page passes axe.</summary>
public sealed class RolePagesTests : BrowserFixture
{
    public const string Blue = "rgb(11, 83, 148)";
    public const string DangerRed = "rgb(164, 38, 44)";
    public const string DangerRedDark = "rgb(125, 29, 34)";

    private static IEnumerable<TestCaseData> Roles()
    {
        yield return new TestCaseData("admin@remissflow.test", new[] { "Start", "Inkommande e-post", "Kalender", "Administration" });
        yield return new TestCaseData("registrator.ks@remissflow.test", new[] { "Start", "Remisser", "Översikt", "Inkommande e-post", "Kalender" });
        yield return new TestCaseData("samordnare.ks@remissflow.test", new[] { "Start", "Remisser", "Översikt", "Kalender" });
        yield return new TestCaseData("registrator.sf@remissflow.test", new[] { "Start", "Inkorg", "Inkommande e-post", "Kalender" });
        yield return new TestCaseData("handlaggare.sf@remissflow.test", new[] { "Start", "Mina ärenden", "Kalender" });
        yield return new TestCaseData("chef.sf@remissflow.test", new[] { "Start", "Kalender" });
        yield return new TestCaseData("sekreterare.sf@remissflow.test", new[] { "Start", "Bevakning", "Sammanträden", "Kalender" });
        yield return new TestCaseData("handlaggare.hl@remissflow.test", new[] { "Start", "Inkorg", "Inkommande e-post", "Mina ärenden", "Kalender" });
        yield return new TestCaseData("registrator.svoa@remissflow.test", new[] { "Start", "Inkorg", "Inkommande e-post", "Mina ärenden", "Bevakning", "Sammanträden", "Kalender" });
        yield return new TestCaseData("ledamot.sf@remissflow.test", new[] { "Start", "Kallelser", "Kalender" });
        yield return new TestCaseData("arkivarie@remissflow.test", new[] { "Start", "E-arkiv", "Kalender" });
    }

    [TestCaseSource(nameof(Roles))]
    public async Task Each_role_sees_its_navigation_and_every_page_in_it_is_accessible(string email, string[] expectedNavigation)
    {
        var login = DemoSeeder.Logins.Single(l => l.Email == email);
        var page = await SignInAsync(email);
        var header = page.Locator("header");
        await Assertions.Expect(header).ToContainTextAsync(login.Name);
        await Assertions.Expect(header).ToContainTextAsync(login.Organisation);

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" });
        var links = await nav.GetByRole(AriaRole.Link).AllAsync();
        var texts = new List<string>();
        var hrefs = new List<string>();
        foreach (var link in links)
        {
            // The menu's waiting count ("Inkorg 2 väntar") follows the demo; the entries are what this test is about.
            texts.Add(System.Text.RegularExpressions.Regex.Replace((await link.TextContentAsync())!, @"\s*\d+ väntar$", "").Trim());
            hrefs.Add((await link.GetAttributeAsync("href"))!);
        }

        Assert.That(texts, Is.EqualTo(expectedNavigation));
        var who = email.Split('@')[0];
        foreach (var href in hrefs.Skip(1))
        {
            await VisitAsync(page, href, $"{who}{href.Replace('/', '-')}");
            await Assertions.Expect(page.Locator("a[aria-current=page]")).ToHaveAttributeAsync("href", href);
        }
    }

    [Test]
    public async Task Admin_pages_and_forms_are_accessible()
    {
        var page = await SignInAsync(Sessions.AdminEmail);
        await VisitAsync(page, "/admin/organisationer", "admin-organisationer");
        await VisitAsync(page, "/admin/organisationer/ny", "admin-organisation-ny");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lägg upp organisationen" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("Namn måste fyllas i.");
        await CheckPageAsync(page, "admin-organisation-ny-fel");

        await page.GetByLabel("Namn", new() { Exact = true }).FillAsync("Miljö- och hälsoskyddsnämnden");
        await page.GetByLabel("Diarieprefix").FillAsync("MHN");
        await page.GetByLabel("Förvaltningsgrupp").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lägg upp organisationen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Miljö- och hälsoskyddsnämnden lades upp");
        await page.GetByRole(AriaRole.Link, new() { Name = "Miljö- och hälsoskyddsnämnden" }).ClickAsync();
        await CheckPageAsync(page, "admin-organisation-redigera");

        await VisitAsync(page, "/admin/anvandare", "admin-anvandare");
        await VisitAsync(page, "/admin/anvandare/ny", "admin-anvandare-ny");
        await page.GetByLabel("Namn", new() { Exact = true }).FillAsync("Nils Nyman");
        await page.GetByLabel("E-post").FillAsync("nils.nyman@remissflow.test");
        await page.GetByLabel("Organisation").SelectOptionAsync(new SelectOptionValue { Label = "Socialnämnden" });
        await page.GetByLabel("Handläggare").CheckAsync();
        await page.GetByLabel("Lösenord").FillAsync("Ett-långt-lösenord-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skapa kontot" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Kontot för Nils Nyman skapades.");
        await CheckPageAsync(page, "admin-anvandare-skapad");

        await page.GetByRole(AriaRole.Link, new() { Name = "Nils Nyman" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Nils Nyman");
        await CheckPageAsync(page, "admin-anvandare-redigera");
        await page.GetByLabel("Registrator").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ändringarna sparades.");
        await page.GetByLabel("Nytt lösenord").FillAsync("kort");
        await page.GetByRole(AriaRole.Button, new() { Name = "Byt lösenord" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("Nytt lösenord måste vara minst 12 tecken.");
        await CheckPageAsync(page, "admin-anvandare-losenord-fel");
        // A danger button is red (white text on it ≥ 4.5:1), also under the pointer, beside the blue ones.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Spara" })).ToHaveCSSAsync("background-color", Blue);
        var deactivate = page.GetByRole(AriaRole.Button, new() { Name = "Inaktivera kontot" });
        await Assertions.Expect(deactivate).ToHaveCSSAsync("background-color", DangerRed);
        await deactivate.HoverAsync();
        await Assertions.Expect(deactivate).ToHaveCSSAsync("background-color", DangerRedDark);
        await Assertions.Expect(deactivate).ToHaveCSSAsync("border-top-color", DangerRedDark);
        await deactivate.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Kontot är inaktiverat");
        await CheckPageAsync(page, "admin-anvandare-inaktiverad");
    }

    [Test]
    public async Task Sign_in_with_a_wrong_password_shows_the_error_and_sign_out_ends_the_session()
    {
        var page = await NewPageAsync();
        await VisitAsync(page, "/konto/logga-in", "logga-in-tom");
        await page.GetByLabel("E-post").FillAsync(Sessions.SfRegistrator);
        await page.GetByLabel("Lösenord").FillAsync("fel-lösenord-99");
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("Inloggningen misslyckades. Kontrollera e-post och lösenord.");
        await CheckPageAsync(page, "logga-in-fel");

        var signedIn = await SignInAsync(Sessions.SfRegistrator);
        await signedIn.GetByRole(AriaRole.Button, new() { Name = "Logga ut" }).ClickAsync();
        await signedIn.WaitForURLAsync("**/konto/logga-in");
        await signedIn.GotoAsync("/inkorg");
        Assert.That(signedIn.Url, Does.Contain("/konto/logga-in"));
    }

    [Test]
    public async Task Error_and_access_denied_pages_are_swedish_and_accessible()
    {
        var page = await SignInAsync(Sessions.SfHandlaggare);
        var missing = await page.GotoAsync("/finns-inte");
        Assert.That(missing!.Status, Is.EqualTo(404));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sidan finns inte");
        await CheckPageAsync(page, "fel-404");
        await page.GotoAsync("/admin");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Behörighet saknas");
        await CheckPageAsync(page, "nekad");
    }

    [Test]
    public async Task Skip_link_is_the_first_stop_and_moves_focus_to_the_content()
    {
        var page = await SignInAsync(Sessions.KsSamordnare);
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Hoppa till innehållet" });
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await CheckPageAsync(page, "hopplank-fokus");
        await page.Keyboard.PressAsync("Enter");
        Assert.That(page.Url, Does.EndWith("#innehall"));
    }
}
