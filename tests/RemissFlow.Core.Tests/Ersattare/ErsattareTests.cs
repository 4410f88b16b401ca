using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.AttGora;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Documents;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Features.Ersattare;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Anvandare;
using RemissFlow.Core.Tests.Documents;
using RemissFlow.Core.Tests.Lifecycle;
using RemissFlow.Core.Tests.Support;
using RemissFlow.Documents;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Tests.Ersattare;

/// <summary>
/// Ersättare: who may name whom, for which period; what the ersättare holds while it lasts (the start page, the rights,
/// "t.f." in the audit log and on the TU) and that it ends by itself when the clock passes its last day.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class ErsattareTests(DatabaseProvider provider)
{
    private TestApp _app = null!;
    private Scenario _s = null!;

    // The scenario's clock starts on Monday 2 March 2026.
    private static readonly DateOnly Today = new(2026, 3, 2);

    [SetUp]
    public async Task Start()
    {
        _app = await TestApp.StartAsync(provider);
        _s = await Scenario.BuildAsync(_app);
    }

    [TearDown]
    public async Task Stop() => await _app.DisposeAsync();

    /// <summary>The actor as the web app builds it for a request: from the database, with today's ersättare roles.</summary>
    private async Task<Actor> Fresh(string key)
    {
        using var scope = _app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<ActorLookup>().ForUserAsync(_s[key].UserId!.Value, CancellationToken.None))!;
    }

    private Guid Id(string key) => _s[key].UserId!.Value;

    private Task<int> PeriodCount() => _app.Query(db => db.Ersattarperioder.CountAsync());

    private async Task<Guid> HosForvaltningschef()
    {
        var remiss = await _s.SendRemissAsync(new DateOnly(2026, 4, 24), _s.Sf);
        var svar = (await _s.SvarAsync(remiss, _s.Sf)).Id;
        await _app.Ok(_s["sf.reg"], new RegisterRemissvar.Command(svar));
        await _app.Ok(_s["sf.reg"], new AssignHandlaggare.Command(svar, Id("sf.hl")));
        await _app.Ok(_s["sf.hl"], new FireRemissvarTrigger.Command(svar, "paborja_beredning"));
        await _app.Ok(_s["sf.hl"], new SaveTjansteutlatande.Command(svar, null, "Remiss av handlingsplanen", "1. Godkänner tjänsteutlåtandet.",
            "Sammanfattning.", "Bakgrund.", "Ärendet.", null, "Synpunkter."));
        await _app.Ok(_s["sf.hl"], new RecordBeredning.Command(svar, OrganKind.Forvaltningsgrupp, Today));
        await _app.Ok(_s["sf.hl"], new FireRemissvarTrigger.Command(svar, "skicka_till_forvaltningschef"));
        return svar;
    }

    private async Task<IReadOnlyList<AttGoraSection>> AttGora(Actor actor)
    {
        using var scope = _app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AttGoraQuery>().ForAsync(actor, OrganisationKind.Namnd, CancellationToken.None);
    }

    private async Task<string> FieldOf(Actor actor, NamnErsattare.Command command)
    {
        var before = await PeriodCount();
        var events = await Accounts.EventsAsync(_app);
        var refused = (await _app.Send(actor, command)).Refusal;
        Assert.That(refused, Is.Not.Null, "the naming should have been refused");
        Assert.That(await PeriodCount(), Is.EqualTo(before), "nothing written");
        Assert.That(await Accounts.EventsAsync(_app), Is.EqualTo(events), "no audit event");
        return $"{refused!.Errors.SingleOrDefault()?.Field}|{refused.Message}";
    }

    [Test]
    public async Task A_chef_names_a_substitute_and_the_substitute_approves_the_TU_as_tf_forvaltningschef_until_the_period_ends_by_itself()
    {
        var svar = await HosForvaltningschef();
        var reg = await Fresh("sf.reg");
        Assert.That((await _app.Send(reg, new FireRemissvarTrigger.Command(svar, "godkann"))).Refusal?.Message, Does.Contain("förvaltningschef"),
            "before any period the registrator may not approve");

        var period = await _app.Ok(_s["sf.chef"], new NamnErsattare.Command(Id("sf.chef"), Id("sf.reg"), Today, Today.AddDays(6)));
        var named = await Accounts.LastEventAsync(_app);
        Assert.Multiple(() =>
        {
            Assert.That(named.Action, Is.EqualTo("ersattare.namngiven"));
            Assert.That(named.ArendeId, Is.EqualTo(period));
            Assert.That(named.Beskrivning, Is.EqualTo("Person sf.reg är ersättare för Person sf.chef 2 mars 2026 – 8 mars 2026 (t.f. förvaltningschef)."));
        });

        reg = await Fresh("sf.reg");
        Assert.Multiple(async () =>
        {
            Assert.That(reg.Roles, Is.EquivalentTo(new[] { Role.Registrator, Role.Forvaltningschef }));
            Assert.That(reg.EgnaRoller, Is.EquivalentTo(new[] { Role.Registrator }));
            Assert.That(reg.Uppdrag.Single().Name, Is.EqualTo("Person sf.chef"));
            var godkanna = (await AttGora(reg)).Single(s => s.Key == "godkanna");
            Assert.That(godkanna.PaUppdragAv, Is.EqualTo("Person sf.chef"));
            Assert.That(godkanna.Items.Select(i => i.Id), Is.EqualTo(new[] { svar }));
            Assert.That((await AttGora(reg)).Single(s => s.Key == "registrera").PaUppdragAv, Is.Null, "the registrator's own work stays their own");
        });

        await _app.Ok(reg, new FireRemissvarTrigger.Command(svar, "godkann"));

        var approval = await _app.Query(db => db.Handelser.AsNoTracking().Where(h => h.ArendeId == svar).OrderByDescending(h => h.Sequence).FirstAsync());
        var tu = await _app.Query(db => db.Tjansteutlatanden.AsNoTracking().SingleAsync(t => t.RemissvarId == svar));
        Assert.Multiple(() =>
        {
            Assert.That(approval.ActorId, Is.EqualTo(Id("sf.reg")));
            Assert.That(approval.ActorName, Is.EqualTo("Person sf.reg"));
            Assert.That(approval.PaUppdragAvId, Is.EqualTo(Id("sf.chef")));
            Assert.That(approval.PaUppdragAvNamn, Is.EqualTo("Person sf.chef (t.f. förvaltningschef)"));
            Assert.That(tu.GodkandAv, Is.EqualTo(Id("sf.reg")));
            Assert.That(tu.GodkandPaUppdragAv, Is.EqualTo(Id("sf.chef")));
        });

        using (var scope = _app.Services.CreateScope())
        {
            var model = await scope.ServiceProvider.GetRequiredService<DocumentModelFactory>().TjansteutlatandeAsync(svar);
            Assert.That(model.Underskrifter.Single().Namn, Is.EqualTo("Person sf.reg"));
            Assert.That(model.Underskrifter.Single().Titel, Is.EqualTo("t.f. förvaltningschef"));
            var pdf = _app.Services.GetRequiredService<DocumentRenderer>().RenderPdf(model);
            Assert.That(PdfText.Flat(pdf), Does.Contain("t.f. förvaltningschef"));
        }

        // The audit chain still verifies with the new fields in it.
        using (var scope = _app.Services.CreateScope())
        {
            Assert.That((await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None)).Intact, Is.True);
        }

        // The last day still counts (Stockholm time, late evening); the next morning the rights are gone.
        _app.Clock.Set(new DateTimeOffset(2026, 3, 8, 23, 30, 0, TimeSpan.FromHours(1)));
        Assert.That((await Fresh("sf.reg")).Roles, Does.Contain(Role.Forvaltningschef));
        _app.Clock.Set(new DateTimeOffset(2026, 3, 9, 0, 5, 0, TimeSpan.FromHours(1)));
        reg = await Fresh("sf.reg");
        Assert.Multiple(async () =>
        {
            Assert.That(reg.Roles, Is.EquivalentTo(new[] { Role.Registrator }));
            Assert.That(reg.Uppdrag, Is.Empty);
            Assert.That((await AttGora(reg)).Any(s => s.Key == "godkanna"), Is.False);
        });
    }

    [Test]
    public async Task A_period_that_starts_later_gives_nothing_until_its_first_day()
    {
        await _app.Ok(_s["sf.chef"], new NamnErsattare.Command(Id("sf.chef"), Id("sf.hl"), Today.AddDays(3), Today.AddDays(10)));
        Assert.That((await Fresh("sf.hl")).Roles, Is.EquivalentTo(new[] { Role.Handlaggare }));
        _app.Clock.Advance(TimeSpan.FromDays(3));
        Assert.That((await Fresh("sf.hl")).Roles, Is.EquivalentTo(new[] { Role.Handlaggare, Role.Forvaltningschef }));
    }

    [Test]
    public async Task The_substitutes_own_work_is_not_recorded_on_anyones_behalf()
    {
        await _app.Ok(_s["sf.chef"], new NamnErsattare.Command(Id("sf.chef"), Id("sf.reg"), Today, Today.AddDays(6)));
        var remiss = await _s.SendRemissAsync(new DateOnly(2026, 4, 24), _s.Sf);
        var svar = (await _s.SvarAsync(remiss, _s.Sf)).Id;

        await _app.Ok(await Fresh("sf.reg"), new RegisterRemissvar.Command(svar));

        var registered = await _app.Query(db => db.Handelser.AsNoTracking().Where(h => h.ArendeId == svar).OrderByDescending(h => h.Sequence).FirstAsync());
        Assert.That(registered.ActorId, Is.EqualTo(Id("sf.reg")));
        Assert.That(registered.PaUppdragAvId, Is.Null);
        Assert.That(registered.PaUppdragAvNamn, Is.Null);
    }

    [Test]
    public async Task Naming_is_refused_with_the_field_named_and_nothing_written()
    {
        var chef = _s["sf.chef"];
        var chefId = Id("sf.chef");
        Assert.Multiple(async () =>
        {
            Assert.That(await FieldOf(chef, new NamnErsattare.Command(chefId, chefId, Today, Today.AddDays(2))),
                Is.EqualTo("ErsattareId|Ersättare: ingen kan vara ersättare för sig själv."));
            Assert.That(await FieldOf(chef, new NamnErsattare.Command(chefId, Id("sf.reg"), Today.AddDays(-1), Today.AddDays(2))),
                Is.EqualTo("FranOchMed|Från och med: perioden kan inte börja i det förflutna (i dag är det 2026-03-02)."));
            Assert.That(await FieldOf(chef, new NamnErsattare.Command(chefId, Id("sf.reg"), Today.AddDays(5), Today.AddDays(2))),
                Is.EqualTo("TillOchMed|Till och med: sista dagen kan inte vara före den första."));
            Assert.That(await FieldOf(chef, new NamnErsattare.Command(chefId, Id("sf.reg"), null, Today.AddDays(2))),
                Is.EqualTo("FranOchMed|Från och med: ange perioden första dag."));
            Assert.That(await FieldOf(chef, new NamnErsattare.Command(chefId, Id("sf.reg"), Today, Today.AddDays(400))),
                Is.EqualTo("TillOchMed|Till och med: en period är högst ett år; en längre ändring görs på kontots roller."));
            Assert.That(await FieldOf(chef, new NamnErsattare.Command(chefId, Id("sof.hl"), Today, Today.AddDays(2))),
                Is.EqualTo("ErsattareId|Ersättare: ersättaren måste vara en person i samma organisation som Person sf.chef."));
        });

        // A ledamot of the organisation, without a förvaltning role, cannot hold the chef's work.
        var ledamot = await _app.Ok(TestApp.Admin, new CreateUser.Command("ledamot.sf@example.test", "Anders Lund", _s.Sf, [Role.Ledamot], "Remissarbete-2026"));
        Assert.That(await FieldOf(chef, new NamnErsattare.Command(chefId, ledamot, Today, Today.AddDays(2))),
            Does.StartWith("ErsattareId|Ersättare: Anders Lund saknar en tjänstemannaroll i organisationen"));

        // A second chef already holds the role: there is nothing to hand over.
        var chef2 = await _app.Ok(TestApp.Admin, new CreateUser.Command("chef2.sf@example.test", "Andra chefen", _s.Sf, [Role.Forvaltningschef], "Remissarbete-2026"));
        Assert.That(await FieldOf(chef, new NamnErsattare.Command(chefId, chef2, Today, Today.AddDays(2))),
            Is.EqualTo("ErsattareId|Ersättare: Andra chefen har redan rollerna förvaltningschef; det finns inget att lämna över."));

        // Overlap with an existing period of the same absent person, and an ersättare away at the time.
        await _app.Ok(chef, new NamnErsattare.Command(chefId, Id("sf.reg"), Today.AddDays(10), Today.AddDays(20)));
        Assert.That(await FieldOf(chef, new NamnErsattare.Command(chefId, Id("sf.hl"), Today.AddDays(20), Today.AddDays(25))),
            Is.EqualTo("FranOchMed|Från och med: perioden överlappar Person sf.chefs period 12 mars 2026 – 22 mars 2026 med Person sf.reg som ersättare."));
        await _app.Ok(_s["sf.sek"], new NamnErsattare.Command(Id("sf.sek"), Id("sf.hl"), Today.AddDays(30), Today.AddDays(35)));
        Assert.That(await FieldOf(chef, new NamnErsattare.Command(chefId, Id("sf.sek"), Today.AddDays(33), Today.AddDays(40))),
            Is.EqualTo("ErsattareId|Ersättare: Person sf.sek är själv borta 1 april 2026 – 6 april 2026 och kan inte vara ersättare då."));
    }

    [Test]
    public async Task Only_the_absent_person_with_a_role_to_hand_over_or_the_administrator_names_and_ends_a_period()
    {
        var hl = _s["sf.hl"];
        var asHandlaggare = await _app.Send(hl, new NamnErsattare.Command(Id("sf.hl"), Id("sf.reg"), Today, Today.AddDays(2)));
        Assert.That(asHandlaggare.Refusal?.Kind, Is.EqualTo(RefusalKind.Forbidden));
        var forSomeoneElse = await _app.Send(_s["sf.reg"], new NamnErsattare.Command(Id("sf.chef"), Id("sf.reg"), Today, Today.AddDays(2)));
        Assert.That(forSomeoneElse.Refusal?.Kind, Is.EqualTo(RefusalKind.Forbidden));
        Assert.That(await PeriodCount(), Is.Zero);

        var period = await _app.Ok(TestApp.Admin, new NamnErsattare.Command(Id("sf.chef"), Id("sf.hl"), Today, Today.AddDays(5)));
        Assert.That((await Fresh("sf.hl")).Roles, Does.Contain(Role.Forvaltningschef));

        // The ersättare holds the chef's role but is not the chef: they cannot name one for themselves with it, nor end the chef's period.
        var substitute = await Fresh("sf.hl");
        Assert.That((await _app.Send(substitute, new NamnErsattare.Command(Id("sf.hl"), Id("sf.reg"), Today.AddDays(6), Today.AddDays(8)))).Refusal?.Kind, Is.EqualTo(RefusalKind.Forbidden));
        Assert.That((await _app.Send(substitute, new AvslutaErsattare.Command(period))).Refusal?.Kind, Is.EqualTo(RefusalKind.NotFound));

        await _app.Ok(_s["sf.chef"], new AvslutaErsattare.Command(period));
        var ended = await Accounts.LastEventAsync(_app);
        Assert.Multiple(async () =>
        {
            Assert.That(ended.Action, Is.EqualTo("ersattare.avslutad"));
            Assert.That(ended.Beskrivning, Is.EqualTo("Person sf.hls period som ersättare för Person sf.chef avslutades i förtid (2 mars 2026 i stället för 7 mars 2026)."));
            Assert.That((await Fresh("sf.hl")).Roles, Is.EquivalentTo(new[] { Role.Handlaggare }));
            Assert.That((await _app.Send(_s["sf.chef"], new AvslutaErsattare.Command(period))).Refusal?.Message, Is.EqualTo("Perioden är redan slut."));
        });
    }

    [Test]
    public async Task A_deactivated_absent_person_hands_over_nothing()
    {
        await _app.Ok(_s["sf.chef"], new NamnErsattare.Command(Id("sf.chef"), Id("sf.reg"), Today, Today.AddDays(5)));
        await _app.Ok(TestApp.Admin, new SetUserActive.Command(Id("sf.chef"), false));
        Assert.That((await Fresh("sf.reg")).Roles, Is.EquivalentTo(new[] { Role.Registrator }));
    }
}
