using RemissFlow.Core.Features.ProtokollJustering;
using RemissFlow.Documents.Wording;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Workflow.Transitions;

/// <summary>The typed effects of protokoll.v1's triggers: justerare, digital justering, lock and anslag.</summary>
public static class ProtokollTransitions
{
    public static readonly ValjJusterare ValjJusterare = new();
    public static readonly MarkeraOffentlighet MarkeraOffentlighet = new();
    public static readonly SkickaTillJustering SkickaTillJustering = new();
    public static readonly GodkannProtokoll Godkann = new();
    public static readonly GodkannParagraf GodkannParagraf = new();
    public static readonly JusteringKlar JusteringKlar = new();
    public static readonly Ansla Ansla = new();

    public static IEnumerable<ITransition> All() =>
        [ValjJusterare, MarkeraOffentlighet, SkickaTillJustering, Godkann, GodkannParagraf, JusteringKlar, Ansla, new TaNed(), new JusteringSen()];
}

/// <param name="Justerare">The ledamöter (by id) who justerar with the ordförande.</param>
public sealed record JusterareVal(IReadOnlyList<Guid> Justerare, DateTimeOffset? JusteringTid, string? JusteringPlats, string? Forvaringsplats);

/// <summary>Val av justerare and the time and place of justering, set at the meeting; the command checked them.</summary>
public sealed class ValjJusterare : Transition<ProtokollSubject, JusterareVal>
{
    public override string Trigger => "valj_justerare";

    public override IReadOnlySet<string> Actions { get; } = Declares("protokoll.valj_justerare");

    public override Task ApplyAsync(TransitionContext<ProtokollSubject> c, JusterareVal payload, CancellationToken ct)
    {
        var p = c.Subject.Protokoll;
        p.JusterareIds = payload.Justerare.Distinct().ToList();
        p.JusteringTid = payload.JusteringTid;
        p.JusteringPlats = payload.JusteringPlats;
        p.Forvaringsplats = payload.Forvaringsplats ?? p.Forvaringsplats;
        return Task.CompletedTask;
    }
}

public sealed record Offentlighet(Guid ParagrafId, bool Offentlig);

/// <summary>A paragraph marked not public stays off the anslagstavla's copy of the protokoll.</summary>
public sealed class MarkeraOffentlighet : Transition<ProtokollSubject, Offentlighet>
{
    public override string Trigger => "markera_offentlighet";

    public override IReadOnlySet<string> Actions { get; } = Declares("protokoll.markera_offentlighet");

    public override Task ApplyAsync(TransitionContext<ProtokollSubject> c, Offentlighet payload, CancellationToken ct)
    {
        var p = c.Subject.Protokoll;
        var rest = p.EjOffentliga.Where(id => id != payload.ParagrafId).ToList();
        if (!payload.Offentlig)
        {
            rest.Add(payload.ParagrafId);
        }

        p.EjOffentliga = rest;
        return Task.CompletedTask;
    }
}

/// <summary>The ordförande and the justerare are told the protokoll waits for their justering.</summary>
public sealed class SkickaTillJustering : SimpleTransition<ProtokollSubject>
{
    public override string Trigger => "skicka_till_justering";

    public override IReadOnlySet<string> Actions { get; } = Declares("notify.justerare");

    public override async Task ApplyAsync(TransitionContext<ProtokollSubject> c, NoData payload, CancellationToken ct)
    {
        var s = c.Subject;
        var signers = await ProtokollRules.SignersAsync(c.Db, s.Protokoll, s.Meeting, ct);
        var users = signers.Where(x => x.Ledamot.UserId is not null).Select(x => x.Ledamot.UserId!.Value).ToList();
        var when = s.Protokoll.JusteringTid is { } t ? $" Justering {SwedishText.IsoDate(StockholmTime.DateOf(t))} kl. {StockholmTime.ToLocal(t):HH:mm}{(s.Protokoll.JusteringPlats is { } pl ? ", " + pl : "")}." : "";
        await c.Notifier.ToUsersAsync(users, $"Protokoll att justera: {s.Organ.Name} {SwedishText.IsoDate(s.Meeting.Datum)}",
            $"Protokollet från {s.Organ.Name}s sammanträde {SwedishText.LongDate(s.Meeting.Datum)} väntar på din justering.{when}", c.Link, null, c.Cause, ct);
    }
}

/// <summary>The signer who approves, as the command found them from the signed-in account.</summary>
public sealed record Justeringsgodkannande(Guid LedamotId, string Namn, JusteringsRoll Roll);

/// <summary>One signer's digital justering of the whole protokoll.</summary>
public sealed class GodkannProtokoll : Transition<ProtokollSubject, Justeringsgodkannande>
{
    public override string Trigger => "godkann";

    public override IReadOnlySet<string> Actions { get; } = Declares("protokoll.godkann");

    public override Task ApplyAsync(TransitionContext<ProtokollSubject> c, Justeringsgodkannande payload, CancellationToken ct)
    {
        var p = c.Subject.Protokoll;
        var g = new ProtokollGodkannande { ProtokollId = p.Id, LedamotId = payload.LedamotId, UserId = c.Actor.Id ?? Guid.Empty, Namn = payload.Namn, Roll = payload.Roll, At = c.Now };
        p.Godkannanden.Add(g);
        c.Db.ProtokollGodkannanden.Add(g);
        return Task.CompletedTask;
    }
}

