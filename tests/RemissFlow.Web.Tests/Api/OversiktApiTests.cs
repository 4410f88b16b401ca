using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Features.Organisationer;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Api;

/// <summary>The overview endpoints on the demo data: who may read them, what they return, and the Server-Timing header.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class OversiktApiTests(DatabaseProvider provider)
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

    [Test]
    public async Task The_namndsekreterare_gets_the_open_answers_of_the_namnd_with_server_timing()
    {
        var client = await Sessions.BearerAsync(_app, Sessions.SfSekreterare);
        var response = await client.GetAsync("/api/bevakning");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(string.Join(",", response.Headers.GetValues("Server-Timing")), Does.Match(@"query;dur=\d+(\.\d+)?, app;dur=\d+(\.\d+)?"));
        using var board = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var sf = await _app.QueryAsync(db => db.Organisationer.Where(o => o.Name == "Servicenämnden").Select(o => o.Id).SingleAsync());
        var open = await _app.QueryAsync(db => db.Remissvar.Where(v => v.InstansId == sf && v.InlamnadAt == null && v.Utfall == null && v.Status != "aterkallad").Select(v => v.Id).ToListAsync());
        var rows = board.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.That(rows.Select(r => r.GetProperty("remissvarId").GetGuid()), Is.EquivalentTo(open));
        Assert.That(rows.All(r => r.GetProperty("riskLabel").GetString() is { Length: > 0 }), Is.True);

        // Served again unchanged (from the cache while nothing has changed), still with its timing.
        var again = await client.GetAsync("/api/bevakning");
        Assert.That(await again.Content.ReadAsStringAsync(), Is.EqualTo(board.RootElement.GetRawText()));
        Assert.That(again.Headers.Contains("Server-Timing"), Is.True);
    }

    [Test]
    public async Task Ks_gets_the_matrix_and_others_do_not()
    {
        var remiss = await _app.QueryAsync(db => db.Remisser.Where(r => r.Dnr == "KS 2025/1616").Select(r => new { r.Id, Svar = db.Remissvar.Count(v => v.RemissId == r.Id) }).SingleAsync());
        var ks = await Sessions.BearerAsync(_app, Sessions.KsSamordnare);
        var response = await ks.GetAsync($"/api/oversikt/remisser/{remiss.Id}/matris");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Headers.Contains("Server-Timing"), Is.True);
        using var matrix = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(matrix.RootElement.GetProperty("rows").GetArrayLength(), Is.EqualTo(remiss.Svar));
        Assert.That(matrix.RootElement.GetProperty("summary").GetProperty("antal").GetInt32(), Is.EqualTo(remiss.Svar));

        Assert.That((await ks.GetAsync($"/api/oversikt/remisser/{Guid.NewGuid()}/matris")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var sekreterare = await Sessions.BearerAsync(_app, Sessions.SfSekreterare);
        Assert.That((await sekreterare.GetAsync($"/api/oversikt/remisser/{remiss.Id}/matris")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var handlaggare = await Sessions.BearerAsync(_app, Sessions.SfHandlaggare);
        Assert.That((await handlaggare.GetAsync("/api/bevakning")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await _app.NewClient().GetAsync("/api/bevakning")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    /// <summary>
    /// The role alone is not enough: a registrator and samordnare of another kommunstyrelse passes the KS area's policy but is not
    /// the remiss's avsändare, so the matrix is refused as the full one is (403), also after the sender has read it into the cache,
    /// and the pages that show it hold it back.
    /// </summary>
    [Test]
    public async Task A_ks_user_of_another_organisation_is_refused_the_matrix_of_a_remiss_it_did_not_send()
    {
        var remiss = await _app.QueryAsync(db => db.Remisser.Where(r => r.Dnr == "KS 2025/1616").Select(r => r.Id).SingleAsync());
        var grannkommun = await _app.AsSystemAsync(new CreateOrganisation.Command("Kommunstyrelsen i Grannkommunen", OrganisationKind.Kommunstyrelse, "GKS"));
        const string email = "registrator.gks@remissflow.test";
        const string password = "Remissutbyte-2026";
        await _app.AsSystemAsync(new CreateUser.Command(email, "Gun Grann", grannkommun, [Role.Registrator, Role.KsSamordnare], password));
        var sender = await Sessions.BearerAsync(_app, Sessions.KsSamordnare);
        Assert.That((await sender.GetAsync($"/api/oversikt/remisser/{remiss}/matris")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "avsändaren läser matrisen (och cachen fylls)");
        var senderPages = await Sessions.CookieAsync(_app, Sessions.KsSamordnare);
        Assert.That(await senderPages.GetStringAsync($"/remisser/{remiss}"), Does.Contain("id=\"matris\""), "avsändaren ser matrisen på remissens sida");

        var other = await Sessions.BearerAsync(_app, email, password);
        var lean = await Problem.ReadAsync(await other.GetAsync($"/api/oversikt/remisser/{remiss}/matris"));
        var full = await Problem.ReadAsync(await other.GetAsync($"/api/remisser/{remiss}/matris"));
        var missing = await other.GetAsync($"/api/oversikt/remisser/{Guid.NewGuid()}/matris");
        var pages = await Sessions.CookieAsync(_app, email, password);
        var visa = await pages.GetAsync($"/remisser/{remiss}");
        var sammanstallning = await pages.GetAsync($"/remisser/{remiss}/sammanstallning");
        Assert.Multiple(async () =>
        {
            Assert.That(lean.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(full.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(visa.StatusCode, Is.EqualTo(HttpStatusCode.OK), "remissen själv får KS-området läsa");
            Assert.That(await visa.Content.ReadAsStringAsync(), Does.Not.Contain("id=\"matris\""), "remissens sida visar inte matrisen för en annan organisation");
            Assert.That(sammanstallning.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }
}
