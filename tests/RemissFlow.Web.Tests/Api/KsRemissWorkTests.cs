using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Tests.Api;

/// <summary>
/// KS's own work on a remiss before and at utskick (issue 13): a draft is deleted, never withdrawn into the public
/// record; a svarsdatum in the past is refused before the diarium gives a number; irreversible actions are confirmed.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class KsRemissWorkTests(DatabaseProvider provider)
{
    private RemissFlowApp _app = null!;
    private HttpClient _ks = null!;
    private HttpClient _ksPage = null!;
    private int _n;

    private static DateOnly Today => StockholmTime.Today(TimeProvider.System);

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await RemissFlowApp.StartAsync(provider);
        _ks = await Sessions.BearerAsync(_app, Sessions.KsRegistrator);
        _ksPage = await Sessions.CookieAsync(_app, Sessions.KsRegistrator);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task<(Guid Id, string Dnr)> DraftAsync(string title)
    {
        var created = await _app.AsUserAsync(Sessions.KsRegistrator, new CreateRemiss.Command(title, "Ett förslag.", Today.AddDays(60), null, false, "Johan Ek", Sessions.KsSamordnare));
        var sf = await _app.QueryAsync(db => db.Organisationer.Where(o => o.DnrPrefix == "SF").Select(o => o.Id).SingleAsync());
        await _app.AsUserAsync(Sessions.KsRegistrator, new SetRemisslista.Command(created.Id, [sf]));
        await _app.AsUserAsync(Sessions.KsRegistrator, new AddRemisshandling.Command(created.Id, "Förslag.pdf", ArendeData.Pdf));
        return (created.Id, created.Dnr);
    }

    private string Title(string what) => $"{what} {provider} {++_n}";

    [Test]
    public async Task A_remiss_from_outside_is_not_public_before_the_answer_to_it_is_expedierad()
    {
        // The demo's Fi2026/01187 is registered and sent on internally, its answer not yet expedierad.
        var fromOutside = await _app.QueryAsync(db => db.Remisser.Where(r => r.Dnr == RemissFlow.Core.Demo.DemoSeeder.KedjaDnr).Select(r => r.Id).SingleAsync());
        var anon = _app.NewClient();

        var list = await anon.GetStringAsync("/publikt/remisser");
        var page = await anon.GetAsync($"/publikt/remisser/{fromOutside}");
        var sok = await anon.GetStringAsync("/sok?q=kommunallag");

        Assert.Multiple(() =>
        {
            Assert.That(list, Does.Not.Contain(fromOutside.ToString()), "the public list");
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "its public page");
            Assert.That(sok, Does.Not.Contain(fromOutside.ToString()), "the public search");
        });
    }

    [Test]
    public async Task A_draft_cannot_be_withdrawn_into_the_public_record_and_is_deleted_instead()
    {
        var title = Title("Utkast som aldrig skickas");
        var (id, dnr) = await DraftAsync(title);

        var aterkalla = await _ks.PostAsJsonAsync($"/api/remisser/{id}/triggers/aterkalla", new { motivering = "Fel remiss." });
        var publicAfterAterkalla = await _app.NewClient().GetAsync($"/publikt/remisser/{id}");
        var radera = await _ks.PostAsJsonAsync($"/api/remisser/{id}/triggers/radera", new { });
        var anon = _app.NewClient();
        var publicList = await anon.GetStringAsync("/publikt/remisser");
        var publicPage = await anon.GetAsync($"/publikt/remisser/{id}");
        var api = await _ks.GetAsync($"/api/remisser/{id}");
        var ksList = await _ksPage.GetStringAsync("/remisser");
        var audit = await _app.QueryAsync(db => db.Handelser.Where(h => h.ArendeId == id).Select(h => h.Action).ToListAsync());

        Assert.Multiple(async () =>
        {
            Assert.That(aterkalla.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), await aterkalla.Content.ReadAsStringAsync());
            Assert.That(publicAfterAterkalla.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(radera.StatusCode, Is.EqualTo(HttpStatusCode.OK), await radera.Content.ReadAsStringAsync());
            Assert.That(publicList, Does.Not.Contain(title));
            Assert.That(publicPage.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(ksList, Does.Not.Contain(title));
            Assert.That(audit, Does.Contain("workflow.radera"));
            Assert.That(await _app.QueryAsync(db => db.Remisser.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()), Is.EqualTo("raderad"));
        });
        Assert.That(dnr, Does.StartWith("KS "));
    }

    [Test]
    public async Task Deleting_a_draft_on_the_page_asks_first_and_says_what_happens()
    {
        var title = Title("Utkast att radera");
        var (id, dnr) = await DraftAsync(title);

        var page = await _ksPage.GetStringAsync($"/remisser/{id}");
        var unconfirmed = await Sessions.PostFormAsync(_ksPage, $"/remisser/{id}?handler=Trigger", new() { ["trigger"] = "radera" }, $"/remisser/{id}");
        var stillThere = await _app.QueryAsync(db => db.Remisser.Where(r => r.Id == id).Select(r => r.Status).SingleAsync());
        var confirm = await _ksPage.GetStringAsync($"/remisser/{id}?bekrafta=radera");
        var confirmed = await Sessions.PostFormAsync(_ksPage, $"/remisser/{id}?handler=Trigger", new() { ["trigger"] = "radera", ["bekraftat"] = "ja" }, $"/remisser/{id}?bekrafta=radera");
        var list = await _ksPage.GetStringAsync("/remisser");

        Assert.Multiple(() =>
        {
            Assert.That(page, Does.Contain($"href=\"/remisser/{id}?bekrafta=radera#bekrafta\""));
            Assert.That(page, Does.Not.Contain("Återkalla remissen"), "a draft is deleted, not withdrawn");
            Assert.That(unconfirmed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(unconfirmed.Headers.Location?.ToString(), Is.EqualTo($"/remisser/{id}?bekrafta=radera#bekrafta"));
            Assert.That(stillThere, Is.EqualTo("utkast"));
            Assert.That(confirm, Does.Contain($"Utkastet {dnr} raderas").And.Contain("Det går inte att ångra").And.Contain("Ja, radera utkastet"));
            Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(confirmed.Headers.Location?.ToString(), Is.EqualTo("/remisser"));
            Assert.That(list, Does.Contain($"Utkastet {dnr}").And.Contain("är raderat"));
            Assert.That(list, Does.Not.Contain($"href=\"/remisser/{id}\""));
        });
    }

    [Test]
    public async Task Skicka_ut_on_the_page_names_the_instanser_and_what_becomes_public_before_it_sends()
    {
        var (id, _) = await DraftAsync(Title("Remiss att skicka ut"));

        var unconfirmed = await Sessions.PostFormAsync(_ksPage, $"/remisser/{id}?handler=Trigger", new() { ["trigger"] = "skicka_ut" }, $"/remisser/{id}");
        var status = await _app.QueryAsync(db => db.Remisser.Where(r => r.Id == id).Select(r => r.Status).SingleAsync());
        var confirm = await _ksPage.GetStringAsync($"/remisser/{id}?bekrafta=skicka_ut");
        var confirmed = await Sessions.PostFormAsync(_ksPage, $"/remisser/{id}?handler=Trigger", new() { ["trigger"] = "skicka_ut", ["bekraftat"] = "ja" }, $"/remisser/{id}?bekrafta=skicka_ut");

        Assert.Multiple(async () =>
        {
            Assert.That(unconfirmed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(status, Is.EqualTo("utkast"));
            Assert.That(confirm, Does.Contain("skickas till 1 instans").And.Contain("Servicenämnden").And.Contain("blir offentliga"));
            Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(await _app.QueryAsync(db => db.Remisser.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()), Is.EqualTo("svarstid_pagar"));
        });
    }

    [Test]
    public async Task Aterkalla_on_the_page_is_confirmed_with_its_motivering_and_names_the_open_answers()
    {
        var (id, _) = await DraftAsync(Title("Remiss att återkalla"));
        await _app.AsUserAsync(Sessions.KsRegistrator, new FireRemissTrigger.Command(id, "skicka_ut"));

        var page = await _ksPage.GetStringAsync($"/remisser/{id}");
        var unconfirmed = await Sessions.PostFormAsync(_ksPage, $"/remisser/{id}?handler=Motiverad", new() { ["trigger"] = "aterkalla", ["motivering"] = "Förslaget dras tillbaka." }, $"/remisser/{id}");
        var confirm = await _ksPage.GetStringAsync($"/remisser/{id}?bekrafta=aterkalla");
        var empty = await Sessions.PostFormAsync(_ksPage, $"/remisser/{id}?handler=Motiverad", new() { ["trigger"] = "aterkalla", ["motivering"] = "", ["bekraftat"] = "ja" }, $"/remisser/{id}?bekrafta=aterkalla");
        var emptyHtml = await empty.Content.ReadAsStringAsync();
        var confirmed = await Sessions.PostFormAsync(_ksPage, $"/remisser/{id}?handler=Motiverad", new() { ["trigger"] = "aterkalla", ["motivering"] = "Förslaget dras tillbaka.", ["bekraftat"] = "ja" }, $"/remisser/{id}?bekrafta=aterkalla");

        Assert.Multiple(async () =>
        {
            Assert.That(page, Does.Not.Contain("name=\"motivering\""), "the motivering is asked in the confirmation");
            Assert.That(unconfirmed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(confirm, Does.Contain("1 instans som inte har svarat får besked").And.Contain("Servicenämnden").And.Contain("Det går inte att ångra"));
            Assert.That(emptyHtml, Does.Contain("Motivering måste fyllas i.").And.Contain("id=\"bekrafta\""));
            Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(await _app.QueryAsync(db => db.Remisser.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()), Is.EqualTo("aterkallad"));
        });
    }

    [Test]
    public async Task A_past_svarsdatum_is_refused_over_the_api_before_a_dnr_is_taken()
    {
        var before = await _ks.PostAsJsonAsync("/api/remisser", new { title = Title("Före"), svarsdatum = Today.AddDays(30).ToString("yyyy-MM-dd") });
        var past = await _ks.PostAsJsonAsync("/api/remisser", new { title = Title("Försenad"), svarsdatum = Today.AddDays(-1).ToString("yyyy-MM-dd") });
        var today = await _ks.PostAsJsonAsync("/api/remisser", new { title = Title("I dag"), svarsdatum = Today.ToString("yyyy-MM-dd") });
        var after = await _ks.PostAsJsonAsync("/api/remisser", new { title = Title("Efter"), svarsdatum = Today.AddDays(30).ToString("yyyy-MM-dd") });
        var problem = await Problem.ReadAsync(past);
        var todayProblem = await Problem.ReadAsync(today);
        static async Task<int> Number(HttpResponseMessage r) =>
            int.Parse((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dnr").GetString()!.Split('/')[1]);

        Assert.Multiple(async () =>
        {
            Assert.That(problem.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problem.Errors["svarsdatum"], Is.EqualTo(new[] { $"Svarsdatum måste ligga efter dagens datum ({Today:yyyy-MM-dd})." }));
            Assert.That(todayProblem.Errors.Keys, Is.EquivalentTo(new[] { "svarsdatum" }));
            Assert.That(await Number(after), Is.EqualTo(await Number(before) + 1), "the refused remisser took no number from the diarium");
        });
    }

    [Test]
    public async Task A_past_svarsdatum_on_the_page_names_the_field_keeps_the_input_and_writes_nothing()
    {
        var title = Title("Remiss med passerat svarsdatum");
        var count = await _app.QueryAsync(db => db.Remisser.CountAsync());
        var response = await Sessions.PostFormAsync(_ksPage, "/remisser/ny", new()
        {
            ["Input.Title"] = title, ["Input.Svarsdatum"] = Today.AddDays(-3).ToString("yyyy-MM-dd"), ["Input.Description"] = "Beskrivningen finns kvar.",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(html, Does.Contain($"Svarsdatum måste ligga efter dagens datum ({Today:yyyy-MM-dd})."));
            Assert.That(html, Does.Contain($"value=\"{title}\"").And.Contain("Beskrivningen finns kvar."));
            Assert.That(await _app.QueryAsync(db => db.Remisser.CountAsync()), Is.EqualTo(count));
        });
    }

    private async Task<Guid> HandlingAsync(Guid remissId) =>
        await _app.QueryAsync(db => db.Bilagor.Where(b => b.RemissId == remissId && b.Kind == Core.Domain.BilagaKind.Remisshandling).Select(b => b.Id).SingleAsync());

    private static MultipartFormDataContent FileForm(string token, Guid bilagaId, string name, byte[] content)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(bilagaId.ToString()), "bilagaId" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "fil", name);
        return form;
    }

    [Test]
    public async Task Before_utskick_a_remisshandling_gets_a_title_is_replaced_and_removed_each_in_the_audit_log()
    {
        var (id, _) = await DraftAsync(Title("Remiss med handlingar"));
        var bilaga = await HandlingAsync(id);
        var url = $"/remisser/{id}/handlingar";

        var rubrik = await Sessions.PostFormAsync(_ksPage, $"{url}?handler=Rubrik", new() { ["bilagaId"] = bilaga.ToString(), ["rubrik"] = "Förslag till grönplan" }, url);
        var missiv = await _ksPage.GetStringAsync($"/remisser/{id}/missiv");
        var remissPage = await _ksPage.GetStringAsync($"/remisser/{id}");
        var tooLong = await Sessions.PostFormAsync(_ksPage, $"{url}?handler=Rubrik", new() { ["bilagaId"] = bilaga.ToString(), ["rubrik"] = new string('x', 301) }, url);
        var tooLongHtml = await tooLong.Content.ReadAsStringAsync();
        var newPdf = TestFiles.Pdf("Grönplan, version 2");
        var replaced = await _ksPage.PostAsync($"{url}?handler=Ersatt", FileForm(Sessions.AntiforgeryToken(await _ksPage.GetStringAsync(url)), bilaga, "gronplan-v2.pdf", newPdf));
        var stored = await _app.QueryAsync(db => db.Bilagor.SingleAsync(b => b.Id == bilaga));
        var removed = await Sessions.PostFormAsync(_ksPage, $"{url}?handler=TaBort", new() { ["bilagaId"] = bilaga.ToString() }, url);
        var left = await _app.QueryAsync(db => db.Bilagor.CountAsync(b => b.RemissId == id));
        var audit = await _app.QueryAsync(db => db.Handelser.Where(h => h.ArendeId == id).OrderBy(h => h.Sequence).Select(h => h.Action).ToListAsync());

        Assert.Multiple(async () =>
        {
            Assert.That(rubrik.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(missiv, Does.Contain("Förslag till grönplan"));
            Assert.That(remissPage, Does.Contain(">Förslag till grönplan</a>"));
            Assert.That(tooLongHtml, Does.Contain("Rubrik får vara högst 300 tecken.").And.Contain(new string('x', 301)));
            Assert.That(replaced.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await replaced.Content.ReadAsStringAsync());
            Assert.That(stored.FileName, Is.EqualTo("gronplan-v2.pdf"));
            Assert.That(stored.Rubrik, Is.EqualTo("Förslag till grönplan"));
            Assert.That(stored.Size, Is.EqualTo(newPdf.Length));
            Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(left, Is.Zero);
            Assert.That(audit, Does.Contain("remisshandling.rubrik").And.Contain("remisshandling.ersatt").And.Contain("remisshandling.borttagen"));
        });
    }

    [Test]
    public async Task After_utskick_the_remisshandlingar_cannot_be_changed()
    {
        var (id, _) = await DraftAsync(Title("Utskickad remiss med handling"));
        var bilaga = await HandlingAsync(id);
        await _app.AsUserAsync(Sessions.KsRegistrator, new FireRemissTrigger.Command(id, "skicka_ut"));

        var page = await _ksPage.GetStringAsync($"/remisser/{id}/handlingar");
        var rubrik = await _app.SendAsAsync(Sessions.KsRegistrator, new SetRemisshandlingRubrik.Command(id, bilaga, "Ny rubrik"));
        var remove = await _app.SendAsAsync(Sessions.KsRegistrator, new RemoveRemisshandling.Command(id, bilaga));
        var replace = await _app.SendAsAsync(Sessions.KsRegistrator, new ReplaceRemisshandling.Command(id, bilaga, "ny.pdf", ArendeData.Pdf));

        Assert.Multiple(async () =>
        {
            Assert.That(page, Does.Not.Contain("handler=TaBort").And.Not.Contain("handler=Ersatt").And.Not.Contain("handler=Rubrik"));
            foreach (var r in new[] { rubrik.Refusal, remove.Refusal, replace.Refusal })
            {
                Assert.That(r?.Message, Is.EqualTo("Remisshandlingarna är fastställda vid utskicket och kan inte ändras."));
            }

            Assert.That(await _app.QueryAsync(db => db.Bilagor.CountAsync(b => b.Id == bilaga && b.Rubrik == null)), Is.EqualTo(1));
        });
    }
}
