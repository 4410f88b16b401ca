using System.Net;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Demo;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Kedja;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Arenden;

/// <summary>
/// The chain page's button "Hämta remissvaren till tjänsteutlåtandet" on the demo's Fi2026/01187: shown to the ärende's own
/// handläggare in Kommunstyrelsen, and pressing it saves a new TU version with the summary and the sammanställning as bilaga;
/// anyone else gets no button and a refused POST.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class KedjaPageTests(DatabaseProvider provider)
{
    private const string Handlaggare = KedjaData.KsHandlaggare;
    private RemissFlowApp _app = null!;
    private Guid _arende;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await RemissFlowApp.StartAsync(provider);
        // The demo has assigned the ärende to Stadsledningskontoret's handläggare, who has begun the TU.
        var remiss = await _app.QueryAsync(db => db.Remisser.Where(r => r.Dnr == DemoSeeder.KedjaDnr).Select(r => r.Id).SingleAsync());
        _arende = await _app.QueryAsync(db => db.Remissvar.Where(a => a.RemissId == remiss).Select(a => a.Id).SingleAsync());
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Test]
    public async Task The_handlaggare_fetches_the_internal_answers_into_a_new_TU_version_with_the_sammanstallning_attached()
    {
        var client = await Sessions.CookieAsync(_app, Handlaggare);
        var page = await client.GetStringAsync($"/arenden/{_arende}/kedja");
        var opened = await LatestAsync();
        using var response = await Sessions.PostFormAsync(client, $"/arenden/{_arende}/kedja?handler=Hamta", new() { ["TuVersion"] = opened.ToString(System.Globalization.CultureInfo.InvariantCulture) }, $"/arenden/{_arende}/kedja");
        var version = await _app.QueryAsync(db => db.TjansteutlatandeVersioner
            .Where(v => db.Tjansteutlatanden.Any(t => t.Id == v.TjansteutlatandeId && t.RemissvarId == _arende)).OrderByDescending(v => v.Nummer).FirstAsync());
        var bilagor = await _app.QueryAsync(db => db.Bilagor.Where(b => b.RemissvarId == _arende && b.Kind == BilagaKind.TjansteutlatandeBilaga).Select(b => b.Rubrik).ToListAsync());

        Assert.Multiple(() =>
        {
            Assert.That(page, Does.Contain("Hämta remissvaren till tjänsteutlåtandet"));
            Assert.That(page, Does.Contain("<dt>Status</dt><dd>Mottagen och registrerad</dd>"), "the outside remiss's state in its definition's words");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/arenden/{_arende}/tu"));
            Assert.That(version.Nummer, Is.EqualTo(opened + 1));
            Assert.That(version.Arendet, Does.Contain(KedjansSvar.Rubrik).And.Contain("Servicenämnden").And.Contain("digitala sammanträden"), "the demo's own draft is kept above the summary");
            Assert.That(version.ArendetsBeredning, Does.Contain("Socialnämnden"));
            Assert.That(bilagor, Is.EqualTo(new[] { "Sammanställning av remissvaren" }));
        });
    }

    [Test]
    public async Task A_registrator_sees_no_button_and_a_post_is_refused_writing_nothing()
    {
        var client = await Sessions.CookieAsync(_app, Sessions.KsRegistrator);
        var page = await client.GetStringAsync($"/arenden/{_arende}/kedja");
        var before = await VersionsAsync();
        using var response = await Sessions.PostFormAsync(client, $"/arenden/{_arende}/kedja?handler=Hamta", new() { ["TuVersion"] = "" }, $"/arenden/{_arende}/kedja");

        var after = await VersionsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(page, Does.Not.Contain("Hämta remissvaren till tjänsteutlåtandet"));
            Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect));
            Assert.That(response.Headers.Location?.ToString() ?? "/konto/nekad", Does.Contain("/konto/nekad"));
            Assert.That(after, Is.EqualTo(before), "a refused post writes no TU version");
        });
    }

    private Task<int> LatestAsync() => _app.QueryAsync(db => db.TjansteutlatandeVersioner
        .Where(v => db.Tjansteutlatanden.Any(t => t.Id == v.TjansteutlatandeId && t.RemissvarId == _arende)).MaxAsync(v => v.Nummer));

    private Task<int> VersionsAsync() => _app.QueryAsync(db => db.TjansteutlatandeVersioner.CountAsync(v => db.Tjansteutlatanden.Any(t => t.Id == v.TjansteutlatandeId && t.RemissvarId == _arende)));
}
