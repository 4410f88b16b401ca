using RemissFlow.Documents.Wording;

namespace RemissFlow.Core.Workflow.Transitions;

public sealed record Anstandsbegaran(DateOnly OnskatSvarsdatum, string Motivering);

/// <summary>The instans asks the sender for a later svarsdatum; the sender's registry and KS are told.</summary>
public sealed class BegarAnstand : Transition<RemissvarSubject, Anstandsbegaran>
{
    public override string Trigger => "begar_anstand";

    public override IReadOnlySet<string> Actions { get; } = Declares("anstand.begar", "notify.avsandare");

    public override async Task ApplyAsync(TransitionContext<RemissvarSubject> c, Anstandsbegaran payload, CancellationToken ct)
    {
        var (svar, remiss) = (c.Subject.Svar, c.Subject.Remiss);
        c.Db.Anstand.Add(Anstand.Begar(svar.Id, svar.Svarsdatum, payload.OnskatSvarsdatum, payload.Motivering, c.Actor.Id ?? Guid.Empty, c.Now));

        var name = await Notices.InstansNameAsync(c, ct);
        var text = $"{name} begär anstånd med svaret på {remiss.Title} till {SwedishText.LongDate(payload.OnskatSvarsdatum)}: {payload.Motivering}";
        foreach (var role in new[] { Role.Registrator, Role.KsSamordnare })
        {
            await c.Notifier.ToRoleAsync(remiss.AvsandareId, role, $"Anstånd begärt: {name}, {remiss.Dnr}", text, $"/remisser/{remiss.Id}", svar.Id, c.Cause, ct);
        }
    }
}

/// <param name="Kommentar">The sender's comment; for an outside organisation, the reason the organisation gave.</param>
public sealed record Anstandsbeviljande(DateOnly NyttSvarsdatum, string? Kommentar);

/// <summary>
/// The sender grants an anstånd. On a nämnd's or bolag's track it answers the pending request and tells the
/// handläggare; on an outside organisation's track (which asks by letter) the granted anstånd is recorded
/// whole. Either way the svarsdatum moves, and the definition recomputes the date-relative timers after it.
/// </summary>
public sealed class BeviljaAnstand : Transition<RemissvarSubject, Anstandsbeviljande>
{
    public override string Trigger => "bevilja_anstand";

    public override IReadOnlySet<string> Actions { get; } = Declares("anstand.bevilja", "notify.handlaggare", "anstand.registrera_beviljat");

    public override async Task ApplyAsync(TransitionContext<RemissvarSubject> c, Anstandsbeviljande payload, CancellationToken ct)
    {
        var svar = c.Subject.Svar;
        if (c.IsExternTrack)
        {
            c.Db.Anstand.Add(Anstand.RegistreraBeviljat(svar.Id, svar.Svarsdatum, payload.NyttSvarsdatum, payload.Kommentar ?? "Begärt av instansen.", c.Actor.Id, c.Now));
            svar.FlyttaSvarsdatum(payload.NyttSvarsdatum);
            return;
        }

        var anstand = await c.Db.Anstand.FirstAsync(a => a.RemissvarId == svar.Id && a.Beslut == AnstandBeslut.Begart, ct);
        anstand.Bevilja(payload.NyttSvarsdatum, payload.Kommentar, c.Actor.Id, c.Now);
        svar.FlyttaSvarsdatum(payload.NyttSvarsdatum);
        await Notices.HandlaggareAsync(c, $"Anstånd beviljat för {c.Subject.Dnr}", $"Nytt svarsdatum är {SwedishText.LongDate(svar.Svarsdatum)}.", ct);
    }
}

public sealed record Anstandsavslag(string Motivering);

public sealed class AvslaAnstand : Transition<RemissvarSubject, Anstandsavslag>
{
    public override string Trigger => "avsla_anstand";

    public override IReadOnlySet<string> Actions { get; } = Declares("anstand.avsla", "notify.handlaggare");

    public override async Task ApplyAsync(TransitionContext<RemissvarSubject> c, Anstandsavslag payload, CancellationToken ct)
    {
        var svar = c.Subject.Svar;
        var anstand = await c.Db.Anstand.FirstAsync(a => a.RemissvarId == svar.Id && a.Beslut == AnstandBeslut.Begart, ct);
        anstand.Avsla(payload.Motivering, c.Actor.Id, c.Now);
        await Notices.HandlaggareAsync(c, $"Anstånd avslaget för {c.Subject.Dnr}", $"Svarsdatum är fortfarande {SwedishText.LongDate(svar.Svarsdatum)}. {payload.Motivering}".Trim(), ct);
    }
}
