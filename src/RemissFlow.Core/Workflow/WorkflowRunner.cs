using System.Text.Json;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Workflow.Transitions;
using RemissFlow.Workflows.Definitions;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Workflow;

/// <summary>
/// The only way a remiss or remissvar changes state. Loads the instance, lets the engine decide,
/// and adds what the engine hands back (bookmarks, execution log) and an audit event to the
/// command's unit of work; the transaction step commits it all together.
/// </summary>
public sealed class WorkflowRunner(IServiceProvider services, RemissFlowDbContext db, WorkflowHost host, AuditTrail audit, ICurrentActor current, TimeProvider clock)
{
    /// <summary>Bookmarks this runner created; those still in state Added are not in the database yet.</summary>
    private readonly List<WorkflowBookmark> _added = [];

    /// <summary>Bookmarks this runner deleted; a query in the same unit of work still returns them until the save.</summary>
    private readonly HashSet<WorkflowBookmark> _removed = new(ReferenceEqualityComparer.Instance);

    private readonly List<WorkflowInstance> _started = [];

    /// <summary>How a payload record is written into the execution log and the audit event: camelCase, enums by name, Swedish letters as they are.</summary>
    public static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string DefinitionFor(OrganisationKind kind) => kind switch
    {
        // Kommunstyrelsen answers a remiss from outside as a nämnd does: registry, TU, beredning, decision.
        OrganisationKind.Namnd or OrganisationKind.Kommunstyrelse => "remissvar-namnd",
        OrganisationKind.Bolag => "remissvar-bolag",
        OrganisationKind.ExternOrganisation => "remissvar-extern",
        _ => throw new InvalidOperationException($"{kind} answers no remiss."),
    };

    public async Task StartAsync(Remiss remiss, CancellationToken ct) =>
        await StartAsync(new RemissSubject(services, db, remiss), remiss.ArExtern ? DefinitionIds.RemissExtern : DefinitionIds.RemissUtskick, ct);

    public async Task StartAsync(Remissvar svar, Remiss remiss, OrganisationKind instansKind, CancellationToken ct) =>
        await StartAsync(new RemissvarSubject(services, db, svar, remiss), DefinitionFor(instansKind), ct);

    public async Task StartAsync(Protokoll protokoll, Sammantrade meeting, Organ organ, CancellationToken ct) =>
        await StartAsync(new ProtokollSubject(services, db, protokoll, meeting, organ), "protokoll", ct);

    public async Task StartAsync(Gallringsbeslut beslut, CancellationToken ct) =>
        await StartAsync(new GallringSubject(services, db, beslut), DefinitionIds.Gallring, ct);

    /// <summary>Fires a trigger on a gallringsbeslut: its decision and the deletion it carries out commit together.</summary>
    public async Task<Refusal?> FireAsync<TPayload>(Gallringsbeslut beslut, Transition<GallringSubject, TPayload> transition, TPayload payload, CancellationToken ct, Actor? actor = null)
        where TPayload : class =>
        await FireAsync(new GallringSubject(services, db, beslut), transition, payload, actor ?? current.Actor, ct);

    /// <summary>
    /// Fires a trigger on an Inkommande item. The item gets its workflow instance at its first step: items are kept by
    /// the mailbox poller, and those read before the inkommande workflow existed have none.
    /// </summary>
    public async Task<Refusal?> FireAsync<TPayload>(InkommandeEpost item, Transition<InkommandeSubject, TPayload> transition, TPayload payload, CancellationToken ct, Actor? actor = null)
        where TPayload : class
    {
        var subject = new InkommandeSubject(services, db, item);
        if (item.WorkflowInstanceId is null && !_started.Any(i => i.SubjectId == item.Id && i.SubjectType == InkommandeSubject.Type))
        {
            await StartAsync(subject, DefinitionIds.Inkommande, ct);
        }

        return await FireAsync(subject, transition, payload, actor ?? current.Actor, ct);
    }

    /// <summary>Fires a trigger on a meeting's protokoll (typed, or by name with <see cref="NoData"/>).</summary>
    public async Task<Refusal?> FireAsync<TPayload>(Protokoll protokoll, Transition<ProtokollSubject, TPayload> transition, TPayload payload, CancellationToken ct, Actor? actor = null)
        where TPayload : class =>
        await FireAsync(await ProtokollSubjectAsync(protokoll, ct), transition, payload, actor ?? current.Actor, ct);

