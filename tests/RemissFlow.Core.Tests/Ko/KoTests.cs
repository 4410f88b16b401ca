using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.AttGora;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Features.Ersattare;
using RemissFlow.Core.Features.Ko;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Anvandare;
using RemissFlow.Core.Tests.Lifecycle;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Ko;

/// <summary>
/// The shared queue per organisation and role: an ärende waits for "Registratorerna på Servicenämnden" until one of
/// them takes it; then it is theirs and gone from the others' start page, until it is given back or moves on. Two
/// people taking it at once: one wins, the other is told who did.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class KoTests(DatabaseProvider provider)
{
    private const string Ko = "Registratorerna på Servicenämnden";
    private static readonly DateOnly Today = new(2026, 3, 2);

    private TestApp _app = null!;
    private Scenario _s = null!;
    private Guid _reg2;

    [SetUp]
    public async Task Start()
    {
        _app = await TestApp.StartAsync(provider);
        _s = await Scenario.BuildAsync(_app);
        _reg2 = await Accounts.CreateAsync(_app, "sf.reg2@example.test", _s.Sf, Role.Registrator);
    }

    [TearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private async Task<Actor> Fresh(Guid id)
    {
        using var scope = _app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<ActorLookup>().ForUserAsync(id, CancellationToken.None))!;
    }

    private Guid Id(string key) => _s[key].UserId!.Value;

    private async Task<IReadOnlyList<AttGoraSection>> AttGora(Actor actor)
    {
        using var scope = _app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AttGoraQuery>().ForAsync(actor, OrganisationKind.Namnd, CancellationToken.None);
    }

    private async Task<Domain.Remissvar> Inkommen() => await _s.SvarAsync(await _s.SendRemissAsync(new DateOnly(2026, 4, 24), _s.Sf), _s.Sf);

    private Task<int> Claims() => _app.Query(db => db.KoTagningar.CountAsync());

    private async Task<AttGoraSection?> Section(Actor actor, string key) => (await AttGora(actor)).SingleOrDefault(s => s.Key == key);

    [Test]
    public async Task A_registrator_takes_an_arende_out_of_the_queue_it_leaves_the_others_start_page_and_comes_back_when_given_back()
    {
        var svar = await Inkommen();
        var reg = await Fresh(Id("sf.reg"));
        var reg2 = await Fresh(_reg2);

        var before = await Section(reg2, "registrera");
        Assert.Multiple(() =>
        {
            Assert.That(before!.Ko, Is.EqualTo(Ko));
            Assert.That(before.Items.Single().Id, Is.EqualTo(svar.Id));
            Assert.That(before.Items.Single().KoVersion, Is.EqualTo(svar.Version));
        });

        Assert.That(await _app.Ok(reg, new TaArendet.Command(svar.Id, svar.Version)), Is.EqualTo(Ko));
        var taken = await Accounts.LastEventAsync(_app);
        Assert.Multiple(async () =>
        {
            Assert.That(taken.Action, Is.EqualTo("ko.tagen"));
            Assert.That(taken.ArendeId, Is.EqualTo(svar.Id));
            Assert.That(taken.ActorId, Is.EqualTo(Id("sf.reg")));
            Assert.That(taken.Beskrivning, Is.EqualTo($"Person sf.reg tog ärendet ur kön {Ko}."));
            Assert.That(taken.PaUppdragAvId, Is.Null);

            var mine = (await AttGora(reg))[0];
            Assert.That(mine.Key, Is.EqualTo("tagna"), "what one took comes first");
            Assert.That(mine.Items.Single().Id, Is.EqualTo(svar.Id));
            Assert.That(mine.Items.Single().Tagen, Is.True);
            Assert.That(mine.Items.Single().Detail, Does.StartWith("Inkomna remisser att registrera: inkom från"));
            Assert.That((await Section(reg, "registrera"))!.Items, Is.Empty);

            var others = await Section(reg2, "registrera");
            Assert.That(others!.Items, Is.Empty, "gone from the colleague's queue");
            Assert.That(others.TagnaAvAndra, Is.EqualTo(1));
            Assert.That(await Section(reg2, "tagna"), Is.Null);
        });

        // The colleague is told who has it, and nothing is written.
        var events = await Accounts.EventsAsync(_app);
        var late = await _app.Send(reg2, new TaArendet.Command(svar.Id, svar.Version));
        Assert.That(late.Refusal?.Kind, Is.EqualTo(RefusalKind.Conflict));
        Assert.That(late.Refusal!.Message, Is.EqualTo($"Person sf.reg tog ärendet just före dig. Det har lämnat kön {Ko}."));
        var again = await _app.Send(reg, new TaArendet.Command(svar.Id, svar.Version));
        Assert.That(again.Refusal?.Message, Does.StartWith("Du har redan tagit ärendet"));
        var notTheirs = await _app.Send(reg2, new LamnaTillbaka.Command(svar.Id));
        Assert.That(notTheirs.Refusal?.Kind, Is.EqualTo(RefusalKind.Forbidden));
        Assert.That(notTheirs.Refusal!.Message, Does.StartWith("Person sf.reg har tagit ärendet"));
        Assert.That(await Accounts.EventsAsync(_app), Is.EqualTo(events));

        Assert.That(await _app.Ok(reg, new LamnaTillbaka.Command(svar.Id)), Is.EqualTo(Ko));
        var back = await Accounts.LastEventAsync(_app);
        Assert.Multiple(async () =>
        {
            Assert.That(back.Action, Is.EqualTo("ko.tillbaka"));
            Assert.That(back.Beskrivning, Is.EqualTo($"Person sf.reg lämnade tillbaka ärendet till kön {Ko}."));
            Assert.That(await Claims(), Is.Zero);
            Assert.That((await Section(reg2, "registrera"))!.Items.Single().Id, Is.EqualTo(svar.Id));
            Assert.That(await Section(reg, "tagna"), Is.Null);
        });

        var twice = await _app.Send(reg, new LamnaTillbaka.Command(svar.Id));
        Assert.That(twice.Refusal?.Kind, Is.EqualTo(RefusalKind.InvalidState));
    }

    [Test]
    public async Task Two_registrators_taking_the_same_arende_at_once_one_wins_and_the_other_is_told_who()
    {
        var reg = await Fresh(Id("sf.reg"));
        var reg2 = await Fresh(_reg2);
        for (var round = 0; round < 4; round++)
        {
            var svar = await Inkommen();
            var events = await Accounts.EventsAsync(_app);
            var results = await Task.WhenAll(
                _app.Send(reg, new TaArendet.Command(svar.Id, svar.Version)),
                _app.Send(reg2, new TaArendet.Command(svar.Id, svar.Version)));
            Assert.That(results.Count(r => r.Succeeded), Is.EqualTo(1), $"round {round}: exactly one wins");
            var loser = results.Single(r => !r.Succeeded).Refusal!;
            var claim = await _app.Query(db => db.KoTagningar.AsNoTracking().SingleAsync(k => k.RemissvarId == svar.Id));
            var winner = claim.TagenAv == Id("sf.reg") ? "Person sf.reg" : "sf.reg2";
            Assert.Multiple(async () =>
            {
                Assert.That(loser.Kind, Is.EqualTo(RefusalKind.Conflict));
                Assert.That(loser.Message, Is.EqualTo($"{winner} tog ärendet just före dig. Det har lämnat kön {Ko}."));
                Assert.That(await Accounts.EventsAsync(_app), Is.EqualTo(events + 1), "one audit event, the winner's");
                var tagen = await _app.Query(db => db.Handelser.AsNoTracking().Where(h => h.ArendeId == svar.Id && h.Action == "ko.tagen").ToListAsync());
                Assert.That(tagen.Single().ActorId, Is.EqualTo(claim.TagenAv));
            });
        }
    }

    [Test]
    public async Task The_claim_lapses_when_the_arende_moves_on_and_the_next_step_waits_in_the_queue_again()
    {
        var svar = await Inkommen();
        var reg = await Fresh(Id("sf.reg"));
        var reg2 = await Fresh(_reg2);
        await _app.Ok(reg, new TaArendet.Command(svar.Id, svar.Version));
        await _app.Ok(reg, new RegisterRemissvar.Command(svar.Id));

        var tilldela = await Section(reg2, "tilldela");
        var now = await _app.Query(db => db.Remissvar.AsNoTracking().SingleAsync(v => v.Id == svar.Id));
        Assert.Multiple(async () =>
        {
            Assert.That(tilldela!.Items.Single().Id, Is.EqualTo(svar.Id), "registered, it waits for a handläggare to be named: the queue's again");
            Assert.That(tilldela.Items.Single().KoVersion, Is.EqualTo(now.Version));
            Assert.That(await Section(reg, "tagna"), Is.Null);
        });

        // A page read before the registration does not take the new step blindly.
        var stale = await _app.Send(reg2, new TaArendet.Command(svar.Id, svar.Version));
        Assert.That(stale.Refusal?.Kind, Is.EqualTo(RefusalKind.Conflict));
        Assert.That(stale.Refusal!.Message, Does.StartWith("Ärendet har ändrats sedan startsidan lästes"));

        // The lapsed row is taken over in place by the next taker.
        await _app.Ok(reg2, new TaArendet.Command(svar.Id, now.Version));
        var claim = await _app.Query(db => db.KoTagningar.AsNoTracking().SingleAsync(k => k.RemissvarId == svar.Id));
        Assert.That((claim.TagenAv, claim.SvarVersion), Is.EqualTo((_reg2, now.Version)));

        await _app.Ok(reg, new AssignHandlaggare.Command(svar.Id, Id("sf.hl")));
        var beredning = await _app.Send(reg2, new TaArendet.Command(svar.Id, null));
        Assert.That(beredning.Refusal?.Kind, Is.EqualTo(RefusalKind.InvalidState), "the handläggare's step waits for a named person");
        Assert.That(beredning.Refusal!.Message, Is.EqualTo("Ärendet väntar inte i någon gemensam kö just nu."));
    }

    [Test]
    public async Task Only_the_role_of_the_organisation_takes_and_an_ersattare_takes_and_gives_back_on_the_absent_persons_behalf()
    {
        var svar = await Inkommen();
        var hl = await Fresh(Id("sf.hl"));
        var noRole = await _app.Send(hl, new TaArendet.Command(svar.Id, svar.Version));
        Assert.That(noRole.Refusal?.Kind, Is.EqualTo(RefusalKind.Forbidden));
        Assert.That(noRole.Refusal!.Message, Is.EqualTo($"Ärendet väntar i kön {Ko}; bara de som har rollen registrator tar ärenden ur den."));
        var otherOrg = await _app.Send(await Fresh(Id("sof.reg")), new TaArendet.Command(svar.Id, svar.Version));
        Assert.That(otherOrg.Refusal?.Kind, Is.AnyOf(RefusalKind.NotFound, RefusalKind.Forbidden));
        Assert.That(await Claims(), Is.Zero);

        // sf.reg takes it, then goes away with the handläggare as ersättare: the ersättare holds the claim and can give it back.
        await _app.Ok(await Fresh(Id("sf.reg")), new TaArendet.Command(svar.Id, svar.Version));
        await _app.Ok(_s["sf.reg"], new NamnErsattare.Command(Id("sf.reg"), Id("sf.hl"), Today, Today.AddDays(4)));
        hl = await Fresh(Id("sf.hl"));
        var held = await Section(hl, "tagna");
        Assert.That(held!.Items.Single().Detail, Does.StartWith("Inkomna remisser att registrera (tagen av Person sf.reg)"));
        await _app.Ok(hl, new LamnaTillbaka.Command(svar.Id));
        var back = await Accounts.LastEventAsync(_app);
        Assert.Multiple(() =>
        {
            Assert.That(back.Beskrivning, Is.EqualTo($"Person sf.hl lämnade tillbaka Person sf.regs ärende till kön {Ko}."));
            Assert.That(back.PaUppdragAvId, Is.EqualTo(Id("sf.reg")));
        });

        // Through the lent role the ersättare takes it too, on sf.reg's behalf; the colleague no longer sees it.
        Assert.That((await Section(hl, "registrera"))!.PaUppdragAv, Is.EqualTo("Person sf.reg"));
        await _app.Ok(hl, new TaArendet.Command(svar.Id, svar.Version));
        var taken = await Accounts.LastEventAsync(_app);
        var claim = await _app.Query(db => db.KoTagningar.AsNoTracking().SingleAsync(k => k.RemissvarId == svar.Id));
        Assert.Multiple(async () =>
        {
            Assert.That(taken.ActorId, Is.EqualTo(Id("sf.hl")));
            Assert.That(taken.PaUppdragAvNamn, Is.EqualTo("Person sf.reg (t.f. registrator)"));
            Assert.That(claim.PaUppdragAv, Is.EqualTo(Id("sf.reg")));
            Assert.That((await Section(await Fresh(_reg2), "registrera"))!.Items, Is.Empty);
        });
    }

    [Test]
    public async Task A_claim_of_a_deactivated_account_is_back_in_the_queue()
    {
        var svar = await Inkommen();
        await _app.Ok(await Fresh(_reg2), new TaArendet.Command(svar.Id, svar.Version));
        await _app.Query(db => db.Users.Where(u => u.Id == _reg2).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, AppUser.DeactivatedFrom)));

        var reg = await Fresh(Id("sf.reg"));
        Assert.That((await Section(reg, "registrera"))!.Items.Single().Id, Is.EqualTo(svar.Id));
        await _app.Ok(reg, new TaArendet.Command(svar.Id, svar.Version));
        var claim = await _app.Query(db => db.KoTagningar.AsNoTracking().SingleAsync(k => k.RemissvarId == svar.Id));
        Assert.That(claim.TagenAv, Is.EqualTo(Id("sf.reg")));
    }
}
