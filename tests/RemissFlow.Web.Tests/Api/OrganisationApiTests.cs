using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Api;

[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class OrganisationApiTests(DatabaseProvider provider)
{
    private RemissFlowApp _app = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await RemissFlowApp.StartAsync(provider);
        _admin = await Sessions.BearerAsync(_app, Sessions.AdminEmail);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private Task<int> Count() => _app.QueryAsync(db => db.Organisationer.CountAsync());

    [Test]
    public async Task Admin_creates_an_organisation_and_reads_it_back()
    {
        var response = await _admin.PostAsJsonAsync("/api/organisationer", new
        {
            name = "Kulturnämnden", kind = "Namnd", dnrPrefix = "KUF", forvaltningName = "Kulturförvaltningen",
            contactEmail = "kultur@stockholm.se", beredningOrgan = new[] { "Forvaltningsgrupp" },
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var read = await _admin.GetFromJsonAsync<JsonElement>(response.Headers.Location!);
        Assert.Multiple(() =>
        {
            Assert.That(read.GetProperty("name").GetString(), Is.EqualTo("Kulturnämnden"));
            Assert.That(read.GetProperty("kind").GetString(), Is.EqualTo("Namnd"));
            Assert.That(read.GetProperty("beredningOrgan")[0].GetString(), Is.EqualTo("Forvaltningsgrupp"));
        });
    }

    [Test]
    public async Task List_is_in_swedish_alphabetical_order_with_å_ä_ö_after_z()
    {
        foreach (var (name, prefix) in new[] { ("Östermalms stadsdelsnämnd", "OM"), ("Zinkensdamms idrottsförening", "ZIF"), ("Älvsjö stadsdelsnämnd", "AS") })
        {
            var created = await _admin.PostAsJsonAsync("/api/organisationer", new { name, kind = "Namnd", dnrPrefix = prefix });
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        }

        var names = (await _admin.GetFromJsonAsync<JsonElement>("/api/organisationer")).EnumerateArray().Select(o => o.GetProperty("name").GetString()!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(names.IndexOf("Zinkensdamms idrottsförening"), Is.LessThan(names.IndexOf("Älvsjö stadsdelsnämnd")));
            Assert.That(names.IndexOf("Älvsjö stadsdelsnämnd"), Is.LessThan(names.IndexOf("Östermalms stadsdelsnämnd")));
            Assert.That(names.IndexOf("Hägersten-Liljeholmens stadsdelsnämnd"), Is.LessThan(names.IndexOf("Kommunstyrelsen")));
        });
    }

    private static IEnumerable<TestCaseData> BadOrganisations()
    {
        yield return new TestCaseData("""{"name":"","kind":"Namnd","dnrPrefix":"TOM"}""", "name", "Namn måste fyllas i.").SetName("Tomt namn");
        yield return new TestCaseData("""{"name":"Prefixnämnden","kind":"Namnd","dnrPrefix":"sf"}""", "dnrPrefix", "Diarieprefix").SetName("Diarieprefix med gemener");
        yield return new TestCaseData("""{"name":"Epostnämnden","kind":"Namnd","dnrPrefix":"EPN","contactEmail":"inte-en-adress"}""", "contactEmail", "Kontakt-e-post").SetName("Ogiltig e-post");
        yield return new TestCaseData("""{"name":"Typlös nämnd","dnrPrefix":"TYP"}""", "kind", "Organisationstyp").SetName("Typ saknas");
        yield return new TestCaseData("""{"name":"Okänd typ","kind":"Kyrka","dnrPrefix":"KYR"}""", "kind", "kind").SetName("Okänd typ");
        yield return new TestCaseData("""{"name":"Serviceförvaltningen igen","kind":"Namnd","dnrPrefix":"SF"}""", "dnrPrefix", "SF används redan").SetName("Upptaget prefix");
        yield return new TestCaseData("{\"name\":\"Styr\\u0007tecken\",\"kind\":\"Namnd\",\"dnrPrefix\":\"STY\"}", "name", "styrtecken").SetName("Styrtecken i namnet");
    }

    [TestCaseSource(nameof(BadOrganisations))]
    public async Task Bad_input_is_refused_naming_the_field_in_swedish_and_nothing_is_written(string json, string field, string message)
    {
        var before = await Count();
        var response = await _admin.PostAsync("/api/organisationer", new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await Problem.ReadAsync(response);
        Assert.Multiple(async () =>
        {
            Assert.That(problem.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problem.Errors.Keys, Does.Contain(field));
            Assert.That(problem.Detail, Does.Contain(message));
            Assert.That(await Count(), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task Non_admin_may_read_but_not_create()
    {
        var registrator = await Sessions.BearerAsync(_app, Sessions.KsRegistrator);
        Assert.That((await registrator.GetAsync("/api/organisationer")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var before = await Count();
        var problem = await Problem.ReadAsync(await registrator.PostAsJsonAsync("/api/organisationer", new { name = "Smyg", kind = "Namnd", dnrPrefix = "SMY" }));
        Assert.Multiple(async () =>
        {
            Assert.That(problem.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(problem.Detail, Does.Contain("administratör"));
            Assert.That(await Count(), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task Update_with_a_stale_version_is_a_409_conflict_and_keeps_the_other_change()
    {
        var created = await _admin.PostAsJsonAsync("/api/organisationer", new { name = "Idrottsnämnden", kind = "Namnd", dnrPrefix = "IDR" });
        var organisation = await created.Content.ReadFromJsonAsync<JsonElement>();
        var url = $"/api/organisationer/{organisation.GetProperty("id").GetGuid()}";
        var version = organisation.GetProperty("version").GetInt32();

        var first = await _admin.PutAsJsonAsync(url, new { expectedVersion = version, name = "Idrottsnämnden", contactPhone = "08-508 00 001" });
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), await first.Content.ReadAsStringAsync());
        var second = await Problem.ReadAsync(await _admin.PutAsJsonAsync(url, new { expectedVersion = version, name = "Idrottsnämnden", contactPhone = "08-999" }));
        var saved = await _admin.GetFromJsonAsync<JsonElement>(url);
        Assert.Multiple(() =>
        {
            Assert.That(second.Status, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(second.Detail, Does.Contain("ändrats av någon annan"));
            Assert.That(saved.GetProperty("contactPhone").GetString(), Is.EqualTo("08-508 00 001"));
        });
    }

    [Test]
    public async Task Update_without_expected_version_or_of_an_unknown_organisation_is_refused()
    {
        var id = await _app.QueryAsync(db => db.Organisationer.Where(o => o.DnrPrefix == "PRO").Select(o => o.Id).FirstAsync());
        var missing = await Problem.ReadAsync(await _admin.PutAsJsonAsync($"/api/organisationer/{id}", new { name = "PRO" }));
        var unknown = await Problem.ReadAsync(await _admin.PutAsJsonAsync($"/api/organisationer/{Guid.NewGuid()}", new { expectedVersion = 0, name = "X" }));
        var emptyName = await Problem.ReadAsync(await _admin.PutAsJsonAsync($"/api/organisationer/{id}", new { expectedVersion = 0, name = " " }));
        Assert.Multiple(() =>
        {
            Assert.That(missing.Errors.Keys, Does.Contain("expectedVersion"));
            Assert.That(unknown.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(unknown.Detail, Is.EqualTo("Organisationen finns inte."));
            Assert.That(emptyName.Errors["name"], Does.Contain("Namn måste fyllas i."));
        });
    }
    [Test]
    public async Task Admin_switches_self_approval_on_through_the_api_and_off_on_the_page_and_both_are_audited()
    {
        var org = await _app.QueryAsync(db => db.Organisationer.AsNoTracking().FirstAsync(o => o.DnrPrefix == "SVOA"));
        var url = $"/api/organisationer/{org.Id}";
        var read = await _admin.GetFromJsonAsync<JsonElement>(url);
        Assert.That(read.GetProperty("tillatSjalvgodkannande").GetBoolean(), Is.False);

        var on = await _admin.PutAsJsonAsync(url, new { expectedVersion = read.GetProperty("version").GetInt32(), name = org.Name, contactEmail = org.ContactEmail, tillatSjalvgodkannande = true });
        Assert.That(on.StatusCode, Is.EqualTo(HttpStatusCode.OK), await on.Content.ReadAsStringAsync());
        var afterOn = await on.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(afterOn.GetProperty("tillatSjalvgodkannande").GetBoolean(), Is.True);

        // A registrator cannot change it.
        var registrator = await Sessions.BearerAsync(_app, Sessions.KsRegistrator);
        var refused = await registrator.PutAsJsonAsync(url, new { expectedVersion = afterOn.GetProperty("version").GetInt32(), name = org.Name, tillatSjalvgodkannande = false });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        var admin = await Sessions.CookieAsync(_app, Sessions.AdminEmail);
        var page = await admin.GetStringAsync($"/admin/organisationer/{org.Id}");
        Assert.That(page, Does.Contain("name=\"Input.TillatSjalvgodkannande\" value=\"true\" checked"));
        // An unticked checkbox is simply absent from the post.
        var off = await Sessions.PostFormAsync(admin, $"/admin/organisationer/{org.Id}", new()
        {
            ["Input.Version"] = afterOn.GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Name"] = org.Name, ["Input.ContactEmail"] = org.ContactEmail ?? "", ["Input.Active"] = "true",
        });
        Assert.That(off.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await off.Content.ReadAsStringAsync());

        var events = await _app.QueryAsync(db => db.Handelser.AsNoTracking().Where(h => h.ArendeId == org.Id && h.Action == "organisation.andrad").OrderBy(h => h.Sequence).ToListAsync());
        Assert.Multiple(async () =>
        {
            Assert.That(await _app.QueryAsync(db => db.Organisationer.Where(o => o.Id == org.Id).Select(o => o.TillatSjalvgodkannande).SingleAsync()), Is.False);
            Assert.That(events.Select(e => e.Beskrivning), Has.Some.Contains("självgodkännande tillåts"));
            Assert.That(events[^1].Beskrivning, Does.Contain("Självgodkännande av tjänsteutlåtanden tillåts inte längre."));
            Assert.That(events[^1].ActorName, Is.Not.Empty);
        });
    }
}
