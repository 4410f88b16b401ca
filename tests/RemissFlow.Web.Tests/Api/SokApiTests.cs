using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Api;

/// <summary>GET /api/sok and /sok on the demo data (indexed while it was seeded): the answer's shape, dnr, and Swedish 400s naming the field.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class SokApiTests(DatabaseProvider provider)
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

    [TestCase("KS 2025/1616")]
    [TestCase("KS2025/1616")]
    [TestCase("2025/1616")]
    public async Task Ks_finds_the_demo_remiss_by_its_dnr(string typed)
    {
        var id = await _app.QueryAsync(db => db.Remisser.Where(r => r.Dnr == "KS 2025/1616").Select(r => r.Id).SingleAsync());
        var client = await Sessions.BearerAsync(_app, Sessions.KsSamordnare);
        var response = await client.GetAsync("/api/sok?q=" + Uri.EscapeDataString(typed));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var hits = json.RootElement.GetProperty("hits").EnumerateArray().ToList();
        Assert.That(json.RootElement.GetProperty("total").GetInt32(), Is.EqualTo(hits.Count));
        Assert.That(hits.Select(h => (h.GetProperty("type").GetString(), h.GetProperty("dnr").GetString(), h.GetProperty("url").GetString())),
            Is.EqualTo(new[] { ("remiss", "KS 2025/1616", $"/remisser/{id}") }));
        Assert.That(hits[0].GetProperty("title").GetString(), Is.EqualTo("Handlingsplan för ett jämställt Stockholm 2030"));
        Assert.That(hits[0].GetProperty("snippet").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task A_word_finds_what_the_signed_in_user_may_see_with_a_snippet()
    {
        var client = await Sessions.BearerAsync(_app, Sessions.SfSekreterare);
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/sok?q=jamstallt&typ=arende"));
        var hits = json.RootElement.GetProperty("hits").EnumerateArray().ToList();
        Assert.That(hits, Is.Not.Empty);
        var sf = await _app.QueryAsync(db => db.Organisationer.Where(o => o.Name == "Servicenämnden").Select(o => o.Id).SingleAsync());
        var own = await _app.QueryAsync(db => db.Remissvar.Where(v => v.InstansId == sf).Select(v => v.Id).ToListAsync());
        Assert.That(hits.Select(h => Guid.Parse(h.GetProperty("url").GetString()!["/arenden/".Length..])), Is.SubsetOf(own));
        Assert.That(hits.Select(h => h.GetProperty("snippet").GetString()), Has.All.Contains("jämställt").IgnoreCase);
    }

    [TestCase("", "q", "Skriv vad du söker efter (q).")]
    [TestCase("q=plan&typ=dokument", "typ", "Okänd typ (typ): dokument.")]
    [TestCase("q=plan&organisation=abc", "organisation", "Organisationen (organisation) ska anges med sitt id (ett GUID).")]
    [TestCase("q=plan&fran=2026-13-01", "fran", "Från-datumet (fran) ska vara ett datum som ÅÅÅÅ-MM-DD.")]
    [TestCase("q=plan&fran=2026-05-01&till=2026-04-01", "till", "Till-datumet (till) ligger före från-datumet (fran).")]
    [TestCase("q=plan&sida=0", "sida", "Sidan (sida) är ett heltal från 1 till 500.")]
    [TestCase("q=plan&sortering=namn", "sortering", "Sorteringen (sortering) är relevans, datum eller titel.")]
    public async Task Bad_parameters_are_a_Swedish_400_naming_the_field(string query, string field, string message)
    {
        var client = await Sessions.BearerAsync(_app, Sessions.KsSamordnare);
        var problem = await Problem.ReadAsync(await client.GetAsync("/api/sok?" + query));
        Assert.That(problem.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem.Errors[field].Single(), Does.StartWith(message));
    }

    [Test]
    public async Task The_public_page_finds_sent_remisser_and_refuses_bad_input_in_Swedish()
    {
        var client = _app.NewClient();
        var page = await client.GetAsync("/sok?q=" + Uri.EscapeDataString("jämställt"));
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("/publikt/remisser/").And.Contain("<mark>jämställt</mark>"));
        Assert.That(html, Does.Not.Contain("href=\"/arenden/"));

        var bad = await client.GetAsync("/sok?q=plan&fran=igar");
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await bad.Content.ReadAsStringAsync(), Does.Contain("Från-datumet (fran) ska vara ett datum som ÅÅÅÅ-MM-DD."));
    }
}
