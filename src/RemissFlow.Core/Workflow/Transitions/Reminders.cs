using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Core.Workflow.Transitions;

/// <summary>Reminders and escalations on an answer: fired by timers (paminn_instans also by KS's button).</summary>
public sealed class PaminnHandlaggare : SimpleTransition<RemissvarSubject>
{
    public override string Trigger => "paminn_handlaggare";

    public override IReadOnlySet<string> Actions { get; } = Declares("notify.handlaggare");

    public override async Task ApplyAsync(TransitionContext<RemissvarSubject> c, NoData payload, CancellationToken ct)
    {
        var svar = c.Subject.Svar;
        await Notices.HandlaggareAsync(c, $"Påminnelse: {c.Subject.Dnr} ska besvaras senast {SwedishText.LongDate(svar.Svarsdatum)}",
            $"Remissen {c.Subject.Remiss.Title} ska besvaras senast {SwedishText.LongDate(svar.Svarsdatum)}.", ct);
    }
}

public sealed class PaminnNamndsekreterare : SimpleTransition<RemissvarSubject>
{
    public override string Trigger => "paminn_namndsekreterare";

    public override IReadOnlySet<string> Actions { get; } = Declares("notify.namndsekreterare");

    public override async Task ApplyAsync(TransitionContext<RemissvarSubject> c, NoData payload, CancellationToken ct)
    {
        var svar = c.Subject.Svar;
        await c.Notifier.ToRoleAsync(svar.InstansId, Role.Namndsekreterare, $"Påminnelse: {c.Subject.Dnr} ska besvaras senast {SwedishText.LongDate(svar.Svarsdatum)}",
            $"Remissvaret på {c.Subject.Remiss.Title} ska vara inlämnat senast {SwedishText.LongDate(svar.Svarsdatum)}; ärendet är i läget {svar.Status}.",
            c.Link, svar.Id, c.Cause, ct);
    }
}

public sealed class PaminnForvaltningschef : SimpleTransition<RemissvarSubject>
{
    public override string Trigger => "paminn_forvaltningschef";

    public override IReadOnlySet<string> Actions { get; } = Declares("notify.forvaltningschef");

    public override async Task ApplyAsync(TransitionContext<RemissvarSubject> c, NoData payload, CancellationToken ct) =>
        await Notices.ForvaltningschefAsync(c, $"Tjänsteutlåtandet i {c.Subject.Dnr} väntar fortfarande på ditt godkännande.", ct);
}

public sealed class EskaleraTillKs : SimpleTransition<RemissvarSubject>
{
    public override string Trigger => "eskalera_till_ks";

    public override IReadOnlySet<string> Actions { get; } = Declares("notify.ks");

    public override async Task ApplyAsync(TransitionContext<RemissvarSubject> c, NoData payload, CancellationToken ct)
    {
        var name = await Notices.InstansNameAsync(c, ct);
        await Notices.KsAsync(c, $"{name} har inte svarat på {c.Subject.Remiss.Dnr}",
            $"Svarsdatum {SwedishText.LongDate(c.Subject.Svar.Svarsdatum)} har kommit och {name} har ännu inte lämnat något svar på {c.Subject.Remiss.Title}.", ct);
    }
}

/// <summary>An outside organisation is reminded by e-mail to its contact address, when it has one.</summary>
public sealed class PaminnInstans : SimpleTransition<RemissvarSubject>
{
    public override string Trigger => "paminn_instans";

    public override IReadOnlySet<string> Actions { get; } = Declares("notify.instans");

    public override async Task ApplyAsync(TransitionContext<RemissvarSubject> c, NoData payload, CancellationToken ct)
    {
        var (svar, remiss) = (c.Subject.Svar, c.Subject.Remiss);
        var instans = await c.Db.Organisationer.AsNoTracking().FirstAsync(o => o.Id == svar.InstansId, ct);
        var text = $"Vi påminner om remissen {remiss.Title} ({remiss.Dnr}). Svaret ska ha kommit in senast {SwedishText.LongDate(svar.Svarsdatum)}.";
        if (!string.IsNullOrWhiteSpace(instans.ContactEmail))
        {
            // Only a hash of the missiv's link is kept, so the reminder carries a link of its own; the earlier one keeps working.
            var token = Features.Svarslank.Svarslankar.Issue(c.Db, svar.Id, c.Now, null);
            c.Notifier.ToAddress(instans.ContactEmail, $"Påminnelse: remiss {remiss.Dnr}",
                text + Features.Svarslank.Svarslankar.EmailLine(c.Subject.Services.GetRequiredService<CoreOptions>(), token), $"{c.Cause}:{instans.Id:N}");
        }
    }
}
