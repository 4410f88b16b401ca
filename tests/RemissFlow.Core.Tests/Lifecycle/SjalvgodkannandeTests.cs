using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Features.Organisationer;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Tests.Lifecycle;

/// <summary>Separation of duties: whoever saved the TU version cannot approve it, unless the instans allows self-approval.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class SjalvgodkannandeTests(DatabaseProvider provider)
{
    private TestApp _app = null!;
    private Scenario _s = null!;

    [SetUp]
    public async Task Start()
    {
        _app = await TestApp.StartAsync(provider);
        _s = await Scenario.BuildAsync(_app);
    }

    [TearDown]
    public async Task Stop() => await _app.DisposeAsync();

    /// <summary>One person who is both handläggare and förvaltningschef of the instans, as chef.hl in the demo.</summary>
    private async Task<Actor> HandlaggareOchChef(Guid organisation, string key)
    {
        var roles = new[] { Role.Handlaggare, Role.Forvaltningschef };
        var id = await _app.Ok(TestApp.Admin, new CreateUser.Command($"{key}@example.test", $"Person {key}", organisation, roles, "Granska-Tjansteutlatande-7"));
        return new Actor(id, $"Person {key}", organisation, roles.ToHashSet());
    }

    /// <summary>Registered, assigned to <paramref name="writer"/>, drafted by them, through beredning and sent to the chef.</summary>
    private async Task<Guid> HosForvaltningschef(Guid instans, string who, Actor writer)
    {
        var remiss = await _s.SendRemissAsync(new DateOnly(2026, 4, 24), instans);
        var svar = (await _s.SvarAsync(remiss, instans)).Id;
        await _app.Ok(_s[$"{who}.reg"], new RegisterRemissvar.Command(svar));
        await _app.Ok(_s[$"{who}.reg"], new AssignHandlaggare.Command(svar, writer.UserId!.Value));
        await _app.Ok(writer, new FireRemissvarTrigger.Command(svar, "paborja_beredning"));
        await _app.Ok(writer, new SaveTjansteutlatande.Command(svar, null, "Remiss av handlingsplanen", "1. Godkänner tjänsteutlåtandet.",
            "Sammanfattning.", "Bakgrund.", "Ärendet.", null, "Synpunkter."));
        var org = await _app.Query(db => db.Organisationer.AsNoTracking().SingleAsync(o => o.Id == instans));
        foreach (var organ in org.BeredningOrgan)
        {
            await _app.Ok(writer, new RecordBeredning.Command(svar, organ, StockholmTime.Today(_app.Clock)));
        }

        await _app.Ok(writer, new FireRemissvarTrigger.Command(svar, "skicka_till_forvaltningschef"));
        return svar;
    }

    private async Task SetSjalvgodkannande(Guid organisation, bool? allow)
    {
        var o = await _app.Query(db => db.Organisationer.AsNoTracking().SingleAsync(x => x.Id == organisation));
        await _app.Ok(TestApp.Admin, new UpdateOrganisation.Command(o.Id, o.Version, o.Name, o.ForvaltningName, o.ContactEmail, o.ContactPhone,
            o.PostalAddress, o.VisitingAddress, o.Web, o.BeredningOrgan, o.Active, allow));
    }

    private Task<List<Handelse>> Events(Guid arende) =>
        _app.Query(db => db.Handelser.AsNoTracking().Where(h => h.ArendeId == arende).OrderBy(h => h.Sequence).ToListAsync());

    [TestCase("sf")]
    [TestCase("bolag")]
    public async Task The_writer_of_the_version_cannot_approve_it_but_another_chef_can(string who)
    {
        var instans = who == "sf" ? _s.Sf : _s.Bolag;
        var writer = await HandlaggareOchChef(instans, $"{who}.hlchef");
        var svar = await HosForvaltningschef(instans, who, writer);

        var refused = await _app.Send(writer, new FireRemissvarTrigger.Command(svar, "godkann"));
        Assert.That(refused.Succeeded, Is.False, "the writer approved their own version");
        Assert.Multiple(async () =>
        {
            Assert.That(refused.Refusal!.Kind, Is.EqualTo(RefusalKind.Forbidden));
            Assert.That(refused.Refusal.Message, Is.EqualTo("Du sparade version 1 av tjänsteutlåtandet och kan inte själv godkänna den. " +
                $"En annan {(who == "sf" ? "förvaltningschef" : "vd")} måste godkänna den; organisationens administratör kan tillåta självgodkännande."));
            Assert.That(await _app.Query(db => db.Remissvar.Where(r => r.Id == svar).Select(r => r.Status).SingleAsync()), Is.EqualTo("hos_forvaltningschef"));
            Assert.That(await _app.Query(db => db.Tjansteutlatanden.Where(t => t.RemissvarId == svar).Select(t => t.GodkandVersion).SingleAsync()), Is.Null);
            Assert.That((await Events(svar)).Select(e => e.Action), Does.Not.Contain("workflow.godkann"));
        });

        await _app.Ok(_s[$"{who}.chef"], new FireRemissvarTrigger.Command(svar, "godkann"));
        var tu = await _app.Query(db => db.Tjansteutlatanden.AsNoTracking().SingleAsync(t => t.RemissvarId == svar));
        var events = await Events(svar);
        Assert.Multiple(() =>
        {
            Assert.That(tu.GodkandVersion, Is.EqualTo(1));
            Assert.That(tu.GodkandAv, Is.EqualTo(_s[$"{who}.chef"].UserId));
            Assert.That(events.Select(e => e.Action), Does.Contain("workflow.godkann").And.Not.Contain("tu.sjalvgodkant"));
        });
    }

    [Test]
    public async Task A_chef_may_approve_a_version_someone_else_saved_even_after_writing_an_earlier_one()
    {
        var writer = await HandlaggareOchChef(_s.Bolag, "bolag.hlchef");
        var svar = await HosForvaltningschef(_s.Bolag, "bolag", writer);
        await _app.Ok(_s["bolag.chef"], new FireRemissvarTrigger.Command(svar, "returnera", Kommentar: "Skriv om."));
        await _app.Ok(_s["bolag.reg"], new AssignHandlaggare.Command(svar, _s["bolag.hl"].UserId!.Value));
        await _app.Ok(_s["bolag.hl"], new SaveTjansteutlatande.Command(svar, 1, "Remiss av handlingsplanen", "1. Godkänner tjänsteutlåtandet.",
            "Ny sammanfattning.", "Bakgrund.", "Ärendet.", null, "Synpunkter."));
        await _app.Ok(_s["bolag.hl"], new FireRemissvarTrigger.Command(svar, "skicka_till_forvaltningschef"));

        await _app.Ok(writer, new FireRemissvarTrigger.Command(svar, "godkann"));
        Assert.That(await _app.Query(db => db.Tjansteutlatanden.Where(t => t.RemissvarId == svar).Select(t => t.GodkandVersion).SingleAsync()), Is.EqualTo(2));
    }

    [Test]
    public async Task When_the_organisation_allows_it_the_writer_approves_and_the_audit_says_it_was_a_self_approval()
    {
        var writer = await HandlaggareOchChef(_s.Bolag, "bolag.hlchef");
        await SetSjalvgodkannande(_s.Bolag, true);
        var setting = (await Events(_s.Bolag)).Last(e => e.Action == "organisation.andrad");
        Assert.Multiple(() =>
        {
            Assert.That(setting.Beskrivning, Does.Contain("självgodkännande tillåts"));
            Assert.That(setting.Before, Does.Contain("\"tillatSjalvgodkannande\":false"));
            Assert.That(setting.After, Does.Contain("\"tillatSjalvgodkannande\":true"));
        });

        // Omitting the setting in a later update keeps it.
        await SetSjalvgodkannande(_s.Bolag, null);
        Assert.That(await _app.Query(db => db.Organisationer.Where(o => o.Id == _s.Bolag).Select(o => o.TillatSjalvgodkannande).SingleAsync()), Is.True);

        var svar = await HosForvaltningschef(_s.Bolag, "bolag", writer);
        await _app.Ok(writer, new FireRemissvarTrigger.Command(svar, "godkann"));

        var tu = await _app.Query(db => db.Tjansteutlatanden.AsNoTracking().SingleAsync(t => t.RemissvarId == svar));
        var events = await Events(svar);
        var godkann = events.Single(e => e.Action == "workflow.godkann");
        var self = events.Single(e => e.Action == "tu.sjalvgodkant");
        Assert.Multiple(() =>
        {
            Assert.That(tu.GodkandVersion, Is.EqualTo(1));
            Assert.That(tu.GodkandAv, Is.EqualTo(writer.UserId));
            Assert.That(godkann.After, Does.Contain("\"sjalvgodkannande\":true"));
            Assert.That(self.ActorId, Is.EqualTo(writer.UserId));
            Assert.That(self.Beskrivning, Is.EqualTo("Självgodkännande: Person bolag.hlchef godkände version 1 av tjänsteutlåtandet, som hen själv sparat. Organisationen tillåter självgodkännande."));
        });

        // Switched off again, the rule is back, and the change is audited.
        await SetSjalvgodkannande(_s.Bolag, false);
        Assert.That((await Events(_s.Bolag)).Last(e => e.Action == "organisation.andrad").Beskrivning, Does.Contain("Självgodkännande av tjänsteutlåtanden tillåts inte längre."));
        var second = await HosForvaltningschef(_s.Bolag, "bolag", writer);
        Assert.That((await _app.Send(writer, new FireRemissvarTrigger.Command(second, "godkann"))).Refusal!.Kind, Is.EqualTo(RefusalKind.Forbidden));
    }
}