    private async Task<ProtokollSubject> ProtokollSubjectAsync(Protokoll protokoll, CancellationToken ct)
    {
        var meeting = await db.Sammantraden.FirstAsync(m => m.Id == protokoll.SammantradeId, ct);
        var organ = await db.Organ.FirstAsync(o => o.Id == meeting.OrganId, ct);
        return new ProtokollSubject(services, db, protokoll, meeting, organ);
    }

    private async Task StartAsync(CoreSubject subject, string definitionId, CancellationToken ct)
    {
        var engine = await host.EngineAsync(ct);
        var started = engine.Start(definitionId, subject, ToWorkflowActor(current.Actor));
        db.WorkflowInstances.Add(started.Instance);
        _started.Add(started.Instance);
        Apply(started.Changes);
        SetStatus(subject, started.Instance);
    }

    /// <summary>Fires a trigger that takes data on the remiss: the engine decides, <paramref name="transition"/> makes the change, all commits together.</summary>
    public Task<Refusal?> FireAsync<TPayload>(Remiss remiss, Transition<RemissSubject, TPayload> transition, TPayload payload, CancellationToken ct, Actor? actor = null)
        where TPayload : class =>
        FireAsync(new RemissSubject(services, db, remiss), transition, payload, actor ?? current.Actor, ct);

    /// <summary>Fires a trigger that takes no data, by name (a plain button).</summary>
    public Task<Refusal?> FireAsync(Remiss remiss, string trigger, CancellationToken ct, Actor? actor = null) =>
        FireByNameAsync(new RemissSubject(services, db, remiss), trigger, actor ?? current.Actor, ct);

    public async Task<Refusal?> FireAsync<TPayload>(Remissvar svar, Transition<RemissvarSubject, TPayload> transition, TPayload payload, CancellationToken ct, Actor? actor = null)
        where TPayload : class
    {
        var (subject, loaded) = await LoadSvarAsync(svar, ct);
        return await FireAsync(subject, loaded, transition, payload, actor ?? current.Actor, ct);
    }

    public async Task<Refusal?> FireAsync(Remissvar svar, string trigger, CancellationToken ct, Actor? actor = null)
    {
        var (subject, loaded) = await LoadSvarAsync(svar, ct);
        return await FireByNameAsync(subject, loaded, trigger, actor ?? current.Actor, ct);
    }

    /// <summary>
    /// Fires a trigger on a meeting. A meeting gets its workflow instance at its first transition (meetings are
    /// created and imported in bulk, most never sent through RemissFlow); one whose kallelse went out before the
    /// workflow existed has that sending recorded first, so it starts from where it really is.
    /// </summary>
    public async Task<Refusal?> FireAsync<TPayload>(Sammantrade meeting, Transition<SammantradeSubject, TPayload> transition, TPayload payload, CancellationToken ct, Actor? actor = null)
        where TPayload : class
    {
        var subject = await StartedAsync(meeting, actor ?? current.Actor, ct);
        return await FireAsync(subject, transition, payload, actor ?? current.Actor, ct);
    }

    public async Task<Refusal?> FireAsync(Sammantrade meeting, string trigger, CancellationToken ct, Actor? actor = null)
    {
        var subject = await StartedAsync(meeting, actor ?? current.Actor, ct);
        return await FireByNameAsync(subject, trigger, actor ?? current.Actor, ct);
    }

    public async Task<IReadOnlyList<TriggerOption>> TriggersAsync(Sammantrade meeting, Organ organ, Actor actor, CancellationToken ct)
    {
        if (meeting.WorkflowInstanceId is not null)
        {
            return await TriggersAsync(new SammantradeSubject(services, db, meeting, organ), actor, ct);
        }

        // Not started yet: the options are those of the state it would start in.
        var engine = await host.EngineAsync(ct);
        var probe = engine.Start(DefinitionIds.Sammantrade, new SammantradeSubject(services, db, meeting, organ), ToWorkflowActor(actor)).Instance;
        probe.State = meeting.KallelseSkickadAt is null ? "planerat" : "kallat";
        return await engine.GetTriggersAsync(probe, ToWorkflowActor(actor), new SammantradeSubject(services, db, meeting, organ), ct);
    }

