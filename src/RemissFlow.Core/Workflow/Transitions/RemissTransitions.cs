using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Core.Workflow.Transitions;

/// <summary>The typed effects of remiss-utskick's triggers (the sender's ärende).</summary>
public static class RemissTransitions
{
    public static readonly SkickaUt SkickaUt = new();
    public static readonly LaggTillInstans LaggTillInstans = new();
    public static readonly Aterkalla Aterkalla = new();
    public static readonly OppnaSammanstallning OppnaSammanstallning = new();

    public static readonly Expediera Expediera = new();

    public static IEnumerable<ITransition> All() =>
    [
        SkickaUt, LaggTillInstans, Aterkalla, OppnaSammanstallning,
        new Sammanstall(), new Avsluta(), new PaminnSena(), Expediera,
        new StateOnly("utskick_klart"), new StateOnly("svarstiden_gick_ut"), new StateOnly("radera"),
    ];
}

/// <summary>A trigger that only moves the state: the definition names no action for it.</summary>
public sealed class StateOnly(string trigger) : SimpleTransition<RemissSubject>
{
    public override string Trigger => trigger;

    public override IReadOnlySet<string> Actions { get; } = Declares();

    public override Task ApplyAsync(TransitionContext<RemissSubject> c, NoData payload, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>Sends the remiss to every instans on the remisslista: each gets its own remissvar and answer track.</summary>
public sealed class SkickaUt : SimpleTransition<RemissSubject>
{
    public override string Trigger => "skicka_ut";

    public override IReadOnlySet<string> Actions { get; } = Declares("remiss.skicka_ut");

    public override async Task ApplyAsync(TransitionContext<RemissSubject> c, NoData payload, CancellationToken ct)
    {
        var remiss = c.Subject.Remiss;
        remiss.SkickaUt(c.Today);
        var posts = await c.Db.Set<RemisslistaPost>().Where(p => p.RemissId == remiss.Id).OrderBy(p => p.Ordning).ToListAsync(ct);
        foreach (var post in posts)
        {
            await Utskick.SendToInstansAsync(c, post.OrganisationId, ct);
        }
    }
}

public sealed record NyInstans(Guid OrganisationId);

/// <summary>An instans added after the remiss went out gets it at once.</summary>
public sealed class LaggTillInstans : Transition<RemissSubject, NyInstans>
{
    public override string Trigger => "lagg_till_instans";

    public override IReadOnlySet<string> Actions { get; } = Declares("remisslista.lagg_till");

    public override async Task ApplyAsync(TransitionContext<RemissSubject> c, NyInstans payload, CancellationToken ct)
    {
        var remiss = c.Subject.Remiss;
        var order = await c.Db.Set<RemisslistaPost>().Where(p => p.RemissId == remiss.Id).Select(p => (int?)p.Ordning).MaxAsync(ct) ?? 0;
        c.Db.Add(new RemisslistaPost { RemissId = remiss.Id, OrganisationId = payload.OrganisationId, Ordning = order + 1 });
        await Utskick.SendToInstansAsync(c, payload.OrganisationId, ct);
    }
}

internal static class Utskick
{
    public static async Task SendToInstansAsync(TransitionContext<RemissSubject> c, Guid organisationId, CancellationToken ct)
    {
        var remiss = c.Subject.Remiss;
        var instans = await c.Db.Organisationer.FirstAsync(o => o.Id == organisationId, ct);
        var svar = new Remissvar
        {
            RemissId = remiss.Id,
            InstansId = instans.Id,
            AvsandareDnr = remiss.Dnr,
            Svarsdatum = remiss.Svarsdatum,
            CreatedAt = c.Now,
        };
        c.Db.Remissvar.Add(svar);
        await c.Runner.StartAsync(svar, remiss, instans.Kind, ct);
        var text = $"{remiss.Title} ({remiss.Dnr}) har kommit på remiss från kommunstyrelsen. Svaret ska ha kommit in senast {SwedishText.LongDate(svar.Svarsdatum)}.";
        if (instans.Kind == OrganisationKind.ExternOrganisation)
        {
            // The organisation has no account: its svarslänk, issued with the missiv, is how it answers in RemissFlow.
            var token = Features.Svarslank.Svarslankar.Issue(c.Db, svar.Id, c.Now, null);
            if (!string.IsNullOrWhiteSpace(instans.ContactEmail))
            {
                var options = c.Subject.Services.GetRequiredService<CoreOptions>();
                c.Notifier.ToAddress(instans.ContactEmail, $"Remiss: {remiss.Title} ({remiss.Dnr})",
                    text + $" Ange diarienummer {remiss.Dnr} i ämnesraden när ni svarar." + Features.Svarslank.Svarslankar.EmailLine(options, token), $"{c.Cause}:{instans.Id:N}");
            }
        }
        else
        {
            await c.Notifier.ToRoleAsync(instans.Id, Role.Registrator, $"Ny remiss: {remiss.Title}", text, $"/arenden/{svar.Id}", svar.Id, $"{c.Cause}:{instans.Id:N}", ct);
        }
    }
}

/// <summary>Why the sender withdraws the remiss; it goes to every open answer and into the audit event.</summary>
public sealed record Aterkallelse(string Motivering);

/// <summary>The sender withdraws the remiss: every open answer closes, as the system, in the same step.</summary>
public sealed class Aterkalla : Transition<RemissSubject, Aterkallelse>
{
    public override string Trigger => "aterkalla";

    public override IReadOnlySet<string> Actions { get; } = Declares("remiss.aterkalla_alla_svar", "remiss.aterkalla_internremisser");

    public override async Task ApplyAsync(TransitionContext<RemissSubject> c, Aterkallelse payload, CancellationToken ct)
    {
        var remiss = c.Subject.Remiss;
        var open = await c.Db.Remissvar.Where(r => r.RemissId == remiss.Id && !RemissvarStates.Terminal.Contains(r.Status)).ToListAsync(ct);
        foreach (var svar in open)
        {
            var refusal = await c.Runner.FireAsync(svar, RemissvarTransitions.Aterkalla, payload, ct, Mediation.Actor.System);
            if (refusal is not null)
            {
                throw new InvalidOperationException($"Remissvaret {svar.Id} kunde inte återkallas: {refusal.Message}");
            }
        }

        if (c.Decision.Transition?.Actions.Contains("remiss.aterkalla_internremisser") == true)
        {
            await AterkallaInternremisserAsync(c, open.Select(s => s.Id).ToList(), payload, ct);
        }
    }

    /// <summary>
    /// An outside remiss withdrawn means the internal remiss sent on from the receiving ärende has nothing left to
    /// answer: it is withdrawn too, by the same registrator (who is its sender), so its instanser are told.
    /// </summary>
    private async Task AterkallaInternremisserAsync(TransitionContext<RemissSubject> c, List<Guid> arenden, Aterkallelse payload, CancellationToken ct)
    {
        var remiss = c.Subject.Remiss;
        var linked = await c.Db.Remisser
            .Where(r => r.ExterntArendeId != null && arenden.Contains(r.ExterntArendeId.Value) && !RemissStates.Terminal.Contains(r.Status))
            .ToListAsync(ct);
        foreach (var intern in linked)
        {
            var why = new Aterkallelse($"{remiss.Title} ({remiss.Dnr}) har återkallats av avsändaren. {payload.Motivering}".Trim());
            var refusal = await c.Runner.FireAsync(intern, this, why, ct);
            if (refusal is not null)
            {
                throw new InvalidOperationException($"Den interna remissen {intern.Dnr} kunde inte återkallas: {refusal.Message}");
            }
        }
    }
}

public sealed record Ateroppning(string Motivering);

/// <summary>KS reopens a compiled remiss; the reason is all it records.</summary>
public sealed class OppnaSammanstallning : Transition<RemissSubject, Ateroppning>
{
    public override string Trigger => "oppna_sammanstallning";

    public override IReadOnlySet<string> Actions { get; } = Declares();

    public override Task ApplyAsync(TransitionContext<RemissSubject> c, Ateroppning payload, CancellationToken ct) => Task.CompletedTask;
}

public sealed class Sammanstall : SimpleTransition<RemissSubject>
{
    public override string Trigger => "sammanstall";

    public override IReadOnlySet<string> Actions { get; } = Declares("remiss.sammanstall");

    public override async Task ApplyAsync(TransitionContext<RemissSubject> c, NoData payload, CancellationToken ct)
    {
        var remiss = c.Subject.Remiss;
        await Notices.AvsandareAsync(c, Role.Registrator, $"Remissen {remiss.Dnr} är sammanställd", $"Svaren på remissen {remiss.Title} är sammanställda och kan diarieföras.", ct);
    }
}

public sealed class Avsluta : SimpleTransition<RemissSubject>
{
    public override string Trigger => "avsluta";

    public override IReadOnlySet<string> Actions { get; } = Declares("remiss.avsluta");

    public override async Task ApplyAsync(TransitionContext<RemissSubject> c, NoData payload, CancellationToken ct)
    {
        var remiss = c.Subject.Remiss;
        await Notices.AvsandareAsync(c, Role.KsSamordnare, $"Remissen {remiss.Dnr} är avslutad", $"Remissen {remiss.Title} är avslutad.", ct);
    }
}

/// <summary>The late instanser are reminded, and KS told who is missing (a timer, or KS's button).</summary>
public sealed class PaminnSena : SimpleTransition<RemissSubject>
{
    public override string Trigger => "paminn_sena";

    public override IReadOnlySet<string> Actions { get; } = Declares("notify.sena_instanser");

    public override async Task ApplyAsync(TransitionContext<RemissSubject> c, NoData payload, CancellationToken ct)
    {
        var remiss = c.Subject.Remiss;
        var late = await (from r in c.Db.Remissvar
                          join o in c.Db.Organisationer on r.InstansId equals o.Id
                          where r.RemissId == remiss.Id && !RemissvarStates.Answered.Contains(r.Status)
                          select new { r.Id, r.InstansId, o.Name, o.Kind }).ToListAsync(ct);
        foreach (var l in late.Where(l => l.Kind != OrganisationKind.ExternOrganisation))
        {
            await c.Notifier.ToRoleAsync(l.InstansId, Role.Namndsekreterare, $"Svaret på {remiss.Dnr} är sent",
                $"Svarsdatum för {remiss.Title} har passerat och kommunstyrelsen har inte fått ert svar.", $"/arenden/{l.Id}", l.Id, $"{c.Cause}:{l.Id:N}", ct);
        }

        if (late.Count > 0)
        {
            await c.Notifier.ToRoleAsync(remiss.AvsandareId, Role.KsSamordnare, $"{late.Count} instanser har inte svarat på {remiss.Dnr}",
                $"Saknas: {string.Join(", ", late.Select(l => l.Name))}.", c.Link, remiss.Id, c.Cause, ct);
        }
    }
}
