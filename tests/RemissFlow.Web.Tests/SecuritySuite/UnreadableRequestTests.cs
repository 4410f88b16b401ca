using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Api;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.SecuritySuite;

/// <summary>
/// What the fuzzer found answered 500: multipart bodies the reader cannot parse, a charset .NET does not know, a null
/// entry in a beslut's lists, an organisation renamed to another's name. Each is the client's error: 4xx with a Swedish
/// message naming what is wrong, nothing written.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
[Parallelizable(ParallelScope.Self)] // Beside other fixtures (own app and database); its tests one at a time, as they share its data.
[Category("Säkerhetssvit")]
public sealed class UnreadableRequestTests(DatabaseProvider provider)
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

    private static readonly string Pdf = Encoding.Latin1.GetString(ArendeData.Pdf);

    /// <summary>Framings a multipart reader throws on: no boundary, an empty one, a body cut off, part headers over the limit.</summary>
    public static IEnumerable<TestCaseData> Malformed()
    {
        var whole = $"--b\r\nContent-Disposition: form-data; name=\"fil\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n{Pdf}\r\n--b--\r\n";
        yield return new TestCaseData("multipart/form-data", whole).SetArgDisplayNames("utan gräns");
        yield return new TestCaseData("multipart/form-data; boundary=", whole).SetArgDisplayNames("tom gräns");
        yield return new TestCaseData("multipart/form-data; boundary=b", whole[..(whole.Length / 2)]).SetArgDisplayNames("avklippt");
        yield return new TestCaseData("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"fil\"; filen").SetArgDisplayNames("avklippt i rubrikerna");
        yield return new TestCaseData("multipart/form-data; boundary=b", $"--b\r\nContent-Disposition: form-data; name=\"fil\"; filename=\"a.pdf\"\r\nX-Stor: {new string('h', 40_000)}\r\n\r\n%PDF-1.4\r\n--b--\r\n")
            .SetArgDisplayNames("enorm delrubrik");
    }

    [TestCaseSource(nameof(Malformed))]
    public async Task A_malformed_multipart_upload_is_refused_with_400_in_swedish_and_writes_nothing(string contentType, string body)
    {
        var client = await Sessions.BearerAsync(_app, Sessions.KsRegistrator);
        var utkast = await _app.AsUserAsync(Sessions.KsRegistrator, new Core.Features.Remisser.CreateRemiss.Command("Trasigt formulär", "Förslag.",
            DateOnly.FromDateTime(DateTime.Today).AddDays(60), null, false, "Johan Ek", Sessions.KsSamordnare));
        var extern_ = (await ArendeData.SendRemissAsync(_app, "Trasigt externt svar", DateOnly.FromDateTime(DateTime.Today).AddDays(60), "PRO"))["PRO"];
        var externRemiss = await _app.QueryAsync(db => db.Remissvar.Where(v => v.Id == extern_).Select(v => v.RemissId).SingleAsync());
        foreach (var path in new[] { $"/api/remisser/{utkast.Id}/handlingar", $"/api/remisser/{externRemiss}/svar/{extern_}/externt-svar" })
        {
            var before = await _app.QueryAsync(db => db.Bilagor.CountAsync());
            var content = new ByteArrayContent(Encoding.Latin1.GetBytes(body));
            content.Headers.ContentType = null;
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            var response = await client.PostAsync(path, content);
            var text = await response.Content.ReadAsStringAsync();
            Assert.Multiple(async () =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), $"{path}: {text}");
                Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString(), Is.EqualTo(UploadForm.UnreadableForm));
                Assert.That(await _app.QueryAsync(db => db.Bilagor.CountAsync()), Is.EqualTo(before));
            });
        }
    }

    [Test]
    public async Task A_malformed_multipart_post_to_an_upload_page_shows_the_400_page()
    {
        var client = await Sessions.CookieAsync(_app, Sessions.KsRegistrator);
        var utkast = await _app.AsUserAsync(Sessions.KsRegistrator, new Core.Features.Remisser.CreateRemiss.Command("Trasigt sidformulär", "Förslag.",
            DateOnly.FromDateTime(DateTime.Today).AddDays(60), null, false, "Johan Ek", Sessions.KsSamordnare));
        var token = Sessions.AntiforgeryToken(await client.GetStringAsync($"/remisser/{utkast.Id}/handlingar"));
        foreach (var (contentType, body) in Malformed().Select(c => ((string)c.Arguments[0]!, (string)c.Arguments[1]!)))
        {
            var content = new ByteArrayContent(Encoding.Latin1.GetBytes(body));
            content.Headers.ContentType = null;
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            var request = new HttpRequestMessage(HttpMethod.Post, $"/remisser/{utkast.Id}/handlingar") { Content = content };
            request.Headers.Add("X-CSRF-TOKEN", token);
            var response = await client.SendAsync(request);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Multiple(() =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), contentType);
                Assert.That(html, Does.Contain("Felaktig begäran"), contentType);
            });
        }
    }

    [Test]
    public async Task A_body_in_an_unknown_charset_is_refused_with_415_in_swedish()
    {
        var client = await Sessions.BearerAsync(_app, Sessions.KsRegistrator);
        var before = await _app.QueryAsync(db => db.Remisser.CountAsync());
        var content = new StringContent("{\"title\":\"Okänd teckenkodning\",\"svarsdatum\":\"2027-01-10\"}");
        content.Headers.ContentType = null;
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=bogus");
        var response = await client.PostAsync("/api/remisser", content);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        var page = await Sessions.CookieAsync(_app, Sessions.KsRegistrator);
        var form = new ByteArrayContent("Input.Title=x"u8.ToArray());
        form.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=bogus");
        var pageResponse = await page.PostAsync("/remisser/ny", form);
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("Teckenkodningen bogus"));
            Assert.That(pageResponse.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
            Assert.That(await pageResponse.Content.ReadAsStringAsync(), Does.Contain("Fel innehållstyp"));
            Assert.That(await _app.QueryAsync(db => db.Remisser.CountAsync()), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task A_nul_character_in_a_json_string_is_a_400_naming_the_field()
    {
        var response = await _app.NewClient().PostAsync("/api/token", new StringContent("{\"email\":\"a\\u0000b@remissflow.test\",\"password\":\"x\"}", Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
            Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty("email", out _), Is.True, text);
        });
    }

    [Test]
    public async Task A_null_entry_in_a_beslut_list_is_named_in_a_400()
    {
        var svar = (await ArendeData.SendRemissAsync(_app, "Tomma yrkanden", DateOnly.FromDateTime(DateTime.Today).AddDays(60), "SF"))["SF"];
        var client = await Sessions.BearerAsync(_app, Sessions.SfSekreterare);
        var before = await _app.QueryAsync(db => db.Beslut.CountAsync());
        var response = await client.PostAsync($"/api/arenden/{svar}/beslut",
            new StringContent("{\"paragraf\":12,\"beslutstext\":\"Nämnden beslutar.\",\"standpunkt\":\"Tillstyrker\",\"yrkanden\":[null],\"reservationer\":[null]}", Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
            Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty("yrkanden[0].ledamot", out _), Is.True, text);
            Assert.That(await _app.QueryAsync(db => db.Beslut.CountAsync()), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task Renaming_an_organisation_to_another_ones_name_is_refused_naming_the_field()
    {
        var client = await Sessions.BearerAsync(_app, Sessions.AdminEmail);
        var (hl, sfName) = await _app.QueryAsync(async db =>
            (await db.Organisationer.SingleAsync(o => o.DnrPrefix == "HL"), await db.Organisationer.Where(o => o.DnrPrefix == "SF").Select(o => o.Name).SingleAsync()));
        var response = await client.PutAsJsonAsync($"/api/organisationer/{hl.Id}", new { expectedVersion = hl.Version, name = sfName, active = true });
        var text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
            Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("errors").GetProperty("name")[0].GetString(), Does.Contain("Det finns redan en organisation"));
            Assert.That(await _app.QueryAsync(db => db.Organisationer.Where(o => o.Id == hl.Id).Select(o => o.Name).SingleAsync()), Is.EqualTo(hl.Name));
        });
    }
}
