using System.Net;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Arenden;

/// <summary>Issue 13: the TU page offers only what will be accepted, and says why the rest is not.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class TuEditorStateTests(DatabaseProvider provider)
{
    private const string Password = "Granska-Tjansteutlatande-7";
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

    [Test]
    public async Task A_locked_editor_has_its_fields_and_save_button_disabled_and_says_why()
    {
        var id = await ArendeSteps.HosForvaltningschefAsync(_app, "Program för låst editor");
        var page = await (await Sessions.CookieAsync(_app, Sessions.SfHandlaggare)).GetStringAsync($"/arenden/{id}/tu");

        Assert.Multiple(() =>
        {
            Assert.That(page, Does.Match("<fieldset class=\"tu-fields\" disabled=\"disabled\""), "the sections are disabled");
            Assert.That(page, Does.Contain("<button type=\"submit\" disabled=\"disabled\">Spara ny version</button>"));
            Assert.That(page, Does.Contain("ligger hos förvaltningschefen för godkännande"), "and the page says why");
        });
    }

    [Test]
    public async Task An_editable_editor_has_nothing_disabled()
    {
        var id = await ArendeSteps.UnderBeredningAsync(_app, "Program för öppen editor");
        var page = await (await Sessions.CookieAsync(_app, Sessions.SfHandlaggare)).GetStringAsync($"/arenden/{id}/tu");

        Assert.That(page, Does.Not.Contain("disabled"));
        Assert.That(page, Does.Not.Contain("Låst för ändringar"));
    }

    [Test]
    public async Task The_chef_who_wrote_the_latest_version_is_not_offered_godkann_and_is_told_why()
    {
        var sf = await _app.QueryAsync(db => db.Organisationer.Where(o => o.DnrPrefix == "SF").Select(o => o.Id).SingleAsync());
        var email = $"skrivande.chef.{Guid.NewGuid():N}@remissflow.test";
        var author = await _app.AsUserAsync(Sessions.AdminEmail, new CreateUser.Command(email, "Skrivande Chef", sf, [Role.Handlaggare, Role.Forvaltningschef], Password));
        var id = (await ArendeData.SendRemissAsync(_app, "Program för självgodkännande", ArendeSteps.Today.AddDays(60), "SF"))["SF"];
        await _app.AsUserAsync(Sessions.SfRegistrator, new RegisterRemissvar.Command(id));
        await _app.AsUserAsync(Sessions.SfRegistrator, new AssignHandlaggare.Command(id, author));
        await _app.AsUserAsync(email, new FireRemissvarTrigger.Command(id, "paborja_beredning"));
        await _app.AsUserAsync(email, ArendeSteps.Tu(id, null));
        await _app.AsUserAsync(email, new RecordBeredning.Command(id, OrganKind.Forvaltningsgrupp, ArendeSteps.Today));
        await _app.AsUserAsync(email, new FireRemissvarTrigger.Command(id, "skicka_till_forvaltningschef"));

        var own = WebUtility.HtmlDecode(await (await Sessions.CookieAsync(_app, email, Password)).GetStringAsync($"/arenden/{id}"));
        var other = WebUtility.HtmlDecode(await (await Sessions.CookieAsync(_app, "chef.sf@remissflow.test")).GetStringAsync($"/arenden/{id}"));
        Assert.Multiple(() =>
        {
            Assert.That(own, Does.Not.Contain("trigger=godkann"), "no Godkänn button for the author");
            Assert.That(own, Does.Contain("Du sparade version 1 av tjänsteutlåtandet och kan inte själv godkänna den."), "the reason is shown");
            Assert.That(other, Does.Contain("trigger=godkann"), "another förvaltningschef gets the button");
        });
    }
}
