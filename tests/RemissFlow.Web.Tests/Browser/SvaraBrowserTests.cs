using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RemissFlow.Core.Bench;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Svarslank;
using RemissFlow.Core.Persistence;
using RemissFlow.Documents.Wording;
using RemissFlow.Web.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Tests.Browser;

/// <summary>
/// The no-account answer page /svara/{token} in the browser, on both databases, as an outside organisation's contact
/// sees it: Kommunstyrelsen's samordnare presses "Förnya länk" on the demo's open remiss and passes the address on; the
/// contact reads the remiss and its public handlingar, sends an empty form first (422, the Swedish messages at the
/// fields, nothing written), then a written answer (receipt page, receipt e-mail in the outbox and at a real SMTP
/// listener, KS's matrix shows it), then a PDF as a new version beside the first. A revoked link and an expired one
/// (on the fake clock) give the Swedish 410 page, an unknown one the 404 page. axe-clean at 1280 and 375 px, and no
/// sideways scroll on the phone.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed partial class SvaraBrowserTests(DatabaseProvider provider) : BrowserFixture
{
    private const string Funk = "Funktionsrätt Stockholms stad";
    private const string Pro = "PRO Stockholms län";
    private const string OpenTitle = "Program för en tillgänglig stad 2027–2030";

    private readonly TestSmtpServer _smtp = TestSmtpServer.Start();
    private readonly FakeClock _clock = new(DateTimeOffset.UtcNow);

    protected override DatabaseProvider Provider => provider;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Smtp:Host"] = _smtp.Host,
        ["Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
    };

    protected override Action<IServiceCollection>? TestServices => s => s.AddSingleton<TimeProvider>(_clock);

    [OneTimeTearDown]
    public async Task StopSmtp() => await _smtp.DisposeAsync();

    [GeneratedRegex(@"/svara/[A-Za-z0-9_-]{43}")]
    private static partial Regex LinkPath();

    private string Shot(string name) => $"{provider}-{name}".ToLowerInvariant();

    /// <summary>The demo's open remiss sent by Kommunstyrelsen, and the outside organisation's remissvar on it.</summary>
    private Task<(Guid Remiss, Guid Svar, string Dnr, DateOnly Svarsdatum)> OpenRemissvarAsync(string instans) => App.QueryAsync(async db =>
    {
        var row = await (from s in db.Remissvar
                         join o in db.Organisationer on s.InstansId equals o.Id
                         join r in db.Remisser on s.RemissId equals r.Id
                         where r.Title == OpenTitle && o.Name == instans && o.Kind == OrganisationKind.ExternOrganisation
                         select new { r.Id, Svar = s.Id, r.Dnr, s.Svarsdatum }).SingleAsync();
        return (row.Id, row.Svar, row.Dnr, row.Svarsdatum);
    });

    /// <summary>Presses "Förnya länk" for the instans on the remiss page and reads the new address from the message, as the samordnare would copy it.</summary>
    private async Task<string> RenewAsync(IPage ks, string instans, string shot)
    {
        await ks.GetByRole(AriaRole.Button, new() { Name = $"Förnya länk för {instans}", Exact = true }).ClickAsync();
        var notice = ks.Locator(".notice[role=status]");
        await Assertions.Expect(notice).ToContainTextAsync($"Ny svarslänk för {instans}, giltig till och med");
        await Assertions.Expect(notice).ToContainTextAsync("tidigare länkar fungerar inte längre");
        await Assertions.Expect(LinkRow(ks, instans)).ToContainTextAsync("Giltig till och med");
        await CheckPageAsync(ks, shot);
        var match = LinkPath().Match(await ks.GetByLabel("Den nya länkens adress").InputValueAsync());
        Assert.That(match.Success, Is.True, "the field shows the new address");
        return match.Value;
    }

    private static ILocator LinkRow(IPage ks, string instans) =>
        ks.Locator("section[aria-labelledby=svarslankar] tbody tr", new() { Has = ks.GetByRole(AriaRole.Rowheader, new() { Name = instans, Exact = true }) });

    private static async Task NoSidewaysScrollAsync(IPage page, string what)
    {
        var dims = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.That(dims[0], Is.LessThanOrEqualTo(dims[1]), $"{what} scrolls sideways at 375 px");
    }

    private async Task AtBothWidthsAsync(IPage page, string name)
    {
        await page.SetViewportSizeAsync(1280, 900);
        await CheckPageAsync(page, Shot("1280-" + name));
        await page.SetViewportSizeAsync(375, 812);
        await CheckPageAsync(page, Shot("375-" + name));
        await NoSidewaysScrollAsync(page, name);
        await page.SetViewportSizeAsync(1280, 900);
    }

    private static async Task<IResponse> SubmitAsync(IPage page) =>
        await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Skicka svaret" }).ClickAsync(), r => r.Request.Method == "POST");

    [Test]
    [Order(1)]
    public async Task The_contact_answers_in_writing_then_with_a_pdf_as_a_new_version_through_the_link_ks_renewed()
    {
        var (remiss, svar, dnr, svarsdatum) = await OpenRemissvarAsync(Funk);
        var ks = await SignInAsync(Sessions.KsSamordnare);
        await VisitAsync(ks, $"/remisser/{remiss}", Shot("ks-remiss"));
        var path = await RenewAsync(ks, Funk, Shot("ks-lank-fornyad"));

        // The contact opens the address: the remiss, its public handlingar and the form, nothing to sign in to.
        var page = await NewPageAsync();
        await VisitAsync(page, path, Shot("1280-svara"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(OpenTitle);
        await Assertions.Expect(page.GetByText($"Den här sidan är till för {Funk}.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("dl.facts").First).ToContainTextAsync(dnr);
        await Assertions.Expect(page.Locator("dl.facts").First).ToContainTextAsync(SwedishText.LongDate(svarsdatum));
        var handlingar = page.Locator("section[aria-labelledby=handlingar] a");
        Assert.That(await handlingar.CountAsync(), Is.GreaterThan(0), "the remiss's public handlingar are listed");
        await Assertions.Expect(handlingar.First.Locator("xpath=..")).ToContainTextAsync("(PDF, ");
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^Svara på remissen " + Regex.Escape(OpenTitle)));
        var document = await page.APIRequest.GetAsync((await handlingar.First.GetAttributeAsync("href"))!);
        Assert.That(document.Status, Is.EqualTo(200), "a handling opens without an account");
        Assert.That(document.Headers["content-type"], Does.StartWith("application/pdf"));
        foreach (var label in new[] { "Tillstyrker", "Tillstyrker med synpunkter", "Avstyrker", "Avstår från att yttra sig" })
        {
            await Assertions.Expect(page.GetByLabel(label, new() { Exact = true })).ToBeVisibleAsync();
        }

        foreach (var label in new[] { "Svar", "Svaret som fil (frivilligt)", "Kontaktperson", "E-postadress" })
        {
            await Assertions.Expect(page.GetByLabel(label, new() { Exact = true })).ToBeVisibleAsync();
        }

        await page.SetViewportSizeAsync(375, 812);
        await CheckPageAsync(page, Shot("375-svara"));
        await NoSidewaysScrollAsync(page, "the answer page");
        await page.SetViewportSizeAsync(1280, 900);

        // An empty form: 422, each missing field named in Swedish, nothing written and no mail queued.
        var mailsBefore = await App.QueryAsync(db => db.UtgaendeEpost.CountAsync());
        var empty = await SubmitAsync(page);
        Assert.That(empty.Status, Is.EqualTo(422));
        await Assertions.Expect(page.Locator("#Input_Standpunkt-fel")).ToContainTextAsync("Ställningstagande måste väljas.");
        await Assertions.Expect(page.Locator("#Input_Text-fel")).ToContainTextAsync("Svar: skriv ert svar i rutan eller bifoga det som fil.");
        await Assertions.Expect(page.Locator("#Input_KontaktNamn-fel")).ToContainTextAsync("Kontaktperson");
        await Assertions.Expect(page.Locator("#Input_KontaktEpost-fel")).ToContainTextAsync("E-postadress");
        await Assertions.Expect(page.GetByLabel("Kontaktperson", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator(".error-summary li")).ToHaveTextAsync(new[]
        {
            "Ställningstagande måste väljas.", "Svar: skriv ert svar i rutan eller bifoga det som fil.", "Kontaktperson måste fyllas i.", "E-postadress måste fyllas i.",
        });
        await AtBothWidthsAsync(page, "svara-tomt");
        var written = await App.QueryAsync(async db => (
            Versions: await db.SvarslankSvar.CountAsync(s => s.RemissvarId == svar),
            Status: await db.Remissvar.Where(s => s.Id == svar).Select(s => s.Status).SingleAsync(),
            Mails: await db.UtgaendeEpost.CountAsync()));
        Assert.That(written, Is.EqualTo((0, "utskickad", mailsBefore)), "nothing written for the empty form");

        // The written answer: the receipt page, the receipt e-mail queued and delivered, the answer registered.
        var address = $"kontakt-{Guid.NewGuid():N}@funktionsrattstockholm.se";
        await page.GetByLabel("Tillstyrker med synpunkter", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Svar", new() { Exact = true }).FillAsync("Funktionsrätt Stockholms stad tillstyrker programmet.\n\nVi vill att målen för kollektivtrafiken får tydliga delmål per år.");
        await page.GetByLabel("Kontaktperson", new() { Exact = true }).FillAsync("Lena Berg");
        await page.GetByLabel("E-postadress", new() { Exact = true }).FillAsync(address);
        await SubmitAsync(page);
        var receipt = page.Locator("#kvitto-panel");
        await Assertions.Expect(receipt.GetByRole(AriaRole.Heading, new() { Name = "Tack – ert svar är mottaget" })).ToBeVisibleAsync();
        await Assertions.Expect(receipt).ToContainTextAsync(dnr);
        await Assertions.Expect(receipt).ToContainTextAsync("Tillstyrker med synpunkter");
        await Assertions.Expect(receipt.Locator("dd").Nth(3)).ToHaveTextAsync("1");
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^Ert svar är mottaget: " + Regex.Escape(OpenTitle)));
        await AtBothWidthsAsync(page, "svara-kvitto");

        var queued = await App.QueryAsync(db => db.UtgaendeEpost.Where(m => m.Till == address).ToListAsync());
        Assert.That(queued, Has.Count.EqualTo(1), "one receipt in the outbox");
        Assert.Multiple(() =>
        {
            Assert.That(queued[0].Rubrik, Is.EqualTo($"Kvitto: ert svar på remiss {dnr}"));
            Assert.That(queued[0].Text, Does.Contain(Funk).And.Contain("(version 1)").And.Contain("Tillstyrker med synpunkter").And.Contain(" kl. "));
        });
        var mail = await SmtpWait.WaitForAsync(() => _smtp.Messages.FirstOrDefault(m => m.RcptTo.Contains(address)));
        Assert.That(mail.Subject, Does.Contain(dnr));
        var registered = await App.QueryAsync(db => db.Remissvar.Where(s => s.Id == svar).Select(s => new { s.Status, s.Standpunkt }).SingleAsync());
        Assert.That((registered.Status, registered.Standpunkt), Is.EqualTo(("inlamnad", (Standpunkt?)Standpunkt.TillstyrkerMedSynpunkter)));

        // KS sees it in the matrix.
        await VisitAsync(ks, $"/remisser/{remiss}", Shot("ks-remiss-besvarad"));
        var matrixRow = ks.Locator("table.matrix tbody tr", new() { Has = ks.GetByRole(AriaRole.Rowheader, new() { Name = Funk, Exact = true }) });
        await Assertions.Expect(matrixRow).ToContainTextAsync("Tillstyrker med synpunkter");
        await Assertions.Expect(matrixRow).ToContainTextAsync(SwedishText.IsoDate(StockholmTime.Today(_clock)));

        // A later answer as a PDF: kept as version 2 beside the first, not over it.
        await page.GotoAsync(path);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lämna en ny version av ert svar" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("section[aria-labelledby=tidigare] li")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByLabel("Avstår från att yttra sig", new() { Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#Input_Text-hint")).Not.ToContainTextAsync("avstår", new() { IgnoreCase = true });
        await AtBothWidthsAsync(page, "svara-ny-version");
        await page.GetByLabel("Tillstyrker", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Svaret som fil (frivilligt)", new() { Exact = true }).SetInputFilesAsync(new FilePayload
        {
            Name = "Yttrande Funktionsrätt.pdf",
            MimeType = "application/pdf",
            Buffer = TestFiles.Pdf("Funktionsratt Stockholms stad tillstyrker programmet."),
        });
        await page.GetByLabel("Kontaktperson", new() { Exact = true }).FillAsync("Lena Berg");
        await page.GetByLabel("E-postadress", new() { Exact = true }).FillAsync(address);
        await SubmitAsync(page);
        await Assertions.Expect(receipt.Locator("dd").Nth(3)).ToHaveTextAsync("2");
        await Assertions.Expect(receipt).ToContainTextAsync("Tillstyrker");
        var earlier = page.Locator("section[aria-labelledby=tidigare] li");
        await Assertions.Expect(earlier).ToHaveCountAsync(2);
        await Assertions.Expect(earlier.Nth(0)).ToContainTextAsync("Version 1");
        await Assertions.Expect(earlier.Nth(1)).ToContainTextAsync("Yttrande Funktionsrätt.pdf");
        await AtBothWidthsAsync(page, "svara-kvitto-pdf");

        var versions = await App.QueryAsync(db => (from s in db.SvarslankSvar
                                                   where s.RemissvarId == svar
                                                   join b in db.Bilagor on s.BilagaId equals b.Id
                                                   orderby s.Nummer
                                                   select new { s.Nummer, s.Standpunkt, b.FileName, b.MediaType }).ToListAsync());
        Assert.That(versions.Select(v => (v.Nummer, v.Standpunkt, v.MediaType)), Is.EqualTo(new[]
        {
            (1, Standpunkt.TillstyrkerMedSynpunkter, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (2, Standpunkt.Tillstyrker, "application/pdf"),
        }));
        Assert.That(versions[1].FileName, Is.EqualTo("Yttrande Funktionsrätt.pdf"));
        Assert.That(await App.QueryAsync(db => db.UtgaendeEpost.CountAsync(m => m.Till == address)), Is.EqualTo(2), "a receipt for each version");

        // KS's page of the answer keeps both files.
        await VisitAsync(ks, $"/remisser/{remiss}/svar/{svar}", Shot("ks-svar-versioner"));
        await Assertions.Expect(ks.GetByRole(AriaRole.Link, new() { Name = "Yttrande Funktionsrätt.pdf" })).ToBeVisibleAsync();
        await Assertions.Expect(ks.GetByRole(AriaRole.Link, new() { Name = versions[0].FileName })).ToBeVisibleAsync();
        Assert.That(App.ErrorLog.Errors, Is.Empty, "no server-side error on the way");
    }

    // Last: its jump past the svarsdatum makes the app's timers fire (reminders, deadlines) while it runs, and a sign-in
    // of the other test after it once waited over a minute for them.
    [Test]
    [Order(2)]
    public async Task A_revoked_an_unknown_and_an_expired_link_each_give_a_swedish_page_that_says_so()
    {
        var (remiss, _, _, svarsdatum) = await OpenRemissvarAsync(Pro);
        var ks = await SignInAsync(Sessions.KsSamordnare);
        await VisitAsync(ks, $"/remisser/{remiss}", Shot("ks-remiss-pro"));
        var revoked = await RenewAsync(ks, Pro, Shot("ks-lank-fornyad-pro"));
        var page = await NewPageAsync();
        await VisitAsync(page, revoked, Shot("1280-svara-pro"));

        // KS revokes it on the remiss page: the link is 410 with the Swedish explanation.
        await ks.GetByRole(AriaRole.Button, new() { Name = $"Återkalla länk för {Pro}", Exact = true }).ClickAsync();
        await Assertions.Expect(ks.Locator(".notice[role=status]")).ToHaveTextAsync("Svarslänken är återkallad. Svar som redan kommit in finns kvar.");
        await Assertions.Expect(LinkRow(ks, Pro)).ToContainTextAsync("Återkallad");
        await CheckPageAsync(ks, Shot("ks-lank-aterkallad"));
        var gone = await page.GotoAsync(revoked);
        Assert.That(gone!.Status, Is.EqualTo(410));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Svarslänken fungerar inte");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Länken är återkallad av avsändaren");
        await Assertions.Expect(page.Locator("form[enctype]")).ToHaveCountAsync(0);
        await AtBothWidthsAsync(page, "svara-aterkallad");

        // An address nobody issued: 404.
        var unknown = await page.GotoAsync($"/svara/{Svarslankar.NewToken()}");
        Assert.That(unknown!.Status, Is.EqualTo(404));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Svarslänken fungerar inte");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Vi hittar ingen remiss med den här länken");
        await AtBothWidthsAsync(page, "svara-okand");

        // A fresh link works until svarsdatum and is 410 the day after.
        var expiring = await RenewAsync(ks, Pro, Shot("ks-lank-fornyad-igen"));
        Assert.That((await page.GotoAsync(expiring))!.Status, Is.EqualTo(200));
        var now = _clock.GetUtcNow();
        _clock.Set(StockholmTime.ToUtc(svarsdatum.AddDays(1), new TimeOnly(9, 0)));
        try
        {
            var expired = await page.GotoAsync(expiring);
            Assert.That(expired!.Status, Is.EqualTo(410));
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Länken gällde till och med svarsdatum, som har passerat.");
            await AtBothWidthsAsync(page, "svara-utgangen");
        }
        finally
        {
            _clock.Set(now);
        }

        Assert.That(App.ErrorLog.Errors, Is.Empty, "no server-side error on the way");
    }
}
