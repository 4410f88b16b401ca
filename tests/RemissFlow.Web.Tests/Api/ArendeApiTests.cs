using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Tests.Api;

/// <summary>The instans's ärende over /api/arenden: the lifecycle by its real roles, bad input on every command, and who may read what.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class ArendeApiTests(DatabaseProvider provider)
{
    private const string SfChef = "chef.sf@remissflow.test";
    private const string SofHandlaggare = "handlaggare.sof@remissflow.test";

    private RemissFlowApp _app = null!;
    private HttpClient _registrator = null!;
    private HttpClient _handlaggare = null!;
    private HttpClient _chef = null!;
    private HttpClient _sekreterare = null!;
    private HttpClient _ks = null!;
    private HttpClient _sof = null!;

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
        _chef = await Sessions.BearerAsync(_app, SfChef);
        _sekreterare = await Sessions.BearerAsync(_app, Sessions.SfSekreterare);
        _ks = await Sessions.BearerAsync(_app, Sessions.KsRegistrator);
        _sof = await Sessions.BearerAsync(_app, SofHandlaggare);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static async Task<JsonElement> Ok(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static object Tu(int? basedOn, string synpunkter) => new
    {
        basedOnVersion = basedOn,
        rubrik = "Remiss av program för en grönare stad",
        forslagTillBeslut = "Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.",
        sammanfattning = "Förvaltningen ställer sig bakom programmet.",
        bakgrund = "Kommunstyrelsen har skickat programmet på remiss.",
        arendet = "Programmet föreslår mer grönska.",
        synpunkter,
    };

    private async Task<Guid> RegisteredAndAssignedAsync(string title)
    {
        var id = (await ArendeData.SendRemissAsync(_app, title, StockholmTime.Today(TimeProvider.System).AddDays(60), "SF"))["SF"];
        await Ok(await _registrator.PostAsync($"/api/arenden/{id}/registrera", null));
        await Ok(await _registrator.PostAsJsonAsync($"/api/arenden/{id}/tilldela", new { handlaggareId = await ArendeData.UserIdAsync(_app, Sessions.SfHandlaggare) }));
        return id;
    }

    [Test]
    public async Task The_whole_answer_goes_through_the_api_and_ks_may_read_it_only_once_handed_in()
    {
        var id = (await ArendeData.SendRemissAsync(_app, "Program för en grönare stad", StockholmTime.Today(TimeProvider.System).AddDays(60), "SF", "SOF"))["SF"];

        var arende = await Ok(await _registrator.GetAsync($"/api/arenden/{id}"));
        Assert.That(arende.GetProperty("status").GetString(), Is.EqualTo("inkommen"));
        Assert.That(arende.GetProperty("triggers").EnumerateArray().Where(t => t.GetProperty("permitted").GetBoolean()).Select(t => t.GetProperty("trigger").GetString()), Does.Contain("registrera"));

        var registered = await Ok(await _registrator.PostAsync($"/api/arenden/{id}/registrera", null));
        Assert.That(registered.GetProperty("dnr").GetString(), Does.Match(@"^SF \d{4}/\d+$"));
        await Ok(await _registrator.PostAsJsonAsync($"/api/arenden/{id}/tilldela", new { handlaggareId = await ArendeData.UserIdAsync(_app, Sessions.SfHandlaggare) }));
        await Ok(await _handlaggare.PostAsync($"/api/arenden/{id}/handelser/paborja_beredning", null));
        var saved = await Ok(await _handlaggare.PostAsJsonAsync($"/api/arenden/{id}/tu", Tu(null, "Förvaltningen tillstyrker.")), HttpStatusCode.Created);
        Assert.That(saved.GetProperty("version").GetInt32(), Is.EqualTo(1));
        await Ok(await _handlaggare.PostAsJsonAsync($"/api/arenden/{id}/beredning", new { organ = "Forvaltningsgrupp", datum = StockholmTime.Today(TimeProvider.System).ToString("yyyy-MM-dd") }));
        await Ok(await _handlaggare.PostAsync($"/api/arenden/{id}/handelser/skicka_till_forvaltningschef", null));

        // Drafts are internal: KS cannot read them, another instans cannot even see the ärende.
        Assert.That((await Problem.ReadAsync(await _ks.GetAsync($"/api/arenden/{id}"))).Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await Problem.ReadAsync(await _sof.GetAsync($"/api/arenden/{id}"))).Status, Is.EqualTo(HttpStatusCode.NotFound));

        await Ok(await _chef.PostAsync($"/api/arenden/{id}/handelser/godkann", null));
        var plan = await Ok(await _sekreterare.GetAsync($"/api/arenden/{id}/plan"));
        Assert.That(plan.GetProperty("status").GetString(), Is.AnyOf("OnTrack", "AtRisk", "Impossible"));

        var meeting = await TodaysMeetingAsync();
        await Ok(await _sekreterare.PostAsJsonAsync($"/api/arenden/{id}/sammantrade", new { sammantradeId = meeting }));
        await Ok(await _sekreterare.PostAsJsonAsync($"/api/arenden/{id}/beslut", new
        {
            paragraf = 41,
            beslutstext = "Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.",
            standpunkt = "TillstyrkerMedSynpunkter",
            omedelbarJustering = true,
            reservationer = new[] { new { ledamot = "Kim Berg (V)", text = "Jag reserverar mig till förmån för mitt yrkande." } },
        }));
        await Ok(await _sekreterare.PostAsJsonAsync($"/api/arenden/{id}/justering", new { justeringsdatum = StockholmTime.Today(TimeProvider.System).ToString("yyyy-MM-dd"), justerare = "Anna Ek, Bo Lind" }));
        var lamnat = await Ok(await _sekreterare.PostAsync($"/api/arenden/{id}/handelser/lamna_in", null));
        Assert.That(lamnat.GetProperty("status").GetString(), Is.EqualTo("inlamnad"));

        var seenByKs = await Ok(await _ks.GetAsync($"/api/arenden/{id}"));
        Assert.Multiple(async () =>
        {
            Assert.That(seenByKs.GetProperty("statusLabel").GetString(), Is.EqualTo("Inlämnad"));
            Assert.That(seenByKs.GetProperty("triggers").GetArrayLength(), Is.Zero);
            Assert.That(seenByKs.GetProperty("tuSenasteVersion").ValueKind, Is.EqualTo(JsonValueKind.Null), "KS ser inte utkastens versioner");
            var beslut = await _app.QueryAsync(db => db.Beslut.AsNoTracking().SingleAsync(b => b.RemissvarId == id));
            Assert.That(beslut.Reservationer.Single().Ledamot, Is.EqualTo("Kim Berg (V)"));
            Assert.That(beslut.OmedelbarJustering, Is.True);
        });
    }

    private async Task<Guid> TodaysMeetingAsync()
    {
        var today = StockholmTime.Today(TimeProvider.System);
        var organ = await _app.QueryAsync(db => db.Organ.Where(o => o.Kind == OrganKind.Namnd && db.Organisationer.Any(x => x.Id == o.OrganisationId && x.DnrPrefix == "SF")).Select(o => o.Id).SingleAsync());
        var existing = await _app.QueryAsync(db => db.Sammantraden.Where(m => m.OrganId == organ && m.Datum == today).Select(m => (Guid?)m.Id).FirstOrDefaultAsync());
        return existing ?? await _app.AsUserAsync(Sessions.SfSekreterare, new CreateSammantrade.Command(organ, today, new TimeOnly(17, 0), "Sessionssalen", true));
    }

    [Test]
    [Order(1)] // Before any other test of this fixture adds a meeting today, which would fit and rule out the ordförandebeslut.
    public async Task When_no_meeting_fits_the_ordforande_decides_and_the_decision_is_reported_later()
    {
        var today = StockholmTime.Today(TimeProvider.System);
        var id = (await ArendeData.SendRemissAsync(_app, "Brådskande remiss om snöröjning", today.AddDays(2), "SF"))["SF"];
        await Ok(await _registrator.PostAsync($"/api/arenden/{id}/registrera", null));
        await Ok(await _registrator.PostAsJsonAsync($"/api/arenden/{id}/tilldela", new { handlaggareId = await ArendeData.UserIdAsync(_app, Sessions.SfHandlaggare) }));
        await Ok(await _handlaggare.PostAsync($"/api/arenden/{id}/handelser/paborja_beredning", null));
        await Ok(await _handlaggare.PostAsJsonAsync($"/api/arenden/{id}/tu", Tu(null, "Förvaltningen tillstyrker.")), HttpStatusCode.Created);
        await Ok(await _handlaggare.PostAsJsonAsync($"/api/arenden/{id}/beredning", new { organ = "Forvaltningsgrupp", datum = today.ToString("yyyy-MM-dd") }));
        await Ok(await _handlaggare.PostAsync($"/api/arenden/{id}/handelser/skicka_till_forvaltningschef", null));
        await Ok(await _chef.PostAsync($"/api/arenden/{id}/handelser/godkann", null));

        var plan = await Ok(await _sekreterare.GetAsync($"/api/arenden/{id}/plan"));
        Assert.That(plan.GetProperty("status").GetString(), Is.EqualTo("Impossible"));
        var sekreterarePage = await Sessions.CookieAsync(_app, Sessions.SfSekreterare);
        Assert.That(await sekreterarePage.GetStringAsync($"/arenden/{id}/ordforandebeslut"), Does.Contain("Registrera ordförandebeslut"));

        await Ok(await _sekreterare.PostAsJsonAsync($"/api/arenden/{id}/ordforandebeslut", new { beslutsdatum = today.ToString("yyyy-MM-dd"), ordforande = "Eva Ordf", standpunkt = "Tillstyrker" }));
        var inlamnad = await Ok(await _sekreterare.PostAsync($"/api/arenden/{id}/handelser/lamna_in", null));
        Assert.That(inlamnad.GetProperty("status").GetString(), Is.EqualTo("inlamnad_ej_anmald"));

        var next = await _app.QueryAsync(db => (from m in db.Sammantraden
                                                join o in db.Organ on m.OrganId equals o.Id
                                                where o.Kind == OrganKind.Namnd && db.Organisationer.Any(x => x.Id == o.OrganisationId && x.DnrPrefix == "SF") && m.Datum > today
                                                orderby m.Datum
                                                select m.Id).FirstAsync());
        var missing = await Problem.ReadAsync(await _sekreterare.PostAsJsonAsync($"/api/arenden/{id}/ordforandebeslut/anmalan", new { sammantradeId = next }));
        Assert.That(missing.Errors.Keys, Does.Contain("paragraf"));
        var reported = await Ok(await _sekreterare.PostAsJsonAsync($"/api/arenden/{id}/ordforandebeslut/anmalan", new { sammantradeId = next, paragraf = 93 }));
        Assert.That(reported.GetProperty("status").GetString(), Is.EqualTo("inlamnad"));
        Assert.That(await sekreterarePage.GetStringAsync($"/sammantraden/{next}"), Does.Contain("Anmälda ordförandebeslut").And.Contain("Brådskande remiss om snöröjning"));
    }

    [Test]
    public async Task Two_saves_on_the_same_version_give_one_version_and_one_conflict()
    {
        var id = await RegisteredAndAssignedAsync("Strategi för digital förvaltning");
        await Ok(await _handlaggare.PostAsync($"/api/arenden/{id}/handelser/paborja_beredning", null));
        await Ok(await _handlaggare.PostAsJsonAsync($"/api/arenden/{id}/tu", Tu(null, "Första texten.")), HttpStatusCode.Created);
        await Ok(await _handlaggare.PostAsJsonAsync($"/api/arenden/{id}/tu", Tu(1, "Andra texten.")), HttpStatusCode.Created);
        var problem = await Problem.ReadAsync(await _handlaggare.PostAsJsonAsync($"/api/arenden/{id}/tu", Tu(1, "Tredje texten.")));
        Assert.Multiple(async () =>
        {
            Assert.That(problem.Status, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(problem.Detail, Does.Contain("version 2"));
            Assert.That(await _app.QueryAsync(db => db.TjansteutlatandeVersioner.CountAsync(v => db.Tjansteutlatanden.Any(t => t.Id == v.TjansteutlatandeId && t.RemissvarId == id))), Is.EqualTo(2));
        });
    }

    private static IEnumerable<TestCaseData> BadCommands()
    {
        TestCaseData Case(string who, string path, string json, string field, string message, string name) =>
            new TestCaseData(who, path, json, field, message).SetName(name);
        yield return Case("registrator", "tilldela", "{}", "handlaggareId", "Handläggare", "Tilldela utan handläggare");
        yield return Case("registrator", "tilldela", """{"handlaggareId":"00000000-0000-0000-0000-000000000001"}""", "handlaggareId", "inte handläggare i er organisation", "Tilldela någon som inte är handläggare här");
        yield return Case("handlaggare", "tu", """{"rubrik":"","forslagTillBeslut":"x","sammanfattning":"x","bakgrund":"x","arendet":"x","synpunkter":"x"}""", "rubrik", "Rubrik måste fyllas i", "TU utan rubrik");
        // A TU may be saved as a partial draft (sections are required when it goes to the förvaltningschef), but never over a section's limit.
        yield return Case("handlaggare", "tu", $$"""{"rubrik":"R","forslagTillBeslut":"x","synpunkter":"{{new string('x', 100_001)}}"}""", "synpunkter", "får vara högst 100000 tecken", "TU med för långa synpunkter");
        yield return Case("handlaggare", "beredning", """{"datum":"2026-01-10"}""", "organ", "Beredningsorgan", "Beredning utan organ");
        yield return Case("handlaggare", "beredning", """{"organ":"Namnd","datum":"2026-01-10"}""", "organ", "Beredningsorgan måste vara", "Beredning i nämnden");
        var nextWeek = StockholmTime.Today(TimeProvider.System).AddDays(7).ToString("yyyy-MM-dd");
        yield return Case("handlaggare", "beredning", $$"""{"organ":"Forvaltningsgrupp","datum":"{{nextWeek}}"}""", "datum", "i förväg", "Beredning i framtiden");
        yield return Case("handlaggare", "beredning", """{"organ":"Forvaltningsgrupp","datum":"2099-01-10"}""", "datum", "Datum måste ligga mellan", "Beredning långt fram");
        yield return Case("sekreterare", "sammantrade", "{}", "sammantradeId", "Sammanträde", "Sammanträde saknas");
        yield return Case("sekreterare", "beslut", """{"beslutstext":"B","standpunkt":"Tillstyrker"}""", "paragraf", "Paragraf", "Beslut utan paragraf");
        yield return Case("sekreterare", "beslut", """{"paragraf":3,"beslutstext":"","standpunkt":"Tillstyrker"}""", "beslutstext", "Beslut måste fyllas i", "Beslut utan text");
        yield return Case("sekreterare", "beslut", """{"paragraf":3,"beslutstext":"B"}""", "standpunkt", "Ställningstagande", "Beslut utan ställningstagande");
        yield return Case("sekreterare", "beslut", """{"paragraf":3,"beslutstext":"B","standpunkt":"Tillstyrker","reservationer":[{"ledamot":"","text":"T"}]}""", "reservationer[0].ledamot", "Reservation: ledamot", "Reservation utan ledamot");
        yield return Case("sekreterare", "justering", """{"justeringsdatum":"2026-01-10","justerare":""}""", "justerare", "Justerare måste fyllas i", "Justering utan justerare");
        yield return Case("sekreterare", "justering", """{"justerare":"A"}""", "justeringsdatum", "Justeringsdatum", "Justering utan datum");
        // Before the ärende's svarsdatum (60 days ahead) but within the date bound, so the anstånd rule itself answers.
        yield return Case("handlaggare", "anstand", $$"""{"onskatSvarsdatum":"{{nextWeek}}","motivering":"Vi hinner inte."}""", "onskatSvarsdatum", "senare än nuvarande svarsdatum", "Anstånd till ett tidigare datum");
        yield return Case("handlaggare", "anstand", """{"onskatSvarsdatum":"2099-01-01","motivering":" "}""", "motivering", "Motivering måste fyllas i", "Anstånd utan motivering");
        yield return Case("chef", "handelser/returnera", "{}", "kommentar", "Kommentar måste fyllas i", "Retur utan kommentar");
        yield return Case("handlaggare", "handelser/besluta", "{}", "trigger", "enkel knapp", "Okänd enkel händelse");
        yield return Case("sekreterare", "ordforandebeslut", """{"ordforande":"A","standpunkt":"Tillstyrker"}""", "beslutsdatum", "Beslutsdatum", "Ordförandebeslut utan datum");
    }

    [TestCaseSource(nameof(BadCommands))]
    public async Task Bad_input_is_refused_naming_the_field_in_swedish_and_nothing_is_written(string who, string path, string json, string field, string message)
    {
        var id = await RegisteredAndAssignedAsync("Remiss för felaktig indata " + Guid.NewGuid().ToString("N")[..6]);
        var client = who switch { "registrator" => _registrator, "handlaggare" => _handlaggare, "chef" => _chef, _ => _sekreterare };
        var before = await _app.QueryAsync(db => db.Handelser.CountAsync(h => h.ArendeId == id));
        var problem = await Problem.ReadAsync(await client.PostAsync($"/api/arenden/{id}/{path}", new StringContent(json, Encoding.UTF8, "application/json")));
        Assert.Multiple(async () =>
        {
            Assert.That(problem.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problem.Errors.Keys, Does.Contain(field));
            Assert.That(problem.Errors[field].Single(), Does.Contain(message));
            Assert.That(problem.Detail, Is.Not.Null.And.Not.Empty);
            Assert.That(await _app.QueryAsync(db => db.Handelser.CountAsync(h => h.ArendeId == id)), Is.EqualTo(before), "ingenting skrevs");
            Assert.That(await _app.QueryAsync(db => db.Remissvar.Where(v => v.Id == id).Select(v => v.Status).SingleAsync()), Is.EqualTo("tilldelad"));
        });
    }

    [Test]
    public async Task Another_organisation_can_neither_read_nor_act_and_roles_are_checked()
    {
        var id = await RegisteredAndAssignedAsync("Remiss för behörighet");
        Assert.Multiple(async () =>
        {
            Assert.That((await Problem.ReadAsync(await _sof.GetAsync($"/api/arenden/{id}"))).Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await Problem.ReadAsync(await _sof.GetAsync($"/api/arenden/{id}/plan"))).Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await Problem.ReadAsync(await _sof.PostAsync($"/api/arenden/{id}/handelser/paborja_beredning", null))).Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await Problem.ReadAsync(await _sof.PostAsJsonAsync($"/api/arenden/{id}/tu", Tu(null, "Intrång.")))).Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await Problem.ReadAsync(await _ks.GetAsync($"/api/arenden/{id}"))).Detail, Does.Contain("inte inlämnat"));
            // The registrator may not write the TU, the handläggare may not approve it.
            Assert.That((await Problem.ReadAsync(await _registrator.PostAsJsonAsync($"/api/arenden/{id}/tu", Tu(null, "Fel roll.")))).Status, Is.EqualTo(HttpStatusCode.Forbidden));
            var approve = await Problem.ReadAsync(await _handlaggare.PostAsync($"/api/arenden/{id}/handelser/godkann", null));
            Assert.That(approve.Status, Is.AnyOf(HttpStatusCode.Forbidden, HttpStatusCode.UnprocessableEntity));
            Assert.That(await _app.QueryAsync(db => db.TjansteutlatandeVersioner.CountAsync(v => db.Tjansteutlatanden.Any(t => t.Id == v.TjansteutlatandeId && t.RemissvarId == id))), Is.Zero);
        });
    }

    [Test]
    public async Task Pages_follow_the_same_read_rule()
    {
        var id = await RegisteredAndAssignedAsync("Remiss för sidornas behörighet");
        var sf = await Sessions.CookieAsync(_app, Sessions.SfHandlaggare);
        var sof = await Sessions.CookieAsync(_app, SofHandlaggare);
        var ks = await Sessions.CookieAsync(_app, Sessions.KsRegistrator);
        Assert.Multiple(async () =>
        {
            var own = await sf.GetAsync($"/arenden/{id}");
            Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await own.Content.ReadAsStringAsync(), Does.Contain("Remiss för sidornas behörighet").And.Contain("Påbörja beredning"));
            Assert.That((await sof.GetAsync($"/arenden/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await ks.GetAsync($"/arenden/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await sof.GetAsync($"/arenden/{id}/dokument/tu/pdf")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await sof.GetAsync($"/arenden/{id}/tu")).StatusCode, Is.Not.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Calendar_feeds_answer_by_secret_token_only()
    {
        var token = await _app.QueryAsync(db => db.Users.Where(u => u.Email == Sessions.SfSekreterare).Select(u => u.CalendarToken).SingleAsync());
        var organ = await _app.QueryAsync(db => db.Organ.Where(o => db.Organisationer.Any(x => x.Id == o.OrganisationId && x.DnrPrefix == "SF")).Select(o => o.Id).FirstAsync());
        var otherOrgan = await _app.QueryAsync(db => db.Organ.Where(o => db.Organisationer.Any(x => x.Id == o.OrganisationId && x.DnrPrefix == "SOF")).Select(o => o.Id).FirstAsync());
        var anonymous = _app.NewClient();
        var mine = await anonymous.GetAsync($"/kalender/{token}.ics");
        var body = await mine.Content.ReadAsStringAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(mine.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(mine.Content.Headers.ContentType!.ToString(), Is.EqualTo("text/calendar; charset=utf-8"));
            Assert.That(body, Does.StartWith("BEGIN:VCALENDAR"));
            Assert.That((await anonymous.GetAsync($"/kalender/{token}/organ/{organ}.ics")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await anonymous.GetAsync($"/kalender/{token}/organ/{otherOrgan}.ics")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await anonymous.GetAsync("/kalender/inte-en-token.ics")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }
}
