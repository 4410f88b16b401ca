using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;
using RemissFlow.Workflows.Runtime;

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

    private static DateOnly Today => StockholmTime.Today(TimeProvider.System);

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

    [Test, Order(3)]
    public async Task Every_reminder_is_recorded_on_the_instans_with_its_letter_and_one_that_reaches_no_one_says_so()
    {
        var ensam = await _app.AsSystemAsync(new Core.Features.Organisationer.CreateOrganisation.Command($"Föreningen utan adress {provider}", Core.Domain.OrganisationKind.ExternOrganisation, "FUA"));
        var added = await _ks.PostAsJsonAsync($"/api/remisser/{_remiss}/triggers/lagg_till_instans", new { organisationId = ensam });
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.OK), await added.Content.ReadAsStringAsync());
        var ensamSvar = await _app.QueryAsync(db => db.Remissvar.Where(v => v.RemissId == _remiss && v.InstansId == ensam).Select(v => v.Id).SingleAsync());

        var sent = await Sessions.PostFormAsync(_samordnare, $"/remisser/{_remiss}?handler=Paminn",
            new() { ["valda"] = _svar["HL"].ToString() }, $"/remisser/{_remiss}");
        var form = new List<KeyValuePair<string, string>>
        {
            new("valda", _svar["SOF"].ToString()), new("valda", ensamSvar.ToString()),
            new("__RequestVerificationToken", Sessions.AntiforgeryToken(await _samordnare.GetStringAsync($"/remisser/{_remiss}"))),
        };
        var both = await _samordnare.PostAsync($"/remisser/{_remiss}?handler=Paminn", new FormUrlEncodedContent(form));
        var message = await _samordnare.GetStringAsync($"/remisser/{_remiss}");
        var sofPage = await _samordnare.GetStringAsync($"/remisser/{_remiss}/svar/{_svar["SOF"]}");
        var ensamPage = await _samordnare.GetStringAsync($"/remisser/{_remiss}/svar/{ensamSvar}");
        var nummer = await _app.QueryAsync(db => db.Handelser.Where(h => h.ArendeId == ensamSvar && h.Action == "paminnelse.skickad").Select(h => h.Sequence).SingleAsync());
        var letter = await _samordnare.GetAsync($"/remisser/{_remiss}/svar/{ensamSvar}?handler=Paminnelse&nummer={nummer}");
        var guessed = await _samordnare.GetAsync($"/remisser/{_remiss}/svar/{_svar["SF"]}?handler=Paminnelse&nummer={nummer}");
        var samordnareName = await _app.QueryAsync(db => db.Users.Where(u => u.Email == Sessions.KsSamordnare).Select(u => u.DisplayName).SingleAsync());
        var sofRegistrators = await _app.QueryAsync(db => db.Users.Where(u => u.Email == "registrator.sof@remissflow.test").Select(u => u.DisplayName).SingleAsync());

        Assert.Multiple(async () =>
        {
            Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(both.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await both.Content.ReadAsStringAsync());
            Assert.That(message, Does.Contain("Påminnelse skickad till Socialnämnden.").And.Contain($"Föreningen utan adress {provider} har varken e-postadress eller användare"));
            Assert.That(sofPage, Does.Contain("id=\"paminnelser\"").And.Contain($"av {samordnareName}").And.Contain(sofRegistrators).And.Contain("Påminnelsebrevet (PDF)"));
            Assert.That(ensamPage, Does.Contain("Påminnelsen nådde ingen").And.Contain("Påminnelsebrevet (PDF)"));
            Assert.That(letter.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(letter.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/pdf"));
            Assert.That(System.Text.Encoding.ASCII.GetString((await letter.Content.ReadAsByteArrayAsync())[..5]), Is.EqualTo("%PDF-"));
            Assert.That(guessed.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a letter is served only under its own instans");
        });
    }

    [Test, Order(4)]
    public async Task The_public_page_says_avstar_once()
    {
        var html = await _app.NewClient().GetStringAsync($"/publikt/remisser/{_remiss}");

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("Avstår"));
            Assert.That(html, Does.Not.Contain("Avstår – Avstår"));
        });
    }
}