public sealed record ParagrafGodkannande(Guid ParagrafId, Guid LedamotId, string Namn, JusteringsRoll Roll);

/// <summary>
/// Omedelbar justering of one paragraph: when the last signer has approved it, the beslut is justerat that day and
/// locked, and its protokollsutdrag can go to the sender before the rest of the protokoll is justerat.
/// </summary>
public sealed class GodkannParagraf : Transition<ProtokollSubject, ParagrafGodkannande>
{
    public override string Trigger => "godkann_paragraf";

    public override IReadOnlySet<string> Actions { get; } = Declares("protokoll.godkann_paragraf");

    public override async Task ApplyAsync(TransitionContext<ProtokollSubject> c, ParagrafGodkannande payload, CancellationToken ct)
    {
        var s = c.Subject;
        var g = new ProtokollGodkannande
        {
            ProtokollId = s.Protokoll.Id, LedamotId = payload.LedamotId, UserId = c.Actor.Id ?? Guid.Empty, Namn = payload.Namn, Roll = payload.Roll,
            ParagrafId = payload.ParagrafId, At = c.Now,
        };
        s.Protokoll.Godkannanden.Add(g);
        c.Db.ProtokollGodkannanden.Add(g);
        var signers = await ProtokollRules.SignersAsync(c.Db, s.Protokoll, s.Meeting, ct);
        if (ProtokollRules.AllHaveApprovedParagraph(s.Protokoll, signers, payload.ParagrafId)
            && await c.Db.Beslut.FirstOrDefaultAsync(b => b.Id == payload.ParagrafId, ct) is { } beslut)
        {
            beslut.Justera(c.Today, string.Join(", ", signers.Where(x => x.Roll == JusteringsRoll.Justerare).Select(x => x.Ledamot.Namn)));
        }
    }
}

/// <summary>The last approval is in: the protokoll is justerat that day and locked, and every beslut of the meeting with it.</summary>
public sealed class JusteringKlar : SimpleTransition<ProtokollSubject>
{
    public override string Trigger => "justering_klar";

    public override IReadOnlySet<string> Actions { get; } = Declares("protokoll.las");

    public override async Task ApplyAsync(TransitionContext<ProtokollSubject> c, NoData payload, CancellationToken ct)
    {
        var s = c.Subject;
        s.Protokoll.JusteratDatum = c.Today;
        var signers = await ProtokollRules.SignersAsync(c.Db, s.Protokoll, s.Meeting, ct);
        var justerare = string.Join(", ", signers.Where(x => x.Roll == JusteringsRoll.Justerare).Select(x => x.Ledamot.Namn));
        var beslut = await c.Db.Beslut.Where(b => b.SammantradeId == s.Meeting.Id && b.JusteradDatum == null).ToListAsync(ct);
        foreach (var b in beslut)
        {
            b.Justera(c.Today, justerare);
        }
    }
}

/// <summary>The notice that the protokoll is justerat goes up on the anslagstavla; the timer takes it down after the appeal period.</summary>
public sealed class Ansla : SimpleTransition<ProtokollSubject>
{
    public override string Trigger => "ansla";

    public override IReadOnlySet<string> Actions { get; } = Declares("protokoll.ansla");

    public override Task ApplyAsync(TransitionContext<ProtokollSubject> c, NoData payload, CancellationToken ct)
    {
        var p = c.Subject.Protokoll;
        p.AnslagUppsatt = c.Today;
        p.Forvaringsplats ??= c.Subject.Organ.Name + "s kansli";
        return Task.CompletedTask;
    }
}

public sealed class TaNed : SimpleTransition<ProtokollSubject>
{
    public override string Trigger => "ta_ned";

    public override IReadOnlySet<string> Actions { get; } = Declares("protokoll.ta_ned");

    public override Task ApplyAsync(TransitionContext<ProtokollSubject> c, NoData payload, CancellationToken ct)
    {
        c.Subject.Protokoll.AnslagNedtaget = c.Today;
        return Task.CompletedTask;
    }
}

/// <summary>The legal time for justering has passed: the nämndsekreterare is told, and the start page shows the protokoll as late.</summary>
public sealed class JusteringSen : SimpleTransition<ProtokollSubject>
{
    public override string Trigger => "justering_sen";

    public override IReadOnlySet<string> Actions { get; } = Declares("notify.justering_sen");

    public override async Task ApplyAsync(TransitionContext<ProtokollSubject> c, NoData payload, CancellationToken ct)
    {
        var s = c.Subject;
        s.Protokoll.SenMarkeradAt = c.Now;
        await c.Notifier.ToRoleAsync(s.Organ.OrganisationId, Role.Namndsekreterare, $"Protokollet är inte justerat: {s.Organ.Name} {SwedishText.IsoDate(s.Meeting.Datum)}",
            $"Protokollet från {s.Organ.Name}s sammanträde {SwedishText.LongDate(s.Meeting.Datum)} är inte justerat inom {ProtokollRules.JusteringDagar} dagar.", c.Link, null, c.Cause, ct);
    }
}
