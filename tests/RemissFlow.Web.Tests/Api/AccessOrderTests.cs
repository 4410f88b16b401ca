using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Security;
using RemissFlow.Web.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Tests.Api;

/// <summary>
/// Three findings of the probe about who may do what: API changes with the session cookie need the antiforgery token,
/// calendar addresses stop with the account and can be renewed, and who may is decided before what state the case is in.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class AccessOrderTests(DatabaseProvider provider)
{
    private RemissFlowApp _app = null!;

    [OneTimeSetUp]
    public async Task Start() => _app = await RemissFlowApp.StartAsync(provider);

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task<(Guid RemissId, Guid SvarId)> SentAsync(string title)
    {
        var svar = (await ArendeData.SendRemissAsync(_app, title, StockholmTime.Today(TimeProvider.System).AddDays(60), "SF"))["SF"];
        return (await _app.QueryAsync(db => db.Remissvar.Where(v => v.Id == svar).Select(v => v.RemissId).SingleAsync()), svar);
    }

    private Task<string> StatusOf(Guid svar) => _app.QueryAsync(db => db.Remissvar.Where(v => v.Id == svar).Select(v => v.Status).SingleAsync());

    [Test]
    public async Task A_body_less_api_command_with_the_session_cookie_and_a_cross_site_content_type_is_refused_without_the_antiforgery_token()
    {
        var (remiss, svar) = await SentAsync("Remiss för kakskydd");
        var registrator = await Sessions.CookieAsync(_app, Sessions.SfRegistrator);
        var samordnare = await Sessions.CookieAsync(_app, Sessions.KsSamordnare);
        var events = await _app.QueryAsync(db => db.Handelser.CountAsync(h => h.ArendeId == remiss));

        // What a form on another site can make the browser send: a simple POST with the cookie and no preflight.
        var registrera = await registrator.PostAsync($"/api/arenden/{svar}/registrera", new StringContent("", Encoding.UTF8, "text/plain"));
        var publicera = await samordnare.PostAsync($"/api/remisser/{remiss}/sammanstallning/publicera", new StringContent("x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        var registreraProblem = await Problem.ReadAsync(registrera);
        var publiceraProblem = await Problem.ReadAsync(publicera);
        Assert.Multiple(async () =>
        {
            Assert.That(registreraProblem.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(registreraProblem.Detail, Is.EqualTo(ApiCookieAntiforgery.Message));
            Assert.That(publiceraProblem.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await StatusOf(svar), Is.EqualTo("inkommen"));
            Assert.That(await _app.QueryAsync(db => db.Handelser.CountAsync(h => h.ArendeId == remiss)), Is.EqualTo(events));
        });

        // The app's own page script could: it reads the token from the page and sends it in the header. Reads need none.
        var token = Sessions.AntiforgeryToken(await registrator.GetStringAsync("/"));
        var withToken = new HttpRequestMessage(HttpMethod.Post, $"/api/arenden/{svar}/registrera");
        withToken.Headers.Add("X-CSRF-TOKEN", token);
        Assert.Multiple(async () =>
        {
            Assert.That((await registrator.SendAsync(withToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await registrator.GetAsync($"/api/arenden/{svar}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task A_bearer_client_needs_no_antiforgery_token()
    {
        var (_, svar) = await SentAsync("Remiss för bearer-klient");
        var registrator = await Sessions.BearerAsync(_app, Sessions.SfRegistrator);
        Assert.That((await registrator.PostAsync($"/api/arenden/{svar}/registrera", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Renewing_the_calendar_address_stops_the_old_one_and_is_audited()
    {
        var client = await Sessions.CookieAsync(_app, Sessions.SfHandlaggare);
        var id = await ArendeData.UserIdAsync(_app, Sessions.SfHandlaggare);
        var organ = await _app.QueryAsync(db => db.Organ.Where(o => db.Organisationer.Any(x => x.Id == o.OrganisationId && x.DnrPrefix == "SF")).Select(o => o.Id).FirstAsync());
        var old = await _app.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.CalendarToken).SingleAsync());
        Assert.That((await _app.NewClient().GetAsync($"/kalender/{old}.ics")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await client.GetStringAsync("/kalender"), Does.Contain("Förnya adressen").And.Contain(old));

        var renewed = await Sessions.PostFormAsync(client, "/kalender?handler=Forny", [], "/kalender");
        Assert.That(renewed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var token = await _app.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.CalendarToken).SingleAsync());
        var page = await client.GetStringAsync("/kalender");
        var anonymous = _app.NewClient();
        Assert.Multiple(async () =>
        {
            Assert.That(token, Is.Not.EqualTo(old).And.Length.EqualTo(40));
            Assert.That((await anonymous.GetAsync($"/kalender/{old}.ics")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await anonymous.GetAsync($"/kalender/{old}/organ/{organ}.ics")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await anonymous.GetAsync($"/kalender/{token}.ics")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await anonymous.GetAsync($"/kalender/{token}/organ/{organ}.ics")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(page, Does.Contain(token).And.Not.Contain(old).And.Contain("Adressen är förnyad"));
            var handelse = await _app.QueryAsync(db => db.Handelser.AsNoTracking().SingleAsync(h => h.ArendeId == id && h.Action == "anvandare.kalenderadress_fornyad"));
            Assert.That(handelse.Beskrivning, Does.Not.Contain(token).And.Not.Contain(old));
        });
    }

    [Test]
    public async Task A_deactivated_accounts_calendar_feeds_answer_404()
    {
        var sf = await _app.QueryAsync(db => db.Organisationer.Where(o => o.DnrPrefix == "SF").Select(o => o.Id).SingleAsync());
        var organ = await _app.QueryAsync(db => db.Organ.Where(o => o.OrganisationId == sf).Select(o => o.Id).FirstAsync());
        var id = await _app.AsSystemAsync(new CreateUser.Command($"kalender-{Guid.NewGuid():N}@remissflow.test", "Mona Vide", sf, [Role.Handlaggare], "Granskog-i-regn-7"));
        var token = await _app.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.CalendarToken).SingleAsync());
        var client = _app.NewClient();
        Assert.That((await client.GetAsync($"/kalender/{token}.ics")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await _app.AsSystemAsync(new SetUserActive.Command(id, false));

        Assert.Multiple(async () =>
        {
            Assert.That((await client.GetAsync($"/kalender/{token}.ics")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await client.GetAsync($"/kalender/{token}/organ/{organ}.ics")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task The_senders_administrator_is_refused_403_whatever_state_or_version_the_remiss_is_in()
    {
        var (remiss, _) = await SentAsync("Remiss för behörighetsordning");
        var admin = await Sessions.BearerAsync(_app, Sessions.AdminEmail);
        var sf = await _app.QueryAsync(db => db.Organisationer.Where(o => o.DnrPrefix == "SF").Select(o => o.Id).SingleAsync());

        var again = await Problem.ReadAsync(await admin.PostAsync($"/api/remisser/{remiss}/skicka-ut", null));
        var stale = await Problem.ReadAsync(await admin.PostAsJsonAsync($"/api/remisser/{remiss}/triggers/avsluta", new { expectedVersion = 999 }));
        var listed = await Problem.ReadAsync(await admin.PostAsJsonAsync($"/api/remisser/{remiss}/triggers/lagg_till_instans", new { organisationId = sf }));
        var wrongState = await Problem.ReadAsync(await admin.PostAsync($"/api/remisser/{remiss}/triggers/oppna_sammanstallning", JsonContent.Create(new { motivering = "Prov." })));
        // Someone who may: the state is what stops them, and they are told so.
        var registrator = await Sessions.BearerAsync(_app, Sessions.KsRegistrator);
        var mayButNotNow = await Problem.ReadAsync(await registrator.PostAsync($"/api/remisser/{remiss}/skicka-ut", null));

        Assert.Multiple(() =>
        {
            foreach (var problem in new[] { again, stale, listed, wrongState })
            {
                Assert.That(problem.Status, Is.EqualTo(HttpStatusCode.Forbidden), problem.Detail);
                Assert.That(problem.Detail, Does.StartWith("Du saknar behörighet"));
            }

            Assert.That(mayButNotNow.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        });
    }

    [Test]
    public async Task An_instans_member_without_the_role_is_refused_403_not_told_the_state()
    {
        var (_, svar) = await SentAsync("Remiss för ärendets behörighetsordning");
        var sekreterare = await Sessions.BearerAsync(_app, Sessions.SfSekreterare);
        var early = await Problem.ReadAsync(await sekreterare.PostAsync($"/api/arenden/{svar}/handelser/paborja_beredning", null));
        Assert.Multiple(async () =>
        {
            Assert.That(early.Status, Is.EqualTo(HttpStatusCode.Forbidden), early.Detail);
            Assert.That(await StatusOf(svar), Is.EqualTo("inkommen"));
        });
    }
}
