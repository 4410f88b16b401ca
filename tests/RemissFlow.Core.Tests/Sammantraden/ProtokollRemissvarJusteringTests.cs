using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Features.ProtokollJustering;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Lifecycle;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Sammantraden;

/// <summary>
/// When the protokoll is justerat, a remissvar decided at the meeting moves from beslutad to justerad through its own
/// workflow, as the nämndsekreterare who sent the protokoll to justering; it can then be sent to the sender.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class ProtokollRemissvarJusteringTests(DatabaseProvider provider)
{
    private static readonly DateOnly Motesdag = new(2026, 3, 10);

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

    private async Task<(Actor, Guid)> MemberAsync(string email, string namn, Uppdrag uppdrag)
    {
        var user = await _app.Ok(TestApp.Admin, new CreateUser.Command(email, namn, _s.Sf, [Role.Ledamot], "Remissarbete-2026"));
        var id = await _app.Ok(_s["sf.sek"], new AddLedamot.Command(_s.SfNamnd, namn, "S", uppdrag, new DateOnly(2023, 1, 1), new DateOnly(2026, 12, 31), user));
        return (new Actor(user, namn, _s.Sf, new HashSet<Role> { Role.Ledamot }), id);
    }

    [Test]
    public async Task A_remissvar_decided_at_the_meeting_is_justerad_with_the_protokoll_as_the_sekreterare()
    {
        var sek = _s["sf.sek"];
        var meeting = await _s.MeetingAsync(_s.SfNamnd, Motesdag);
        var remiss = await _s.SendRemissAsync(new DateOnly(2026, 4, 24), _s.Sf);
        var svar = (await _s.SvarAsync(remiss, _s.Sf)).Id;
        await _app.Ok(_s["sf.reg"], new RegisterRemissvar.Command(svar));
        await _app.Ok(_s["sf.reg"], new AssignHandlaggare.Command(svar, _s["sf.hl"].UserId!.Value));
        await _app.Ok(_s["sf.hl"], new FireRemissvarTrigger.Command(svar, "paborja_beredning"));
        await _app.Ok(_s["sf.hl"], new SaveTjansteutlatande.Command(svar, null, "Remiss av Handlingsplan för ett jämställt Stockholm 2030",
            "1. Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.", "Förvaltningen välkomnar handlingsplanen.",
            "Kommunstyrelsen har remitterat handlingsplanen.", "Handlingsplanen innehåller fyra mål.", null, "Förvaltningen ställer sig positiv."));
        await _app.Ok(_s["sf.hl"], new RecordBeredning.Command(svar, OrganKind.Forvaltningsgrupp, new DateOnly(2026, 3, 2)));
        await _app.Ok(_s["sf.hl"], new FireRemissvarTrigger.Command(svar, "skicka_till_forvaltningschef"));
        await _app.Ok(_s["sf.chef"], new FireRemissvarTrigger.Command(svar, "godkann"));
        await _app.Ok(sek, new PlaceOnAgenda.Command(svar, meeting));
        var (ordforande, _) = await MemberAsync("eva@example.test", "Eva Lindström", Uppdrag.Ordforande);
        var (justerare, justerareId) = await MemberAsync("karl@example.test", "Karl Berg", Uppdrag.Ledamot);
        _app.Clock.Advance(Motesdag.ToDateTime(new TimeOnly(18, 0)) - _app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromHours(-1));

        await _app.Ok(sek, new RecordBeslut.Command(svar, 12, "Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.", Standpunkt.Tillstyrker));
        await _app.Ok(sek, new ValjJusterare.Command(meeting, [justerareId], null, "Stadshuset"));
        await _app.Ok(sek, new SkickaTillJustering.Command(meeting));
        _app.Clock.Advance(TimeSpan.FromDays(2));
        await _app.Ok(ordforande, new JusteraProtokoll.Command(meeting));
        Assert.That(await StatusAsync(svar), Is.EqualTo("beslutad"), "one signer is not the justering");
        await _app.Ok(justerare, new JusteraProtokoll.Command(meeting));

        Assert.That(await StatusAsync(svar), Is.EqualTo("justerad"));
        Assert.That(await _app.Query(db => db.Handelser.AsNoTracking().CountAsync(h => h.ArendeId == svar && h.Action == "workflow.justera")), Is.EqualTo(1));
        var beslut = await _app.Query(db => db.Beslut.AsNoTracking().SingleAsync(b => b.RemissvarId == svar));
        Assert.That((beslut.JusteradDatum, beslut.Justerare), Is.EqualTo(((DateOnly?)Motesdag.AddDays(2), "Karl Berg")));
        // The answer goes on as after a justering registered by hand.
        await _app.Ok(sek, new FireRemissvarTrigger.Command(svar, "lamna_in"));
        Assert.That(await StatusAsync(svar), Is.EqualTo("inlamnad"));
    }

    private Task<string> StatusAsync(Guid svar) => _app.Query(db => db.Remissvar.Where(r => r.Id == svar).Select(r => r.Status).SingleAsync());
}
