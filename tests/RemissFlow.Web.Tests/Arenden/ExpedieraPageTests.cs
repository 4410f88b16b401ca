using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Bench;
using RemissFlow.Core.Features.Kedja;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;
using static RemissFlow.Web.Tests.Support.SmtpWait;

namespace RemissFlow.Web.Tests.Arenden;

/// <summary>
/// The chain page's "Expediera svaret": shown to Kommunstyrelsen's registrator once the answer is decided and not yet sent;
/// pressing it sends the answer to a real SMTP listener on 127.0.0.1 and the page then shows what went, to whom and when.
/// Every refusal (not decided, no answer address, a second time) is a Swedish message on the page as 422, writing nothing.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class ExpedieraPageTests(DatabaseProvider provider)
{
    private TestSmtpServer _smtp = null!;
    private RemissFlowApp _app = null!;
    private Guid _fi;
    private int _n;

    [OneTimeSetUp]
    public async Task Start()
    {
        _smtp = TestSmtpServer.Start();
        _app = await RemissFlowApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Smtp:Host"] = _smtp.Host,
            ["Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
        });
        _fi = await _app.QueryAsync(db => db.Organisationer.Where(o => o.DnrPrefix == "FI").Select(o => o.Id).SingleAsync());
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _smtp.DisposeAsync();
    }

    private async Task<RegisterExternRemiss.Registered> InkommenAsync(Guid avsandare)
    {
        var n = Interlocked.Increment(ref _n);
        var today = RemissFlow.Workflows.Runtime.StockholmTime.Today(TimeProvider.System);
        return await _app.AsUserAsync(Sessions.KsRegistrator, new RegisterExternRemiss.Command(avsandare, $"Remiss av betänkandet om expediering {n}",
            $"Fi2026/0{n:0000}", today.AddDays(90), today, new InkommenFil("remissbrev.pdf", ArendeData.Pdf), []));
    }

    private Task<int> ExpedieringarAsync(Guid arende) => _app.QueryAsync(db => db.Expedieringar.CountAsync(e => e.RemissvarId == arende));

    [Test]
    public async Task The_registrator_expedierar_the_decided_answer_and_the_page_shows_what_was_sent_and_refuses_a_second_time()
    {
        var registered = await InkommenAsync(_fi);
        await KedjaData.BeslutatAsync(_app, registered.ArendeId);
        var path = $"/arenden/{registered.ArendeId}/kedja";
        var registrator = await Sessions.CookieAsync(_app, Sessions.KsRegistrator);
        var handlaggare = await Sessions.CookieAsync(_app, KedjaData.KsHandlaggare);

        var before = await registrator.GetStringAsync(path);
        var handlaggarensSida = await handlaggare.GetStringAsync(path);
        using var sent = await Sessions.PostFormAsync(registrator, $"{path}?handler=Expediera", [], path);
        var after = await registrator.GetStringAsync(path);
        using var again = await Sessions.PostFormAsync(registrator, $"{path}?handler=Expediera", [], path);
        var againBody = await again.Content.ReadAsStringAsync();
        var dnr = await _app.QueryAsync(db => db.Remisser.Where(r => r.Id == registered.RemissId).Select(r => r.Dnr!).SingleAsync());
        var file = dnr.Replace('/', '-');
        var mail = await WaitForAsync(() => _smtp.Messages.FirstOrDefault(m => m.Subject?.Contains(dnr, StringComparison.Ordinal) == true));

        Assert.Multiple(() =>
        {
            Assert.That(before, Does.Contain("Expediera svaret"));
            Assert.That(handlaggarensSida, Does.Not.Contain("Expediera svaret"), "the handläggare drafts the answer; the registrator sends it");
            Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(sent.Headers.Location?.ToString(), Is.EqualTo(path));
            Assert.That(after, Does.Contain("Svaret är expedierat till fi.remissvar@regeringskansliet.se.").And.Contain("id=\"expediering\"")
                .And.Contain($"{file} Stockholms stad.pdf").And.Contain($"{file} Stockholms stad.docx").And.Not.Contain("Expediera svaret"));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(againBody, Does.Contain("Svaret är redan expedierat").And.Contain("det skickas inte en gång till"));
            Assert.That(mail.RcptTo, Does.Contain("fi.remissvar@regeringskansliet.se"));
        });
        Assert.That(await ExpedieringarAsync(registered.ArendeId), Is.EqualTo(1), "a second press sends nothing");
    }

    [Test]
    public async Task Before_the_decision_there_is_no_button_and_a_post_is_422_writing_nothing()
    {
        var registered = await InkommenAsync(_fi);
        var path = $"/arenden/{registered.ArendeId}/kedja";
        var registrator = await Sessions.CookieAsync(_app, Sessions.KsRegistrator);

        var page = await registrator.GetStringAsync(path);
        using var response = await Sessions.PostFormAsync(registrator, $"{path}?handler=Expediera", [], path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(page, Does.Not.Contain("Expediera svaret").And.Contain("Svaret expedieras när beslutet är fattat och justerat."));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(body, Does.Contain("Svaret är inte beslutat än: beslutet måste vara fattat och justerat innan svaret expedieras."));
        });
        Assert.That(await ExpedieringarAsync(registered.ArendeId), Is.Zero);
    }

    [Test]
    public async Task A_sender_without_an_answer_address_is_422_naming_the_sender_writing_nothing()
    {
        var n = Interlocked.Increment(ref _n);
        var utanAdress = await _app.AsSystemAsync(CreateExternAvsandare.Command.WithStandardRule(
            $"Miljödepartementet {n}", RemissFlow.Core.Domain.ExternAvsandareTyp.Departement, $"M{(char)('A' + n)}", "m.remissvar@regeringskansliet.test"));
        var registered = await InkommenAsync(utanAdress);
        await KedjaData.BeslutatAsync(_app, registered.ArendeId);
        // A sender registered before the answer address was required has none; blanked here as such a row would be.
        await _app.QueryAsync(async db =>
        {
            var org = await db.Organisationer.SingleAsync(o => o.Id == utanAdress);
            org.SvarsEpost = null;
            return await db.SaveChangesAsync();
        });
        var path = $"/arenden/{registered.ArendeId}/kedja";
        var registrator = await Sessions.CookieAsync(_app, Sessions.KsRegistrator);

        using var response = await Sessions.PostFormAsync(registrator, $"{path}?handler=Expediera", [], path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(body, Does.Contain($"Miljödepartementet {n} har ingen e-postadress för svar."));
        });
        Assert.That(await ExpedieringarAsync(registered.ArendeId), Is.Zero);
    }
}
