using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Tests.Lifecycle;

/// <summary>
/// Blocker 3 of issue 13: a recorded beslut can be corrected or undone until justering, with a
/// required reason that reaches the audit log, and the form's § suggestion follows the organ's year.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class BeslutRattelseTests(DatabaseProvider provider)
{
    private static readonly DateOnly Svarsdatum = new(2026, 4, 24);
    private static readonly DateOnly MeetingDay = new(2026, 3, 18);
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

    private void Today(DateOnly d) => _app.Clock.Set(new DateTimeOffset(d.Year, d.Month, d.Day, 9, 0, 0, TimeSpan.FromHours(1)));

    private static SaveTjansteutlatande.Command Tu(Guid svar) => new(
        svar, null, "Remiss av handlingsplanen", "Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.",
        "Förvaltningen välkomnar handlingsplanen.", "Kommunstyrelsen har remitterat handlingsplanen.", "Handlingsplanen innehåller fyra mål.", null,
        "Förvaltningen ställer sig positiv.");

    /// <summary>SF ärenden on the föredragningslista of the meeting on <see cref="MeetingDay"/>, with the clock then moved to that day.</summary>
    private async Task<Guid[]> OnTheAgendaAsync(int count = 1)
    {
        var meeting = await _s.MeetingAsync(_s.SfNamnd, MeetingDay);
        var result = new Guid[count];
        for (var i = 0; i < count; i++)
        {
            var remiss = await _s.SendRemissAsync(Svarsdatum, _s.Sf);
            var svar = (await _s.SvarAsync(remiss, _s.Sf)).Id;
            await _app.Ok(_s["sf.reg"], new RegisterRemissvar.Command(svar));
            await _app.Ok(_s["sf.reg"], new AssignHandlaggare.Command(svar, _s["sf.hl"].UserId!.Value));
            await _app.Ok(_s["sf.hl"], new FireRemissvarTrigger.Command(svar, "paborja_beredning"));
            await _app.Ok(_s["sf.hl"], Tu(svar));
            await _app.Ok(_s["sf.hl"], new RecordBeredning.Command(svar, OrganKind.Forvaltningsgrupp, StockholmTime.Today(_app.Clock)));
            await _app.Ok(_s["sf.hl"], new FireRemissvarTrigger.Command(svar, "skicka_till_forvaltningschef"));
            await _app.Ok(_s["sf.chef"], new FireRemissvarTrigger.Command(svar, "godkann"));
            await _app.Ok(_s["sf.sek"], new PlaceOnAgenda.Command(svar, meeting));
            result[i] = svar;
        }

        Today(MeetingDay);
        return result;
    }

    private async Task<Beslut?> BeslutAsync(Guid svar) => await _app.Query(db => db.Beslut.AsNoTracking().SingleOrDefaultAsync(b => b.RemissvarId == svar));

    [Test]
    public async Task A_recorded_beslut_is_corrected_before_justering_and_the_reason_is_in_the_audit_log()
    {
        var svar = (await OnTheAgendaAsync())[0];
        await _app.Ok(_s["sf.sek"], new RecordBeslut.Command(svar, 4, "Servicenämnden godkänner tjänsteutlåtandet.", Standpunkt.Tillstyrker));

        var status = await _app.Ok(_s["sf.sek"], new RattaBeslut.Command(svar, "Fel paragraf och en reservation saknades.", 5, "Servicenämnden godkänner tjänsteutlåtandet med tillägg.",
            Standpunkt.TillstyrkerMedSynpunkter, Reservationer: [new("Bo Lund (SD)", "Jag reserverar mig.")]));

        Assert.That(status, Is.EqualTo("beslutad"));
        var beslut = await BeslutAsync(svar);
        var rattelse = await _app.Query(db => db.Handelser.AsNoTracking().SingleAsync(h => h.ArendeId == svar && h.Action == "workflow.ratta_beslut"));
        Assert.Multiple(async () =>
        {
            Assert.That((beslut!.Paragraf, beslut.Beslutstext), Is.EqualTo(((int?)5, "Servicenämnden godkänner tjänsteutlåtandet med tillägg.")));
            Assert.That(beslut.Reservationer.Single().Ledamot, Is.EqualTo("Bo Lund (SD)"));
            Assert.That(await _app.Query(db => db.Remissvar.Where(r => r.Id == svar).Select(r => r.Standpunkt).SingleAsync()), Is.EqualTo(Standpunkt.TillstyrkerMedSynpunkter));
            Assert.That(rattelse.Beskrivning, Does.Contain("Skäl: Fel paragraf och en reservation saknades."));
            Assert.That(rattelse.After, Does.Contain("Fel paragraf och en reservation saknades.").And.Contain("tidigare"));
            Assert.That(rattelse.ActorId, Is.EqualTo(_s["sf.sek"].UserId));
        });
    }

    [Test]
    public async Task A_correction_without_a_reason_or_after_justering_is_refused_and_changes_nothing()
    {
        var svar = (await OnTheAgendaAsync())[0];
        await _app.Ok(_s["sf.sek"], new RecordBeslut.Command(svar, 4, "Servicenämnden godkänner tjänsteutlåtandet.", Standpunkt.Tillstyrker));
        var before = await _app.Query(db => db.Handelser.CountAsync());

        var noReason = await _app.Send(_s["sf.sek"], new RattaBeslut.Command(svar, "  ", 5, "Annan text.", Standpunkt.Avstyrker));
        var noReasonUndo = await _app.Send(_s["sf.sek"], new AngraBeslut.Command(svar, ""));
        var handlaggare = await _app.Send(_s["sf.hl"], new AngraBeslut.Command(svar, "Fel ärende."));
        Assert.Multiple(async () =>
        {
            Assert.That(noReason.Refusal?.Kind, Is.EqualTo(RefusalKind.Validation));
            Assert.That(noReason.Refusal?.Message, Does.Contain("Skäl till rättelsen måste fyllas i."));
            Assert.That(noReasonUndo.Refusal?.Message, Does.Contain("Skäl till att beslutet ångras måste fyllas i."));
            Assert.That(handlaggare.Succeeded, Is.False);
            Assert.That((await BeslutAsync(svar))!.Paragraf, Is.EqualTo(4));
            Assert.That(await _app.Query(db => db.Handelser.CountAsync()), Is.EqualTo(before));
        });

        await _app.Ok(_s["sf.sek"], new Justera.Command(svar, MeetingDay, "Anna Ek, Bo Lund"));
        var late = await _app.Send(_s["sf.sek"], new RattaBeslut.Command(svar, "För sent.", 5, "Annan text.", Standpunkt.Avstyrker));
        var lateUndo = await _app.Send(_s["sf.sek"], new AngraBeslut.Command(svar, "För sent."));
        Assert.Multiple(async () =>
        {
            Assert.That(late.Refusal?.Kind, Is.EqualTo(RefusalKind.InvalidState), late.Refusal?.Message);
            Assert.That(lateUndo.Refusal?.Kind, Is.EqualTo(RefusalKind.InvalidState), lateUndo.Refusal?.Message);
            Assert.That((await BeslutAsync(svar))!.Beslutstext, Is.EqualTo("Servicenämnden godkänner tjänsteutlåtandet."));
        });
    }

    [Test]
    public async Task An_undone_beslut_puts_the_arende_back_on_the_agenda_and_can_be_recorded_again()
    {
        var svar = (await OnTheAgendaAsync())[0];
        await _app.Ok(_s["sf.sek"], new RecordBeslut.Command(svar, 4, "Servicenämnden godkänner tjänsteutlåtandet.", Standpunkt.Tillstyrker));

        Assert.That(await _app.Ok(_s["sf.sek"], new AngraBeslut.Command(svar, "Beslutet registrerades på fel ärende.")), Is.EqualTo("anmald"));

        var angra = await _app.Query(db => db.Handelser.AsNoTracking().SingleAsync(h => h.ArendeId == svar && h.Action == "workflow.angra_beslut"));
        Assert.Multiple(async () =>
        {
            Assert.That(await BeslutAsync(svar), Is.Null);
            Assert.That(angra.Beskrivning, Does.Contain("Skäl: Beslutet registrerades på fel ärende."));
            Assert.That(angra.After, Does.Contain("Servicenämnden godkänner tjänsteutlåtandet."), "what was removed stays in the log");
        });

        // § 4 is free again: the undone beslut no longer holds it.
        await _app.Ok(_s["sf.sek"], new RecordBeslut.Command(svar, 4, "Servicenämnden avstyrker.", Standpunkt.Avstyrker));
        Assert.That((await BeslutAsync(svar))!.Beslutstext, Is.EqualTo("Servicenämnden avstyrker."));
    }

    [Test]
    public async Task The_suggested_paragraf_is_one_after_the_highest_of_the_organs_year_until_the_opened_meeting_numbers_its_items()
    {
        var ids = await OnTheAgendaAsync(2);
        Assert.That(await _app.Query(db => RecordBeslut.NextParagrafAsync(db, ids[0], default)), Is.EqualTo(1), "the first of the year");

        // The first beslut opens the meeting: the items are numbered in agenda order, and the § the beslut took is its item's.
        await _app.Ok(_s["sf.sek"], new RecordBeslut.Command(ids[1], 17, "Servicenämnden godkänner tjänsteutlåtandet.", Standpunkt.Tillstyrker));

        Assert.That(await _app.Query(db => RecordBeslut.NextParagrafAsync(db, ids[0], default)), Is.EqualTo(1));
        Assert.That(await _app.Query(db => db.Foredragningspunkter.Where(p => p.RemissvarId == ids[1]).Select(p => p.Paragraf).SingleAsync()), Is.EqualTo(17));
    }
}
