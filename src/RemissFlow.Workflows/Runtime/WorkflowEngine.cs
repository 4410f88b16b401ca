using System.Text.Json;
using RemissFlow.Workflows.Calendar;
using RemissFlow.Workflows.Definitions;

namespace RemissFlow.Workflows.Runtime;

/// <summary>
/// Decides triggers on instances and plans what a decided step changes. Pure: it reads the instance, its
/// bookmarks and the subject, runs the host's read-only guards and decides (<see cref="DecideAsync"/>);
/// the host makes the domain change itself, in typed code, and then <see cref="Commit"/> moves the
/// instance in memory and returns the bookmark rows and the log entry for the host to save in its own
/// transaction. The engine runs no host code that changes anything. Thread-safe; share one.
/// </summary>
public sealed class WorkflowEngine(WorkflowRegistry registry, TimeProvider timeProvider, IWorkingDayCalendar calendar)
{
    public WorkflowRegistry Registry => registry;

    /// <summary>Starts an instance on the latest version of <paramref name="definitionId"/>, in its initial state.</summary>
    public WorkflowStartResult Start(string definitionId, IWorkflowSubject subject, WorkflowActor actor)
    {
        var definition = registry.Latest(definitionId);
        var now = timeProvider.GetUtcNow();
        var instance = new WorkflowInstance
        {
            Id = Guid.CreateVersion7(now),
            DefinitionId = definition.DefinitionId,
            Version = definition.Version,
            State = definition.InitialState,
            SubjectType = subject.SubjectType,
            SubjectId = subject.Id,
            Sequence = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var create = new List<WorkflowBookmark> { StateBookmark(instance, now) };
        foreach (var timer in definition.TimersActiveIn(instance.State))
        {
            AddTimerIfAhead(create, instance, timer, subject, now);
        }
        var log = Log(instance, "start", null, instance.State, actor, null, now);
        return new WorkflowStartResult(instance, new WorkflowChanges([], create, log));
    }

    /// <summary>
    /// Every trigger a person could use from the current state, each permitted or with the Swedish
    /// reason it is not (so the UI can grey out a button and explain). Timer-only triggers are
    /// left out for people. Guards run only when role and organisation already pass.
    /// </summary>
    public async Task<IReadOnlyList<TriggerOption>> GetTriggersAsync(
        WorkflowInstance instance, WorkflowActor actor, IWorkflowSubject subject, CancellationToken cancellationToken = default)
    {
        var definition = registry.Get(instance.DefinitionId, instance.Version);
        var options = new List<TriggerOption>();
        foreach (var t in definition.TransitionsFrom(instance.State))
        {
            if (!actor.IsSystem && t.Roles.All(r => r == WorkflowRoles.System))
            {
                continue;
            }
            var refusal = await CheckAsync(definition, instance, t, actor, subject, payload: null, checkPayload: false, cancellationToken).ConfigureAwait(false);
            options.Add(new TriggerOption(t.Trigger, t.Label, t.To, refusal is null, refusal?.Reason ?? RefusalReason.None, refusal?.Message, t.RequiresPayload));
        }
        return options;
    }

    /// <summary>The triggers this actor may fire now: what the web app draws as buttons.</summary>
    public async Task<IReadOnlyList<TriggerOption>> PermittedTriggersAsync(
        WorkflowInstance instance, WorkflowActor actor, IWorkflowSubject subject, CancellationToken cancellationToken = default) =>
        (await GetTriggersAsync(instance, actor, subject, cancellationToken).ConfigureAwait(false)).Where(o => o.Permitted).ToList();

    /// <summary>
    /// Decides whether <paramref name="trigger"/> may fire now, for <paramref name="actor"/>, with
    /// <paramref name="payload"/> (the host's typed record for the trigger, checked against the
    /// definition's <c>requiresPayload</c>). Changes nothing: on a permitted decision the host makes
    /// its typed change and then calls <see cref="Commit"/>. Refusals a user can cause come back with
    /// a Swedish message, never as an exception.
    /// </summary>
    public async Task<TransitionDecision> DecideAsync(
        WorkflowInstance instance,
        string trigger,
        WorkflowActor actor,
        IWorkflowSubject subject,
        object? payload = null,
        CancellationToken cancellationToken = default)
    {
        var definition = registry.Get(instance.DefinitionId, instance.Version);
        var transition = definition.FindTransition(instance.State, trigger);
        if (transition is null)
        {
            var any = definition.Transitions.FirstOrDefault(t => t.Trigger == trigger);
            // Who may is decided before when: someone who could never fire this trigger is told so, not what state the case is in.
            if (RefuseRole(definition, trigger, actor) is { } forbidden)
            {
                return TransitionDecision.Refused(trigger, forbidden.Reason, forbidden.Message);
            }

            var state = definition.FindState(instance.State);
            return any is null
                ? TransitionDecision.Refused(trigger, RefusalReason.UnknownTrigger, $"Händelsen ”{trigger}” finns inte i arbetsflödet {definition.Title}.")
                : TransitionDecision.Refused(trigger, RefusalReason.WrongState,
                    state is { Terminal: true }
                        ? $"”{any.Label}” går inte att göra: ärendet är avslutat ({state.Label})."
                        : $"”{any.Label}” går inte att göra när ärendet är i läget ”{state?.Label ?? instance.State}”.");
        }

        var refusal = await CheckAsync(definition, instance, transition, actor, subject, payload, checkPayload: true, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return TransitionDecision.Refused(trigger, refusal.Value.Reason, refusal.Value.Message);
        }

        return new TransitionDecision
        {
            Outcome = DecisionOutcome.Permitted,
            Trigger = trigger,
            Instance = instance,
            Definition = definition,
            Transition = transition,
            From = instance.State,
            To = transition.To ?? instance.State,
            Sequence = instance.Sequence,
        };
    }

    /// <summary>
    /// Decides a due timer, as the system. Idempotent: a bookmark that is gone (already fired), not yet due,
    /// whose timer is not active in the current state, or that a guard turns down is skipped, and the skip
    /// only clears the spent bookmark away.
    /// </summary>
    public async Task<TransitionDecision> DecideTimerAsync(
        WorkflowInstance instance,
        IReadOnlyCollection<WorkflowBookmark> bookmarks,
        WorkflowBookmark timerBookmark,
        IWorkflowSubject subject,
        CancellationToken cancellationToken = default)
    {
        if (timerBookmark.InstanceId != instance.Id || !timerBookmark.IsTimer)
        {
            throw new ArgumentException("The bookmark is not a timer of this instance.", nameof(timerBookmark));
        }
        var trigger = timerBookmark.Trigger ?? "";
        if (!bookmarks.Any(b => b.Id == timerBookmark.Id))
        {
            return TransitionDecision.Skipped(trigger, "Påminnelsen har redan hanterats.");
        }
        var definition = registry.Get(instance.DefinitionId, instance.Version);
        var timer = definition.Timers.FirstOrDefault(t => t.Name == timerBookmark.Name);
        if (timer is null || !timer.ActiveIn.Contains(instance.State))
        {
            return TransitionDecision.Skipped(trigger, "Påminnelsen gäller inte längre ärendets läge.", timerBookmark);
        }
        if (timerBookmark.ResumeAt > timeProvider.GetUtcNow())
        {
            return TransitionDecision.Skipped(trigger, "Påminnelsen är inte förfallen än.");
        }
        var decision = await DecideAsync(instance, timer.Trigger, WorkflowActor.System, subject, null, cancellationToken).ConfigureAwait(false);
        // A timer a guard turns down is spent all the same; left in place it would be due again at every poll.
        return decision.Permitted
            ? decision with { ConsumedTimer = timerBookmark }
            : TransitionDecision.Skipped(timer.Trigger, decision.Message ?? "", timerBookmark);
    }

    /// <summary>
    /// Carries out a permitted <paramref name="decision"/> after the host made its change: moves the instance
    /// to the decided state in memory and returns the bookmark rows and the log entry to save with the
    /// host's change. Bookmarks are planned here, after the change, which may have moved a date the timers
    /// count from (anstånd). <paramref name="payloadJson"/> is the host's record of the payload for the log.
    /// </summary>
    /// <param name="bookmarks">The instance's current bookmarks, as stored.</param>
    public WorkflowFireResult Commit(
        TransitionDecision decision,
        IReadOnlyCollection<WorkflowBookmark> bookmarks,
        IWorkflowSubject subject,
        WorkflowActor actor,
        string? payloadJson = null)
    {
        if (!decision.Permitted || decision.Instance is not { } instance || decision.Transition is not { } transition)
        {
            throw new InvalidOperationException($"Only a permitted decision can be committed; '{decision.Trigger}' was {decision.Outcome}.");
        }
        if (instance.Sequence != decision.Sequence || instance.State != decision.From)
        {
            throw new InvalidOperationException($"The instance moved on after '{decision.Trigger}' was decided; decide again.");
        }

        var now = timeProvider.GetUtcNow();
        var (from, to) = (decision.From!, decision.To!);
        var (delete, create) = PlanBookmarks(decision.Definition!, instance, bookmarks, from, to, reenter: transition.To is not null, transition.RecomputeTimers, decision.ConsumedTimer, subject, now);
        instance.State = to;
        instance.Sequence++;
        instance.UpdatedAt = now;
        var log = Log(instance, decision.Trigger, from, to, actor, payloadJson, now);
        return new WorkflowFireResult(FireOutcome.Fired, RefusalReason.None, null, from, to, new WorkflowChanges(delete, create, log));
    }

    /// <summary>
    /// Timer bookmarks due at <paramref name="now"/> and not claimed by a live lease, oldest first.
    /// The host's poller runs the same rule as a query; this is the in-memory form.
    /// </summary>
    public static IReadOnlyList<WorkflowBookmark> DueTimers(IEnumerable<WorkflowBookmark> bookmarks, DateTimeOffset now) =>
        bookmarks
            .Where(b => b.IsTimer && b.ResumeAt is { } at && at <= now && (b.ClaimedUntil is null || b.ClaimedUntil <= now))
            .OrderBy(b => b.ResumeAt)
            .ThenBy(b => b.Id)
            .ToList();

    /// <summary>
    /// Reschedules the date-relative timers of the current state after a date of the subject changed
    /// outside a transition (a corrected svarsdatum). A reminder that already went out is scheduled
    /// again against the new date; one whose new time has passed is dropped.
    /// </summary>
    public WorkflowChanges RecomputeTimers(WorkflowInstance instance, IReadOnlyCollection<WorkflowBookmark> bookmarks, IWorkflowSubject subject)
    {
        var definition = registry.Get(instance.DefinitionId, instance.Version);
        var (delete, create) = PlanBookmarks(definition, instance, bookmarks, instance.State, instance.State, reenter: false, recompute: true, consumed: null, subject, timeProvider.GetUtcNow());
        return new WorkflowChanges(delete, create, null);
    }

    /// <summary>
    /// Checks that <paramref name="stateMapping"/> maps every non-terminal state of
    /// <paramref name="source"/> to a state of <paramref name="target"/>; returns the faults.
    /// </summary>
    public static IReadOnlyList<string> ValidateMapping(WorkflowDefinition source, WorkflowDefinition target, IReadOnlyDictionary<string, string> stateMapping)
    {
        var errors = new List<string>();
        if (source.DefinitionId != target.DefinitionId)
        {
            errors.Add($"Cannot migrate {source} to another definition, {target}.");
        }
        if (source.Version == target.Version)
        {
            errors.Add($"{source} is already version {target.Version}.");
        }
        foreach (var (from, to) in stateMapping)
        {
            if (source.FindState(from) is null)
            {
                errors.Add($"Mapping from '{from}': no such state in {source}.");
            }
            if (target.FindState(to) is null)
            {
                errors.Add($"Mapping '{from}' → '{to}': no such state in {target}.");
            }
        }
        foreach (var state in source.States.Where(s => !s.Terminal && !stateMapping.ContainsKey(s.Name)))
        {
            errors.Add($"State '{state.Name}' of {source} is not mapped to a state of {target}.");
        }
        return errors;
    }

    /// <summary>
    /// Moves one instance to another version of its definition (the <c>workflow migrate</c> command):
    /// validates the mapping, re-pins the instance, replaces all its bookmarks with the new state's
    /// (duration timers count from the migration) and logs the step as trigger "migrate".
    /// </summary>
    public WorkflowMigrationResult Migrate(
        WorkflowInstance instance,
        IReadOnlyCollection<WorkflowBookmark> bookmarks,
        WorkflowDefinition target,
        IReadOnlyDictionary<string, string> stateMapping,
        IWorkflowSubject subject,
        WorkflowActor actor)
    {
        var source = registry.Get(instance.DefinitionId, instance.Version);
        var errors = ValidateMapping(source, target, stateMapping).ToList();
        if (!stateMapping.ContainsKey(instance.State))
        {
            errors.Add($"The instance's state '{instance.State}' is not mapped.");
        }
        if (registry.Find(target.DefinitionId, target.Version) is null)
        {
            errors.Add($"{target} is not loaded in the registry; load it before migrating to it.");
        }
        if (errors.Count > 0)
        {
            return WorkflowMigrationResult.Failed(errors);
        }

        var now = timeProvider.GetUtcNow();
        var from = instance.State;
        var to = stateMapping[from];
        var create = new List<WorkflowBookmark>();
        if (!target.GetState(to).Terminal)
        {
            create.Add(StateBookmark(instance, now, to));
            foreach (var timer in target.TimersActiveIn(to))
            {
                AddTimerIfAhead(create, instance, timer, subject, now);
            }
        }
        var payload = JsonSerializer.Serialize(new { fromVersion = instance.Version, toVersion = target.Version });
        instance.Version = target.Version;
        instance.State = to;
        instance.Sequence++;
        instance.UpdatedAt = now;
        var log = Log(instance, "migrate", from, to, actor, payload, now);
        return new WorkflowMigrationResult(true, [], new WorkflowChanges(bookmarks.ToList(), create, log));
    }

    /// <summary>
    /// The role rule on its own, over every transition of <paramref name="trigger"/> whatever the state: null when
    /// the actor holds a role for at least one of them (or the trigger is unknown), else the refusal. Callers check
    /// it before anything that depends on the case's state or version, so a person without the right gets 403 first.
    /// </summary>
    public static (RefusalReason Reason, string Message)? RefuseRole(WorkflowDefinition definition, string trigger, WorkflowActor actor)
    {
        var candidates = definition.Transitions.Where(t => t.Trigger == trigger).ToList();
        if (candidates.Count == 0 || candidates.Any(t => t.Roles.Any(actor.Roles.Contains)))
        {
            return null;
        }

        var t = candidates[0];
        var human = candidates.SelectMany(c => c.Roles).Distinct().Where(r => r != WorkflowRoles.System).Select(WorkflowRoles.SwedishLabel).ToList();
        var roles = human.Count == 0 ? "systemet" : JoinSwedish(human, "eller");
        var noun = human.Count > 1 ? "en av rollerna" : "rollen";
        return (RefusalReason.Role, $"Du saknar behörighet för ”{t.Label}”: det kräver {(human.Count == 0 ? roles : $"{noun} {roles}")}.");
    }

    private async Task<(RefusalReason Reason, string Message)?> CheckAsync(
        WorkflowDefinition definition,
        WorkflowInstance instance,
        TransitionDefinition t,
        WorkflowActor actor,
        IWorkflowSubject subject,
        object? payload,
        bool checkPayload,
        CancellationToken cancellationToken)
    {
        if (!t.Roles.Any(actor.Roles.Contains))
        {
            var human = t.Roles.Where(r => r != WorkflowRoles.System).Select(WorkflowRoles.SwedishLabel).ToList();
            var roles = human.Count == 0 ? "systemet" : JoinSwedish(human, "eller");
            var noun = human.Count > 1 ? "en av rollerna" : "rollen";
            return (RefusalReason.Role, $"Du saknar behörighet för ”{t.Label}”: det kräver {(human.Count == 0 ? roles : $"{noun} {roles}")}.");
        }

        if (!actor.IsSystem)
        {
            var owner = actor.OrganisationId == subject.OwnerOrganisationId;
            var sender = subject.SenderOrganisationId is { } s && actor.OrganisationId == s;
            var message = t.ActorOrganisation switch
            {
                ActorOrganisationRule.Owner when !owner => $"”{t.Label}” får bara göras av den organisation som äger ärendet.",
                ActorOrganisationRule.Sender when !sender => $"”{t.Label}” får bara göras av den organisation som skickade remissen.",
                ActorOrganisationRule.OwnerOrSender when !owner && !sender => $"”{t.Label}” får bara göras av ärendets ägare eller av remissens avsändare.",
                _ => null,
            };
            if (message is not null)
            {
                return (RefusalReason.Organisation, message);
            }
        }

        if (checkPayload && t.RequiresPayload.Count > 0)
        {
            var missing = t.RequiresPayload.Where(name => !PayloadFields.HasValue(payload, name)).ToList();
            if (missing.Count > 0)
            {
                var noun = missing.Count == 1 ? "uppgiften" : "uppgifterna";
                return (RefusalReason.MissingPayload, $"'{t.Label}' kräver {noun} {JoinSwedish(missing, "och")}.");
            }
        }

        foreach (var name in t.Guards)
        {
            var result = await registry.Guard(name)
                .CheckAsync(new GuardContext(instance, definition, t, actor, subject, payload), cancellationToken)
                .ConfigureAwait(false);
            if (!result.Allowed)
            {
                return (RefusalReason.Guard, result.Reason ?? $"'{t.Label}' är inte tillåtet just nu.");
            }
        }
        return null;
    }

    private static string JoinSwedish(IReadOnlyList<string> items, string conjunction) =>
        items.Count == 1 ? items[0] : $"{string.Join(", ", items.Take(items.Count - 1))} {conjunction} {items[^1]}";

    /// <summary>
    /// What bookmarks change when the instance goes from <paramref name="from"/> to <paramref name="to"/>.
    /// A timer active in both states keeps its bookmark (or stays spent once fired), so moving between
    /// beredning states never repeats a reminder; a timer that becomes active is scheduled only if its
    /// time is still ahead.
    /// </summary>
    private (List<WorkflowBookmark> Delete, List<WorkflowBookmark> Create) PlanBookmarks(
        WorkflowDefinition definition,
        WorkflowInstance instance,
        IReadOnlyCollection<WorkflowBookmark> bookmarks,
        string from,
        string to,
        bool reenter,
        bool recompute,
        WorkflowBookmark? consumed,
        IWorkflowSubject subject,
        DateTimeOffset now)
    {
        var delete = new List<WorkflowBookmark>();
        var create = new List<WorkflowBookmark>();
        if (consumed is not null)
        {
            delete.Add(consumed);
        }
        var live = bookmarks.Where(b => b.Id != consumed?.Id).ToList();
        var terminal = definition.GetState(to).Terminal;

        if (reenter)
        {
            delete.AddRange(live.Where(b => b.Kind == BookmarkKinds.State));
            if (!terminal)
            {
                create.Add(StateBookmark(instance, now, to));
            }
        }

        var keptTimers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var b in live.Where(b => b.IsTimer))
        {
            var timer = definition.Timers.FirstOrDefault(t => t.Name == b.Name);
            var stays = timer is not null && timer.ActiveIn.Contains(to) && !(recompute && timer.At.IsFieldRelative);
            if (stays)
            {
                keptTimers.Add(b.Name);
            }
            else
            {
                delete.Add(b);
            }
        }

        foreach (var timer in definition.TimersActiveIn(to))
        {
            if (keptTimers.Contains(timer.Name) || timer.Name == consumed?.Name)
            {
                continue;
            }
            var becameActive = reenter && !timer.ActiveIn.Contains(from);
            if (becameActive || (recompute && timer.At.IsFieldRelative))
            {
                AddTimerIfAhead(create, instance, timer, subject, now);
            }
        }
        return (delete, create);
    }

