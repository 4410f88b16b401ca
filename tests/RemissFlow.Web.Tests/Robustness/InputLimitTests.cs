using System.Net;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Arenden;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Robustness;

/// <summary>
/// Issue 13: megabytes pasted into a text field get the field's Swedish message with the input kept, never the error
/// page; the error page is for bugs only and shows a reference that is in the server log.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class InputLimitTests(DatabaseProvider provider)
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

    /// <summary>Text of about <paramref name="megabytes"/> MB with markers at both ends, so "kept" means all of it.</summary>
    private static string Pasted(int megabytes) => "BÖRJAN-" + new string('å', megabytes * 1024 * 1024 / 2) + "-SLUTET";

    [TestCase(2)]
    [TestCase(5)]
    public async Task Megabytes_in_a_tu_section_get_the_fields_message_and_the_input_back(int megabytes)
    {
        var id = await ArendeSteps.UnderBeredningAsync(_app, $"Program med {megabytes} MB text");
        var client = await Sessions.CookieAsync(_app, Sessions.SfHandlaggare);
        var text = Pasted(megabytes);

        var response = await Sessions.PostFormAsync(client, $"/arenden/{id}/tu", new()
        {
            ["Input.BasedOnVersion"] = "1", ["Input.Rubrik"] = "Remiss av programmet", ["Input.Arendet"] = text,
        });
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(body, Does.Contain("Ärendet får vara högst 100000 tecken."));
            Assert.That(body, Does.Contain(text), "the whole input is back in the field");
            Assert.That(body, Does.Not.Contain("Något gick fel"));
            Assert.That(await _app.QueryAsync(db => db.Tjansteutlatanden.Where(t => t.RemissvarId == id).SelectMany(t => t.Versioner).CountAsync()), Is.EqualTo(1), "nothing saved");
        });
    }

    [Test]
    public async Task Megabytes_in_the_anstand_motivering_get_the_fields_message_and_the_input_back()
    {
        var id = await ArendeSteps.UnderBeredningAsync(_app, "Program med lång motivering");
        var client = await Sessions.CookieAsync(_app, Sessions.SfHandlaggare);
        var text = Pasted(3);

        var response = await Sessions.PostFormAsync(client, $"/arenden/{id}?handler=Anstand", new()
        {
            ["AnstandBegaran.OnskatSvarsdatum"] = ArendeSteps.Today.AddDays(90).ToString("yyyy-MM-dd"), ["AnstandBegaran.Motivering"] = text,
        }, formPage: $"/arenden/{id}");
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(body, Does.Contain("Motivering får vara högst 4000 tecken."));
            Assert.That(body, Does.Contain(text));
            Assert.That(await _app.QueryAsync(db => db.Anstand.CountAsync(a => a.RemissvarId == id)), Is.Zero, "nothing written");
        });
    }

    [Test]
    public async Task The_fields_carry_their_limit_as_maxlength()
    {
        var id = await ArendeSteps.UnderBeredningAsync(_app, "Program för maxlength");
        var client = await Sessions.CookieAsync(_app, Sessions.SfHandlaggare);
        var tu = await client.GetStringAsync($"/arenden/{id}/tu");
        var arende = await client.GetStringAsync($"/arenden/{id}");

        Assert.That(tu, Does.Match("name=\"Input.Arendet\"[^>]*maxlength=\"100000\"|maxlength=\"100000\"[^>]*name=\"Input.Arendet\""));
        Assert.That(arende, Does.Match("name=\"AnstandBegaran.Motivering\"[^>]*maxlength=\"4000\"|maxlength=\"4000\"[^>]*name=\"AnstandBegaran.Motivering\""));
    }
}