    private async Task<SammantradeSubject> StartedAsync(Sammantrade meeting, Actor actor, CancellationToken ct)
    {
        var organ = await db.Organ.FirstAsync(o => o.Id == meeting.OrganId, ct);
        var subject = new SammantradeSubject(services, db, meeting, organ);
        if (meeting.WorkflowInstanceId is null && !_started.Any(i => i.SubjectId == meeting.Id && i.SubjectType == SammantradeSubject.Type))
        {
            await StartAsync(subject, DefinitionIds.Sammantrade, ct);
            if (meeting.KallelseSkickadAt is { } sent)
            {
                var refusal = await FireAsync(subject, SammantradeTransitions.SkickaKallelse,
                    new Kallelseutskick(0, 0, Efterregistrering: true, [], "", $"Kallelsen skickades {sent:yyyy-MM-dd HH:mm} UTC"), actor, ct);
                if (refusal is not null)
                {
                    throw new InvalidOperationException($"The earlier kallelse of {meeting.Id} could not be recorded: {refusal.Message}");
                }
            }
        }

        return subject;
    }

    private async Task<(RemissvarSubject, (WorkflowInstance, List<WorkflowBookmark>))> LoadSvarAsync(Remissvar svar, CancellationToken ct)
    {
        if (svar.WorkflowInstanceId is { } instanceId && await db.TransitionLoadAsync(svar.RemissId, instanceId, ct) is { } load)
        {
            return (new RemissvarSubject(services, db, svar, load.Remiss), (load.Instance, Current(load.Instance, load.Bookmarks)));
        }

        // A remiss added in this unit of work (one registered from outside with its ärende in the same step) is not stored yet.
        var remiss = db.Remisser.Local.FirstOrDefault(r => r.Id == svar.RemissId)
            ?? await db.RemissByIdAsync(svar.RemissId, ct)
            ?? throw new InvalidOperationException($"Remissen {svar.RemissId} finns inte.");
        var subject = new RemissvarSubject(services, db, svar, remiss);
        return (subject, await LoadAsync(subject, ct));
    }

    private async Task<Refusal?> FireAsync<TSubject, TPayload>(TSubject subject, Transition<TSubject, TPayload> transition, TPayload payload, Actor actor, CancellationToken ct)
        where TSubject : CoreSubject
        where TPayload : class =>
        await FireAsync(subject, await LoadAsync(subject, ct), transition, payload, actor, ct);

    private async Task<Refusal?> FireByNameAsync<TSubject>(TSubject subject, string trigger, Actor actor, CancellationToken ct)
        where TSubject : CoreSubject =>
        await FireByNameAsync(subject, await LoadAsync(subject, ct), trigger, actor, ct);

    private async Task<Refusal?> FireByNameAsync<TSubject>(TSubject subject, (WorkflowInstance, List<WorkflowBookmark>) loaded, string trigger, Actor actor, CancellationToken ct)
        where TSubject : CoreSubject
    {
        switch (TransitionCatalogue.Find(subject.SubjectType, trigger))
        {
            case SimpleTransition<TSubject> simple:
                return await FireAsync(subject, loaded, simple, NoData.Value, actor, ct);
            case { } typed:
                throw new InvalidOperationException($"'{trigger}' takes a {typed.PayloadType.Name}; fire it through its typed transition.");
        }

        // No code carries this trigger out, so the engine can only refuse it (unknown, wrong state, role); a
        // definition whose trigger has no transition is caught by the drift test before it gets here.
        var engine = await host.EngineAsync(ct);
        var decision = await engine.DecideAsync(loaded.Item1, trigger, ToWorkflowActor(actor), subject, null, ct);
        return decision.Permitted
            ? throw new InvalidOperationException($"No typed transition carries out '{trigger}' on {subject.SubjectType}.")
            : ToRefusal(decision);
    }

