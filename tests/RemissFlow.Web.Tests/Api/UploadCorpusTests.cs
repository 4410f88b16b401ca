using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Files;
using RemissFlow.Core.Persistence;
using RemissFlow.Documents.Pdf;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Api;

/// <summary>The upload rules on their own: every file of the corpus is either refused with its reason or gets its derived name.</summary>
public sealed class UploadPolicyCorpusTests
{
    private static IEnumerable<UploadCase> Corpus() => UploadCorpus.All();

    [TestCaseSource(nameof(Corpus))]
    public void Each_file_is_refused_with_a_swedish_reason_or_stored_under_the_name_of_what_it_is(UploadCase c)
    {
        var type = UploadPolicy.Detect(c.Content);
        var refusal = type is null ? "Filen är varken PDF eller ett Office-dokument (innehållet avgör, inte filnamnet)." : UploadPolicy.ActiveContentRefusal(c.Content, c.FileName);
        if (c.Refusal is not null)
        {
            Assert.That(refusal, Does.Contain(c.Refusal));
            if (type is not null)
            {
                Assert.That(refusal, Does.StartWith($"Filen {c.FileName} innehåller"));
            }

            return;
        }

        Assert.Multiple(() =>
        {
            Assert.That(refusal, Is.Null);
            Assert.That(type!.MediaType, Is.EqualTo(c.MediaType));
            Assert.That(UploadPolicy.StoredName(c.FileName, type.MediaType), Is.EqualTo(c.StoredAs));
            // Serving applies the same rule to what is stored; it must not change a name twice.
            Assert.That(UploadPolicy.StoredName(c.StoredAs!, type.MediaType), Is.EqualTo(c.StoredAs));
        });
    }

    [Test]
    public void The_message_names_the_file_and_what_was_found()
    {
        var pdf = UploadCorpus.Pdf("/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>");
        Assert.That(UploadPolicy.ActiveContentRefusal(pdf, "svar.pdf"), Is.EqualTo(
            "Filen svar.pdf innehåller skript eller automatiska åtgärder (JavaScript, OpenAction) och kan inte tas emot. Spara den som PDF utan skript och försök igen."));
    }

    [Test]
    public void A_compressed_object_stream_is_read_both_by_the_parser_and_by_the_raw_scan()
    {
        // Without an action the same file is clean, so the finding comes from inside the compressed stream.
        var clean = UploadCorpus.PdfWithObjectStream("<< /Type /Catalog /Pages 2 0 R >>");
        var uri = UploadCorpus.PdfWithObjectStream("<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /URI /URI (https://example.test/) >> >>");
        Assert.Multiple(() =>
        {
            Assert.That(PdfActiveContent.Find(clean), Is.Empty);
            Assert.That(PdfBundle.ImportablePageCount(clean, out var reason), Is.EqualTo(1), reason);
            // Only the parse can judge an open action that is not script: it found it inside the object stream.
            Assert.That(PdfActiveContent.Find(uri), Is.EqualTo(new[] { "OpenAction" }));
        });
    }
}

