using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MimeKit;
using RemissFlow.Core.Bench;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;
using static RemissFlow.Web.Tests.Support.SmtpWait;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Tests.Browser;

/// <summary>
/// The chain end to end, on both databases: Finansdepartementet's remiss registered at /arenden/inkommen, sent on to
/// Servicenämnden and Socialnämnden with the planner's internal svarsdatum, Servicenämnden's answer given (through the use
/// cases, whose pages have their own tests), Kommunstyrelsen's handläggare pressing "Hämta remissvaren", the decision, and
/// the registrator pressing "Expediera svaret": a real SMTP listener on 127.0.0.1 gets the answer as PDF and Word named by
/// the department's rule. Every page passes axe at 1280 px, and the chain page also at 375 px.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class KedjaBrowserTests(DatabaseProvider provider) : BrowserFixture
{
    private const string Dnr = "Fi2026/02345";
    private readonly TestSmtpServer _smtp = TestSmtpServer.Start();

    protected override DatabaseProvider Provider => provider;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Smtp:Host"] = _smtp.Host,
        ["Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
    };

    [OneTimeTearDown]
    public async Task StopSmtp() => await _smtp.DisposeAsync();

    private string Shot(string name) => $"{provider}-{name}".ToLowerInvariant();

    [Test]
    public async Task A_remiss_from_a_department_is_sent_on_answered_compiled_decided_and_expedierad_by_email()
    {
        var today = StockholmTime.Today(TimeProvider.System);
        var ks = await SignInAsync(Sessions.KsRegistrator);

        // The remiss arrives and is registered.
        await VisitAsync(ks, "/arenden/inkommen", Shot("inkommen"));
        await ks.GetByLabel("Avsändare", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Finansdepartementet" });
        await ks.GetByLabel("Titel", new() { Exact = true }).FillAsync("Remiss av betänkandet Ett starkare kommunalt självstyre (SOU 2026:31)");
        await ks.GetByLabel("Avsändarens diarienummer", new() { Exact = true }).FillAsync(Dnr);
        await ks.GetByLabel("Mottagen", new() { Exact = true }).FillAsync(Iso(today));
        await ks.GetByLabel("Svarsdatum", new() { Exact = true }).FillAsync(Iso(today.AddDays(120)));
        await ks.GetByLabel("Missiv (remissbrev)", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "Remissmissiv Fi2026-02345.pdf", MimeType = "application/pdf", Buffer = TestFiles.Pdf("Remissmissiv") });
        await ks.GetByLabel("Remisshandlingar", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "SOU 2026-31.pdf", MimeType = "application/pdf", Buffer = TestFiles.Pdf("SOU 2026:31") });
        await ks.GetByRole(AriaRole.Button, new() { Name = "Registrera" }).ClickAsync();
        await Assertions.Expect(ks.GetByRole(AriaRole.Status)).ToContainTextAsync("Remissen registrerades som KS 2026/");
        await CheckPageAsync(ks, Shot("kedja-registrerad"));
        var kedjaUrl = new Uri(ks.Url).AbsolutePath;
        var arende = Guid.Parse(kedjaUrl.Split('/')[2]);

        // Sent on internally, with the planner's suggestion for the internal svarsdatum.
        await Assertions.Expect(ks.Locator("#Vidare_Svarsdatum")).Not.ToHaveValueAsync("");
        await ks.GetByLabel("Servicenämnden", new() { Exact = true }).CheckAsync();
        await ks.GetByLabel("Socialnämnden", new() { Exact = true }).CheckAsync();
        await ks.GetByRole(AriaRole.Button, new() { Name = "Skapa intern remiss" }).ClickAsync();
        await Assertions.Expect(ks.GetByRole(AriaRole.Status)).ToContainTextAsync("Den interna remissen");
        await CheckPageAsync(ks, Shot("intern-remiss-utkast"));
        await ks.GetByRole(AriaRole.Link, new() { Name = "Skicka ut remissen …" }).ClickAsync();
        await ks.GetByRole(AriaRole.Button, new() { Name = "Ja, skicka ut remissen" }).ClickAsync();
        await Assertions.Expect(ks.GetByRole(AriaRole.Status)).ToContainTextAsync("Remissen är utskickad");
        var intern = Guid.Parse(new Uri(ks.Url).AbsolutePath.Split('/')[2]);

        // Servicenämnden answers (its own pages have their tests); Socialnämnden has not answered yet.
        var sf = await App.QueryAsync(db => db.Remissvar.Where(v => v.RemissId == intern && db.Organisationer.Any(o => o.Id == v.InstansId && o.DnrPrefix == "SF")).Select(v => v.Id).SingleAsync());
        await ServicenamndenSvararAsync(sf, today);

        // Kommunstyrelsen's handläggare drafts the TU and fetches the answers into it on the chain page.
        await App.AsUserAsync(Sessions.KsRegistrator, new AssignHandlaggare.Command(arende, await ArendeData.UserIdAsync(App, KedjaData.KsHandlaggare)));
        await App.AsUserAsync(KedjaData.KsHandlaggare, new FireRemissvarTrigger.Command(arende, "paborja_beredning"));
        await App.AsUserAsync(KedjaData.KsHandlaggare, new SaveTjansteutlatande.Command(arende, null, "Remiss av betänkandet Ett starkare kommunalt självstyre",
            "1. Kommunstyrelsen godkänner förvaltningens tjänsteutlåtande som svar på remissen.", "Kommunen tillstyrker i huvudsak förslaget.",
            "Finansdepartementet har remitterat betänkandet till kommunen.", "Stadsledningskontoret har remitterat betänkandet vidare till nämnderna.", null,
            "Stadsledningskontoret tillstyrker."));
        var hl = await SignInAsync(KedjaData.KsHandlaggare);
        await VisitAsync(hl, kedjaUrl, Shot("kedja-handlaggare"));
        await hl.GetByRole(AriaRole.Button, new() { Name = "Hämta remissvaren till tjänsteutlåtandet" }).ClickAsync();
        await Assertions.Expect(hl.GetByRole(AriaRole.Status)).ToContainTextAsync("Remissvaren hämtades in i tjänsteutlåtandet");
        await CheckPageAsync(hl, Shot("tu-med-remissvaren"));
        var tu = await App.QueryAsync(db => db.TjansteutlatandeVersioner
            .Where(v => db.Tjansteutlatanden.Any(t => t.Id == v.TjansteutlatandeId && t.RemissvarId == arende)).OrderByDescending(v => v.Nummer).FirstAsync());
        Assert.That(tu.Arendet, Does.Contain("Servicenämnden").And.Contain("Socialnämnden").And.Contain("Stadsledningskontoret har remitterat betänkandet vidare"));

        // The decision at Kommunstyrelsen's meeting (the beslut path has its own browser tests).
        await KedjaData.DecideAsync(App, arende, await KedjaData.KsMeetingTodayAsync(App), today);

        // The registrator expedierar; the page says what was sent.
        await VisitAsync(ks, kedjaUrl, Shot("kedja-beslutad"));
        await ks.GetByRole(AriaRole.Button, new() { Name = "Expediera svaret" }).ClickAsync();
        await Assertions.Expect(ks.GetByRole(AriaRole.Status)).ToContainTextAsync("Svaret är expedierat till fi.remissvar@regeringskansliet.se.");
        await Assertions.Expect(ks.Locator("#expediering")).ToContainTextAsync("Fi2026-02345 Stockholms stad.pdf");
        await Assertions.Expect(ks.GetByRole(AriaRole.Button, new() { Name = "Expediera svaret" })).ToHaveCountAsync(0);
        await CheckPageAsync(ks, Shot("kedja-expedierad"));
        await ks.SetViewportSizeAsync(375, 812);
        await CheckPageAsync(ks, Shot("375-kedja-expedierad"));
        var dims = await ks.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.That(dims[0], Is.LessThanOrEqualTo(dims[1]), "the chain page does not scroll sideways on a phone");

        // What the department receives.
        var mail = await WaitForAsync(() => _smtp.Messages.FirstOrDefault(m => m.RcptTo.Contains("fi.remissvar@regeringskansliet.se") && m.Subject?.Contains(Dnr, StringComparison.Ordinal) == true));
        var mime = MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(mail.Data)));
        var attachments = mime.Attachments.OfType<MimePart>().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(mime.Subject, Is.EqualTo($"Remissvar {Dnr}: Remiss av betänkandet Ett starkare kommunalt självstyre (SOU 2026:31)"));
            Assert.That(attachments.Select(a => (a.FileName, a.ContentType.MimeType)), Is.EqualTo(new[]
            {
                ("Fi2026-02345 Stockholms stad.pdf", "application/pdf"),
                ("Fi2026-02345 Stockholms stad.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            }));
            Assert.That(Content(attachments[0])[..5], Is.EqualTo("%PDF-"u8.ToArray()));
            Assert.That(Content(attachments[1])[..2], Is.EqualTo("PK"u8.ToArray()), "a DOCX is a zip package");
        });
        Assert.That(App.ErrorLog.Errors, Is.Empty, "no server-side error on the way");
    }

    /// <summary>Servicenämnden's ärende along its ordinary path to inlämnad, each step by its role, at an extra meeting today.</summary>
    private async Task ServicenamndenSvararAsync(Guid id, DateOnly today)
    {
        const string reg = "registrator.sf@remissflow.test";
        const string hl = "handlaggare.sf@remissflow.test";
        const string sek = "sekreterare.sf@remissflow.test";
        await App.AsUserAsync(reg, new RegisterRemissvar.Command(id));
        await App.AsUserAsync(reg, new AssignHandlaggare.Command(id, await ArendeData.UserIdAsync(App, hl)));
        await App.AsUserAsync(hl, new FireRemissvarTrigger.Command(id, "paborja_beredning"));
        await App.AsUserAsync(hl, new SaveTjansteutlatande.Command(id, null, "Remiss av betänkandet Ett starkare kommunalt självstyre",
            "Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.", "Förvaltningen tillstyrker förslaget om färre statliga detaljkrav.",
            "Kommunstyrelsen har remitterat betänkandet.", "Betänkandet föreslår färre statliga detaljkrav.", null, "Förvaltningen tillstyrker."));
        await App.AsUserAsync(hl, new RecordBeredning.Command(id, OrganKind.Forvaltningsgrupp, today));
        await App.AsUserAsync(hl, new FireRemissvarTrigger.Command(id, "skicka_till_forvaltningschef"));
        await App.AsUserAsync("chef.sf@remissflow.test", new FireRemissvarTrigger.Command(id, "godkann"));
        var organ = await App.QueryAsync(db => db.Organ.Where(o => o.OrganisationId == db.Organisationer.Where(x => x.DnrPrefix == "SF").Select(x => x.Id).First() && o.Kind == OrganKind.Namnd).Select(o => o.Id).SingleAsync());
        var meeting = await App.AsUserAsync(sek, new CreateSammantrade.Command(organ, today, new TimeOnly(17, 0), "Stadshuset, Ratsalen", true));
        await App.AsUserAsync(sek, new PlaceOnAgenda.Command(id, meeting));
        await App.AsUserAsync(sek, new RecordBeslut.Command(id, 41, "Servicenämnden godkänner förvaltningens tjänsteutlåtande.", Standpunkt.Tillstyrker));
        await App.AsUserAsync(sek, new Justera.Command(id, today, "Anna Ek, Bo Lind"));
        await App.AsUserAsync(sek, new FireRemissvarTrigger.Command(id, "lamna_in"));
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static byte[] Content(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }
}