    private async Task<Refusal?> FireAsync<TSubject, TPayload>(
        TSubject subject, (WorkflowInstance, List<WorkflowBookmark>) loaded, Transition<TSubject, TPayload> transition, TPayload payload, Actor actor, CancellationToken ct)
        where TSubject : CoreSubject
        where TPayload : class
    {
        var engine = await host.EngineAsync(ct);
        var (instance, bookmarks) = loaded;
        var workflowActor = ToWorkflowActor(actor);
        var decision = await engine.DecideAsync(instance, transition.Trigger, workflowActor, subject, payload is NoData ? null : payload, ct);
        if (!decision.Permitted)
        {
            return ToRefusal(decision);
        }

        MarkOnBehalf(decision, actor);

        await CarryOutAsync(engine, subject, decision, bookmarks, transition, payload, workflowActor, ct);
        return null;
    }

    /// <summary>
    /// The permitted step: the typed change first (it may add rows, notices, even fire other instances),
    /// then the engine moves the state and plans the bookmarks from the changed subject, and the runner adds
    /// the bookmarks, log entry and audit event to the same unit of work. The payload is serialised once, as
    /// the record of what was fired with, for the log entry and the audit event.
    /// </summary>
    private async Task CarryOutAsync<TSubject, TPayload>(
        WorkflowEngine engine, TSubject subject, TransitionDecision decision, List<WorkflowBookmark> bookmarks,
        Transition<TSubject, TPayload> transition, TPayload payload, WorkflowActor actor, CancellationToken ct)
        where TSubject : CoreSubject
        where TPayload : class
    {
        await transition.ApplyAsync(new TransitionContext<TSubject>(subject, decision, actor, clock.GetUtcNow()), payload, ct);
        var json = payload is NoData ? null : JsonSerializer.Serialize(payload, PayloadJson);
        var result = engine.Commit(decision, bookmarks, subject, actor, json);
        Apply(result.Changes);
        SetStatus(subject, decision.Instance!);
        RecordAudit(subject, decision.Definition!, decision.Trigger, result.FromState!, result.ToState!, payload, json);
    }

    private static Refusal ToRefusal(TransitionDecision decision) => decision.Reason switch
    {
        RefusalReason.Role or RefusalReason.Organisation => Refusal.Forbidden(decision.Message!),
        RefusalReason.MissingPayload => Refusal.Validation([new FieldError(decision.Trigger, decision.Message!)]),
        _ => Refusal.InvalidState(decision.Message!),
    };

    /// <summary>Fires a due timer bookmark as the system. Idempotent: a spent or stale bookmark only clears itself.</summary>
    public async Task<FireOutcome> FireTimerAsync(WorkflowBookmark bookmark, CancellationToken ct)
    {
        var engine = await host.EngineAsync(ct);
        var instance = await db.WorkflowInstances.FirstAsync(i => i.Id == bookmark.InstanceId, ct);
        var subject = await SubjectAsync(instance, ct);
        var bookmarks = await db.BookmarksOfAsync(instance.Id, ct);
        var tracked = bookmarks.FirstOrDefault(b => b.Id == bookmark.Id) ?? bookmark;
        var decision = await engine.DecideTimerAsync(instance, bookmarks, tracked, subject, ct);
        if (!decision.Permitted)
        {
            Apply(decision.SkippedChanges);
            return FireOutcome.Skipped;
        }

        var transition = TransitionCatalogue.Find(subject.SubjectType, decision.Trigger)
            ?? throw new InvalidOperationException($"No typed transition carries out the timer trigger '{decision.Trigger}' on {subject.SubjectType}.");
        switch (subject, transition)
        {
            case (RemissSubject r, SimpleTransition<RemissSubject> t):
                await CarryOutAsync(engine, r, decision, bookmarks, t, NoData.Value, WorkflowActor.System, ct);
                break;
            case (RemissvarSubject s, SimpleTransition<RemissvarSubject> t):
                await CarryOutAsync(engine, s, decision, bookmarks, t, NoData.Value, WorkflowActor.System, ct);
                break;
            case (ProtokollSubject p, SimpleTransition<ProtokollSubject> t):
                await CarryOutAsync(engine, p, decision, bookmarks, t, NoData.Value, WorkflowActor.System, ct);
                break;
            case (SammantradeSubject m, SimpleTransition<SammantradeSubject> t):
                await CarryOutAsync(engine, m, decision, bookmarks, t, NoData.Value, WorkflowActor.System, ct);
                break;
            default:
                throw new InvalidOperationException($"The timer trigger '{decision.Trigger}' takes a {transition.PayloadType.Name}; a timer has no data to give it.");
        }

        return FireOutcome.Fired;
    }

