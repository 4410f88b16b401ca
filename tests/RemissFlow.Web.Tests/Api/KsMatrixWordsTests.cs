using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Api;

/// <summary>
/// What KS reads about an open answer (issue 13): before svarsdatum nothing is missing — "Ej besvarad", or "Pågår"
/// once the instans registered it; "Saknas" only after svarsdatum. The on-time rate never calls an answer overdue
/// that is not.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class KsMatrixWordsTests(DatabaseProvider provider)
{
    private RemissFlowApp _app = null!;
    private HttpClient _ks = null!;
    private HttpClient _samordnare = null!;
    private Guid _remiss;
    private Dictionary<string, Guid> _svar = null!;

    private static DateOnly Today => SwedishTime.Today(TimeProvider.System);

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await RemissFlowApp.StartAsync(provider);
        _ks = await Sessions.BearerAsync(_app, Sessions.KsRegistrator);
        _samordnare = await Sessions.CookieAsync(_app, Sessions.KsSamordnare);
        _svar = await ArendeData.SendRemissAsync(_app, $"Remiss om stadens träd {provider}", Today.AddDays(40), "SF", "SOF", "PRO", "HL");
        _remiss = await _app.QueryAsync(db => db.Remissvar.Where(v => v.Id == _svar["SF"]).Select(v => v.RemissId).SingleAsync());
        await _app.AsUserAsync(Sessions.SfRegistrator, new RegisterRemissvar.Command(_svar["SF"]));
        var avstar = await _ks.PostAsync($"/api/remisser/{_remiss}/svar/{_svar["PRO"]}/externt-svar", new FormUrlEncodedContent([new("avstar", "true")]));
        Assert.That(avstar.StatusCode, Is.EqualTo(HttpStatusCode.OK), await avstar.Content.ReadAsStringAsync());
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static string Row(string html, string instans)
    {
        var start = html.IndexOf($">{instans}</a></th>", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThan(0), instans);
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    [Test, Order(1)]
    public async Task Before_svarsdatum_an_open_answer_is_ej_besvarad_or_pagar_never_saknas()
    {
        var page = await _samordnare.GetStringAsync($"/remisser/{_remiss}");
        var sammanstallning = await _samordnare.GetStringAsync($"/remisser/{_remiss}/sammanstallning");
        var api = await _ks.GetFromJsonAsync<JsonElement>($"/api/remisser/{_remiss}/matris");
        var kategori = api.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("instans").GetString()!, r => r.GetProperty("kategori").GetString());

        Assert.Multiple(() =>
        {
            Assert.That(Row(page, "Servicenämnden"), Does.Contain("Pågår"));
            Assert.That(Row(page, "Socialnämnden"), Does.Contain("Ej besvarad"));
            Assert.That(Row(page, "PRO Stockholms län"), Does.Contain("Avstått"));
            Assert.That(Row(sammanstallning, "Socialnämnden"), Does.Contain("Ej besvarad"));
            Assert.That(page, Does.Not.Contain("Saknas ("));
            Assert.That(kategori["Socialnämnden"], Is.EqualTo("EjBesvarad"));
            Assert.That(kategori["Servicenämnden"], Is.EqualTo("EjBesvarad"));
            // One answer given, none due yet: the rate counts the given answer and says the open ones are not counted.
            Assert.That(sammanstallning, Does.Contain("1 av 1 lämnade svar kom in senast sitt svarsdatum"));
            Assert.That(sammanstallning, Does.Contain("3 instanser som ännu inte har svarat och vars svarsdatum inte har passerat räknas inte"));
            Assert.That(sammanstallning, Does.Not.Contain("förfallit").And.Not.Contain("förfallna"));
        });
    }

    [Test, Order(2)]
    public async Task After_svarsdatum_the_same_answer_is_saknas_and_counts_against_the_rate()
    {
        // The instans's svarsdatum moved into the past (the remiss was sent long ago in this story).
        await _app.QueryAsync(async db =>
        {
            await db.Remissvar.Where(v => v.Id == _svar["SOF"]).ExecuteUpdateAsync(u => u.SetProperty(v => v.Svarsdatum, Today.AddDays(-7)));
            return 0;
        });

        var page = await _samordnare.GetStringAsync($"/remisser/{_remiss}");
        var sammanstallning = await _samordnare.GetStringAsync($"/remisser/{_remiss}/sammanstallning");

        Assert.Multiple(() =>
        {
            Assert.That(Row(page, "Socialnämnden"), Does.Contain("Saknas"));
            Assert.That(Row(page, "Servicenämnden"), Does.Contain("Pågår"));
            Assert.That(sammanstallning, Does.Contain("1 av 2 svar som lämnats eller saknas efter svarsdatum kom in senast sitt svarsdatum"));
        });
    }
}
