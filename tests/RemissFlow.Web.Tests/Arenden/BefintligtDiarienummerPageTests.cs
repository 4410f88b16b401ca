using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Tests.Arenden;

/// <summary>The ärende page's and the API's registration with a number from the förvaltning's own diarium.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class BefintligtDiarienummerPageTests(DatabaseProvider provider)
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

    private async Task<Guid> InkommenAsync(string title) =>
        (await ArendeData.SendRemissAsync(_app, title + " " + Guid.NewGuid().ToString("N")[..6], StockholmTime.Today(TimeProvider.System).AddDays(40), "SF"))["SF"];

    [Test]
    public async Task The_form_refuses_a_malformed_number_keeping_the_input_and_takes_a_valid_one()
    {
        var id = await InkommenAsync("Remiss med befintligt dnr");
        var client = await Sessions.CookieAsync(_app, Sessions.SfRegistrator);
        var path = $"/arenden/{id}?handler=Registrera";
        var refused = await Sessions.PostFormAsync(client, path, new() { ["Registrering.BefintligtDiarienummer"] = "SF-2020-7" }, $"/arenden/{id}");
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Multiple(async () =>
        {
            Assert.That((int)refused.StatusCode, Is.EqualTo(422));
            Assert.That(html, Does.Contain("Befintligt diarienummer måste följa diarieserien SF"));
            Assert.That(html, Does.Contain("value=\"SF-2020-7\""), "the input is kept");
            Assert.That(await _app.QueryAsync(db => db.Remissvar.Where(v => v.Id == id).Select(v => v.Dnr).SingleAsync()), Is.Null);
        });

        var dnr = $"SF 2020/{Random.Shared.Next(1000, 9_999_999)}";
        var taken = await Sessions.PostFormAsync(client, path, new() { ["Registrering.BefintligtDiarienummer"] = dnr }, $"/arenden/{id}");
        Assert.That(taken.StatusCode, Is.AnyOf(HttpStatusCode.Redirect, HttpStatusCode.Found, HttpStatusCode.SeeOther, HttpStatusCode.OK));
        Assert.That(await _app.QueryAsync(db => db.Remissvar.Where(v => v.Id == id).Select(v => v.Dnr).SingleAsync()), Is.EqualTo(dnr));
    }

    [Test]
    public async Task The_api_takes_the_same_optional_field()
    {
        var bearer = await Sessions.BearerAsync(_app, Sessions.SfRegistrator);
        var id = await InkommenAsync("Remiss via api med befintligt dnr");
        var refused = await bearer.PostAsJsonAsync($"/api/arenden/{id}/registrera", new { befintligtDiarienummer = "KS 2020/1" });
        var problem = await Problem.ReadAsync(refused);
        Assert.Multiple(() =>
        {
            Assert.That(problem.Status, Is.EqualTo(HttpStatusCode.BadRequest), problem.Detail);
            Assert.That(problem.Errors.Keys, Does.Contain("befintligtDiarienummer").Or.Contain("BefintligtDiarienummer"));
        });

        var dnr = $"SF 2019/{Random.Shared.Next(1000, 9_999_999)}";
        var ok = await bearer.PostAsJsonAsync($"/api/arenden/{id}/registrera", new { befintligtDiarienummer = dnr });
        Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ok.Content.ReadAsStringAsync());
        Assert.That((await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dnr").GetString(), Is.EqualTo(dnr));

        // Without a body the series gives the next number, as before.
        var plain = await bearer.PostAsync($"/api/arenden/{await InkommenAsync("Remiss via api utan dnr")}/registrera", null);
        Assert.That(plain.StatusCode, Is.EqualTo(HttpStatusCode.OK), await plain.Content.ReadAsStringAsync());
    }
}