    /// <summary>
    /// Moves one instance to <paramref name="target"/> with an explicit state mapping (the mapping
    /// was checked for the whole batch first): re-pins it, replaces its bookmarks, logs the step and
    /// records an audit event, all in the caller's transaction. Returns the engine's faults, if any.
    /// </summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(WorkflowInstance instance, WorkflowDefinition target, IReadOnlyDictionary<string, string> mapping, CancellationToken ct)
    {
        var engine = await host.EngineAsync(ct);
        var subject = await SubjectAsync(instance, ct);
        var bookmarks = await db.BookmarksOfAsync(instance.Id, ct);
        var (fromVersion, from) = (instance.Version, instance.State);
        var result = engine.Migrate(instance, bookmarks, target, mapping, subject, ToWorkflowActor(current.Actor));
        if (!result.Succeeded)
        {
            return result.Errors;
        }

        Apply(result.Changes);
        SetStatus(subject, instance);
        var source = engine.Registry.Get(instance.DefinitionId, fromVersion);
        string Label(WorkflowDefinition d, string s) => d.States.FirstOrDefault(x => x.Name == s)?.Label ?? s;
        audit.Record(subject.SubjectType, subject.Id, subject.Dnr, "workflow.migrate",
            $"Flyttad från {instance.DefinitionId} version {fromVersion} ({Label(source, from)}) till version {target.Version} ({Label(target, instance.State)})",
            before: new { version = fromVersion, state = from }, after: new { version = target.Version, state = instance.State });
        return [];
    }

    /// <summary>Every trigger a person could use now, each permitted or with the reason it is not.</summary>
    public async Task<IReadOnlyList<TriggerOption>> TriggersAsync(Remissvar svar, Actor actor, CancellationToken ct)
    {
        var remiss = await db.Remisser.AsNoTracking().FirstAsync(r => r.Id == svar.RemissId, ct);
        var options = await TriggersAsync(new RemissvarSubject(services, db, svar, remiss), actor, ct);

        // Rules decided in code outside the workflow (separation of duties, a complete TU): the button the command would
        // refuse is offered as blocked, with the command's own reason, rather than as a button that fails.
        Refusal? codeRule = null;
        var trigger = options.FirstOrDefault(o => o.Permitted && o.Trigger is "godkann" or Features.Remissvar.TuKomplett.Trigger)?.Trigger;
        if (trigger == "godkann")
        {
            codeRule = (await Features.Remissvar.Sjalvgodkannande.CheckAsync(db, svar, actor, ct)).Refusal;
        }
        else if (trigger is not null)
        {
            codeRule = await Features.Remissvar.TuKomplett.CheckAsync(db, svar, ct);
        }

        return codeRule is null
            ? options
            : options.Select(o => o.Trigger == trigger ? o with { Permitted = false, Reason = RefusalReason.Guard, RefusalMessage = codeRule.Message } : o).ToList();
    }

    public Task<IReadOnlyList<TriggerOption>> TriggersAsync(Remiss remiss, Actor actor, CancellationToken ct) =>
        TriggersAsync(new RemissSubject(services, db, remiss), actor, ct);

    private async Task<IReadOnlyList<TriggerOption>> TriggersAsync(CoreSubject subject, Actor actor, CancellationToken ct)
    {
        var engine = await host.EngineAsync(ct);
        var instance = await db.WorkflowInstances.AsNoTracking().FirstOrDefaultAsync(i => i.SubjectType == subject.SubjectType && i.SubjectId == subject.Id, ct);
        return instance is null ? [] : await engine.GetTriggersAsync(instance, ToWorkflowActor(actor), subject, ct);
    }

    /// <summary>
    /// The role rule alone (see <see cref="WorkflowEngine.RefuseRole"/>): a command checks it right after the
    /// organisation, before its own version and state checks, so who may is always decided before when.
    /// </summary>
    public async Task<Refusal?> RefuseRoleAsync(Guid? instanceId, string trigger, CancellationToken ct)
    {
        if (instanceId is not { } id || await db.WorkflowInstanceByIdAsync(id, ct) is not { } instance)
        {
            return null;
        }

        var engine = await host.EngineAsync(ct);
        var refusal = WorkflowEngine.RefuseRole(engine.Registry.Get(instance.DefinitionId, instance.Version), trigger, ToWorkflowActor(current.Actor));
        return refusal is null ? null : Refusal.Forbidden(refusal.Value.Message);
    }

