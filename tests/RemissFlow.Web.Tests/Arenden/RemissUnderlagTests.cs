using System.Net;
using System.Text.RegularExpressions;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Arenden;

/// <summary>
/// Issue 13, blocker 2: the instans's people reach the remiss's description, missiv and remisshandlingar from their ärende
/// and from the TU editor, by links that open for them (not the sender's remiss pages).
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed partial class RemissUnderlagTests(DatabaseProvider provider)
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

    [TestCase(Sessions.SfRegistrator)]
    [TestCase(Sessions.SfHandlaggare)]
    [TestCase("chef.sf@remissflow.test")]
    [TestCase(Sessions.SfSekreterare)]
    public async Task Every_instans_user_follows_the_arende_links_to_the_missiv_and_the_remisshandling(string email)
    {
        var id = await ArendeSteps.UnderBeredningAsync(_app, "Program för underlag");
        var client = await Sessions.CookieAsync(_app, email);

        var page = await client.GetStringAsync($"/arenden/{id}");
        Assert.That(page, Does.Contain("Remissen gäller ett förslag."), "remissens beskrivning");
        await AssertLinksOpenAsync(client, page);
    }

    [Test]
    public async Task The_tu_editor_has_the_remiss_papers_at_hand()
    {
        var id = await ArendeSteps.UnderBeredningAsync(_app, "Program för editorns underlag");
        var client = await Sessions.CookieAsync(_app, Sessions.SfHandlaggare);

        var page = await client.GetStringAsync($"/arenden/{id}/tu");
        Assert.That(page, Does.Contain("Remissen gäller ett förslag."));
        await AssertLinksOpenAsync(client, page);
    }

    [Test]
    public async Task Another_instans_gets_nothing_of_the_papers()
    {
        var id = await ArendeSteps.UnderBeredningAsync(_app, "Program för utomstående");
        var sf = await Sessions.CookieAsync(_app, Sessions.SfHandlaggare);
        var links = Links(await sf.GetStringAsync($"/arenden/{id}"));
        var sof = await Sessions.CookieAsync(_app, "handlaggare.sof@remissflow.test");
        foreach (var link in links)
        {
            Assert.That((await sof.GetAsync(link)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), link);
        }
    }

    private static async Task AssertLinksOpenAsync(HttpClient client, string page)
    {
        var links = Links(page);
        Assert.That(links.Count(l => l.EndsWith("/missiv", StringComparison.Ordinal)), Is.EqualTo(1), "en länk till missivet");
        Assert.That(links.Count(l => l.Contains("/remisshandlingar/", StringComparison.Ordinal)), Is.EqualTo(1), "en länk till remisshandlingen");
        foreach (var link in links)
        {
            using var response = await client.GetAsync(link);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), link);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/pdf"), link);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.That(System.Text.Encoding.ASCII.GetString(bytes, 0, 5), Is.EqualTo("%PDF-"), link);
        }
    }

    private static List<string> Links(string page) =>
        LinkPattern().Matches(page).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct().ToList();

    [GeneratedRegex("href=\"(/arenden/[0-9a-f-]+/(?:missiv|remisshandlingar/[0-9a-f-]+))\"")]
    private static partial Regex LinkPattern();
}
