using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Persistence;
using RemissFlow.Documents.Tests;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Arenden;

/// <summary>
/// Issue 13: the organisation register is the one source of a letterhead's facts. An administratör's edit on the
/// admin page reaches the next document; a logo is uploaded there (PNG/JPEG by content, size-limited).
/// Own app: the tests change Servicenämnden's register row.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
[Parallelizable(ParallelScope.Self)] // Beside other fixtures (own app and database); its tests one at a time, as they share its data.
public sealed class LetterheadRegisterTests(DatabaseProvider provider)
{
    private RemissFlowApp _app = null!;
    private HttpClient _admin = null!;
    private HttpClient _handlaggare = null!;
    private Guid _sf;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await RemissFlowApp.StartAsync(provider);
        _admin = await Sessions.CookieAsync(_app, Sessions.AdminEmail);
        _handlaggare = await Sessions.CookieAsync(_app, Sessions.SfHandlaggare);
        _sf = await _app.QueryAsync(db => db.Organisationer.Where(o => o.DnrPrefix == "SF").Select(o => o.Id).SingleAsync());
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private Task<Organisation> SfAsync() => _app.QueryAsync(db => db.Organisationer.AsNoTracking().SingleAsync(o => o.Id == _sf));

    /// <summary>Saves the admin page's form with the register row as it is, except the given fields.</summary>
    private async Task EditAsync(string phone, string email)
    {
        var o = await SfAsync();
        var fields = new Dictionary<string, string>
        {
            ["Input.Version"] = o.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Name"] = o.Name,
            ["Input.ForvaltningName"] = o.ForvaltningName ?? "", ["Input.ContactEmail"] = email, ["Input.ContactPhone"] = phone,
            ["Input.PostalAddress"] = o.PostalAddress ?? "", ["Input.VisitingAddress"] = o.VisitingAddress ?? "", ["Input.Web"] = o.Web ?? "",
            ["Input.Active"] = "true",
        };
        var form = new List<KeyValuePair<string, string>>(fields);
        form.AddRange(o.BeredningOrgan.Select(b => KeyValuePair.Create("Input.BeredningOrgan", b.ToString())));
        var page = await _admin.GetStringAsync($"/admin/organisationer/{_sf}");
        form.Add(new("__RequestVerificationToken", Sessions.AntiforgeryToken(page)));
        var response = await _admin.PostAsync($"/admin/organisationer/{_sf}", new FormUrlEncodedContent(form));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_stale_edit_of_the_register_is_a_409_that_keeps_the_input_and_moves_the_form_on()
    {
        var before = await SfAsync();
        var page = await _admin.GetStringAsync($"/admin/organisationer/{_sf}");
        await EditAsync("08-508 11 333", "forsta@stockholm.se"); // someone else saves while the form is open
        var stale = await _admin.PostAsync($"/admin/organisationer/{_sf}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Version"] = before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Name"] = before.Name,
            ["Input.ContactEmail"] = "sent@stockholm.se", ["Input.ContactPhone"] = "08-508 11 444", ["Input.Active"] = "true",
            ["__RequestVerificationToken"] = Sessions.AntiforgeryToken(page),
        }));
        var html = await stale.Content.ReadAsStringAsync();
        var saved = await SfAsync();
        await EditAsync(before.ContactPhone ?? "", before.ContactEmail ?? "");

        Assert.Multiple(() =>
        {
            Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(html, Does.Contain("Någon annan har ändrat organisationen"));
            Assert.That(html, Does.Contain("value=\"sent@stockholm.se\""), "the user's input stays in the form");
            Assert.That(html, Does.Contain($"name=\"Input.Version\" value=\"{saved.Version}\""), "the form moves on to the saved version");
            Assert.That(saved.ContactEmail, Is.EqualTo("forsta@stockholm.se"), "the other save stands");
        });
    }

    private async Task<HttpResponseMessage> UploadLogoAsync(byte[] content, string fileName, string mediaType)
    {
        var page = await _admin.GetStringAsync($"/admin/organisationer/{_sf}");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        form.Add(file, "logotyp", fileName);
        form.Add(new StringContent(Sessions.AntiforgeryToken(page)), "__RequestVerificationToken");
        return await _admin.PostAsync($"/admin/organisationer/{_sf}?handler=Logotyp", form);
    }

    [Test]
    public async Task A_new_phone_number_and_e_post_in_the_register_reach_the_tu()
    {
        var id = await ArendeSteps.UnderBeredningAsync(_app, "Program för brevhuvudet");
        await EditAsync("08-508 11 222", "serviceforvaltningen@stockholm.se");

        var text = TuForm.Text(await _handlaggare.GetStringAsync($"/arenden/{id}/dokument/tu/html?version=1"));
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("| Telefon 08-508 11 222 |"), "the register's number in the footer");
            Assert.That(text, Does.Not.Contain("Box 8311"), "not the letterhead file's address");
            Assert.That(text, Does.Not.Contain("Hantverkargatan 3D"), "nor its visiting address");
            Assert.That(text, Does.Contain("serviceforvaltningen@stockholm.se"));
            Assert.That(text, Does.Contain("Avdelningen för verksamhetsstöd"), "the file still adds its layout line");
        });
    }

    [Test]
    public async Task An_uploaded_logo_is_on_the_letterhead_and_can_be_removed()
    {
        var id = await ArendeSteps.UnderBeredningAsync(_app, "Program för logotypen");
        var withoutLogo = await _handlaggare.GetByteArrayAsync($"/arenden/{id}/dokument/tu/pdf?version=1");

        var saved = await UploadLogoAsync(TinyPng.Create(60, 20), "logga.png", "image/png");
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await saved.Content.ReadAsStringAsync());
        Assert.That((await SfAsync()).LogoMediaType, Is.EqualTo("image/png"));
        Assert.That(await _admin.GetStringAsync($"/admin/organisationer/{_sf}"), Does.Contain("src=\"data:image/png;base64,"), "the admin page shows it");
        var withLogo = await _handlaggare.GetByteArrayAsync($"/arenden/{id}/dokument/tu/pdf?version=1");
        Assert.That(Images(withLogo), Is.GreaterThan(Images(withoutLogo)), "the PDF draws the logo");

        var page = await _admin.GetStringAsync($"/admin/organisationer/{_sf}");
        var removed = await _admin.PostAsync($"/admin/organisationer/{_sf}?handler=Logotyp", new FormUrlEncodedContent(
            [new("taBort", "true"), new("__RequestVerificationToken", Sessions.AntiforgeryToken(page))]));
        Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await SfAsync()).LogoSha256, Is.Null);
    }

    [TestCase("text", "Logotypen måste vara en PNG- eller JPEG-bild")]
    [TestCase("pdf", "Logotypen måste vara en PNG- eller JPEG-bild")]
    [TestCase("stor", "Logotypen är för stor; högst 512 kB.")]
    public async Task A_file_that_is_not_a_small_png_or_jpeg_is_refused_with_a_swedish_message(string kind, string message)
    {
        var content = kind switch
        {
            "text" => "inte en bild"u8.ToArray(),
            "pdf" => ArendeData.Pdf,
            _ => TinyPng.Create(1, 1).Concat(new byte[600 * 1024]).ToArray(),
        };
        var before = (await SfAsync()).LogoSha256;

        var response = await UploadLogoAsync(content, "logga.png", "image/png");
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(body, Does.Contain(message));
            Assert.That((await SfAsync()).LogoSha256, Is.EqualTo(before), "nothing stored");
        });
    }

    /// <summary>Image XObjects in a PDF (the writer may compress streams, not the object dictionaries' names).</summary>
    private static int Images(byte[] pdf) => System.Text.RegularExpressions.Regex.Count(System.Text.Encoding.Latin1.GetString(pdf), @"/Subtype\s*/Image");
}