    private async Task<CoreSubject> SubjectAsync(WorkflowInstance instance, CancellationToken ct)
    {
        if (instance.SubjectType == RemissSubject.Type)
        {
            var remiss = await db.Remisser.FirstAsync(r => r.Id == instance.SubjectId, ct);
            return new RemissSubject(services, db, remiss);
        }

        if (instance.SubjectType == ProtokollSubject.Type)
        {
            return await ProtokollSubjectAsync(await db.Protokoll.FirstAsync(p => p.Id == instance.SubjectId, ct), ct);
        }

        if (instance.SubjectType == GallringSubject.Type)
        {
            return new GallringSubject(services, db, await db.Gallringsbeslut.FirstAsync(g => g.Id == instance.SubjectId, ct));
        }

        if (instance.SubjectType == InkommandeSubject.Type)
        {
            return new InkommandeSubject(services, db, await db.Inkommande.FirstAsync(i => i.Id == instance.SubjectId, ct));
        }

        if (instance.SubjectType == SammantradeSubject.Type)
        {
            var meeting = await db.Sammantraden.FirstAsync(m => m.Id == instance.SubjectId, ct);
            return new SammantradeSubject(services, db, meeting, await db.Organ.FirstAsync(o => o.Id == meeting.OrganId, ct));
        }

        var svar = await db.Remissvar.FirstAsync(r => r.Id == instance.SubjectId, ct);
        var owner = await db.Remisser.FirstAsync(r => r.Id == svar.RemissId, ct);
        return new RemissvarSubject(services, db, svar, owner);
    }

    private async Task<(WorkflowInstance, List<WorkflowBookmark>)> LoadAsync(CoreSubject subject, CancellationToken ct)
    {
        // An instance started earlier in this unit of work is not in the database yet. The runner keeps its
        // own lists rather than asking DbSet.Local, which runs change detection over everything tracked.
        var instanceId = subject switch
        {
            RemissSubject r => r.Remiss.WorkflowInstanceId,
            RemissvarSubject s => s.Svar.WorkflowInstanceId,
            ProtokollSubject p => p.Protokoll.WorkflowInstanceId,
            SammantradeSubject m => m.Meeting.WorkflowInstanceId,
            GallringSubject g => g.Beslut.WorkflowInstanceId,
            InkommandeSubject i => i.Item.WorkflowInstanceId,
            _ => null,
        };
        var instance = _started.FirstOrDefault(i => i.SubjectType == subject.SubjectType && i.SubjectId == subject.Id && db.Entry(i).State == EntityState.Added)
            ?? (instanceId is { } id ? await db.WorkflowInstanceByIdAsync(id, ct) : null)
            ?? await db.WorkflowInstances.FirstAsync(i => i.SubjectType == subject.SubjectType && i.SubjectId == subject.Id, ct);
        return (instance, Current(instance, await db.BookmarksOfAsync(instance.Id, ct)));
    }

    /// <summary>The stored bookmarks as this unit of work sees them: minus those it deleted, plus those it created.</summary>
    private List<WorkflowBookmark> Current(WorkflowInstance instance, List<WorkflowBookmark> stored)
    {
        stored.RemoveAll(_removed.Contains);
        stored.AddRange(_added.Where(b => b.InstanceId == instance.Id && db.Entry(b).State == EntityState.Added));
        return stored;
    }

    private void Apply(WorkflowChanges changes)
    {
        var create = changes.BookmarksToCreate.ToList();
        foreach (var b in changes.BookmarksToDelete)
        {
            _added.Remove(b);
            _removed.Add(b);
            var entry = db.Entry(b);
            if (entry.State == EntityState.Added)
            {
                // Created and spent within this unit of work: it never reaches the database.
                entry.State = EntityState.Detached;
            }
            else if (b.Kind == BookmarkKinds.State && create.FirstOrDefault(n => n.Kind == BookmarkKinds.State && n.InstanceId == b.InstanceId) is { } next)
            {
                create.Remove(next);
                TakeOverRow(entry, next);
            }
            else
            {
                db.WorkflowBookmarks.Remove(b);
            }
        }

        db.WorkflowBookmarks.AddRange(create);
        _added.AddRange(create);
        if (changes.LogEntry is not null)
        {
            db.WorkflowLog.Add(changes.LogEntry);
        }
    }

