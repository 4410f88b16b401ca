using System.Text.Json.Serialization;
using RemissFlow.Core.Deadlines;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Notifications;

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
        await c.Notifier.ToUsersAsync(payload.Anvandare, payload.Rubrik, payload.Text, $"/kallelser/{meeting.Id}", null, c.Cause, ct, await InvitationAsync(c, ct));
    }

    /// <summary>
    /// kallelse.ics: the meeting's time and place as an invitation. Its UID is the meeting's, and each supplement sent
    /// before raises SEQUENCE by one, so a calendar updates the event instead of adding a second. None without a time.
    /// </summary>
    private async Task<EpostBilaga?> InvitationAsync(TransitionContext<SammantradeSubject> c, CancellationToken ct)
    {
        var (meeting, organ) = (c.Subject.Meeting, c.Subject.Organ);
        if (meeting.Tid is not { } tid)
        {
            return null;
        }

        var earlier = await c.Db.Handelser.CountAsync(h => h.ArendeId == meeting.Id && h.Action == "workflow.skicka_tillagg", ct);
        var sequence = Trigger == "skicka_tillagg" ? earlier + 1 : 0;
        var organisation = await c.Db.Organisationer.AsNoTracking().Where(o => o.Id == organ.OrganisationId).Select(o => new { o.Name, o.ContactEmail }).FirstAsync(ct);
        var entry = CalendarEntry.Meeting(meeting.Id, $"{organ.Name}: sammanträde", meeting.Datum, tid, location: meeting.Lokal,
            description: $"Kallelse och handlingar finns i RemissFlow: /kallelser/{meeting.Id}");
        var ics = IcsCalendarWriter.WriteInvitation(entry, sequence, c.Now, organ.Name, organisation.ContactEmail ?? "noreply@remissflow");
        return new EpostBilaga("kallelse.ics", "text/calendar; method=REQUEST; charset=utf-8", System.Text.Encoding.UTF8.GetBytes(ics));
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
