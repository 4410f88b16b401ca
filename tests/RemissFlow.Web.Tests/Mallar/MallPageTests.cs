using System.Net;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Mallar;

/// <summary>
/// The administratör's template page on the demo, both databases: bad JSON is refused with the renderer's Swedish
/// message (422, nothing written); the preview follows the unsaved draft and writes nothing; saving adds a version
/// and Återställ puts an earlier one back as the next version.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
[NonParallelizable]
public sealed class MallPageTests(DatabaseProvider provider)
{
    private RemissFlowApp _app = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        if (provider == DatabaseProvider.Postgres)
        {
            Providers.RequirePostgres();
        }

        _app = await RemissFlowApp.StartAsync(provider);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private Task<(int Mallar, int Handelser)> CountsAsync() =>
        _app.QueryAsync(async db => (await db.Dokumentmallar.CountAsync(), await db.Handelser.CountAsync()));

    [Test]
    public async Task Bad_json_is_refused_with_the_field_named_and_nothing_is_written()
    {
        var admin = await Sessions.CookieAsync(_app, Sessions.AdminEmail);
        var ks = await _app.QueryAsync(db => db.Organisationer.Where(o => o.DnrPrefix == "KS").Select(o => o.Id).SingleAsync());
        var path = $"/admin/mallar/{ks}/tjansteutlatande";
        var before = await CountsAsync();

        var broken = await Sessions.PostFormAsync(admin, path, new() { ["Input.Mall"] = "{\"headings\": {\"forslagTillBeslut\": " }, path);
        var unknown = await Sessions.PostFormAsync(admin, path, new() { ["Input.Mall"] = "{\"headings\": {\"finnsInte\": \"X\"}}" }, path);
        var placeholder = await Sessions.PostFormAsync(admin, path + "?handler=Forhandsgranska", new() { ["Input.Mall"] = "{\"headings\": {\"bakgrund\": \"{okand}\"}}" }, path);
        var unknownText = await HtmlAsync(unknown);
        var placeholderText = await HtmlAsync(placeholder);
        Assert.Multiple(async () =>
        {
            Assert.That((int)broken.StatusCode, Is.EqualTo(422));
            Assert.That(await HtmlAsync(broken), Does.Contain("Det finns ett fel att rätta").And.Contain("mallen för Kommunstyrelsen"));
            Assert.That((int)unknown.StatusCode, Is.EqualTo(422));
            Assert.That(unknownText, Does.Contain("finnsInte"), "the message names the unknown section");
            Assert.That((int)placeholder.StatusCode, Is.EqualTo(422), "the preview refuses what a save would");
            Assert.That(placeholderText, Does.Contain("okand"));
            Assert.That(await CountsAsync(), Is.EqualTo(before), "nothing written");
        });
    }

    [Test]
    public async Task The_preview_follows_the_unsaved_heading_and_writes_nothing_then_save_and_restore_add_versions()
    {
        var admin = await Sessions.CookieAsync(_app, Sessions.AdminEmail);
        var sf = await _app.QueryAsync(db => db.Organisationer.Where(o => o.DnrPrefix == "SF").Select(o => o.Id).SingleAsync());
        var path = $"/admin/mallar/{sf}/tjansteutlatande";
        Assert.That(await HtmlAsync(await admin.GetAsync("/admin/mallar")), Does.Contain($"/admin/mallar/{sf}/tjansteutlatande"));
        var before = await CountsAsync();

        static string Draft(string heading) => $"{{\"headings\": {{\"forslagTillBeslut\": \"{heading}\"}}}}";
        var first = await Sessions.PostFormAsync(admin, path + "?handler=Forhandsgranska", new() { ["Input.Mall"] = Draft("{forvaltning}s förslag A") }, path);
        var second = await Sessions.PostFormAsync(admin, path + "?handler=Forhandsgranska", new() { ["Input.Mall"] = Draft("Förslag B till {namnd}") }, path);
        var pdf = await Sessions.PostFormAsync(admin, path + "?handler=Pdf", new() { ["Input.Mall"] = Draft("Förslag B till {namnd}") }, path);
        var firstHtml = await HtmlAsync(first);
        var secondHtml = await HtmlAsync(second);
        var forvaltning = await _app.QueryAsync(db => db.Organisationer.Where(o => o.Id == sf).Select(o => o.ForvaltningName ?? o.Name).SingleAsync());
        var namnd = await _app.QueryAsync(db => db.Organisationer.Where(o => o.Id == sf).Select(o => o.Name).SingleAsync());
        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(firstHtml, Does.Contain($"{forvaltning}s förslag A"), "the placeholder filled from the organisation");
            Assert.That(secondHtml, Does.Contain($"Förslag B till {namnd}").And.Not.Contain("förslag A"));
            Assert.That(pdf.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/pdf"));
            Assert.That((await pdf.Content.ReadAsByteArrayAsync())[..4], Is.EqualTo("%PDF"u8.ToArray()));
            Assert.That(await CountsAsync(), Is.EqualTo(before), "a preview writes nothing, not even an audit event");
        });

        foreach (var heading in new[] { "Förslag ett", "Förslag två" })
        {
            var saved = await Sessions.PostFormAsync(admin, path, new() { ["Input.Mall"] = Draft(heading) }, path);
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        var page = await HtmlAsync(await admin.GetAsync(path));
        var versions = await _app.QueryAsync(db => db.Dokumentmallar.Where(m => m.OrganisationId == sf && m.Dokumenttyp == "tjansteutlatande").CountAsync());
        Assert.That(page, Does.Contain("Återställ version " + (versions - 1)).And.Contain("\"Förslag två\""));

        var restored = await Sessions.PostFormAsync(admin, $"{path}?handler=Aterstall&version={versions - 1}", new(), path);
        Assert.That(restored.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var latest = await _app.QueryAsync(db => db.Dokumentmallar.Where(m => m.OrganisationId == sf && m.Dokumenttyp == "tjansteutlatande")
            .OrderByDescending(m => m.Version).Select(m => new { m.Version, m.Innehall }).FirstAsync());
        Assert.Multiple(async () =>
        {
            Assert.That(latest.Version, Is.EqualTo(versions + 1));
            Assert.That(latest.Innehall, Is.EqualTo(Draft("Förslag ett")));
            Assert.That(await HtmlAsync(await admin.GetAsync(path)), Does.Contain("Förslag ett"));
        });

        var missing = await Sessions.PostFormAsync(admin, $"{path}?handler=Aterstall&version=999", new(), path);
        Assert.That((int)missing.StatusCode, Is.EqualTo(422));
        Assert.That(await HtmlAsync(missing), Does.Contain("ingen version 999"));
        Assert.That((await admin.GetAsync($"/admin/mallar/{sf}/okand")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