    private void AddTimerIfAhead(List<WorkflowBookmark> create, WorkflowInstance instance, TimerDefinition timer, IWorkflowSubject subject, DateTimeOffset now)
    {
        var at = ResumeAt(timer, subject, now);
        if (at is { } resumeAt && resumeAt > now)
        {
            create.Add(new WorkflowBookmark
            {
                Id = Guid.CreateVersion7(now),
                InstanceId = instance.Id,
                Kind = BookmarkKinds.Timer,
                Name = timer.Name,
                Trigger = timer.Trigger,
                ResumeAt = resumeAt,
                CreatedAt = now,
            });
        }
    }

    /// <summary>When <paramref name="timer"/> fires for <paramref name="subject"/> if its state is entered at <paramref name="enteredAt"/>; null when the date field is unset.</summary>
    public DateTimeOffset? ResumeAt(TimerDefinition timer, IWorkflowSubject subject, DateTimeOffset enteredAt)
    {
        if (timer.At.After is { } after)
        {
            return enteredAt + after;
        }
        if (subject.GetDate(timer.At.Field!) is not { } date)
        {
            return null;
        }
        var day = timer.At.WorkingDays is { } workingDays
            ? calendar.AddWorkingDays(date, workingDays)
            : date.AddDaysClamped(timer.At.Days ?? 0);
        return StockholmTime.ToUtc(day, timer.At.Time);
    }

    private static WorkflowBookmark StateBookmark(WorkflowInstance instance, DateTimeOffset now, string? state = null) => new()
    {
        Id = Guid.CreateVersion7(now),
        InstanceId = instance.Id,
        Kind = BookmarkKinds.State,
        Name = state ?? instance.State,
        CreatedAt = now,
    };

    private static WorkflowExecutionLogEntry Log(WorkflowInstance instance, string trigger, string? from, string to, WorkflowActor actor, string? payloadJson, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        InstanceId = instance.Id,
        Sequence = instance.Sequence,
        At = now,
        Trigger = trigger,
        FromState = from,
        ToState = to,
        Version = instance.Version,
        ActorId = actor.Id,
        ActorName = actor.Name,
        PayloadJson = payloadJson,
    };
}