/// <summary>The corpus through the real API and pages on both databases: what is refused writes nothing; what is accepted is served only under its derived name, as an attachment.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class UploadCorpusTests(DatabaseProvider provider)
{
    private RemissFlowApp _app = null!;
    private HttpClient _ks = null!;
    private HttpClient _ksCookie = null!;
    private Guid _remiss;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await RemissFlowApp.StartAsync(provider);
        _ks = await Sessions.BearerAsync(_app, Sessions.KsRegistrator);
        _ksCookie = await Sessions.CookieAsync(_app, Sessions.KsRegistrator);
        var created = await (await _ks.PostAsJsonAsync("/api/remisser", new { title = "Uppladdningskorpus", svarsdatum = "2027-03-31" })).Content.ReadFromJsonAsync<JsonElement>();
        _remiss = created.GetProperty("id").GetGuid();
        var lista = await _ks.PutAsJsonAsync($"/api/remisser/{_remiss}/remisslista", new { namn = new[] { "SF", "pro" } });
        Assert.That(lista.StatusCode, Is.EqualTo(HttpStatusCode.OK), await lista.Content.ReadAsStringAsync());
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
        // filename* carries names a quoted filename cannot (quotes, bidi characters), as browsers send them.
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"fil\"", FileNameStar = name };
        form.Add(file);
        foreach (var (k, v) in fields ?? [])
        {
            form.Add(new StringContent(v), k);
        }

        return form;
    }

    private static void AssertAttachment(HttpResponseMessage response, string name, string mediaType, string route)
    {
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), route);
            Assert.That(disposition?.DispositionType, Is.EqualTo("attachment"), route);
            Assert.That(disposition?.FileNameStar ?? disposition?.FileName?.Trim('"'), Is.EqualTo(name), route);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(mediaType), route);
            Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"), route);
        });
    }

    private static IEnumerable<UploadCase> Corpus() => UploadCorpus.All();

    [TestCaseSource(nameof(Corpus)), Order(1)]
    public async Task A_remisshandling_is_refused_or_served_under_its_derived_name_as_an_attachment(UploadCase c)
    {
        var before = await _app.QueryAsync(db => db.Bilagor.CountAsync());
        var response = await _ks.PostAsync($"/api/remisser/{_remiss}/handlingar", File(c.FileName, c.Content));
        if (c.Refusal is not null)
        {
            var problem = await Problem.ReadAsync(response);
            Assert.Multiple(async () =>
            {
                Assert.That(problem.Status, Is.EqualTo(HttpStatusCode.BadRequest));
                Assert.That(problem.Errors.Keys, Does.Contain("fil"));
                Assert.That(problem.Detail, Does.Contain(c.Refusal));
                Assert.That(await _app.QueryAsync(db => db.Bilagor.CountAsync()), Is.EqualTo(before));
            });
            return;
        }

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var dto = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = dto.GetProperty("id").GetGuid();
        Assert.That(dto.GetProperty("fileName").GetString(), Is.EqualTo(c.StoredAs));
        Assert.That(await _app.QueryAsync(db => db.Bilagor.Where(b => b.Id == id).Select(b => b.FileName).SingleAsync()), Is.EqualTo(c.StoredAs));
        AssertAttachment(await _ks.GetAsync($"/api/remisser/{_remiss}/handlingar/{id}"), c.StoredAs!, c.MediaType!, "api");
        AssertAttachment(await _ksCookie.GetAsync($"/remisser/{_remiss}/handlingar?handler=Fil&bilagaId={id}"), c.StoredAs!, c.MediaType!, "sida");
    }

    [Test, Order(2)]
    public async Task Rows_stored_before_the_rule_are_served_under_the_derived_name_too()
    {
        var stored = await _app.QueryAsync(db => db.Bilagor.FirstAsync(b => b.RemissId == _remiss && b.MediaType == UploadPolicy.Pdf));
        await _app.QueryAsync(db => db.Bilagor.Where(b => b.Id == stored.Id).ExecuteUpdateAsync(u => u.SetProperty(b => b.FileName, "gammal.hta")));
        AssertAttachment(await _ks.GetAsync($"/api/remisser/{_remiss}/handlingar/{stored.Id}"), "gammal.pdf", UploadPolicy.Pdf, "api");
        AssertAttachment(await _ksCookie.GetAsync($"/remisser/{_remiss}/handlingar?handler=Fil&bilagaId={stored.Id}"), "gammal.pdf", UploadPolicy.Pdf, "sida");
    }

    [Test, Order(3)]
    public async Task After_utskick_the_public_copy_and_an_external_answer_are_served_under_derived_names_as_attachments()
    {
        var sent = await _ks.PostAsync($"/api/remisser/{_remiss}/skicka-ut", null);
        Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.OK), await sent.Content.ReadAsStringAsync());
        var handling = await _app.QueryAsync(db => db.Bilagor.FirstAsync(b => b.RemissId == _remiss && b.FileName == "svar.pdf"));
        var anonymous = _app.NewClient();
        AssertAttachment(await anonymous.GetAsync($"/publikt/remisser/{_remiss}?handler=Dokument&dokument=fil-{handling.Id:N}"), "svar.pdf", UploadPolicy.Pdf, "publik");

        var pro = await _app.QueryAsync(db => db.Remissvar.Where(s => s.RemissId == _remiss)
            .Join(db.Organisationer, s => s.InstansId, o => o.Id, (s, o) => new { s.Id, o.DnrPrefix }).SingleAsync(x => x.DnrPrefix == "PRO"));
        var fields = new Dictionary<string, string> { ["standpunkt"] = "Tillstyrker" };
        var script = await Problem.ReadAsync(await _ks.PostAsync($"/api/remisser/{_remiss}/svar/{pro.Id}/externt-svar",
            File("PRO svar.pdf", UploadCorpus.Pdf("/OpenAction << /S /J#61vaScript /JS (app.alert\\(1\\)) >>"), fields)));
        Assert.Multiple(async () =>
        {
            Assert.That(script.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(script.Detail, Does.Contain("Filen PRO svar.pdf innehåller skript eller automatiska åtgärder (JavaScript, OpenAction)"));
            Assert.That(await _app.QueryAsync(db => db.Bilagor.CountAsync(b => b.RemissvarId == pro.Id)), Is.Zero);
        });

        var ok = await _ks.PostAsync($"/api/remisser/{_remiss}/svar/{pro.Id}/externt-svar", File("PRO svar.hta", TestFiles.Pdf("PRO svarar"), fields));
        Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ok.Content.ReadAsStringAsync());
        var fil = await _app.QueryAsync(db => db.Bilagor.SingleAsync(b => b.RemissvarId == pro.Id && b.Kind == BilagaKind.Svar));
        Assert.That(fil.FileName, Is.EqualTo("PRO svar.pdf"));
        AssertAttachment(await _ksCookie.GetAsync($"/remisser/{_remiss}/svar/{pro.Id}?handler=Fil&bilagaId={fil.Id}"), "PRO svar.pdf", UploadPolicy.Pdf, "svarssida");
        AssertAttachment(await _ksCookie.GetAsync($"/arenden/{pro.Id}/bilagor/{fil.Id}"), "PRO svar.pdf", UploadPolicy.Pdf, "ärende");
    }
}
