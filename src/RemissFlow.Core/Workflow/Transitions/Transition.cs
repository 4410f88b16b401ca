using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Notifications;
using RemissFlow.Workflows.Definitions;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Workflow.Transitions;

/// <summary>
/// The typed effect of one trigger on one kind of subject: what changes in the domain, and the notices
/// that go with it. The engine decides whether the trigger may fire; the runner then calls
/// <see cref="Transition{TSubject,TPayload}.ApplyAsync"/> and commits the state, bookmarks, log, audit
/// event and notices together. <see cref="Actions"/> declares which of the definitions' action names this
/// code carries out; a drift test holds the declarations and the definitions to each other.
/// </summary>
public interface ITransition
{
    /// <summary><see cref="RemissSubject.Type"/>, <see cref="RemissvarSubject.Type"/> or <see cref="SammantradeSubject.Type"/>.</summary>
    string SubjectType { get; }

    string Trigger { get; }

    /// <summary>The definitions' action names (in any version) that <c>ApplyAsync</c> carries out for this trigger.</summary>
    IReadOnlySet<string> Actions { get; }

    /// <summary>The payload record; each <c>requiresPayload</c> name of the trigger is one of its properties.</summary>
    Type PayloadType { get; }
}

public abstract class Transition<TSubject, TPayload> : ITransition
    where TSubject : CoreSubject
    where TPayload : class
{
    public string SubjectType { get; } = TransitionCatalogue.SubjectTypeOf(typeof(TSubject));

    public abstract string Trigger { get; }

    public abstract IReadOnlySet<string> Actions { get; }

    public Type PayloadType => typeof(TPayload);

    /// <summary>Runs in the command's unit of work, after the engine permitted the trigger and before the state moves.</summary>
    public abstract Task ApplyAsync(TransitionContext<TSubject> c, TPayload payload, CancellationToken ct);

    protected static IReadOnlySet<string> Declares(params string[] actions) => new HashSet<string>(actions, StringComparer.Ordinal);
}

/// <summary>The payload of a trigger that takes no data (buttons without input, timers).</summary>
public sealed record NoData
{
    public static NoData Value { get; } = new();
}

/// <summary>A trigger that takes no data, so the runner can fire it by name (timers, plain buttons).</summary>
public abstract class SimpleTransition<TSubject> : Transition<TSubject, NoData>
    where TSubject : CoreSubject;

/// <summary>What a transition's effect may use: the subject in the request's scope, the decision, who and when.</summary>
public sealed class TransitionContext<TSubject>(TSubject subject, TransitionDecision decision, WorkflowActor actor, DateTimeOffset now)
    where TSubject : CoreSubject
{
    public TSubject Subject { get; } = subject;

    public TransitionDecision Decision { get; } = decision;

    public WorkflowActor Actor { get; } = actor;

    public DateTimeOffset Now { get; } = now;

    public RemissFlowDbContext Db => Subject.Db;

    public Notifier Notifier => Subject.Services.GetRequiredService<Notifier>();

    public WorkflowRunner Runner => Subject.Services.GetRequiredService<WorkflowRunner>();

    public DateOnly Today => StockholmTime.Today(Subject.Services.GetRequiredService<TimeProvider>());

    public WorkflowDefinition Definition => Decision.Definition!;

    /// <summary>The answer track of an outside organisation, where the sender's registry records what the organisation does.</summary>
    public bool IsExternTrack => Definition.DefinitionId == WorkflowRunner.DefinitionFor(OrganisationKind.ExternOrganisation);

    /// <summary>One cause per engine step: a retried or repeated step never notifies twice.</summary>
    public string Cause => $"{Decision.Instance!.Id:N}:{Decision.Sequence}:{Decision.Trigger}";

    public string Link => Subject switch
    {
        RemissvarSubject s => $"/arenden/{s.Svar.Id}",
        RemissSubject r => $"/remisser/{r.Remiss.Id}",
        ProtokollSubject p => $"/sammantraden/{p.Meeting.Id}/protokoll",
        SammantradeSubject m => $"/sammantraden/{m.Meeting.Id}",
        GallringSubject => "/arkiv/gallring",
        InkommandeSubject i => $"/inkommande/{i.Item.Id}",
        _ => "/",
    };
}