    /// <summary>
    /// The next state's bookmark takes over the row of the one it replaces: an UPDATE of the name and
    /// time instead of a DELETE and an INSERT, each of which touched the table and all three of its
    /// indexes (none of which holds the name). Inside SQLite's single write turn that was a sizeable
    /// share of a state change.
    /// </summary>
    private void TakeOverRow(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<WorkflowBookmark> old, WorkflowBookmark next)
    {
        var stored = old.OriginalValues.Clone();
        old.State = EntityState.Detached;
        next.Id = old.Entity.Id;
        var entry = db.WorkflowBookmarks.Attach(next);
        entry.OriginalValues.SetValues(stored);
        entry.DetectChanges();
    }

    private static void SetStatus(CoreSubject subject, WorkflowInstance instance)
    {
        switch (subject)
        {
            case RemissSubject r:
                r.Remiss.Status = instance.State;
                r.Remiss.WorkflowInstanceId = instance.Id;
                break;
            case RemissvarSubject s:
                s.Svar.Status = instance.State;
                s.Svar.WorkflowInstanceId = instance.Id;
                break;
            case ProtokollSubject p:
                p.Protokoll.Status = instance.State;
                p.Protokoll.WorkflowInstanceId = instance.Id;
                break;
            case SammantradeSubject m:
                m.Meeting.Status = instance.State;
                m.Meeting.WorkflowInstanceId = instance.Id;
                break;
            case GallringSubject g:
                g.Beslut.Status = instance.State;
                g.Beslut.WorkflowInstanceId = instance.Id;
                break;
            case InkommandeSubject i:
                i.Item.Status = instance.State;
                i.Item.WorkflowInstanceId = instance.Id;
                break;
        }
    }

    private void RecordAudit(CoreSubject subject, WorkflowDefinition definition, string trigger, string from, string to, object payload, string? payloadJson)
    {
        var label = definition.Transitions.FirstOrDefault(t => t.Trigger == trigger)?.Label ?? trigger;
        string StateLabel(string s) => definition.States.FirstOrDefault(x => x.Name == s)?.Label ?? s;
        var text = from == to ? label : $"{label} ({StateLabel(from)} → {StateLabel(to)})";
        // A correction or undo must say why in the log itself, not only in the payload.
        if (payload is IMotiverad motiverad)
        {
            text = $"{text}. Skäl: {motiverad.Skal}";
        }

        // A registration under a number from the municipality's own diarium says so, since the series did not give it.
        if (payload is Registrering { FranDiarium: true } registrering)
        {
            text = $"{text}. Diarienummer {registrering.Diarienummer} taget från det egna diariet";
        }

        audit.Record(subject.SubjectType, subject.Id, subject.Dnr, $"workflow.{trigger}", text,
            before: new { state = from }, after: AfterJson(to, payloadJson));
    }

    /// <summary>The audit event's "after": the new state and the payload as already serialised (embedded, not parsed again).</summary>
    private static string AfterJson(string state, string? payloadJson)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = PayloadJson.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteString("state", state);
            writer.WritePropertyName("payload");
            if (payloadJson is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteRawValue(payloadJson, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// A transition the current user may fire only through a role held as ersättare is fired on the absent person's
    /// behalf: the audit events of the request (and an approval's signature) name them.
    /// </summary>
    private void MarkOnBehalf(TransitionDecision decision, Actor actor)
    {
        if (actor.IsSystem || actor.Uppdrag.Count == 0 || actor.UserId != current.Actor.UserId || decision.Transition is null)
        {
            return;
        }

        var needed = decision.Transition.Roles
            .Select(r => Enum.TryParse<Role>(r, out var role) ? role : (Role?)null).OfType<Role>();
        if (actor.OnBehalfFor(needed) is { } uppdrag)
        {
            current.ActOnBehalfOf(uppdrag);
        }
    }

    public static WorkflowActor ToWorkflowActor(Actor actor) => actor.IsSystem
        ? WorkflowActor.System
        : new WorkflowActor(actor.UserId, actor.Name, actor.OrganisationId, actor.Roles.Select(r => r.ToString()).ToHashSet(StringComparer.Ordinal));
}
