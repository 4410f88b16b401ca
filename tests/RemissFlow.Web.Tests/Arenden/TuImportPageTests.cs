using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Persistence;
using RemissFlow.Documents.Tests;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Arenden;

/// <summary>
/// Issue #17, uses 3 and 4: the TU import's refusals over HTTP, on both databases. Someone who is not the ärende's
/// handläggare, or a TU that cannot be changed now, gets no import form, and a posted file anyway gets the Swedish
/// reason (403, 422) with nothing stored; a file of another kind is refused by the field's name. The API returns the
/// proposal, with the low-confidence heading, and stores nothing either.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class TuImportPageTests(DatabaseProvider provider)
{
    private const string Password = "Granska-Tjansteutlatande-9";
    private RemissFlowApp _app = null!;

    private static readonly byte[] WordFile = TuWordFile.Build(("Sammanfattning", "Förvaltningen tillstyrker."), ("Kontorets synpunkter", "Kontoret har inga synpunkter."));

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

    /// <summary>What the import could have written to: the ärende's versions and the audit log.</summary>
    private Task<(int Versions, int Handelser)> StateAsync(Guid id) => _app.QueryAsync(async db =>
        (await db.Tjansteutlatanden.Where(t => t.RemissvarId == id).SelectMany(t => t.Versioner).CountAsync(), await db.Handelser.CountAsync()));

    private static async Task<(HttpStatusCode Status, string Html)> ImportAsync(HttpClient client, Guid id, string fileName, byte[] content)
    {
        var page = await client.GetStringAsync($"/arenden/{id}/tu");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Sessions.AntiforgeryToken(page)), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(TuWordFile.MediaType);
        form.Add(file, "fil", fileName);
        var response = await client.PostAsync($"/arenden/{id}/tu?handler=Import", form);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Test]
    public async Task A_tu_with_the_forvaltningschef_cannot_import_and_says_why()
    {
        var id = await ArendeSteps.HosForvaltningschefAsync(_app, "Program för låst import");
        var client = await Sessions.CookieAsync(_app, Sessions.SfHandlaggare);
        Assert.That(await client.GetStringAsync($"/arenden/{id}/tu"), Does.Not.Contain("Importera text från Word-fil"), "no import form on a locked TU");
        var before = await StateAsync(id);

        var (status, html) = await ImportAsync(client, id, "tu.docx", WordFile);
        Assert.Multiple(async () =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(html, Does.Contain("Tjänsteutlåtandet kan inte ändras i ärendets nuvarande läge, så ingen text kan importeras."));
            Assert.That(await StateAsync(id), Is.EqualTo(before), "nothing written");
        });
    }

    [Test]
    public async Task Someone_who_is_not_the_handlaggare_cannot_import_and_is_told_so()
    {
        // Another handläggare of the same förvaltning reads the TU (the förvaltningschef and the others may not open the editor at all).
        var sf = await _app.QueryAsync(db => db.Organisationer.Where(o => o.DnrPrefix == "SF").Select(o => o.Id).SingleAsync());
        var email = $"annan.handlaggare.{Guid.NewGuid():N}@remissflow.test";
        await _app.AsUserAsync(Sessions.AdminEmail, new CreateUser.Command(email, "Annan Handläggare", sf, [Role.Handlaggare], Password));
        var id = await ArendeSteps.UnderBeredningAsync(_app, "Program för annans import");
        var client = await Sessions.CookieAsync(_app, email, Password);
        Assert.That(await client.GetStringAsync($"/arenden/{id}/tu"), Does.Not.Contain("Importera text från Word-fil"), "no import form for another handläggare");
        var before = await StateAsync(id);

        var (status, html) = await ImportAsync(client, id, "tu.docx", WordFile);
        Assert.Multiple(async () =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(html, Does.Contain("Bara ärendets handläggare skriver tjänsteutlåtandet."));
            Assert.That(await StateAsync(id), Is.EqualTo(before), "nothing written");
        });
    }

    [Test]
    public async Task A_picture_is_refused_at_the_file_field_and_the_saved_text_stays_in_the_form()
    {
        var id = await ArendeSteps.UnderBeredningAsync(_app, "Program för bildimport");
        var client = await Sessions.CookieAsync(_app, Sessions.SfHandlaggare);
        var before = await StateAsync(id);

        var (status, html) = await ImportAsync(client, id, "bild.png", TinyPng.Create(4, 2));
        Assert.Multiple(async () =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(html, Does.Contain("<a href=\"#fil\">Fil: Filtypen stöds inte: välj en PDF-, Word- (.docx) eller textfil.</a>"), html[Math.Max(0, html.IndexOf("error-summary", StringComparison.Ordinal))..][..600]);
            Assert.That(TuForm.Fields(html)["Input.Synpunkter"], Is.EqualTo("Förvaltningen har inga synpunkter."), "the saved text stays");
            Assert.That(await StateAsync(id), Is.EqualTo(before), "nothing written");
        });
    }

    [Test]
    public async Task The_api_returns_the_proposal_with_the_heading_it_was_found_under_and_stores_nothing()
    {
        var id = await ArendeSteps.UnderBeredningAsync(_app, "Program för import genom API");
        var client = await Sessions.BearerAsync(_app, Sessions.SfHandlaggare);
        var before = await StateAsync(id);

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(WordFile);
        file.Headers.ContentType = new MediaTypeHeaderValue(TuWordFile.MediaType);
        form.Add(file, "fil", "tu.docx");
        var response = await client.PostAsync($"/api/arenden/{id}/tu/import", form);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var synpunkter = body.RootElement.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "Synpunkter");
        Assert.Multiple(async () =>
        {
            Assert.That(body.RootElement.GetProperty("basedOnVersion").GetInt32(), Is.EqualTo(1));
            Assert.That(synpunkter.GetProperty("text").GetString(), Is.EqualTo("Kontoret har inga synpunkter."));
            Assert.That(synpunkter.GetProperty("sourceHeading").GetString(), Is.EqualTo("Kontorets synpunkter"));
            Assert.That(synpunkter.GetProperty("confidence").GetDouble(), Is.LessThan(1));
            Assert.That(await StateAsync(id), Is.EqualTo(before), "nothing written");
        });

        using var empty = new MultipartFormDataContent { { new ByteArrayContent([]), "fil", "tom.docx" } };
        var refused = await client.PostAsync($"/api/arenden/{id}/tu/import", empty);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("Fil: välj en Word-, PDF- eller textfil att importera."));
    }
}
