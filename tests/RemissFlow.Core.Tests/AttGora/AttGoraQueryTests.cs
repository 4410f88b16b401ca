using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.AttGora;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Lifecycle;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.AttGora;

/// <summary>
/// "What waits for whom" follows one answer through its life: at each step the work leaves one
/// person's list and appears on the next person's, and never on another organisation's.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class AttGoraQueryTests(DatabaseProvider provider)
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

    private void Today(int month, int day) => _app.Clock.Set(new DateTimeOffset(2026, month, day, 9, 0, 0, TimeSpan.FromHours(month is >= 4 and <= 10 ? 2 : 1)));

    private async Task<IReadOnlyList<AttGoraSection>> For(Actor actor, OrganisationKind kind)
    {
        using var scope = _app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AttGoraQuery>().ForAsync(actor, kind, CancellationToken.None);
    }

    private async Task<List<Guid>> Ids(string person, string section, OrganisationKind kind = OrganisationKind.Namnd) =>
        (await For(_s[person], kind)).Single(s => s.Key == section).Items.Select(i => i.Id).ToList();

    private async Task<AttGoraItem> Only(string person, string section, OrganisationKind kind = OrganisationKind.Namnd) =>
        (await For(_s[person], kind)).Single(s => s.Key == section).Items.Single();

    [Test]
    public async Task An_answer_moves_from_list_to_list_as_its_work_is_done()
    {
        Today(2, 16);
        var meeting = await _s.MeetingAsync(_s.SfNamnd, new DateOnly(2026, 4, 14));
        var remiss = await _s.SendRemissAsync(new DateOnly(2026, 4, 24), _s.Sf, _s.Sof);
        var sf = (await _s.SvarAsync(remiss, _s.Sf)).Id;
        var sof = (await _s.SvarAsync(remiss, _s.Sof)).Id;

        Assert.That(await Ids("sf.reg", "registrera"), Is.EqualTo(new[] { sf }));
        Assert.That(await Ids("sof.reg", "registrera"), Is.EqualTo(new[] { sof }), "another organisation's answer is not on the list");
        Assert.That((await Only("sf.reg", "registrera")).Href, Is.EqualTo($"/arenden/{sf}"));

        await _app.Ok(_s["sf.reg"], new RegisterRemissvar.Command(sf));
        Assert.That(await Ids("sf.reg", "registrera"), Is.Empty);
        Assert.That(await Ids("sf.reg", "tilldela"), Is.EqualTo(new[] { sf }));

        await _app.Ok(_s["sf.reg"], new AssignHandlaggare.Command(sf, _s["sf.hl"].UserId!.Value));
        Assert.That(await Ids("sf.reg", "tilldela"), Is.Empty);
        Assert.That(await Ids("sf.hl", "mina"), Is.EqualTo(new[] { sf }));
        Assert.That(await Ids("sof.hl", "mina"), Is.Empty);

        await _app.Ok(_s["sf.hl"], new FireRemissvarTrigger.Command(sf, "paborja_beredning"));
        await _app.Ok(_s["sf.hl"], new SaveTjansteutlatande.Command(sf, null, "Remiss av handlingsplanen", "1. Servicenämnden godkänner tjänsteutlåtandet.",
            "Förvaltningen välkomnar planen.", "Kommunstyrelsen har remitterat planen.", "Planen har fyra mål.", null, "Förvaltningen är positiv."));
        Today(3, 18);
        await _app.Ok(_s["sf.hl"], new RecordBeredning.Command(sf, OrganKind.Forvaltningsgrupp, new DateOnly(2026, 3, 18)));
        Assert.That(await Ids("sf.chef", "godkanna"), Is.Empty);
        await _app.Ok(_s["sf.hl"], new FireRemissvarTrigger.Command(sf, "skicka_till_forvaltningschef"));
        Assert.That(await Ids("sf.chef", "godkanna"), Is.EqualTo(new[] { sf }));
        Assert.That(await Ids("sf.hl", "mina"), Is.Empty, "with the chef it waits for the chef, not the handläggare");
        Assert.That(await Ids("sof.chef", "godkanna"), Is.Empty);

        await _app.Ok(_s["sf.chef"], new FireRemissvarTrigger.Command(sf, "returnera", Kommentar: "Förtydliga synpunkterna."));
        Assert.That(await Ids("sf.chef", "godkanna"), Is.Empty);
        Assert.That(await Ids("sf.hl", "returnerade"), Is.EqualTo(new[] { sf }));
        Assert.That(await Ids("sf.hl", "mina"), Is.Empty, "a returned TU is listed once, as returned");
        Assert.That((await Only("sf.hl", "returnerade")).Href, Is.EqualTo($"/arenden/{sf}/tu"));

        await _app.Ok(_s["sf.hl"], new FireRemissvarTrigger.Command(sf, "skicka_till_forvaltningschef"));
        Assert.That(await Ids("sf.hl", "returnerade"), Is.Empty, "sent again, it no longer waits for the handläggare");
        await _app.Ok(_s["sf.chef"], new FireRemissvarTrigger.Command(sf, "godkann"));
        Assert.That(await Ids("sf.sek", "anmala"), Is.EqualTo(new[] { sf }));
        Assert.That(await Ids("sof.sek", "anmala"), Is.Empty);

        await _app.Ok(_s["sf.sek"], new PlaceOnAgenda.Command(sf, meeting));
        Assert.That(await Ids("sf.sek", "anmala"), Is.Empty);
        Assert.That(await Ids("sf.sek", "protokollfora"), Is.Empty, "the meeting is still ahead");

        Today(4, 14);
        Assert.That(await Ids("sf.sek", "protokollfora"), Is.EqualTo(new[] { sf }));
        Assert.That((await Only("sf.sek", "protokollfora")).Href, Is.EqualTo($"/arenden/{sf}/beslut"));
        await _app.Ok(_s["sf.sek"], new RecordBeslut.Command(sf, 12, "Servicenämnden godkänner tjänsteutlåtandet som svar på remissen.", Standpunkt.Tillstyrker));
        Assert.That(await Ids("sf.sek", "protokollfora"), Is.Empty);
        Assert.That(await Ids("sf.sek", "justera"), Is.EqualTo(new[] { sf }));

        await _app.Ok(_s["sf.sek"], new Justera.Command(sf, new DateOnly(2026, 4, 14), "Anna Ek, Bo Lund"));
        Assert.That(await Ids("sf.sek", "justera"), Is.Empty);
        Assert.That(await Ids("sf.sek", "lamna_in"), Is.EqualTo(new[] { sf }));

        Assert.That(await Ids("ks.sam", "inkomna", OrganisationKind.Kommunstyrelse), Is.Empty);
        await _app.Ok(_s["sf.sek"], new FireRemissvarTrigger.Command(sf, "lamna_in"));
        Assert.That(await Ids("sf.sek", "lamna_in"), Is.Empty);
        var inkomna = await Only("ks.sam", "inkomna", OrganisationKind.Kommunstyrelse);
        Assert.That((inkomna.Id, inkomna.Href, inkomna.Detail), Is.EqualTo((remiss, $"/remisser/{remiss}", "1 nytt svar")));
    }

    [Test]
    public async Task Ks_sees_requested_anstand_until_decided_and_late_instanser_after_svarsdatum()
    {
        var remiss = await _s.SendRemissAsync(new DateOnly(2026, 4, 24), _s.Sf, _s.Sof, _s.Bolag);
        var sof = (await _s.SvarAsync(remiss, _s.Sof)).Id;
        await _app.Ok(_s["sof.reg"], new RegisterRemissvar.Command(sof));
        Assert.That(await Ids("ks.reg", "anstand", OrganisationKind.Kommunstyrelse), Is.Empty);

        await _app.Ok(_s["sof.reg"], new RequestAnstand.Command(sof, new DateOnly(2026, 5, 22), "Nämnden sammanträder inte i april."));
        var begart = await Only("ks.reg", "anstand", OrganisationKind.Kommunstyrelse);
        Assert.That(begart.Href, Is.EqualTo($"/remisser/{remiss}/svar/{sof}"));
        Assert.That(begart.Text, Does.StartWith("Socialnämnden"));
        Assert.That(await Ids("ks.sam", "anstand", OrganisationKind.Kommunstyrelse), Has.Count.EqualTo(1), "the samordnare sees it too");

        await _app.Ok(_s["ks.reg"], new DecideAnstand.Command(sof, true, new DateOnly(2026, 5, 22), "Beviljas."));
        Assert.That(await Ids("ks.reg", "anstand", OrganisationKind.Kommunstyrelse), Is.Empty);

        Assert.That(await Ids("ks.reg", "sena", OrganisationKind.Kommunstyrelse), Is.Empty, "nobody is late before svarsdatum");
        Today(4, 27);
        var sena = await Only("ks.reg", "sena", OrganisationKind.Kommunstyrelse);
        // SF and the bolag are late; Socialnämnden has its anstånd to 22 May.
        Assert.That((sena.Id, sena.Detail), Is.EqualTo((remiss, "2 instanser har inte svarat, svarsdatum 24 april 2026")));
    }

    [Test]
    public async Task The_administrator_sees_locked_accounts_and_organisations_without_users()
    {
        var admin = TestApp.As(_s.Ks, Role.Administrator);
        async Task<List<Guid>> AdminIds(string key) => (await For(admin, OrganisationKind.Kommunstyrelse)).Single(s => s.Key == key).Items.Select(i => i.Id).ToList();

        // PRO has no users in the scenario; every other organisation has.
        Assert.That(await AdminIds("org_utan_anvandare"), Is.EqualTo(new[] { _s.Extern }));
        Assert.That(await AdminIds("laste"), Is.Empty);

        var locked = _s["sf.hl"].UserId!.Value;
        await _app.Query(async db =>
        {
            // What Identity writes after too many failed sign-ins.
            var user = await db.Users.SingleAsync(u => u.Id == locked);
            user.LockoutEnd = _app.Clock.GetUtcNow().AddMinutes(15);
            return await db.SaveChangesAsync();
        });
        Assert.That(await AdminIds("laste"), Is.EqualTo(new[] { locked }));

        _app.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.That(await AdminIds("laste"), Is.Empty, "the lockout has run out");
    }

    [Test]
    public async Task A_person_with_several_roles_gets_each_roles_sections()
    {
        var both = new Actor(_s["sf.hl"].UserId, "Två roller", _s.Sf, new HashSet<Role> { Role.Registrator, Role.Handlaggare, Role.Forvaltningschef });
        var keys = (await For(both, OrganisationKind.Namnd)).Select(s => s.Key).ToList();
        Assert.That(keys, Is.EqualTo(new[] { "registrera", "tilldela", "returnerade", "mina", "godkanna" }));
        Assert.That(await For(new Actor(Guid.NewGuid(), "Ingen roll", _s.Sf, new HashSet<Role>()), OrganisationKind.Namnd), Is.Empty);
    }
}
