using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Tests.Lifecycle;

/// <summary>Every path of a nämnd's answer, driven through the real pipeline, engine and database.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class NamndLifecycleTests(DatabaseProvider provider)
{
    private static readonly DateOnly Svarsdatum = new(2026, 4, 24);
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

    private void Today(int month, int day) => _app.Clock.Set(new DateTimeOffset(2026, month, day, 9, 0, 0, TimeSpan.FromHours(month is >= 4 and <= 10 ? 2 : 1)));

    private static SaveTjansteutlatande.Command Tu(Guid svar, int? basedOn, string synpunkter = "Förvaltningen ställer sig positiv till handlingsplanen.") => new(
        svar, basedOn, "Remiss av Handlingsplan för ett jämställt Stockholm 2030",
        "1. Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.\n2. Paragrafen förklaras omedelbart justerad.",
        "Förvaltningen välkomnar handlingsplanen.", "Kommunstyrelsen har remitterat handlingsplanen.", "Handlingsplanen innehåller fyra mål.", null, synpunkter);

    [Test]
    public async Task Servicenamnden_answers_on_time_through_every_step_with_a_reservation()
    {
        var sfMeeting = await _s.MeetingAsync(_s.SfNamnd, new DateOnly(2026, 4, 14));
        var remiss = await _s.SendRemissAsync(Svarsdatum, _s.Sf, _s.Sof);
        var svar = await _s.SvarAsync(remiss, _s.Sf);
        Assert.That(svar.Status, Is.EqualTo("inkommen"));
        Assert.That(svar.AvsandareDnr, Is.EqualTo("KS 2026/1"));
        Assert.That(await _app.Query(db => db.Remisser.Where(r => r.Id == remiss).Select(r => r.Status).SingleAsync()), Is.EqualTo("svarstid_pagar"));

        Assert.That(await _app.Ok(_s["sf.reg"], new RegisterRemissvar.Command(svar.Id)), Is.EqualTo("SF 2026/1"));
        await _app.Ok(_s["sf.reg"], new AssignHandlaggare.Command(svar.Id, _s["sf.hl"].UserId!.Value));
        await _app.Ok(_s["sf.hl"], new FireRemissvarTrigger.Command(svar.Id, "paborja_beredning"));
        Assert.That((await _app.Ok(_s["sf.hl"], Tu(svar.Id, null))).Nummer, Is.EqualTo(1));

        var early = await _app.Send(_s["sf.hl"], new FireRemissvarTrigger.Command(svar.Id, "skicka_till_forvaltningschef"));
        Assert.That(early.Refusal!.Message, Is.EqualTo("Ärendet har inte behandlats i förvaltningsgruppen."));

        Today(3, 18);
        await _app.Ok(_s["sf.hl"], new RecordBeredning.Command(svar.Id, OrganKind.Forvaltningsgrupp, new DateOnly(2026, 3, 18)));
        await _app.Ok(_s["sf.hl"], new FireRemissvarTrigger.Command(svar.Id, "skicka_till_forvaltningschef"));
        await _app.Ok(_s["sf.chef"], new FireRemissvarTrigger.Command(svar.Id, "returnera", Kommentar: "Förtydliga synpunkterna om lokalförsörjning."));
        Assert.That((await _s.SvarAsync(remiss, _s.Sf)).Status, Is.EqualTo("under_beredning"));

        await _app.Ok(_s["sf.hl"], Tu(svar.Id, 1, "Förvaltningen ställer sig positiv och förtydligar lokalförsörjningen."));
        await _app.Ok(_s["sf.hl"], new FireRemissvarTrigger.Command(svar.Id, "skicka_till_forvaltningschef"));
        await _app.Ok(_s["sf.chef"], new FireRemissvarTrigger.Command(svar.Id, "godkann"));
        await _app.Ok(_s["sf.sek"], new PlaceOnAgenda.Command(svar.Id, sfMeeting));

        Today(4, 14);
        await _app.Ok(_s["sf.sek"], new RecordBeslut.Command(svar.Id, 12, "Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.", Standpunkt.TillstyrkerMedSynpunkter,
            OmedelbarJustering: true,
            Yrkanden: [new("Anna Ek (V)", "Bifall till förvaltningens förslag med tillägg.")],
            Reservationer: [new("Bo Lund (SD)", "Jag reserverar mig mot beslutet.")]));
        await _app.Ok(_s["sf.sek"], new Justera.Command(svar.Id, new DateOnly(2026, 4, 14), "Anna Ek, Bo Lund"));
        Assert.That(await _app.Ok(_s["sf.sek"], new FireRemissvarTrigger.Command(svar.Id, "lamna_in")), Is.EqualTo("inlamnad"));

        var done = await _s.SvarAsync(remiss, _s.Sf);
        Assert.That((done.Utfall, done.Standpunkt, done.Dnr), Is.EqualTo((Utfall.Svar, Standpunkt.TillstyrkerMedSynpunkter, "SF 2026/1")));
        Assert.That(done.Nyckelpunkter, Is.EqualTo("Förvaltningen välkomnar handlingsplanen."));
        Assert.That(done.InlamnadAt, Is.Not.Null);

        var beslut = await _app.Query(db => db.Beslut.AsNoTracking().SingleAsync(b => b.RemissvarId == svar.Id));
        Assert.That(beslut.Paragraf, Is.EqualTo(12));
        Assert.That(beslut.Reservationer.Single().Ledamot, Is.EqualTo("Bo Lund (SD)"));
        Assert.That(beslut.OmedelbarJustering, Is.True);
        Assert.That(beslut.JusteradDatum, Is.EqualTo(new DateOnly(2026, 4, 14)));

        var tu = await _app.Query(db => db.Tjansteutlatanden.Include(t => t.Versioner).AsNoTracking().SingleAsync(t => t.RemissvarId == svar.Id));
        Assert.That(tu.GodkandVersion, Is.EqualTo(2));
        Assert.That(tu.Versioner.Single(v => v.Nummer == 1).Kommentar, Does.Contain("Förtydliga synpunkterna"));

        var history = await _app.Query(db => db.Handelser.Where(h => h.ArendeId == svar.Id).OrderBy(h => h.Sequence).Select(h => h.Action).ToListAsync());
        Assert.That(history, Is.EqualTo(new[]
        {
            "workflow.registrera", "workflow.tilldela", "workflow.paborja_beredning", "tu.version_sparad",
            "workflow.anmal_till_beredningsorgan", "workflow.registrera_behandling", "workflow.skicka_till_forvaltningschef", "workflow.returnera",
            "tu.version_sparad", "workflow.skicka_till_forvaltningschef", "workflow.godkann", "workflow.anmal_till_sammantrade",
            "workflow.besluta", "workflow.justera", "workflow.lamna_in",
        }));
        var ksNotices = await _app.Query(db => db.Notiser.Where(n => n.UserId == _s["ks.sam"].UserId).Select(n => n.Rubrik).ToListAsync());
        Assert.That(ksNotices, Has.Some.StartsWith("Svar från Servicenämnden"));
        using var scope = _app.Services.CreateScope();
        Assert.That((await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync()).Intact, Is.True);
    }

    [Test]
    public async Task Buttons_are_the_triggers_the_workflow_permits_this_user_now()
    {
        var remiss = await _s.SendRemissAsync(Svarsdatum, _s.Sf);
        var svar = await _s.SvarAsync(remiss, _s.Sf);
        using var scope = _app.Services.CreateScope();
        var runner = scope.ServiceProvider.GetRequiredService<Workflow.WorkflowRunner>();

        var registrator = await runner.TriggersAsync(svar, _s["sf.reg"], CancellationToken.None);
        var handlaggare = await runner.TriggersAsync(svar, _s["sf.hl"], CancellationToken.None);
        var otherOrg = await runner.TriggersAsync(svar, _s["sof.reg"], CancellationToken.None);

        Assert.That(registrator.Where(t => t.Permitted).Select(t => t.Trigger), Is.EqualTo(new[] { "registrera" }));
        Assert.That(handlaggare.Where(t => t.Permitted), Is.Empty);
        Assert.That(otherOrg.Single(t => t.Trigger == "registrera").RefusalMessage, Does.Contain("organisation"));
    }

    [Test]
    public async Task Wrong_role_wrong_organisation_and_wrong_state_are_refused_in_Swedish_and_change_nothing()
    {
        var remiss = await _s.SendRemissAsync(Svarsdatum, _s.Sf);
        var svar = await _s.SvarAsync(remiss, _s.Sf);
        var before = await _app.Query(db => db.Handelser.CountAsync());

        var wrongOrg = await _app.Send(_s["sof.reg"], new RegisterRemissvar.Command(svar.Id));
        var wrongState = await _app.Send(_s["sf.chef"], new FireRemissvarTrigger.Command(svar.Id, "godkann"));
        var wrongRole = await _app.Send(_s["sf.hl"], new FireRemissvarTrigger.Command(svar.Id, "avsta"));

        Assert.That(wrongOrg.Refusal!.Kind, Is.EqualTo(RefusalKind.Forbidden));
        Assert.That(wrongState.Refusal!.Message, Is.EqualTo("”Godkänn tjänsteutlåtandet” går inte att göra när ärendet är i läget ”Inkommen”."));
        Assert.That(wrongRole.Refusal!.Kind, Is.EqualTo(RefusalKind.InvalidState).Or.EqualTo(RefusalKind.Forbidden));
        Assert.That(await _app.Query(db => db.Handelser.CountAsync()), Is.EqualTo(before));
        Assert.That((await _s.SvarAsync(remiss, _s.Sf)).Status, Is.EqualTo("inkommen"));
    }

    [Test]
    public async Task Aterremiss_sends_it_back_and_the_second_meeting_decides()
    {
        var first = await _s.MeetingAsync(_s.SfNamnd, new DateOnly(2026, 3, 24));
        var second = await _s.MeetingAsync(_s.SfNamnd, new DateOnly(2026, 4, 14));
        var remiss = await _s.SendRemissAsync(Svarsdatum, _s.Sf);
        var svar = await Approved(remiss, _s.Sf, "sf");
        await _app.Ok(_s["sf.sek"], new PlaceOnAgenda.Command(svar, first));

        Today(3, 24);
        Assert.That(await _app.Ok(_s["sf.sek"], new RecordBeslut.Command(svar, 7, "Nämnden återremitterar ärendet för komplettering.", null, Aterremiss: true)), Is.EqualTo("under_beredning"));
        await _app.Ok(_s["sf.hl"], Tu(svar, 1, "Kompletterat efter återremiss."));
        await _app.Ok(_s["sf.hl"], new FireRemissvarTrigger.Command(svar, "skicka_till_forvaltningschef"));
        await _app.Ok(_s["sf.chef"], new FireRemissvarTrigger.Command(svar, "godkann"));
        await _app.Ok(_s["sf.sek"], new PlaceOnAgenda.Command(svar, second));
        Today(4, 14);
        await _app.Ok(_s["sf.sek"], new RecordBeslut.Command(svar, 21, "Servicenämnden godkänner tjänsteutlåtandet.", Standpunkt.Tillstyrker, OmedelbarJustering: true));
        await _app.Ok(_s["sf.sek"], new Justera.Command(svar, new DateOnly(2026, 4, 14), "Anna Ek"));
        await _app.Ok(_s["sf.sek"], new FireRemissvarTrigger.Command(svar, "lamna_in"));

        var beslut = await _app.Query(db => db.Beslut.Where(b => b.RemissvarId == svar).OrderBy(b => b.Datum).Select(b => b.Paragraf).ToListAsync());
        Assert.That(beslut, Is.EqualTo(new int?[] { 7, 21 }));
        Assert.That((await _s.SvarAsync(remiss, _s.Sf)).Standpunkt, Is.EqualTo(Standpunkt.Tillstyrker));
    }

    [Test]
    public async Task Ordforandebeslut_when_no_meeting_fits_then_reported_at_the_next_meeting()
    {
        var next = await _s.MeetingAsync(_s.SfNamnd, new DateOnly(2026, 5, 12));
        var remiss = await _s.SendRemissAsync(Svarsdatum, _s.Sf);
        var svar = await Approved(remiss, _s.Sf, "sf");

        Today(4, 22);
        await _app.Ok(_s["sf.sek"], new Ordforandebeslut.Command(svar, new DateOnly(2026, 4, 22), "Karin Ordförande", Standpunkt.Tillstyrker));
        Assert.That(await _app.Ok(_s["sf.sek"], new FireRemissvarTrigger.Command(svar, "lamna_in")), Is.EqualTo("inlamnad_ej_anmald"));
        Today(5, 12);
        Assert.That(await _app.Ok(_s["sf.sek"], new AnmalOrdforandebeslut.Command(svar, next, 3)), Is.EqualTo("inlamnad"));
        var beslut = await _app.Query(db => db.Beslut.AsNoTracking().SingleAsync(b => b.RemissvarId == svar));
        Assert.That((beslut.Ordforandebeslut, beslut.AnmalsVidSammantradeId, beslut.Paragraf), Is.EqualTo((true, (Guid?)next, (int?)3)));
    }

    [Test]
    public async Task Ordforandebeslut_is_refused_when_a_meeting_still_fits()
    {
        await _s.MeetingAsync(_s.SfNamnd, new DateOnly(2026, 4, 14));
        var remiss = await _s.SendRemissAsync(Svarsdatum, _s.Sf);
        var svar = await Approved(remiss, _s.Sf, "sf");

        var refused = await _app.Send(_s["sf.sek"], new Ordforandebeslut.Command(svar, new DateOnly(2026, 3, 2), "Karin Ordförande", Standpunkt.Tillstyrker));

        Assert.That(refused.Refusal!.Message, Does.StartWith("Nämnden sammanträder 14 april 2026"));
    }

    [Test]
    public async Task Forvaltningens_svar_only_where_the_sender_allows_it()
    {
        var reg = _s["ks.reg"];
        var allowed = await _app.Ok(reg, new CreateRemiss.Command("Remiss som tar emot förvaltningens svar", null, Svarsdatum, TillaterForvaltningensSvar: true));
        await _app.Ok(reg, new SetRemisslista.Command(allowed.Id, [_s.Sf]));
        await _app.Ok(reg, new AddRemisshandling.Command(allowed.Id, "a.pdf", Scenario.Pdf));
        await _app.Ok(reg, new FireRemissTrigger.Command(allowed.Id, "skicka_ut"));
        var notAllowed = await _s.SendRemissAsync(Svarsdatum, _s.Sf);

        var a = await Approved(allowed.Id, _s.Sf, "sf");
        var b = await Approved(notAllowed, _s.Sf, "sf");

        Assert.That(await _app.Ok(_s["sf.chef"], new FireRemissvarTrigger.Command(a, "forvaltningens_svar")), Is.EqualTo("besvarad_av_forvaltningen"));
        var refused = await _app.Send(_s["sf.chef"], new FireRemissvarTrigger.Command(b, "forvaltningens_svar"));
        Assert.That(refused.Refusal!.Message, Is.EqualTo("Avsändaren tar inte emot förvaltningens svar utan nämndbeslut."));
        Assert.That((await _s.SvarAsync(allowed.Id, _s.Sf)).Utfall, Is.EqualTo(Utfall.ForvaltningensSvar));
    }

    /// <summary>The date a preliminary answer counts by is stored with the answer when it is given, and both matrices read it.</summary>
    [Test]
    public async Task A_preliminary_answer_is_answered_on_the_day_it_was_given_in_both_matrices()
    {
        var reg = _s["ks.reg"];
        var remiss = await _app.Ok(reg, new CreateRemiss.Command("Remiss som tar emot preliminära svar", null, Svarsdatum, TillaterForvaltningensSvar: true));
        await _app.Ok(reg, new SetRemisslista.Command(remiss.Id, [_s.Sf]));
        await _app.Ok(reg, new AddRemisshandling.Command(remiss.Id, "a.pdf", Scenario.Pdf));
        await _app.Ok(reg, new FireRemissTrigger.Command(remiss.Id, "skicka_ut"));
        var svar = await Approved(remiss.Id, _s.Sf, "sf");

        Today(3, 10);
        Assert.That(await _app.Ok(_s["sf.chef"], new FireRemissvarTrigger.Command(svar, "preliminart_svar")), Is.EqualTo("preliminart_svar_lamnat"));
        var given = _app.Clock.GetUtcNow();
        var stored = await _s.SvarAsync(remiss.Id, _s.Sf);
        Assert.That((stored.PreliminartSvarAt, stored.InlamnadAt), Is.EqualTo(((DateTimeOffset?)given, (DateTimeOffset?)null)));

        Today(4, 28);
        using var scope = _app.Services.CreateScope();
        var ks = (await scope.ServiceProvider.GetRequiredService<RemissFlow.Core.Oversikt.KsMatrixQuery>().ForRemissAsync(remiss.Id))!.Rows.Single();
        var matrix = (await scope.ServiceProvider.GetRequiredService<RemissFlow.Core.Sammanstallning.RemissMatrixQuery>().ForRemissAsync(remiss.Id))!.Rows.Single();
        Assert.That((ks.Kategori, ks.InlamnadDatum, ks.Utfall), Is.EqualTo((RemissFlow.Core.Sammanstallning.SvarsKategori.BesvaratITid, (DateOnly?)new DateOnly(2026, 3, 10), (Utfall?)Utfall.ForvaltningensSvar)));
        Assert.That((matrix.Kategori, matrix.InlamnadDatum, matrix.ITid), Is.EqualTo((RemissFlow.Core.Sammanstallning.SvarsKategori.BesvaratITid, (DateOnly?)new DateOnly(2026, 3, 10), (bool?)true)));
    }

    [Test]
    public async Task Avstar_is_an_answer()
    {
        var remiss = await _s.SendRemissAsync(Svarsdatum, _s.Sf);
        var svar = await _s.SvarAsync(remiss, _s.Sf);
        await _app.Ok(_s["sf.reg"], new RegisterRemissvar.Command(svar.Id));

        Assert.That(await _app.Ok(_s["sf.chef"], new FireRemissvarTrigger.Command(svar.Id, "avsta")), Is.EqualTo("avstatt"));

        var done = await _s.SvarAsync(remiss, _s.Sf);
        Assert.That((done.Utfall, done.Standpunkt), Is.EqualTo((Utfall.Avstar, Standpunkt.Avstar)));
    }

    [Test]
    public async Task Withdrawn_remiss_closes_every_open_answer_but_keeps_the_given_ones()
    {
        var remiss = await _s.SendRemissAsync(Svarsdatum, _s.Sf, _s.Sof, _s.Extern);
        var sf = await _s.SvarAsync(remiss, _s.Sf);
        await _app.Ok(_s["sf.reg"], new RegisterRemissvar.Command(sf.Id));
        await _app.Ok(_s["sf.chef"], new FireRemissvarTrigger.Command(sf.Id, "avsta"));

        var noReason = await _app.Send(_s["ks.reg"], new FireRemissTrigger.Command(remiss, "aterkalla"));
        Assert.That(noReason.Refusal!.Errors.Single().Message, Is.EqualTo("Motivering måste fyllas i."));
        await _app.Ok(_s["ks.reg"], new FireRemissTrigger.Command(remiss, "aterkalla", Motivering: "Ärendet har dragits tillbaka."));

        var statuses = await _app.Query(db => db.Remissvar.Where(r => r.RemissId == remiss).ToDictionaryAsync(r => r.InstansId, r => r.Status));
        Assert.That(statuses[_s.Sf], Is.EqualTo("avstatt"));
        Assert.That(statuses[_s.Sof], Is.EqualTo("aterkallad"));
        Assert.That(statuses[_s.Extern], Is.EqualTo("aterkallad"));
        Assert.That(await _app.Query(db => db.WorkflowBookmarks.CountAsync(b => b.Kind == "timer")), Is.Zero);
    }

    /// <summary>Registered, assigned, drafted, through the required beredning bodies and approved.</summary>
    [Test]
    public async Task A_beslut_is_refused_before_its_meeting_has_begun_and_accepted_on_the_day()
    {
        // The clock starts on 2 March; the meeting is 16 days ahead.
        var meeting = await _s.MeetingAsync(_s.SfNamnd, new DateOnly(2026, 3, 18));
        var remiss = await _s.SendRemissAsync(Svarsdatum, _s.Sf);
        var svar = await Approved(remiss, _s.Sf, "sf");
        await _app.Ok(_s["sf.sek"], new PlaceOnAgenda.Command(svar, meeting));
        var before = await _app.Query(db => db.Handelser.CountAsync());

        var early = await _app.Send(_s["sf.sek"], new RecordBeslut.Command(svar, 4, "Servicenämnden godkänner tjänsteutlåtandet.", Standpunkt.Tillstyrker));
        Assert.Multiple(async () =>
        {
            Assert.That(early.Refusal?.Kind, Is.EqualTo(RefusalKind.InvalidState), early.Refusal?.Message);
            Assert.That(early.Refusal?.Message, Does.StartWith("Sammanträde:").And.Contain("2026-03-18"));
            Assert.That(await _app.Query(db => db.Beslut.CountAsync(b => b.RemissvarId == svar)), Is.Zero);
            Assert.That(await _app.Query(db => db.Handelser.CountAsync()), Is.EqualTo(before));
            Assert.That((await _s.SvarAsync(remiss, _s.Sf)).Status, Is.EqualTo("anmald"));
        });

        Today(3, 17);
        Assert.That((await _app.Send(_s["sf.sek"], new RecordBeslut.Command(svar, 4, "Servicenämnden godkänner tjänsteutlåtandet.", Standpunkt.Tillstyrker))).Succeeded, Is.False, "the day before");
        Today(3, 18);
        await _app.Ok(_s["sf.sek"], new RecordBeslut.Command(svar, 4, "Servicenämnden godkänner tjänsteutlåtandet.", Standpunkt.Tillstyrker));
        Assert.That(await _app.Query(db => db.Beslut.CountAsync(b => b.RemissvarId == svar)), Is.EqualTo(1));
    }

    private async Task<Guid> Approved(Guid remiss, Guid instans, string who)
    {
        var svar = (await _s.SvarAsync(remiss, instans)).Id;
        await _app.Ok(_s[$"{who}.reg"], new RegisterRemissvar.Command(svar));
        await _app.Ok(_s[$"{who}.reg"], new AssignHandlaggare.Command(svar, _s[$"{who}.hl"].UserId!.Value));
        await _app.Ok(_s[$"{who}.hl"], new FireRemissvarTrigger.Command(svar, "paborja_beredning"));
        await _app.Ok(_s[$"{who}.hl"], Tu(svar, null));
        var org = await _app.Query(db => db.Organisationer.AsNoTracking().SingleAsync(o => o.Id == instans));
        foreach (var organ in org.BeredningOrgan)
        {
            await _app.Ok(_s[$"{who}.hl"], new RecordBeredning.Command(svar, organ, StockholmTime.Today(_app.Clock)));
        }

        await _app.Ok(_s[$"{who}.hl"], new FireRemissvarTrigger.Command(svar, "skicka_till_forvaltningschef"));
        await _app.Ok(_s[$"{who}.chef"], new FireRemissvarTrigger.Command(svar, "godkann"));
        return svar;
    }
}
