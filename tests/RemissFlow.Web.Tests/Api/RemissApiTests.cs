using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Api;

[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class RemissApiTests(DatabaseProvider provider)
{
    private RemissFlowApp _app = null!;
    private HttpClient _ks = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await RemissFlowApp.StartAsync(provider);
        _ks = await Sessions.BearerAsync(_app, Sessions.KsRegistrator);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private Task<int> Count() => _app.QueryAsync(db => db.Remisser.CountAsync());

    [Test]
    public async Task Ks_registrator_creates_a_remiss_with_the_next_dnr()
    {
        var response = await _ks.PostAsJsonAsync("/api/remisser", new { title = "Handlingsplan för jämställdhet", svarsdatum = "2027-04-24", description = "Svara senast den 24 april." });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var remiss = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Multiple(async () =>
        {
            Assert.That(remiss.GetProperty("dnr").GetString(), Does.Match(@"^KS \d{4}/\d+$"));
            Assert.That(remiss.GetProperty("status").GetString(), Is.EqualTo("utkast"));
            Assert.That(remiss.GetProperty("svarsdatum").GetString(), Is.EqualTo("2027-04-24"));
            Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"/api/remisser/{remiss.GetProperty("id").GetGuid()}"));
            var list = await _ks.GetFromJsonAsync<JsonElement>("/api/remisser");
            Assert.That(list.EnumerateArray().Select(r => r.GetProperty("title").GetString()), Does.Contain("Handlingsplan för jämställdhet"));
        });
    }

    [Test]
    public async Task Ks_samordnare_may_create_too_with_a_given_dnr()
    {
        var samordnare = await Sessions.BearerAsync(_app, Sessions.KsSamordnare);
        var response = await samordnare.PostAsJsonAsync("/api/remisser", new { title = "Program för mänskliga rättigheter", svarsdatum = "2027-09-30", dnr = "KS 2023/1159" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dnr").GetString(), Is.EqualTo("KS 2023/1159"));
    }

    private static IEnumerable<TestCaseData> BadRemisser()
    {
        yield return new TestCaseData("""{"title":"","svarsdatum":"2027-05-01"}""", "title", "Titel måste fyllas i.").SetName("Tom titel");
        yield return new TestCaseData("""{"title":"   ","svarsdatum":"2027-05-01"}""", "title", "Titel måste fyllas i.").SetName("Titel med bara blanksteg");
        yield return new TestCaseData("{\"title\":\"" + new string('x', 301) + "\",\"svarsdatum\":\"2027-05-01\"}", "title", "Titel får vara högst 300 tecken.").SetName("För lång titel");
        yield return new TestCaseData("""{"title":"Utan datum"}""", "svarsdatum", "Svarsdatum måste fyllas i").SetName("Svarsdatum saknas");
        yield return new TestCaseData("""{"title":"Fel datum","svarsdatum":"2026-13-45"}""", "svarsdatum", "svarsdatum").SetName("Ogiltigt datum");
        yield return new TestCaseData("""{"title":"Orimligt datum","svarsdatum":"1850-01-01"}""", "svarsdatum", "Svarsdatum måste ligga mellan").SetName("Orimligt datum");
        yield return new TestCaseData("""{"title":"Fel dnr","svarsdatum":"2027-05-01","dnr":"abc"}""", "dnr", "Diarienummer har fel form").SetName("Dnr med fel form");
        yield return new TestCaseData("""{"title":"Annans dnr","svarsdatum":"2027-05-01","dnr":"SF 2026/1"}""", "dnr", "måste börja med KS").SetName("Dnr i en annan serie");
        yield return new TestCaseData("""{"title":"Fel e-post","svarsdatum":"2027-05-01","kontaktpersonEpost":"nej"}""", "kontaktpersonEpost", "Kontaktpersonens e-post").SetName("Ogiltig kontakt-e-post");
        yield return new TestCaseData("""{"title":"Fel typ","svarsdatum":"2027-05-01","tillaterForvaltningensSvar":"kanske"}""", "tillaterForvaltningensSvar", "tillaterForvaltningensSvar").SetName("Fel typ på flagga");
    }

    [TestCaseSource(nameof(BadRemisser))]
    public async Task Bad_input_is_refused_naming_the_field_in_swedish_and_nothing_is_written(string json, string field, string message)
    {
        var before = await Count();
        var problem = await Problem.ReadAsync(await _ks.PostAsync("/api/remisser", new StringContent(json, Encoding.UTF8, "application/json")));
        Assert.Multiple(async () =>
        {
            Assert.That(problem.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problem.Errors.Keys, Does.Contain(field));
            Assert.That(problem.Detail, Does.Contain(message));
            Assert.That(await Count(), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task Malformed_json_and_wrong_content_type_are_refused_in_swedish()
    {
        var broken = await Problem.ReadAsync(await _ks.PostAsync("/api/remisser", new StringContent("{\"title\":", Encoding.UTF8, "application/json")));
        var text = await Problem.ReadAsync(await _ks.PostAsync("/api/remisser", new StringContent("title=x", Encoding.UTF8, "text/plain")));
        Assert.Multiple(() =>
        {
            Assert.That(broken.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(broken.Title, Is.EqualTo("Felaktig begäran"));
            Assert.That(text.Status, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
            Assert.That(text.Detail, Does.Contain("JSON"));
        });
    }

    [TestCase(Sessions.SfHandlaggare, "registrator eller KS-samordnare")]
    [TestCase(Sessions.SfRegistrator, "kommunstyrelsens registratorer")]
    [TestCase(Sessions.AdminEmail, "registrator eller KS-samordnare")]
    public async Task Others_may_not_create_remisser(string email, string message)
    {
        var client = await Sessions.BearerAsync(_app, email);
        var before = await Count();
        var problem = await Problem.ReadAsync(await client.PostAsJsonAsync("/api/remisser", new { title = "Obehörig", svarsdatum = "2027-06-01" }));
        Assert.Multiple(async () =>
        {
            Assert.That(problem.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(problem.Detail, Does.Contain(message));
            Assert.That(await Count(), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task An_instans_does_not_see_remisser_not_sent_to_it()
    {
        var created = await (await _ks.PostAsJsonAsync("/api/remisser", new { title = "Internt utkast", svarsdatum = "2027-06-01" })).Content.ReadFromJsonAsync<JsonElement>();
        var sf = await Sessions.BearerAsync(_app, Sessions.SfHandlaggare);
        var list = await sf.GetFromJsonAsync<JsonElement>("/api/remisser");
        var single = await sf.GetAsync($"/api/remisser/{created.GetProperty("id").GetGuid()}");
        Assert.Multiple(async () =>
        {
            Assert.That(list.EnumerateArray().Select(r => r.GetProperty("title").GetString()), Does.Not.Contain("Internt utkast"));
            Assert.That((await Problem.ReadAsync(single)).Status, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }
}
