using System.Net;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Arenden;

/// <summary>Issue 13, TU friction: a partial draft saves; the required sections are asked for when the TU goes to the förvaltningschef; a return comment is in sight.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class TuDraftTests(DatabaseProvider provider)
{
    private RemissFlowApp _app = null!;
    private HttpClient _handlaggare = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await RemissFlowApp.StartAsync(provider);
        _handlaggare = await Sessions.CookieAsync(_app, Sessions.SfHandlaggare);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Test]
    public async Task A_partial_draft_saves_and_sending_it_names_the_empty_sections()
    {
        var id = await ArendeSteps.UnderBeredningAsync(_app, "Program för utkast", withTu: false);
        var saved = await Sessions.PostFormAsync(_handlaggare, $"/arenden/{id}/tu", new()
        {
            ["Input.Rubrik"] = "Remiss av programmet", ["Input.ForslagTillBeslut"] = "Nämnden godkänner.", ["Input.Bakgrund"] = "Programmet remitterades i höstas.",
            ["Input.Sammanfattning"] = "", ["Input.Arendet"] = "", ["Input.Synpunkter"] = "",
        });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the draft is saved: " + await saved.Content.ReadAsStringAsync());
        await _app.AsUserAsync(Sessions.SfHandlaggare, new RecordBeredning.Command(id, Core.Domain.OrganKind.Forvaltningsgrupp, ArendeSteps.Today));

        var sent = await _app.SendAsAsync(Sessions.SfHandlaggare, new FireRemissvarTrigger.Command(id, "skicka_till_forvaltningschef"));
        var page = WebUtility.HtmlDecode(await _handlaggare.GetStringAsync($"/arenden/{id}"));
        Assert.Multiple(async () =>
        {
            Assert.That(sent.Succeeded, Is.False);
            Assert.That(sent.Refusal?.Message, Is.EqualTo("Avsnitten Sammanfattning, Ärendet och Förvaltningens synpunkter och förslag är tomma i version 1. Fyll i dem och spara innan tjänsteutlåtandet skickas till förvaltningschefen."));
            Assert.That(await ArendeSteps.StatusAsync(_app, id), Is.EqualTo("under_beredning"), "nothing changed");
            Assert.That(page, Does.Not.Contain("trigger=skicka_till_forvaltningschef"), "the button the command would refuse is not offered");
            Assert.That(page, Does.Contain("Avsnitten Sammanfattning, Ärendet och Förvaltningens synpunkter och förslag är tomma"), "the page says why");
        });

        await _app.AsUserAsync(Sessions.SfHandlaggare, ArendeSteps.Tu(id, 1));
        await _app.AsUserAsync(Sessions.SfHandlaggare, new FireRemissvarTrigger.Command(id, "skicka_till_forvaltningschef"));
        Assert.That(await ArendeSteps.StatusAsync(_app, id), Is.EqualTo("hos_forvaltningschef"), "a complete version goes");
    }

    [Test]
    public async Task A_draft_without_rubrik_keeps_the_input_and_names_the_field()
    {
        var id = await ArendeSteps.UnderBeredningAsync(_app, "Program utan rubrik", withTu: false);
        var response = await Sessions.PostFormAsync(_handlaggare, $"/arenden/{id}/tu", new() { ["Input.Rubrik"] = "", ["Input.Sammanfattning"] = "Min text som inte får försvinna." });
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(body, Does.Contain("Rubrik måste fyllas i"));
        Assert.That(body, Does.Contain("Min text som inte får försvinna."));
    }

    [Test]
    public async Task The_chefs_return_comment_is_shown_above_the_editor()
    {
        var id = await ArendeSteps.HosForvaltningschefAsync(_app, "Program som returneras");
        await _app.AsUserAsync("chef.sf@remissflow.test", new FireRemissvarTrigger.Command(id, "returnera", Kommentar: "Skriv tydligare om kostnaderna."));

        var page = WebUtility.HtmlDecode(await _handlaggare.GetStringAsync($"/arenden/{id}/tu"));
        Assert.That(page, Does.Contain("Returnerat av förvaltningschefen"));
        Assert.That(page, Does.Match("returnerade version 1:</p>\\s*<blockquote class=\"prewrap\">Skriv tydligare om kostnaderna.</blockquote>"));
    }
}
