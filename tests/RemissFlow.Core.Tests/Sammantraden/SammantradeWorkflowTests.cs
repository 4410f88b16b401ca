using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Lifecycle;
using RemissFlow.Core.Tests.Support;
using RemissFlow.Core.Workflow;

namespace RemissFlow.Core.Tests.Sammantraden;

/// <summary>The meeting's own workflow: kallelse and supplement, opening (with § numbers) and closing, all through the engine and the audit log.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class SammantradeWorkflowTests(DatabaseProvider provider)
{
    private static readonly DateOnly Motesdag = new(2026, 4, 14);

    private TestApp _app = null!;
    private Scenario _s = null!;
    private Guid _meeting;

    [SetUp]
    public async Task Start()
    {
        _app = await TestApp.StartAsync(provider);
        _s = await Scenario.BuildAsync(_app);
        _meeting = await _s.MeetingAsync(_s.SfNamnd, Motesdag);
    }

    [TearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private Actor Sek => _s["sf.sek"];

    private Task<Sammantrade> MeetingAsync(Guid? id = null) => _app.Query(db => db.Sammantraden.AsNoTracking().SingleAsync(m => m.Id == (id ?? _meeting)));

    private void MeetingDay(int hour = 17) => _app.Clock.Set(new DateTimeOffset(Motesdag.Year, Motesdag.Month, Motesdag.Day, hour, 0, 0, TimeSpan.FromHours(2)));

    [Test]
    public async Task The_kallelse_and_its_supplement_are_steps_of_the_meeting_s_workflow_in_the_audit_log()
    {
        await _app.Ok(Sek, new AddOvrigPunkt.Command(_meeting, "Budgetuppföljning per februari", null, null, null));
        Assert.That((await MeetingAsync()).WorkflowInstanceId, Is.Null, "a meeting starts its workflow at its first step");

        await _app.Ok(Sek, new SkickaKallelse.Command(_meeting));
        Assert.That((await MeetingAsync()).Status, Is.EqualTo(SammantradeState.Kallat));
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await _app.Ok(Sek, new AddOvrigPunkt.Command(_meeting, "Yttrande över medborgarförslag", null, null, null));
        await _app.Ok(Sek, new SkickaKallelse.Command(_meeting));

        var meeting = await MeetingAsync();
        var instance = await _app.Query(db => db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == meeting.WorkflowInstanceId));
        Assert.That((instance.DefinitionId, instance.Version, instance.State, instance.SubjectType), Is.EqualTo(("sammantrade", 1, "kallat", "Sammantrade")));
        var handelser = await _app.Query(db => db.Handelser.AsNoTracking().Where(h => h.ArendeId == _meeting && h.Action.StartsWith("workflow.")).OrderBy(h => h.Sequence).ToListAsync());
        Assert.That(handelser.Select(h => (h.Action, h.Beskrivning)), Is.EqualTo(new[]
        {
            ("workflow.skicka_kallelse", "Skicka kallelsen (Planerat → Kallelse skickad)"),
            ("workflow.skicka_tillagg", "Skicka tillägg till kallelsen"),
        }));
        Assert.That(handelser[0].After, Does.Contain("\"punkter\":1").And.Contain("\"mottagare\":0").And.Not.Contain("anvandare"));
    }

    [Test]
    public async Task A_meeting_opens_on_its_day_and_not_before_and_its_items_get_their_paragraphs_in_agenda_order_through_the_year()
    {
        var earlier = await _s.MeetingAsync(_s.SfNamnd, new DateOnly(2026, 3, 10));
        await _app.Ok(Sek, new AddOvrigPunkt.Command(earlier, "Månadsrapport", null, null, null));
        await _app.Ok(Sek, new AddOvrigPunkt.Command(earlier, "Anmälan av delegationsbeslut", null, null, null));
        var first = await _app.Ok(Sek, new AddOvrigPunkt.Command(_meeting, "Budgetuppföljning per februari", null, null, null));
        var second = await _app.Ok(Sek, new AddOvrigPunkt.Command(_meeting, "Yttrande över medborgarförslag", null, null, null));
        await _app.Ok(Sek, new MovePunkt.Command(_meeting, second, Upp: true));

        var tooEarly = await _app.Send(Sek, new OppnaSammantrade.Command(_meeting));
        Assert.That(tooEarly.Refusal!.Message, Is.EqualTo("Sammanträdet är den 2026-04-14; det kan öppnas först den dagen."));

        _app.Clock.Set(new DateTimeOffset(2026, 3, 10, 17, 0, 0, TimeSpan.FromHours(1)));
        await _app.Ok(Sek, new OppnaSammantrade.Command(earlier));
        MeetingDay();
        await _app.Ok(Sek, new OppnaSammantrade.Command(_meeting));
        var late = await _app.Ok(Sek, new AddOvrigPunkt.Command(_meeting, "Övrig fråga", null, null, null));
        var again = await _app.Send(Sek, new OppnaSammantrade.Command(_meeting));
        await _app.Ok(Sek, new AvslutaSammantrade.Command(_meeting));
        var closedTwice = await _app.Send(Sek, new AvslutaSammantrade.Command(_meeting));

        var paragrafer = await _app.Query(db => db.OvrigaPunkter.AsNoTracking().Where(p => p.SammantradeId == _meeting || p.SammantradeId == earlier)
            .Select(p => new { p.Rubrik, p.Paragraf }).ToListAsync());
        Assert.That(paragrafer.OrderBy(p => p.Paragraf).Select(p => (p.Paragraf, p.Rubrik)), Is.EqualTo(new (int?, string)[]
        {
            (1, "Månadsrapport"), (2, "Anmälan av delegationsbeslut"),
            (3, "Yttrande över medborgarförslag"), (4, "Budgetuppföljning per februari"), (5, "Övrig fråga"),
        }));
        Assert.That(again.Refusal!.Kind, Is.EqualTo(RefusalKind.InvalidState));
        Assert.That(closedTwice.Refusal!.Kind, Is.EqualTo(RefusalKind.InvalidState));
        var meeting = await MeetingAsync();
        Assert.That((meeting.Status, meeting.OppnatAt is not null, meeting.AvslutatAt is not null), Is.EqualTo((SammantradeState.Avslutat, true, true)));
        Assert.That(await _app.Query(db => db.Handelser.Where(h => h.ArendeId == _meeting).Select(h => h.Action).ToListAsync()),
            Is.SupersetOf(new[] { "workflow.oppna", "workflow.avsluta" }));
        Assert.That((first, late), Is.Not.EqualTo((Guid.Empty, Guid.Empty)));
    }

    [Test]
    public async Task Another_organisation_s_sekreterare_cannot_open_the_meeting_and_nothing_changes()
    {
        MeetingDay();
        var refusal = (await _app.Send(_s["sof.sek"], new OppnaSammantrade.Command(_meeting))).Refusal!;

        Assert.That(refusal.Kind, Is.EqualTo(RefusalKind.NotFound));
        Assert.That((await MeetingAsync()).Status, Is.Null);
    }

    [Test]
    public async Task A_meeting_whose_kallelse_went_out_before_the_workflow_existed_has_that_sending_recorded_first()
    {
        await _app.Ok(Sek, new AddOvrigPunkt.Command(_meeting, "Budgetuppföljning per februari", null, null, null));
        var sentBefore = _app.Clock.GetUtcNow().AddDays(-1);
        await _app.Query(db => db.Sammantraden.Where(m => m.Id == _meeting)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.KallelseSkickadAt, sentBefore).SetProperty(m => m.KallelseSenastSkickadAt, sentBefore)));

        MeetingDay();
        await _app.Ok(Sek, new OppnaSammantrade.Command(_meeting));

        var actions = await _app.Query(db => db.Handelser.AsNoTracking().Where(h => h.ArendeId == _meeting && h.Action.StartsWith("workflow.")).OrderBy(h => h.Sequence).Select(h => h.Action).ToListAsync());
        Assert.That(actions, Is.EqualTo(new[] { "workflow.skicka_kallelse", "workflow.oppna" }));
        Assert.That(await _app.Query(db => db.Notiser.CountAsync()), Is.Zero, "the earlier kallelse is not sent again");
    }

    [Test]
    public async Task The_state_names_in_code_are_those_of_the_definition()
    {
        var registry = (await _app.Get<WorkflowHost>().EngineAsync()).Registry;
        var names = typeof(SammantradeState).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

        Assert.That(registry.Latest(DefinitionIds.Sammantrade).States.Select(s => s.Name), Is.EquivalentTo(names));
    }
}
