using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Tests.Api;

/// <summary>
/// Blocker 3 of issue 13 on the pages and the API: no beslut before its meeting has begun; until
/// justering the beslut page corrects or undoes it with a reason; the § is suggested; justering is
/// prefilled with a valid date; the meeting picker marks the plan's meeting and late meetings.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class BeslutPageTests(DatabaseProvider provider)
{
    private const string SfChef = "chef.sf@remissflow.test";
    private RemissFlowApp _app = null!;
    private HttpClient _registrator = null!;
    private HttpClient _handlaggare = null!;
    private HttpClient _chef = null!;
    private HttpClient _sekreterareApi = null!;
    private HttpClient _sekreterare = null!;

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
        _chef = await Sessions.BearerAsync(_app, SfChef);
        _sekreterareApi = await Sessions.BearerAsync(_app, Sessions.SfSekreterare);
        _sekreterare = await Sessions.CookieAsync(_app, Sessions.SfSekreterare);
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

    private async Task<Guid> SfNamndAsync() =>
        await _app.QueryAsync(db => db.Organ.Where(o => o.Kind == OrganKind.Namnd && db.Organisationer.Any(x => x.Id == o.OrganisationId && x.DnrPrefix == "SF")).Select(o => o.Id).SingleAsync());

    private async Task<Guid> MeetingAsync(DateOnly date)
    {
        var organ = await SfNamndAsync();
        var existing = await _app.QueryAsync(db => db.Sammantraden.Where(m => m.OrganId == organ && m.Datum == date).Select(m => (Guid?)m.Id).FirstOrDefaultAsync());
        return existing ?? await _app.AsUserAsync(Sessions.SfSekreterare, new CreateSammantrade.Command(organ, date, new TimeOnly(17, 0), "Sessionssalen", true));
    }

    /// <summary>An SF ärende with an approved TU, svarsdatum in 60 days.</summary>
    private async Task<Guid> ApprovedAsync(string title)
    {
        var id = (await ArendeData.SendRemissAsync(_app, title, Today.AddDays(60), "SF"))["SF"];
        await Ok(await _registrator.PostAsync($"/api/arenden/{id}/registrera", null));
        await Ok(await _registrator.PostAsJsonAsync($"/api/arenden/{id}/tilldela", new { handlaggareId = await ArendeData.UserIdAsync(_app, Sessions.SfHandlaggare) }));
        await Ok(await _handlaggare.PostAsync($"/api/arenden/{id}/handelser/paborja_beredning", null));
        await Ok(await _handlaggare.PostAsJsonAsync($"/api/arenden/{id}/tu", new
        {
            rubrik = "Remiss av " + title,
            forslagTillBeslut = "Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.",
            sammanfattning = "Förvaltningen ställer sig bakom förslaget.",
            bakgrund = "Kommunstyrelsen har skickat förslaget på remiss.",
            arendet = "Förslaget gäller stadens parker.",
            synpunkter = "Förvaltningen tillstyrker.",
        }), HttpStatusCode.Created);
        await Ok(await _handlaggare.PostAsJsonAsync($"/api/arenden/{id}/beredning", new { organ = "Forvaltningsgrupp", datum = Today.ToString("yyyy-MM-dd") }));
        await Ok(await _handlaggare.PostAsync($"/api/arenden/{id}/handelser/skicka_till_forvaltningschef", null));
        await Ok(await _chef.PostAsync($"/api/arenden/{id}/handelser/godkann", null));
        return id;
    }

    private async Task<Guid> OnTodaysAgendaAsync(string title)
    {
        var id = await ApprovedAsync(title);
        await Ok(await _sekreterareApi.PostAsJsonAsync($"/api/arenden/{id}/sammantrade", new { sammantradeId = await MeetingAsync(Today) }));
        return id;
    }

    private static Dictionary<string, string> BeslutForm(int paragraf, string text) => new()
    {
        ["Input.Paragraf"] = paragraf.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.Beslutstext"] = text,
        ["Input.Standpunkt"] = nameof(Standpunkt.Tillstyrker),
    };

    private Task<string> StatusAsync(Guid id) => _app.QueryAsync(db => db.Remissvar.Where(r => r.Id == id).Select(r => r.Status).SingleAsync());

    [Test]
    public async Task Before_its_meeting_the_beslut_page_says_when_and_the_page_and_api_refuse_without_writing()
    {
        var id = await ApprovedAsync("Parkprogram med sammanträde om två veckor");
        var later = Today.AddDays(14);
        await Ok(await _sekreterareApi.PostAsJsonAsync($"/api/arenden/{id}/sammantrade", new { sammantradeId = await MeetingAsync(later) }));

        var page = await _sekreterare.GetStringAsync($"/arenden/{id}/beslut");
        Assert.That(page, Does.Contain("id=\"ej-borjat\"").And.Contain(later.ToString("yyyy-MM-dd")));
        Assert.That(page, Does.Not.Contain("Registrera beslutet</button>"), "no form to fill in before the meeting");

        var posted = await Sessions.PostFormAsync(_sekreterare, $"/arenden/{id}/beslut", BeslutForm(5, "Servicenämnden godkänner tjänsteutlåtandet."));
        var api = await _sekreterareApi.PostAsJsonAsync($"/api/arenden/{id}/beslut", new { paragraf = 5, beslutstext = "Servicenämnden godkänner tjänsteutlåtandet.", standpunkt = "Tillstyrker" });
        Assert.Multiple(async () =>
        {
            Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(await posted.Content.ReadAsStringAsync(), Does.Contain("först när sammanträdet har börjat"));
            var problem = await Problem.ReadAsync(api);
            Assert.That(problem.Status, Is.Not.EqualTo(HttpStatusCode.OK));
            Assert.That(problem.Detail, Does.Contain("först när sammanträdet har börjat"));
            Assert.That(await _app.QueryAsync(db => db.Beslut.CountAsync(b => b.RemissvarId == id)), Is.Zero);
            Assert.That(await StatusAsync(id), Is.EqualTo("anmald"));
        });
    }

    [Test]
    public async Task The_beslut_form_suggests_the_next_paragraf_of_the_nämnds_year()
    {
        var first = await OnTodaysAgendaAsync("Parkprogram A för paragrafförslag");
        var second = await OnTodaysAgendaAsync("Parkprogram B för paragrafförslag");
        await Ok(await _sekreterareApi.PostAsJsonAsync($"/api/arenden/{first}/beslut", new { paragraf = 900, beslutstext = "Servicenämnden godkänner tjänsteutlåtandet.", standpunkt = "Tillstyrker" }));

        var page = await _sekreterare.GetStringAsync($"/arenden/{second}/beslut");

        Assert.That(page, Does.Match("name=\"Input.Paragraf\"[^>]*value=\"901\"|value=\"901\"[^>]*name=\"Input.Paragraf\""));
    }

    [Test]
    public async Task Until_justering_the_page_corrects_the_beslut_with_a_reason_and_then_undoes_it()
    {
        var id = await OnTodaysAgendaAsync("Parkprogram att rätta");
        await Ok(await _sekreterareApi.PostAsJsonAsync($"/api/arenden/{id}/beslut", new { paragraf = 610, beslutstext = "Servicenämnden godkänner tjänsteutlåtandet.", standpunkt = "Tillstyrker" }));

        var arende = await _sekreterare.GetStringAsync($"/arenden/{id}");
        Assert.That(arende, Does.Contain("Rätta eller ångra beslutet"));
        var form = await _sekreterare.GetStringAsync($"/arenden/{id}/beslut");
        Assert.That(form, Does.Contain("Servicenämnden godkänner tjänsteutlåtandet.").And.Contain("value=\"610\""), "the form shows the recorded beslut");

        var noReason = await Sessions.PostFormAsync(_sekreterare, $"/arenden/{id}/beslut", BeslutForm(611, "Servicenämnden godkänner tjänsteutlåtandet med tillägg."));
        var noReasonHtml = await noReason.Content.ReadAsStringAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(noReason.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(noReasonHtml, Does.Contain("Skäl till rättelsen måste fyllas i."));
            Assert.That(noReasonHtml, Does.Contain("med tillägg."), "the input is kept");
            Assert.That(await _app.QueryAsync(db => db.Beslut.Where(b => b.RemissvarId == id).Select(b => b.Paragraf).SingleAsync()), Is.EqualTo(610));
        });

        var fields = BeslutForm(611, "Servicenämnden godkänner tjänsteutlåtandet med tillägg.");
        fields["Input.Skal"] = "Fel paragrafnummer.";
        var corrected = await Sessions.PostFormAsync(_sekreterare, $"/arenden/{id}/beslut", fields);
        Assert.That(corrected.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await corrected.Content.ReadAsStringAsync());
        Assert.That(await _app.QueryAsync(db => db.Beslut.Where(b => b.RemissvarId == id).Select(b => b.Paragraf).SingleAsync()), Is.EqualTo(611));

        var undone = await Sessions.PostFormAsync(_sekreterare, $"/arenden/{id}/beslut?handler=Angra", new() { ["Angra.Skal"] = "Ärendet bordlades i själva verket." }, $"/arenden/{id}/beslut");
        Assert.That(undone.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await undone.Content.ReadAsStringAsync());
        var log = await _app.QueryAsync(db => db.Handelser.Where(h => h.ArendeId == id).OrderBy(h => h.Sequence).Select(h => h.Beskrivning).ToListAsync());
        Assert.Multiple(async () =>
        {
            Assert.That(await StatusAsync(id), Is.EqualTo("anmald"));
            Assert.That(await _app.QueryAsync(db => db.Beslut.CountAsync(b => b.RemissvarId == id)), Is.Zero);
            Assert.That(log, Has.Some.Contains("Skäl: Fel paragrafnummer."));
            Assert.That(log, Has.Some.Contains("Skäl: Ärendet bordlades i själva verket."));
        });
    }

    [Test]
    public async Task Justering_is_prefilled_with_a_date_it_accepts()
    {
        var id = await OnTodaysAgendaAsync("Parkprogram att justera");
        await Ok(await _sekreterareApi.PostAsJsonAsync($"/api/arenden/{id}/beslut", new { paragraf = 620, beslutstext = "Servicenämnden godkänner tjänsteutlåtandet.", standpunkt = "Tillstyrker" }));

        var page = await _sekreterare.GetStringAsync($"/arenden/{id}");
        var prefilled = System.Text.RegularExpressions.Regex.Match(page, "name=\"Justering.Justeringsdatum\"[^>]*value=\"([0-9-]+)\"|value=\"([0-9-]+)\"[^>]*name=\"Justering.Justeringsdatum\"");
        Assert.That(prefilled.Success, Is.True, "Justeringsdatum has a value");
        var date = prefilled.Groups[1].Success ? prefilled.Groups[1].Value : prefilled.Groups[2].Value;

        var posted = await Sessions.PostFormAsync(_sekreterare, $"/arenden/{id}?handler=Justera", new() { ["Justering.Justeringsdatum"] = date, ["Justering.Justerare"] = "Anna Ek" }, $"/arenden/{id}");
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await posted.Content.ReadAsStringAsync());
        Assert.That(await StatusAsync(id), Is.EqualTo("justerad"));
    }

    [Test]
    public async Task The_meeting_picker_marks_the_plans_meeting_and_warns_about_meetings_after_svarsdatum()
    {
        var id = await ApprovedAsync("Parkprogram att placera");
        var svarsdatum = Today.AddDays(60);
        await MeetingAsync(svarsdatum.AddDays(7));
        var plan = JsonDocument.Parse(await _sekreterareApi.GetStringAsync($"/api/arenden/{id}/plan")).RootElement;
        var recommended = plan.GetProperty("sammantrade").GetProperty("datum").GetString();

        var page = await _sekreterare.GetStringAsync($"/arenden/{id}");

        Assert.Multiple(() =>
        {
            Assert.That(page, Does.Contain($"{recommended} – rekommenderas av planen"));
            Assert.That(page, Does.Contain($"{svarsdatum.AddDays(7):yyyy-MM-dd} – efter svarsdatum"));
            Assert.That(page, Does.Contain("Sammanträden efter svarsdatum"));
        });
    }
}
