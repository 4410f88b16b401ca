using System.Text.Json.Serialization;
using RemissFlow.Core.Features.Sammantraden;

namespace RemissFlow.Core.Workflow.Transitions;

/// <summary>The typed effects of the meeting's own workflow (workflows/sammantrade).</summary>
public static class SammantradeTransitions
{
    public static readonly SkickaKallelsen SkickaKallelse = new();
    public static readonly SkickaTillagg SkickaTillagg = new();
    public static readonly OppnaSammantradet Oppna = new();
    public static readonly AvslutaSammantradet Avsluta = new();

    public static IEnumerable<ITransition> All() => [SkickaKallelse, SkickaTillagg, Oppna, Avsluta];
}

/// <summary>
/// One sending of the kallelse or of a supplement. The counts are the record kept in the audit event; the
/// recipients and the message are what the effect sends and stay out of the record (the outbox keeps them).
/// </summary>
/// <param name="Efterregistrering">The kallelse went out before the meeting had a workflow: the step records that, and sends nothing again.</param>
public sealed record Kallelseutskick(
    int Punkter,
    int Mottagare,
    bool Efterregistrering,
    [property: JsonIgnore] IReadOnlyList<Guid> Anvandare,
    [property: JsonIgnore] string Rubrik,
    [property: JsonIgnore] string Text);

/// <summary>notify.ledamoter and the sending's own record, shared by the kallelse and its supplements.</summary>
public abstract class KallelseSending : Transition<SammantradeSubject, Kallelseutskick>
{
    public override async Task ApplyAsync(TransitionContext<SammantradeSubject> c, Kallelseutskick payload, CancellationToken ct)
    {
        if (payload.Efterregistrering)
        {
            return;
        }

        var meeting = c.Subject.Meeting;
        meeting.KallelseSkickadAt ??= c.Now;
        meeting.KallelseSenastSkickadAt = c.Now;
        await c.Notifier.ToUsersAsync(payload.Anvandare, payload.Rubrik, payload.Text, $"/kallelser/{meeting.Id}", null, c.Cause, ct);
    }
}

public sealed class SkickaKallelsen : KallelseSending
{
    public override string Trigger => "skicka_kallelse";

    public override IReadOnlySet<string> Actions { get; } = Declares("kallelse.skicka", "notify.ledamoter");
}

public sealed class SkickaTillagg : KallelseSending
{
    public override string Trigger => "skicka_tillagg";

    public override IReadOnlySet<string> Actions { get; } = Declares("kallelse.skicka_tillagg", "notify.ledamoter");
}

/// <summary>The meeting begins: every item on the föredragningslista gets its § in the organ's year, in the list's order.</summary>
public sealed class OppnaSammantradet : SimpleTransition<SammantradeSubject>
{
    public override string Trigger => "oppna";

    public override IReadOnlySet<string> Actions { get; } = Declares("sammantrade.oppna");

    public override async Task ApplyAsync(TransitionContext<SammantradeSubject> c, NoData payload, CancellationToken ct)
    {
        c.Subject.Meeting.OppnatAt = c.Now;
        await Paragrafer.NumberAsync(c.Db, c.Subject.Meeting, ct);
    }
}

/// <summary>The meeting ends: an item added while it was going on gets its § after the others.</summary>
public sealed class AvslutaSammantradet : SimpleTransition<SammantradeSubject>
{
    public override string Trigger => "avsluta";

    public override IReadOnlySet<string> Actions { get; } = Declares("sammantrade.avsluta");

    public override async Task ApplyAsync(TransitionContext<SammantradeSubject> c, NoData payload, CancellationToken ct)
    {
        c.Subject.Meeting.AvslutatAt = c.Now;
        await Paragrafer.NumberAsync(c.Db, c.Subject.Meeting, ct);
    }
}
