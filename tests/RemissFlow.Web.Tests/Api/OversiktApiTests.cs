using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
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
}
