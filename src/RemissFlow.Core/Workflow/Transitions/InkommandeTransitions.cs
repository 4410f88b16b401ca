namespace RemissFlow.Core.Workflow.Transitions;

/// <summary>
/// The typed effects of inkommande.v1: the item records what it became. The remiss, answer or handling itself is made by
/// the existing use case the conversion calls, in the same unit of work, before the trigger fires.
/// </summary>
public static class InkommandeTransitions
{
    public static readonly InkommandeKonvertering RegistreraRemiss = new("registrera_remiss", "inkommande.registrera_remiss", InkommandeBlev.Remiss);
    public static readonly InkommandeKonvertering RegistreraSvar = new("registrera_svar", "inkommande.registrera_svar", InkommandeBlev.Svar);
    public static readonly InkommandeKonvertering LaggTillArende = new("lagg_till_arende", "inkommande.lagg_till_arende", InkommandeBlev.Arende);
    public static readonly InkommandeEjAllman EjAllmanHandling = new();
    public static readonly InkommandeAteroppna Ateroppna = new();

    public static IEnumerable<ITransition> All() => [RegistreraRemiss, RegistreraSvar, LaggTillArende, EjAllmanHandling, Ateroppna];
}

/// <param name="BlevId">The remissvar (ärende) the item became or was added to.</param>
public sealed record InkommandeResultat(Guid BlevId, string? Dnr, string Beskrivning);

public sealed record InkommandeMotivering(string Skal) : IMotiverad;

public sealed class InkommandeKonvertering(string trigger, string action, string blev) : Transition<InkommandeSubject, InkommandeResultat>
{
    public override string Trigger => trigger;

    public override IReadOnlySet<string> Actions { get; } = Declares(action);

    public override Task ApplyAsync(TransitionContext<InkommandeSubject> c, InkommandeResultat payload, CancellationToken ct)
    {
        var item = c.Subject.Item;
        item.BlevTyp = blev;
        item.BlevId = payload.BlevId;
        item.BlevDnr = payload.Dnr;
        item.HanteradAv = c.Actor.Id;
        item.HanteradAvNamn = c.Actor.Name;
        item.HanteradAt = c.Now;
        return Task.CompletedTask;
    }
}

/// <summary>The item is no allmän handling (advertising, a personal message); the reason stays on it and in the log.</summary>
public sealed class InkommandeEjAllman : Transition<InkommandeSubject, InkommandeMotivering>
{
    public override string Trigger => "ej_allman_handling";

    public override IReadOnlySet<string> Actions { get; } = Declares("inkommande.ej_allman_handling");

    public override Task ApplyAsync(TransitionContext<InkommandeSubject> c, InkommandeMotivering payload, CancellationToken ct)
    {
        var item = c.Subject.Item;
        item.Skal = payload.Skal;
        item.HanteradAv = c.Actor.Id;
        item.HanteradAvNamn = c.Actor.Name;
        item.HanteradAt = c.Now;
        return Task.CompletedTask;
    }
}

/// <summary>A wrong "not allmän handling" taken back: the item waits in the queue again; the log keeps both reasons.</summary>
public sealed class InkommandeAteroppna : Transition<InkommandeSubject, InkommandeMotivering>
{
    public override string Trigger => "ateroppna";

    public override IReadOnlySet<string> Actions { get; } = Declares("inkommande.ateroppna");

    public override Task ApplyAsync(TransitionContext<InkommandeSubject> c, InkommandeMotivering payload, CancellationToken ct)
    {
        var item = c.Subject.Item;
        item.Skal = null;
        item.HanteradAv = null;
        item.HanteradAvNamn = null;
        item.HanteradAt = null;
        return Task.CompletedTask;
    }
}
