using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Lifecycle;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Sammantraden;

/// <summary>Närvaro, ersättare serving for whom, jäv per item and voteringar by name: every rule and its bad input, nothing written when refused.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class NarvaroTests(DatabaseProvider provider)
{
    private static readonly DateOnly Motesdag = new(2026, 4, 14);

    private TestApp _app = null!;
    private Scenario _s = null!;
    private Guid _meeting;
    private Guid _punkt;
    private Guid _andra;
    private readonly Dictionary<string, Guid> _m = [];

    [SetUp]
    public async Task Start()
    {
        _app = await TestApp.StartAsync(provider);
        _s = await Scenario.BuildAsync(_app);
        _meeting = await _s.MeetingAsync(_s.SfNamnd, Motesdag);
        _punkt = await _app.Ok(Sek, new AddOvrigPunkt.Command(_meeting, "Budgetuppföljning per februari", "SF 2026/40", null, null));
        _andra = await _app.Ok(Sek, new AddOvrigPunkt.Command(_meeting, "Markanvisning i Hagastaden", "SF 2026/41", null, null));
        _m.Clear();
        foreach (var (namn, uppdrag) in new[]
        {
            ("Eva Lindström", Uppdrag.Ordforande), ("Kristoffer Ahl", Uppdrag.ViceOrdforande), ("Anders Lund", Uppdrag.Ledamot),
            ("Birgitta Sandell", Uppdrag.Ledamot), ("Hassan Yilmaz", Uppdrag.Ledamot), ("Linnea Forsberg", Uppdrag.Ersattare), ("Tomas Nyberg", Uppdrag.Ersattare),
        })
        {
            _m[namn] = await _app.Ok(Sek, new AddLedamot.Command(_s.SfNamnd, namn, "S", uppdrag, new DateOnly(2023, 1, 1), new DateOnly(2026, 12, 31)));
        }

        _app.Clock.Set(new DateTimeOffset(2026, 4, 14, 17, 0, 0, TimeSpan.FromHours(2)));
    }

    [TearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private Actor Sek => _s["sf.sek"];

    private Guid[] Ids(params string[] names) => names.Select(n => _m[n]).ToArray();

    private RegistreraNarvaro.Tjanstgoring For(string ersattare, string ledamot) => new(_m[ersattare], _m[ledamot]);

    /// <summary>Hassan Yilmaz is absent; Linnea Forsberg serves for him; Tomas Nyberg is present without serving.</summary>
    private async Task OpenWithNarvaroAsync()
    {
        await _app.Ok(Sek, new OppnaSammantrade.Command(_meeting));
        await _app.Ok(Sek, new RegistreraNarvaro.Command(_meeting,
            Ids("Eva Lindström", "Kristoffer Ahl", "Anders Lund", "Birgitta Sandell", "Linnea Forsberg", "Tomas Nyberg"), [For("Linnea Forsberg", "Hassan Yilmaz")]));
    }

    private async Task<SammantradeProtokollData> DataAsync() => (await _app.Query(db => SammantradeProtokollData.LoadAsync(db, _meeting, CancellationToken.None)))!;

    private RegistreraVotering.RostInput[] Votes(params (string Namn, Rost Rost)[] votes) => votes.Select(v => new RegistreraVotering.RostInput(_m[v.Namn], v.Rost)).ToArray();

    [Test]
    public async Task Narvaro_is_recorded_only_once_the_meeting_has_begun()
    {
        var refusal = (await _app.Send(Sek, new RegistreraNarvaro.Command(_meeting, Ids("Eva Lindström"), []))).Refusal!;

        Assert.That(refusal.Message, Is.EqualTo("Sammanträdet har inte öppnats; närvaron registreras när sammanträdet har börjat."));
        Assert.That(await _app.Query(db => db.Narvaro.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task The_narvaro_lists_every_member_and_who_serves_for_whom_and_the_nämnd_is_beslutför()
    {
        await OpenWithNarvaroAsync();

        var data = await DataAsync();
        Assert.That(data.Narvaro, Has.Count.EqualTo(7));
        Assert.That(data.Tjanstgorande.Select(t => t.Namn), Is.EquivalentTo(new[] { "Eva Lindström", "Kristoffer Ahl", "Anders Lund", "Birgitta Sandell", "Linnea Forsberg" }));
        Assert.That(data.Narvaro.Single(n => n.Namn == "Linnea Forsberg").ErsatterNamn, Is.EqualTo("Hassan Yilmaz"));
        Assert.That(data.Narvaro.Single(n => n.Namn == "Tomas Nyberg") is { Narvarande: true, Tjanstgor: false });
        Assert.That(data.Beslutfor, Is.True);
        Assert.That(await _app.Query(db => db.Handelser.CountAsync(h => h.ArendeId == _meeting && h.Action == "sammantrade.narvaro")), Is.EqualTo(1));
    }

    [Test]
    public async Task An_ersattare_serving_for_two_a_present_ledamot_replaced_and_an_absent_ersattare_are_refused_with_nothing_written()
    {
        await _app.Ok(Sek, new OppnaSammantrade.Command(_meeting));
        var present = Ids("Eva Lindström", "Kristoffer Ahl", "Anders Lund", "Linnea Forsberg");

        var twice = (await _app.Send(Sek, new RegistreraNarvaro.Command(_meeting, present, [For("Linnea Forsberg", "Hassan Yilmaz"), For("Linnea Forsberg", "Birgitta Sandell")]))).Refusal!;
        var replaced = (await _app.Send(Sek, new RegistreraNarvaro.Command(_meeting, present, [For("Linnea Forsberg", "Anders Lund")]))).Refusal!;
        var absent = (await _app.Send(Sek, new RegistreraNarvaro.Command(_meeting, present, [For("Tomas Nyberg", "Hassan Yilmaz")]))).Refusal!;
        var notErsattare = (await _app.Send(Sek, new RegistreraNarvaro.Command(_meeting, present, [For("Anders Lund", "Hassan Yilmaz")]))).Refusal!;
        var two = (await _app.Send(Sek, new RegistreraNarvaro.Command(_meeting, [.. present, _m["Tomas Nyberg"]], [For("Linnea Forsberg", "Hassan Yilmaz"), For("Tomas Nyberg", "Hassan Yilmaz")]))).Refusal!;
        var stranger = (await _app.Send(Sek, new RegistreraNarvaro.Command(_meeting, [Guid.NewGuid()], []))).Refusal!;

        Assert.That(twice.Errors.Single(), Is.EqualTo(new FieldError("Ersattare", "Ersättare: Linnea Forsberg kan bara tjänstgöra för en ledamot i taget.")));
        Assert.That(replaced.Message, Is.EqualTo("Ersättare: Anders Lund är närvarande och kan inte ersättas."));
        Assert.That(absent.Message, Is.EqualTo("Ersättare: Tomas Nyberg är inte närvarande och kan inte tjänstgöra."));
        Assert.That(notErsattare.Message, Is.EqualTo("Ersättare: Anders Lund är inte ersättare och kan inte tjänstgöra för någon."));
        Assert.That(two.Message, Is.EqualTo("Ersättare: för Hassan Yilmaz tjänstgör redan en annan ersättare."));
        Assert.That(stranger.Errors.Single().Field, Is.EqualTo("Narvarande"));
        Assert.That(await _app.Query(db => db.Narvaro.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task A_jävig_member_leaves_one_item_and_an_ersattare_present_serves_for_them_there_only()
    {
        await OpenWithNarvaroAsync();

        await _app.Ok(Sek, new RegistreraJav.Command(_meeting, _punkt, _m["Anders Lund"], _m["Tomas Nyberg"]));

        var data = await DataAsync();
        var punkt = data.PunktOf(_punkt)!;
        Assert.That(punkt.Tjanstgor.Select(t => t.Namn), Is.EquivalentTo(new[] { "Eva Lindström", "Kristoffer Ahl", "Birgitta Sandell", "Linnea Forsberg", "Tomas Nyberg" }));
        Assert.That(punkt.Tjanstgor.Single(t => t.Namn == "Tomas Nyberg").For, Is.EqualTo("Anders Lund"));
        Assert.That(data.PunktOf(_andra)!.Tjanstgor.Select(t => t.Namn), Does.Contain("Anders Lund").And.Not.Contain("Tomas Nyberg"));
        Assert.That(punkt.Jav.Single().Namn, Is.EqualTo("Anders Lund"));
    }

    [Test]
    public async Task Jav_from_a_member_not_serving_or_with_an_ersattare_already_serving_is_refused()
    {
        await OpenWithNarvaroAsync();

        var notServing = (await _app.Send(Sek, new RegistreraJav.Command(_meeting, _punkt, _m["Hassan Yilmaz"], null))).Refusal!;
        var serving = (await _app.Send(Sek, new RegistreraJav.Command(_meeting, _punkt, _m["Anders Lund"], _m["Linnea Forsberg"]))).Refusal!;
        var noItem = (await _app.Send(Sek, new RegistreraJav.Command(_meeting, Guid.NewGuid(), _m["Anders Lund"], null))).Refusal!;

        Assert.That(notServing.Message, Is.EqualTo("Ledamot: Hassan Yilmaz tjänstgör inte på punkten; jäv anmäls av den som tjänstgör."));
        Assert.That(serving.Message, Is.EqualTo("Ersättare: Linnea Forsberg tjänstgör redan på punkten och kan bara tjänstgöra för en ledamot i taget."));
        Assert.That(noItem.Errors.Single().Field, Is.EqualTo("PunktId"));
        Assert.That(await _app.Query(db => db.Jav.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task A_votering_by_name_counts_the_serving_members_and_the_chair_s_casting_vote_decides_a_tie()
    {
        await OpenWithNarvaroAsync();
        await _app.Ok(Sek, new RegistreraJav.Command(_meeting, _punkt, _m["Anders Lund"], null));

        // Four serve on the item (Anders Lund left it): two against two, and the ordförande voted nej.
        await _app.Ok(Sek, new RegistreraVotering.Command(_meeting, _punkt, "Ordförandens förslag", "Birgitta Sandells yrkande",
            Votes(("Eva Lindström", Rost.Nej), ("Kristoffer Ahl", Rost.Ja), ("Birgitta Sandell", Rost.Nej), ("Linnea Forsberg", Rost.Ja)), 2, 2, 0));
        await _app.Ok(Sek, new RegistreraVotering.Command(_meeting, _andra, "Bifall", "Avslag",
            Votes(("Eva Lindström", Rost.Ja), ("Kristoffer Ahl", Rost.Ja), ("Anders Lund", Rost.Nej), ("Birgitta Sandell", Rost.Avstar), ("Linnea Forsberg", Rost.Ja))));

        var data = await DataAsync();
        var tie = data.PunktOf(_punkt)!.Voteringar.Single();
        Assert.That((tie.Ja, tie.Nej, tie.Avstar, tie.Utfall, tie.Utslagsrost), Is.EqualTo((2, 2, 0, "Birgitta Sandells yrkande", true)));
        var clear = data.PunktOf(_andra)!.Voteringar.Single();
        Assert.That((clear.Ja, clear.Nej, clear.Avstar, clear.Utfall), Is.EqualTo((3, 1, 1, "Bifall")));
        Assert.That(clear.Roster.Single(r => r.Namn == "Birgitta Sandell").Rost, Is.EqualTo(Rost.Avstar));
    }

    [Test]
    public async Task A_votering_whose_counts_do_not_add_up_or_with_a_voter_not_serving_is_refused()
    {
        await OpenWithNarvaroAsync();
        var all = Votes(("Eva Lindström", Rost.Ja), ("Kristoffer Ahl", Rost.Ja), ("Anders Lund", Rost.Nej), ("Birgitta Sandell", Rost.Nej), ("Linnea Forsberg", Rost.Ja));

        var missing = (await _app.Send(Sek, new RegistreraVotering.Command(_meeting, _punkt, "Bifall", "Avslag", all[..4]))).Refusal!;
        var counts = (await _app.Send(Sek, new RegistreraVotering.Command(_meeting, _punkt, "Bifall", "Avslag", all, 3, 1, 1))).Refusal!;
        var outsider = (await _app.Send(Sek, new RegistreraVotering.Command(_meeting, _punkt, "Bifall", "Avslag", [.. all, new(_m["Tomas Nyberg"], Rost.Ja)]))).Refusal!;
        var twice = (await _app.Send(Sek, new RegistreraVotering.Command(_meeting, _punkt, "Bifall", "Avslag", [.. all[..4], all[0]]))).Refusal!;
        var empty = (await _app.Send(Sek, new RegistreraVotering.Command(_meeting, _punkt, " ", "Avslag", all))).Refusal!;

        Assert.That(missing.Message, Is.EqualTo("Röster: 4 röster angavs men 5 ledamöter tjänstgör på punkten; saknas: Linnea Forsberg."));
        Assert.That(counts.Message, Is.EqualTo("Rösträkning: de angivna siffrorna (3 ja, 1 nej, 1 avstår) stämmer inte med rösterna per namn (3 ja, 2 nej, 0 avstår av 5 tjänstgörande)."));
        Assert.That(outsider.Message, Is.EqualTo("Röster: Tomas Nyberg tjänstgör inte på punkten och kan inte rösta."));
        Assert.That(twice.Message, Is.EqualTo("Röster: Eva Lindström har angetts två gånger."));
        Assert.That(empty.Errors.Single().Field, Is.EqualTo("JaForslag"));
        Assert.That(await _app.Query(db => db.Voteringar.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task A_reservation_comes_only_from_a_member_serving_on_the_item()
    {
        var remiss = await _s.SendRemissAsync(new DateOnly(2026, 4, 24), _s.Sf);
        var svar = await _s.SvarAsync(remiss, _s.Sf);
        await _app.Ok(_s["sf.reg"], new RegisterRemissvar.Command(svar.Id));
        await _app.Ok(_s["sf.reg"], new AssignHandlaggare.Command(svar.Id, _s["sf.hl"].UserId!.Value));
        await _app.Ok(_s["sf.hl"], new FireRemissvarTrigger.Command(svar.Id, "paborja_beredning"));
        await _app.Ok(_s["sf.hl"], new SaveTjansteutlatande.Command(svar.Id, null, "Remiss av handlingsplan", "1. Servicenämnden godkänner tjänsteutlåtandet.",
            "Förvaltningen välkomnar planen.", "Kommunstyrelsen har remitterat planen.", "Planen har fyra mål.", null, "Förvaltningen är positiv."));
        await _app.Ok(_s["sf.hl"], new RecordBeredning.Command(svar.Id, OrganKind.Forvaltningsgrupp, new DateOnly(2026, 4, 1)));
        await _app.Ok(_s["sf.hl"], new FireRemissvarTrigger.Command(svar.Id, "skicka_till_forvaltningschef"));
        await _app.Ok(_s["sf.chef"], new FireRemissvarTrigger.Command(svar.Id, "godkann"));
        await _app.Ok(Sek, new PlaceOnAgenda.Command(svar.Id, _meeting));
        await OpenWithNarvaroAsync();

        var refused = (await _app.Send(Sek, new RecordBeslut.Command(svar.Id, 3, "Servicenämnden godkänner tjänsteutlåtandet.", Standpunkt.Tillstyrker,
            Reservationer: [new("Tomas Nyberg", "Jag reserverar mig.")]))).Refusal!;
        await _app.Ok(Sek, new RecordBeslut.Command(svar.Id, 3, "Servicenämnden godkänner tjänsteutlåtandet.", Standpunkt.Tillstyrker,
            Reservationer: [new("Linnea Forsberg", "Jag reserverar mig.")]));

        Assert.That(refused.Errors.Single(), Is.EqualTo(new FieldError("Reservationer", "Reservation: Tomas Nyberg tjänstgör inte på punkten; bara de som tjänstgör kan anmäla reservation.")));
        Assert.That(await _app.Query(db => db.Beslut.Select(b => b.Reservationer.Count).SingleAsync()), Is.EqualTo(1));
    }
}
