using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Tests.Api;

/// <summary>
/// Issue 13, the instans side of the answer: "avstå" is confirmed on its own page and may carry a
/// motivering (stored, shown to KS, in the audit log); "lämna in" is confirmed and ends on a
/// receipt; KS's anstånd decision has nothing pre-selected.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class InstansSvarPageTests(DatabaseProvider provider)
{
    private RemissFlowApp _app = null!;
    private HttpClient _registrator = null!;
    private HttpClient _handlaggare = null!;
    private HttpClient _chef = null!;
    private HttpClient _sekreterareApi = null!;
    private HttpClient _sekreterare = null!;
    private HttpClient _ks = null!;

    private static DateOnly Today => StockholmTime.Today(TimeProvider.System);

    [OneTimeSetUp]
    public async Task Start()
    {
        if (provider == DatabaseProvider.Postgres)
        {
            Providers.RequirePostgres();
        }

        _app = await RemissFlowApp.StartAsync(provider);
        _registrator = await Sessions.BearerAsync(_app, Sessions.SfRegistrator);
        _handlaggare = await Sessions.BearerAsync(_app, Sessions.SfHandlaggare);
        _chef = await Sessions.BearerAsync(_app, "chef.sf@remissflow.test");
        _sekreterareApi = await Sessions.BearerAsync(_app, Sessions.SfSekreterare);
        _sekreterare = await Sessions.CookieAsync(_app, Sessions.SfSekreterare);
        _ks = await Sessions.CookieAsync(_app, Sessions.KsRegistrator);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static async Task Ok(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK) =>
        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());

    private async Task<Guid> RegisteredAsync(string title)
    {
        var id = (await ArendeData.SendRemissAsync(_app, title, Today.AddDays(60), "SF"))["SF"];
        await Ok(await _registrator.PostAsync($"/api/arenden/{id}/registrera", null));
        return id;
    }

    [Test]
    public async Task Avsta_is_confirmed_on_its_own_page_and_its_motivering_reaches_ks_the_receipt_and_the_audit_log()
    {
        var id = await RegisteredAsync("Remiss att avstå från");
        var arende = await _sekreterare.GetStringAsync($"/arenden/{id}");
        Assert.Multiple(() =>
        {
            Assert.That(arende, Does.Contain($"href=\"/arenden/{id}/avsta\""));
            Assert.That(arende, Does.Not.Contain("trigger=avsta"), "no one-click avstå button on the ärende");
            Assert.That(arende, Does.Contain("button-avsta"), "styled unlike the other buttons");
        });
        var confirm = await _sekreterare.GetStringAsync($"/arenden/{id}/avsta");
        Assert.That(confirm, Does.Contain("räknas som ert svar på remissen").And.Contain("Det går inte att ångra"));

        var tooLong = await Sessions.PostFormAsync(_sekreterare, $"/arenden/{id}/avsta", new() { ["Input.Motivering"] = new string('x', 2001) });
        Assert.Multiple(async () =>
        {
            Assert.That(tooLong.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            var html = await tooLong.Content.ReadAsStringAsync();
            Assert.That(html, Does.Contain("Motivering får vara högst 2000 tecken."));
            Assert.That(html, Does.Contain(new string('x', 2001)), "the input is kept");
            Assert.That(await _app.QueryAsync(db => db.Remissvar.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()), Is.EqualTo("registrerad"));
        });

        var posted = await Sessions.PostFormAsync(_sekreterare, $"/arenden/{id}/avsta", new() { ["Input.Motivering"] = "Remissen berör inte nämndens ansvarsområde." });
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await posted.Content.ReadAsStringAsync());
        Assert.That(posted.Headers.Location?.OriginalString, Is.EqualTo($"/arenden/{id}/kvitto"));

        var svar = await _app.QueryAsync(db => db.Remissvar.AsNoTracking().SingleAsync(r => r.Id == id));
        var audit = await _app.QueryAsync(db => db.Handelser.AsNoTracking().SingleAsync(h => h.ArendeId == id && h.Action == "workflow.avsta"));
        var kvitto = await _sekreterare.GetStringAsync($"/arenden/{id}/kvitto");
        var ksPage = await _ks.GetStringAsync($"/remisser/{svar.RemissId}/svar/{id}");
        Assert.Multiple(() =>
        {
            Assert.That((svar.Status, svar.Utfall, svar.AvstarMotivering), Is.EqualTo(("avstatt", (Utfall?)Utfall.Avstar, "Remissen berör inte nämndens ansvarsområde.")));
            Assert.That(audit.After, Does.Contain("Remissen berör inte nämndens ansvarsområde."));
            Assert.That(kvitto, Does.Contain("Avstår från att yttra sig").And.Contain("Remissen berör inte nämndens ansvarsområde.").And.Contain(svar.Dnr!));
            Assert.That(ksPage, Does.Contain("id=\"avstar-motivering\"").And.Contain("Remissen berör inte nämndens ansvarsområde."));
        });
    }

    [Test]
    public async Task Lamna_in_lists_what_will_be_sent_and_ends_on_a_receipt()
    {
        var id = await RegisteredAsync("Remiss att lämna in svar på");
        await Ok(await _registrator.PostAsJsonAsync($"/api/arenden/{id}/tilldela", new { handlaggareId = await ArendeData.UserIdAsync(_app, Sessions.SfHandlaggare) }));
        await Ok(await _handlaggare.PostAsync($"/api/arenden/{id}/handelser/paborja_beredning", null));
        await Ok(await _handlaggare.PostAsJsonAsync($"/api/arenden/{id}/tu", new
        {
            rubrik = "Remiss av förslaget", forslagTillBeslut = "Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.",
            sammanfattning = "Förvaltningen ställer sig bakom förslaget.", bakgrund = "Kommunstyrelsen har remitterat förslaget.", arendet = "Förslaget gäller parker.", synpunkter = "Förvaltningen tillstyrker.",
        }), HttpStatusCode.Created);
        await Ok(await _handlaggare.PostAsJsonAsync($"/api/arenden/{id}/beredning", new { organ = "Forvaltningsgrupp", datum = Today.ToString("yyyy-MM-dd") }));
        await Ok(await _handlaggare.PostAsync($"/api/arenden/{id}/handelser/skicka_till_forvaltningschef", null));
        await Ok(await _chef.PostAsync($"/api/arenden/{id}/handelser/godkann", null));
        var organ = await _app.QueryAsync(db => db.Organ.Where(o => o.Kind == OrganKind.Namnd && db.Organisationer.Any(x => x.Id == o.OrganisationId && x.DnrPrefix == "SF")).Select(o => o.Id).SingleAsync());
        var meeting = await _app.QueryAsync(db => db.Sammantraden.Where(m => m.OrganId == organ && m.Datum == Today).Select(m => (Guid?)m.Id).FirstOrDefaultAsync())
            ?? await _app.AsUserAsync(Sessions.SfSekreterare, new CreateSammantrade.Command(organ, Today, new TimeOnly(17, 0), "Sessionssalen", true));
        await Ok(await _sekreterareApi.PostAsJsonAsync($"/api/arenden/{id}/sammantrade", new { sammantradeId = meeting }));
        await Ok(await _sekreterareApi.PostAsJsonAsync($"/api/arenden/{id}/beslut", new { paragraf = 730, beslutstext = "Servicenämnden godkänner tjänsteutlåtandet.", standpunkt = "Tillstyrker", omedelbarJustering = true }));
        await Ok(await _sekreterareApi.PostAsJsonAsync($"/api/arenden/{id}/justering", new { justeringsdatum = Today.ToString("yyyy-MM-dd"), justerare = "Anna Ek" }));

        var arende = await _sekreterare.GetStringAsync($"/arenden/{id}");
        Assert.That(arende, Does.Contain($"href=\"/arenden/{id}/lamna-in\"").And.Not.Contain("trigger=lamna_in"));
        var confirm = await _sekreterare.GetStringAsync($"/arenden/{id}/lamna-in");
        Assert.That(confirm, Does.Contain("Protokollsutdrag § 730").And.Contain("Tjänsteutlåtande, version 1").And.Contain("Det går inte att ångra"));
        Assert.That(await _app.QueryAsync(db => db.Remissvar.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()), Is.EqualTo("justerad"), "looking is not sending");

        var posted = await Sessions.PostFormAsync(_sekreterare, $"/arenden/{id}/lamna-in", []);
        Assert.That(posted.Headers.Location?.OriginalString, Is.EqualTo($"/arenden/{id}/kvitto"), await posted.Content.ReadAsStringAsync());
        var svar = await _app.QueryAsync(db => db.Remissvar.AsNoTracking().SingleAsync(r => r.Id == id));
        var kvitto = await _sekreterare.GetStringAsync($"/arenden/{id}/kvitto");
        var at = TimeZoneInfo.ConvertTime(svar.InlamnadAt!.Value, StockholmTime.Zone);
        Assert.Multiple(() =>
        {
            Assert.That(svar.Status, Is.EqualTo("inlamnad"));
            Assert.That(kvitto, Does.Contain("Svaret är inlämnat."));
            Assert.That(kvitto, Does.Contain(svar.Dnr!).And.Contain(svar.AvsandareDnr));
            Assert.That(kvitto, Does.Contain("Protokollsutdrag § 730").And.Contain("Tjänsteutlåtande, version 1"));
            Assert.That(kvitto, Does.Contain($"kl. {at:HH:mm}"));
        });
    }

    [Test]
    public async Task Ks_anstand_decision_has_neither_choice_preselected()
    {
        var id = await RegisteredAsync("Remiss med begärt anstånd");
        await _app.AsUserAsync(Sessions.SfRegistrator, new RequestAnstand.Command(id, Today.AddDays(90), "Nämnden sammanträder senare."));
        var remissId = await _app.QueryAsync(db => db.Remissvar.Where(r => r.Id == id).Select(r => r.RemissId).SingleAsync());

        var page = await _ks.GetStringAsync($"/remisser/{remissId}/svar/{id}");

        Assert.Multiple(() =>
        {
            Assert.That(page, Does.Contain("id=\"Anstand_Beslut\""), "the decision form is there");
            Assert.That(page, Does.Not.Match("<input[^>]*name=\"Anstand.Beslut\"[^>]*checked"), "nothing is decided for KS");
        });
    }
}
