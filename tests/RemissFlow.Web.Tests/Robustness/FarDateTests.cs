using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Tests.Robustness;

/// <summary>
/// Dates at the edge of the calendar: refused where they enter (with the field named, nothing
/// written), and harmless if one is in the database anyway (an old import, a hand edit): no page
/// that lists or plans with it may answer 500.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class FarDateTests(DatabaseProvider provider)
{
    private static readonly DateOnly Far = DateOnly.MaxValue;

    private RemissFlowApp _app = null!;
    private HttpClient _ks = null!;
    private HttpClient _samordnare = null!;
    private HttpClient _sfRegistrator = null!;
    private HttpClient _sekreterare = null!;

    private static DateOnly Today => StockholmTime.Today(TimeProvider.System);

    [OneTimeSetUp]
    public async Task Start()
    {
        if (provider == DatabaseProvider.Postgres)
        {
            Providers.RequirePostgres();
        }

        _app = await RemissFlowApp.StartAsync(provider);
        _ks = await Sessions.BearerAsync(_app, Sessions.KsRegistrator);
        _samordnare = await Sessions.BearerAsync(_app, Sessions.KsSamordnare);
        _sfRegistrator = await Sessions.BearerAsync(_app, Sessions.SfRegistrator);
        _sekreterare = await Sessions.BearerAsync(_app, Sessions.SfSekreterare);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field, string name)
    {
        var problem = await Problem.ReadAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(problem.Status, Is.EqualTo(HttpStatusCode.BadRequest), problem.Detail);
            Assert.That(problem.Errors.Keys, Does.Contain(field), problem.Detail);
            Assert.That(problem.Detail, Does.Contain(name));
        });
    }

    private Task<int> Changes() => _app.QueryAsync(db => db.Handelser.CountAsync());

    [TestCase("9999-12-31")]
    [TestCase("0001-01-01")]
    public async Task A_remiss_with_an_implausible_svarsdatum_is_refused_when_created_and_when_changed(string date)
    {
        var before = await _app.QueryAsync(db => db.Remisser.CountAsync());
        await AssertRefusedAsync(await _ks.PostAsJsonAsync("/api/remisser", new { title = "Långt fram " + date, svarsdatum = date }), "svarsdatum", "Svarsdatum");
        Assert.That(await _app.QueryAsync(db => db.Remisser.CountAsync()), Is.EqualTo(before));

        var created = await _ks.PostAsJsonAsync("/api/remisser", new { title = "Rimlig remiss " + date, svarsdatum = Today.AddDays(60).ToString("yyyy-MM-dd") });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var remiss = await _app.QueryAsync(db => db.Remisser.AsNoTracking().SingleAsync(r => r.Id == id));
        var changes = await Changes();
        await AssertRefusedAsync(await _ks.PutAsJsonAsync($"/api/remisser/{id}", new { expectedVersion = remiss.Version, title = remiss.Title, svarsdatum = date }), "svarsdatum", "Svarsdatum");
        Assert.Multiple(async () =>
        {
            Assert.That((await _app.QueryAsync(db => db.Remisser.AsNoTracking().SingleAsync(r => r.Id == id))).Svarsdatum, Is.EqualTo(remiss.Svarsdatum));
            Assert.That(await Changes(), Is.EqualTo(changes));
        });
    }

    [Test]
    public async Task A_far_anstand_is_refused_when_asked_for_and_when_granted()
    {
        var id = (await ArendeData.SendRemissAsync(_app, "Remiss om anstånd långt fram", Today.AddDays(30), "SF"))["SF"];
        var remissId = await _app.QueryAsync(db => db.Remissvar.Where(s => s.Id == id).Select(s => s.RemissId).SingleAsync());
        await _app.AsUserAsync(Sessions.SfRegistrator, new RegisterRemissvar.Command(id));
        var changes = await Changes();
        await AssertRefusedAsync(await _sfRegistrator.PostAsJsonAsync($"/api/arenden/{id}/anstand", new { onskatSvarsdatum = "9999-12-31", motivering = "Vi behöver tid." }), "onskatSvarsdatum", "Önskat svarsdatum");
        Assert.That(await Changes(), Is.EqualTo(changes));

        await _app.AsUserAsync(Sessions.SfRegistrator, new RequestAnstand.Command(id, Today.AddDays(60), "Nämnden sammanträder inte förrän då."));
        changes = await Changes();
        await AssertRefusedAsync(await _ks.PostAsJsonAsync($"/api/remisser/{remissId}/svar/{id}/anstand", new { bevilja = true, nyttSvarsdatum = "9999-12-31" }), "nyttSvarsdatum", "Nytt svarsdatum");
        Assert.Multiple(async () =>
        {
            Assert.That((await _app.QueryAsync(db => db.Remissvar.AsNoTracking().SingleAsync(s => s.Id == id))).Svarsdatum, Is.EqualTo(Today.AddDays(30)));
            Assert.That(await Changes(), Is.EqualTo(changes));
        });
    }

    [Test]
    public async Task A_far_meeting_is_refused_when_created_and_when_imported()
    {
        var organ = await _app.QueryAsync(db => db.Organ.Where(o => o.Kind == OrganKind.Namnd && db.Organisationer.Any(g => g.Id == o.OrganisationId && g.DnrPrefix == "SF")).Select(o => new { o.Id, o.OrganisationId, o.Name }).FirstAsync());
        var before = await _app.QueryAsync(db => db.Sammantraden.CountAsync());
        var create = await _app.SendAsAsync(Sessions.SfSekreterare, new Core.Features.Sammantraden.CreateSammantrade.Command(organ.Id, Far, null, "Sessionssalen"));
        Assert.Multiple(() =>
        {
            Assert.That(create.Refusal?.Errors.Select(e => e.Field), Does.Contain("Datum"), create.Refusal?.Message);
            Assert.That(create.Refusal?.Message, Does.Contain("Datum"));
        });

        var csv = System.Text.Encoding.UTF8.GetBytes($"organ;datum;tid;lokal\n{organ.Name};9999-12-31;18:00;Sessionssalen\n");
        var import = await _app.SendAsAsync(Sessions.SfSekreterare, new Core.Features.Sammantraden.ImportSammantraden.Command(organ.OrganisationId, csv));
        Assert.Multiple(async () =>
        {
            Assert.That(import.Refusal?.Errors.Select(e => e.Field), Does.Contain("rad 2"), import.Refusal?.Message);
            Assert.That(import.Refusal?.Message, Does.Contain("Datum måste ligga mellan"));
            Assert.That(await _app.QueryAsync(db => db.Sammantraden.CountAsync()), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task Dates_stored_at_the_end_of_the_calendar_do_not_break_any_page()
    {
        var svar = await ArendeData.SendRemissAsync(_app, "Remiss med datum vid tidens slut", Today.AddDays(30), "SF", "SOF");
        var remissId = await _app.QueryAsync(db => db.Remissvar.Where(s => s.Id == svar["SF"]).Select(s => s.RemissId).SingleAsync());
        await _app.AsUserAsync(Sessions.SfRegistrator, new RegisterRemissvar.Command(svar["SF"]));
        var draft = await _app.AsUserAsync(Sessions.KsRegistrator, new CreateRemiss.Command("Utkast med datum vid tidens slut", "Ett förslag.", Today.AddDays(30), null, false, "Johan Ek", Sessions.KsSamordnare));
        var sf = await _app.QueryAsync(db => db.Organisationer.Where(o => o.DnrPrefix == "SF").Select(o => o.Id).SingleAsync());
        await _app.AsUserAsync(Sessions.KsRegistrator, new SetRemisslista.Command(draft.Id, [sf]));
        await _app.AsUserAsync(Sessions.KsRegistrator, new AddRemisshandling.Command(draft.Id, "Remisshandling.pdf", ArendeData.Pdf));

        // Written past the use cases, as an old import or a hand edit would have.
        await _app.QueryAsync(async db =>
        {
            await db.Remisser.Where(r => r.Id == remissId || r.Id == draft.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Svarsdatum, Far));
            await db.Remissvar.Where(s => s.RemissId == remissId).ExecuteUpdateAsync(s => s.SetProperty(v => v.Svarsdatum, Far));
            var organ = await db.Organ.Where(o => o.Kind == OrganKind.Namnd && o.OrganisationId == sf).Select(o => o.Id).FirstAsync();
            db.Sammantraden.Add(new Sammantrade { OrganId = organ, Datum = Far.AddDays(-2), Lokal = "Sessionssalen" });
            return await db.SaveChangesAsync();
        });

        var anonymous = _app.NewClient();
        var ksPages = await Sessions.CookieAsync(_app, Sessions.KsSamordnare);
        var sfPages = await Sessions.CookieAsync(_app, Sessions.SfSekreterare);
        var handlaggare = await Sessions.CookieAsync(_app, Sessions.SfHandlaggare);
        var sfRegistrator = await Sessions.CookieAsync(_app, Sessions.SfRegistrator);
        var reads = new (HttpClient Client, string Path)[]
        {
            (ksPages, "/oversikt"), (ksPages, "/remisser"), (ksPages, $"/remisser/{remissId}"), (ksPages, $"/remisser/{remissId}/sammanstallning"),
            (ksPages, $"/remisser/{remissId}/svar/{svar["SF"]}"), (ksPages, $"/remisser/{draft.Id}"), (ksPages, "/kalender"),
            (anonymous, "/publikt/remisser"), (anonymous, $"/publikt/remisser/{remissId}"),
            (sfPages, "/oversikt/namnd"), (sfPages, "/sammantraden"), (sfPages, $"/arenden/{svar["SF"]}"), (sfPages, "/bevakning"), (sfRegistrator, "/inkorg"), (sfPages, "/kalender"),
            (handlaggare, "/mina-arenden"), (handlaggare, "/"),
            (_samordnare, $"/api/remisser/{remissId}/matris"), (_samordnare, $"/api/oversikt/remisser/{remissId}/matris"), (_sekreterare, "/api/bevakning"),
            (_samordnare, $"/api/remisser/{remissId}/sammanstallning?format=pdf"), (_samordnare, $"/api/remisser/{remissId}/sammanstallning?format=docx"),
            (_samordnare, $"/api/remisser/{remissId}/sammanstallning?format=zip"), (_samordnare, $"/api/remisser/{remissId}/sammanstallning?format=xlsx"),
            (_samordnare, $"/api/remisser/{remissId}/sammanstallning?format=csv"),
            (_sekreterare, $"/api/arenden/{svar["SF"]}"),
        };

        var failures = new List<string>();
        foreach (var (client, path) in reads)
        {
            var response = await client.GetAsync(path);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"{path}: {(int)response.StatusCode}");
            }
        }

        // Sending a draft whose svarsdatum is at the end of time must not fail with a server error either.
        var sent = await _ks.PostAsync($"/api/remisser/{draft.Id}/skicka-ut", null);
        if ((int)sent.StatusCode >= 500)
        {
            failures.Add($"skicka-ut: {(int)sent.StatusCode}");
        }

        Assert.That(failures, Is.Empty, string.Join("\n", _app.ErrorLog.Errors.Take(3)));
    }
}
