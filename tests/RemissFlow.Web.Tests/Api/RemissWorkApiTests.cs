using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Api;

/// <summary>The sender's commands over the API: a remiss to SF, SOF and PRO built, sent, answered and compiled.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class RemissWorkApiTests(DatabaseProvider provider)
{
    private RemissFlowApp _app = null!;
    private HttpClient _ks = null!;
    private HttpClient _samordnare = null!;
    private Guid _remiss;
    private Guid _sof;
    private Guid _pro;
    private Guid _sf;

    private static readonly byte[] Pdf = TestFiles.Pdf("Yttrande från PRO Stockholms län");

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await RemissFlowApp.StartAsync(provider);
        _ks = await Sessions.BearerAsync(_app, Sessions.KsRegistrator);
        _samordnare = await Sessions.BearerAsync(_app, Sessions.KsSamordnare);
        var created = await (await _ks.PostAsJsonAsync("/api/remisser", new { title = "Program för stadens parker", svarsdatum = "2027-03-31" })).Content.ReadFromJsonAsync<JsonElement>();
        _remiss = created.GetProperty("id").GetGuid();
        var lista = await _ks.PutAsJsonAsync($"/api/remisser/{_remiss}/remisslista", new { namn = new[] { "SF", "Socialnämnden", "pro" } });
        Assert.That(lista.StatusCode, Is.EqualTo(HttpStatusCode.OK), await lista.Content.ReadAsStringAsync());
        var upload = await _ks.PostAsync($"/api/remisser/{_remiss}/handlingar", File("Förslag till program.pdf", Pdf));
        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Created), await upload.Content.ReadAsStringAsync());
        var sent = await _ks.PostAsync($"/api/remisser/{_remiss}/skicka-ut", null);
        Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.OK), await sent.Content.ReadAsStringAsync());
        var svar = await _app.QueryAsync(db => db.Remissvar.Where(s => s.RemissId == _remiss)
            .Join(db.Organisationer, s => s.InstansId, o => o.Id, (s, o) => new { s.Id, o.DnrPrefix }).ToListAsync());
        (_sf, _sof, _pro) = (svar.Single(s => s.DnrPrefix == "SF").Id, svar.Single(s => s.DnrPrefix == "SOF").Id, svar.Single(s => s.DnrPrefix == "PRO").Id);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static MultipartFormDataContent File(string name, byte[] content, Dictionary<string, string>? fields = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "fil", name);
        foreach (var (k, v) in fields ?? [])
        {
            form.Add(new StringContent(v), k);
        }

        return form;
    }

    private Task<int> SvarFiler() => _app.QueryAsync(db => db.Bilagor.CountAsync(b => b.Kind == BilagaKind.Svar && b.RemissvarId == _pro));

    [Test, Order(1)]
    public async Task The_matrix_and_triggers_show_the_sent_remiss()
    {
        var matris = await _samordnare.GetFromJsonAsync<JsonElement>($"/api/remisser/{_remiss}/matris");
        var triggers = await _ks.GetFromJsonAsync<JsonElement>($"/api/remisser/{_remiss}/triggers");
        var handling = await _app.QueryAsync(db => db.Bilagor.SingleAsync(b => b.RemissId == _remiss && b.Kind == BilagaKind.Remisshandling));
        var download = await _ks.GetAsync($"/api/remisser/{_remiss}/handlingar/{handling.Id}");
        Assert.Multiple(async () =>
        {
            Assert.That(matris.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("instans").GetString()),
                Is.EqualTo(new[] { "Servicenämnden", "Socialnämnden", "PRO Stockholms län" }));
            Assert.That(matris.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("kategori").GetString()), Is.All.EqualTo("EjBesvarad"));
            Assert.That(triggers.EnumerateArray().Where(t => t.GetProperty("permitted").GetBoolean()).Select(t => t.GetProperty("trigger").GetString()),
                Does.Contain("lagg_till_instans").And.Contain("aterkalla").And.Not.Contain("skicka_ut"));
            Assert.That(download.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
            Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(Pdf));
        });
    }

    [Test, Order(2)]
    public async Task The_same_external_answer_posted_twice_with_one_key_creates_one_answer()
    {
        var fields = new Dictionary<string, string> { ["standpunkt"] = "TillstyrkerMedSynpunkter", ["nyckelpunkter"] = "Fler bänkar i parkerna." };
        Task<HttpResponseMessage> Post()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/remisser/{_remiss}/svar/{_pro}/externt-svar") { Content = File("PRO yttrande.pdf", Pdf, fields) };
            request.Headers.Add("Idempotency-Key", "pro-svar-1");
            return _ks.SendAsync(request);
        }

        var first = await Post();
        var second = await Post();
        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), await first.Content.ReadAsStringAsync());
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(second.Headers.Contains("Idempotent-Replayed"), Is.True);
            Assert.That(await SvarFiler(), Is.EqualTo(1));
            var svar = await _app.QueryAsync(db => db.Remissvar.SingleAsync(s => s.Id == _pro));
            Assert.That(svar.Standpunkt, Is.EqualTo(Standpunkt.TillstyrkerMedSynpunkter));
            Assert.That(svar.InlamnadAt, Is.Not.Null);
        });
    }

    [Test, Order(3)]
    public async Task Ks_grants_the_anstand_sof_asked_for()
    {
        await _app.AsUserAsync("registrator.sof@remissflow.test", new RegisterRemissvar.Command(_sof));
        await _app.AsUserAsync("registrator.sof@remissflow.test", new RequestAnstand.Command(_sof, new DateOnly(2027, 5, 20), "Nämnden sammanträder inte i mars."));
        var response = await _ks.PostAsJsonAsync($"/api/remisser/{_remiss}/svar/{_sof}/anstand", new { bevilja = true, nyttSvarsdatum = "2027-05-20" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var matris = await _samordnare.GetFromJsonAsync<JsonElement>($"/api/remisser/{_remiss}/matris");
        var sof = matris.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("instans").GetString() == "Socialnämnden");
        Assert.Multiple(() =>
        {
            Assert.That(sof.GetProperty("kategori").GetString(), Is.EqualTo("Anstand"));
            Assert.That(sof.GetProperty("svarsdatum").GetString(), Is.EqualTo("2027-05-20"));
        });
    }

    [Test, Order(4)]
    public async Task Sammanstallning_in_every_format_with_its_content_type()
    {
        var expected = new Dictionary<string, string>
        {
            ["pdf"] = "application/pdf",
            ["docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ["xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ["csv"] = "text/csv",
            ["zip"] = "application/zip",
        };
        foreach (var (format, type) in expected)
        {
            var response = await _samordnare.GetAsync($"/api/remisser/{_remiss}/sammanstallning?format={format}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), format);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(type), format);
            Assert.That((await response.Content.ReadAsByteArrayAsync()).Length, Is.GreaterThan(100), format);
        }

        var csv = await _samordnare.GetStringAsync($"/api/remisser/{_remiss}/sammanstallning?format=csv");
        Assert.That(csv, Does.Contain("PRO Stockholms län").And.Contain("Fler bänkar i parkerna."));
    }

    [Test, Order(5)]
    public async Task Reminders_go_to_the_missing_and_an_answered_instans_refuses_the_batch()
    {
        var refused = await Problem.ReadAsync(await _samordnare.PostAsJsonAsync($"/api/remisser/{_remiss}/paminnelser", new { remissvarIds = new[] { _sf, _pro } }));
        var sent = await _samordnare.PostAsJsonAsync($"/api/remisser/{_remiss}/paminnelser", new { remissvarIds = new[] { _sf } });
        Assert.Multiple(async () =>
        {
            Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(refused.Detail, Does.Contain("PRO Stockholms län har redan svarat"));
            Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.OK), await sent.Content.ReadAsStringAsync());
            Assert.That(await _app.QueryAsync(db => db.Handelser.CountAsync(h => h.ArendeId == _sf && h.Action == "paminnelse.skickad")), Is.EqualTo(1));
        });
    }

    private static IEnumerable<TestCaseData> BadCommands()
    {
        yield return new TestCaseData("PUT", "remisslista", """{"namn":["SF","Finns inte AB"]}""", "namn", "Rad 2: ”Finns inte AB” finns inte").SetName("Remisslista med okänt namn");
        yield return new TestCaseData("POST", "triggers/aterkalla", """{"motivering":""}""", "motivering", "Motivering måste fyllas i").SetName("Återkalla utan motivering");
        yield return new TestCaseData("POST", "triggers/lagg_till_instans", "{}", "organisationId", "Instans måste väljas").SetName("Lägg till instans utan instans");
        yield return new TestCaseData("POST", "triggers/flyga", "{}", "trigger", "Händelsen finns inte").SetName("Okänd händelse");
        yield return new TestCaseData("POST", "svar/{sof}/anstand", """{"kommentar":"x"}""", "bevilja", "Bevilja måste anges").SetName("Anstånd utan beslut");
        yield return new TestCaseData("POST", "svar/{sf}/anstand", """{"bevilja":false}""", "kommentar", "Motivering måste fyllas i").SetName("Avslag utan motivering");
        yield return new TestCaseData("POST", "svar/{sf}/anstand", """{"bevilja":true}""", "nyttSvarsdatum", "Nytt svarsdatum måste anges").SetName("Beviljat utan datum");
        yield return new TestCaseData("POST", "paminnelser", """{"remissvarIds":[]}""", "remissvarIds", "Välj minst en instans").SetName("Påminnelse utan instanser");
        yield return new TestCaseData("GET", "sammanstallning?format=exe", null, "format", "format måste vara pdf").SetName("Sammanställning i okänt format");
        yield return new TestCaseData("PUT", "svar/{pro}/nyckelpunkter", "{\"nyckelpunkter\":\"" + new string('x', 10_001) + "\"}", "nyckelpunkter", "Nyckelpunkter får vara högst").SetName("För långa nyckelpunkter");
    }

    [TestCaseSource(nameof(BadCommands)), Order(6)]
    public async Task Bad_input_is_refused_naming_the_field_in_swedish_and_nothing_is_written(string method, string path, string? json, string field, string message)
    {
        var before = await _app.QueryAsync(db => db.Handelser.CountAsync());
        var url = $"/api/remisser/{_remiss}/" + path.Replace("{sof}", _sof.ToString()).Replace("{sf}", _sf.ToString()).Replace("{pro}", _pro.ToString());
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        var client = path.StartsWith("paminnelser", StringComparison.Ordinal) || path.Contains("nyckelpunkter", StringComparison.Ordinal) || path.StartsWith("sammanstallning", StringComparison.Ordinal) ? _samordnare : _ks;
        var problem = await Problem.ReadAsync(await client.SendAsync(request));
        Assert.Multiple(async () =>
        {
            Assert.That(problem.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problem.Errors.Keys, Does.Contain(field));
            Assert.That(problem.Detail, Does.Contain(message));
            Assert.That(await _app.QueryAsync(db => db.Handelser.CountAsync()), Is.EqualTo(before));
        });
    }

    [Test, Order(7)]
    public async Task Uploads_that_are_not_pdf_or_office_are_refused_by_content()
    {
        var before = await _app.QueryAsync(db => db.Bilagor.CountAsync());
        var draft = await (await _ks.PostAsJsonAsync("/api/remisser", new { title = "Utkast för uppladdning", svarsdatum = "2027-06-01" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = draft.GetProperty("id").GetGuid();
        var fake = await Problem.ReadAsync(await _ks.PostAsync($"/api/remisser/{id}/handlingar", File("program.pdf", Encoding.UTF8.GetBytes("<script>alert(1)</script>"))));
        var missing = await Problem.ReadAsync(await _ks.PostAsync($"/api/remisser/{id}/handlingar", new MultipartFormDataContent { { new StringContent("x"), "annat" } }));
        var extern_ = await Problem.ReadAsync(await _ks.PostAsync($"/api/remisser/{_remiss}/svar/{_sf}/externt-svar", new MultipartFormDataContent { { new StringContent("Kanske"), "standpunkt" } }));
        Assert.Multiple(async () =>
        {
            Assert.That(fake.Errors.Keys, Does.Contain("fil"));
            Assert.That(fake.Detail, Does.Contain("varken PDF eller ett Office-dokument"));
            Assert.That(missing.Errors.Keys, Does.Contain("fil"));
            Assert.That(extern_.Errors.Keys, Does.Contain("standpunkt"));
            Assert.That(await _app.QueryAsync(db => db.Bilagor.CountAsync()), Is.EqualTo(before));
        });
    }

    [TestCase(Sessions.SfRegistrator)]
    [TestCase(Sessions.SfHandlaggare)]
    [TestCase(Sessions.AdminEmail)]
    public async Task Another_organisation_or_role_is_refused(string email)
    {
        var client = await Sessions.BearerAsync(_app, email);
        var before = await _app.QueryAsync(db => db.Handelser.CountAsync());
        var responses = new[]
        {
            await client.GetAsync($"/api/remisser/{_remiss}/matris"),
            await client.GetAsync($"/api/remisser/{_remiss}/sammanstallning?format=csv"),
            await client.GetAsync($"/api/remisser/{_remiss}/triggers"),
            await client.PostAsJsonAsync($"/api/remisser/{_remiss}/triggers/aterkalla", new { motivering = "Obehörig" }),
            await client.PostAsJsonAsync($"/api/remisser/{_remiss}/svar/{_sf}/anstand", new { bevilja = true, nyttSvarsdatum = "2027-12-01" }),
            await client.PostAsJsonAsync($"/api/remisser/{_remiss}/paminnelser", new { remissvarIds = new[] { _sf } }),
            await client.PostAsync($"/api/remisser/{_remiss}/sammanstallning/publicera", null),
        };
        Assert.Multiple(async () =>
        {
            Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await _app.QueryAsync(db => db.Handelser.CountAsync()), Is.EqualTo(before));
        });
    }
}
