using System.Text.Json;
using RemissFlow.Workflows.Calendar;
using RemissFlow.Workflows.Definitions;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Workflows.Tests.Support;

/// <summary>The subject the tests drive: a remiss or remissvar with a svarsdatum the actions may move.</summary>
public sealed class TestSubject(string subjectType, Guid owner, Guid? sender, DateOnly? svarsdatum) : IWorkflowSubject
{
    public string SubjectType { get; } = subjectType;
    public Guid Id { get; } = Guid.NewGuid();
    public Guid OwnerOrganisationId { get; } = owner;
    public Guid? SenderOrganisationId { get; } = sender;
    public DateOnly? Svarsdatum { get; set; } = svarsdatum;

    public DateOnly? GetDate(string field) => field == "svarsdatum" ? Svarsdatum : null;
}

/// <summary>
/// Plays the part Core will play: registers every guard the definitions name and declares every action,
/// carries out a permitted decision between deciding and committing (recording the declared actions, as
/// Core's typed transitions carry them out), keeps the rows the engine hands back (as a DbContext would)
/// and runs due timers (as the background service would).
/// </summary>
public sealed class TestHost
{
    public static readonly string[] GuardNames =
    [
        "anstand.begart", "anstand.inget_pagaende", "avsandare.tillater_forvaltningens_svar", "avsandare.tillater_preliminart_svar",
        "beredning.organ_klara", "beredning.organ_kravs", "remiss.alla_har_svarat", "remiss.svaret_beslutat", "remiss.alla_instanser_nadda",
        "remiss.klar_for_utskick", "sammantrade.inget_fore_svarsdatum", "svar.handlingar_kompletta", "tu.utkast_finns",
        "protokoll.justerare_valda", "protokoll.alla_har_justerat",
    ];

    public static readonly string[] ActionNames =
    [
        "anstand.avsla", "anstand.begar", "anstand.bevilja", "anstand.registrera_beviljat", "arende.tilldela_handlaggare",
        "beredning.anmal_till_organ", "beredning.registrera_behandling", "beslut.anmal_ordforandebeslut", "beslut.registrera", "beslut.ratta", "beslut.angra",
        "beslut.registrera_aterremiss", "beslut.registrera_ordforandebeslut", "diarium.registrera", "foredragningslista.lagg_till", "kallelse.skicka", "kallelse.skicka_tillagg", "notify.ledamoter",
        "foredragningslista.ta_bort", "notify.avsandare", "notify.forvaltningschef", "notify.handlaggare", "notify.instans",
        "notify.ks", "notify.namndsekreterare", "notify.sena_instanser", "protokoll.registrera_justering", "remiss.aterkalla_alla_svar", "remiss.aterkalla_internremisser", "remiss.expediera",
        "remiss.avsluta", "remiss.sammanstall", "remiss.skicka_ut", "remisslista.lagg_till", "sammantrade.avsluta", "sammantrade.oppna", "svar.registrera_avstar",
        "svar.registrera_inkommet", "svar.skicka_avstar", "svar.skicka_preliminart", "svar.skicka_till_avsandare",
        "svar.stang_vid_aterkallelse", "tu.faststall", "tu.registrera_retur",
        "protokoll.valj_justerare", "protokoll.markera_offentlighet", "notify.justerare", "protokoll.godkann", "protokoll.godkann_paragraf",
        "protokoll.las", "protokoll.ansla", "protokoll.ta_ned", "notify.justering_sen", "gallring.verkstall", "gallring.avbryt",
        "inkommande.registrera_remiss", "inkommande.registrera_svar", "inkommande.lagg_till_arende", "inkommande.ej_allman_handling", "inkommande.ateroppna",
    ];

    public static readonly Guid Ks = Guid.Parse("00000000-0000-0000-0000-00000000a001");
    public static readonly Guid Sf = Guid.Parse("00000000-0000-0000-0000-00000000b002");
    public static readonly Guid Sof = Guid.Parse("00000000-0000-0000-0000-00000000c003");

    public static readonly WorkflowActor KsRegistrator = WorkflowActor.Create(Guid.NewGuid(), "Karin Registrator", Ks, WorkflowRoles.Registrator);
    public static readonly WorkflowActor KsSamordnare = WorkflowActor.Create(Guid.NewGuid(), "Kalle Samordnare", Ks, WorkflowRoles.KsSamordnare);
    public static readonly WorkflowActor Registrator = WorkflowActor.Create(Guid.NewGuid(), "Rut Registrator", Sf, WorkflowRoles.Registrator);
    public static readonly WorkflowActor Handlaggare = WorkflowActor.Create(Guid.NewGuid(), "Hanna Handläggare", Sf, WorkflowRoles.Handlaggare);
    public static readonly WorkflowActor Chef = WorkflowActor.Create(Guid.NewGuid(), "Fredrik Förvaltningschef", Sf, WorkflowRoles.Forvaltningschef);
    public static readonly WorkflowActor Sekreterare = WorkflowActor.Create(Guid.NewGuid(), "Nina Nämndsekreterare", Sf, WorkflowRoles.Namndsekreterare);
    public static readonly WorkflowActor AnnanHandlaggare = WorkflowActor.Create(Guid.NewGuid(), "Olle på Socialförvaltningen", Sof, WorkflowRoles.Handlaggare, WorkflowRoles.Forvaltningschef);

    public TestHost(DateTimeOffset now, IWorkingDayCalendar? calendar = null, IEnumerable<(string Source, string Json)>? files = null)
    {
        Clock = new FakeClock(now);
        var guards = GuardNames.Select(n => new DelegateGuard(n, this)).ToList();
        files ??= Directory.GetFiles(RepoPaths.Workflows, "*.v*.json").Order().Select(f => (f, File.ReadAllText(f)));
        Registry = WorkflowRegistry.LoadAsync(files, guards, ActionNames, Ledger, Clock).GetAwaiter().GetResult();
        Engine = new WorkflowEngine(Registry, Clock, calendar ?? new WeekdayCalendar());
    }

    public FakeClock Clock { get; }
    public InMemoryPublishedVersionLedger Ledger { get; } = new();
    public WorkflowRegistry Registry { get; }
    public WorkflowEngine Engine { get; }

    /// <summary>Guard outcomes by name; an unlisted guard allows.</summary>
    public Dictionary<string, Func<GuardContext, GuardResult>> Guards { get; } = [];

    /// <summary>Extra effects of actions by name (e.g. one that throws), run between the decision and the commit.</summary>
    public Dictionary<string, Action<TransitionDecision>> ActionEffects { get; } = [];

    public List<(string Action, string Trigger, string From, string To)> Executed { get; } = [];
    public List<WorkflowBookmark> Bookmarks { get; } = [];
    public List<WorkflowExecutionLogEntry> Log { get; } = [];
    public Dictionary<Guid, (WorkflowInstance Instance, IWorkflowSubject Subject)> Instances { get; } = [];

    public IReadOnlyList<WorkflowBookmark> BookmarksOf(WorkflowInstance instance) => Bookmarks.Where(b => b.InstanceId == instance.Id).ToList();

    public WorkflowBookmark? Timer(WorkflowInstance instance, string name) =>
        Bookmarks.SingleOrDefault(b => b.InstanceId == instance.Id && b.IsTimer && b.Name == name);

    public IReadOnlyList<string> TimerNames(WorkflowInstance instance) =>
        BookmarksOf(instance).Where(b => b.IsTimer).Select(b => b.Name).Order().ToList();

    public WorkflowInstance Start(string definitionId, IWorkflowSubject subject, WorkflowActor? actor = null)
    {
        var result = Engine.Start(definitionId, subject, actor ?? WorkflowActor.System);
        Instances[result.Instance.Id] = (result.Instance, subject);
        Apply(result.Changes);
        return result.Instance;
    }

    public WorkflowFireResult Fire(WorkflowInstance instance, string trigger, WorkflowActor actor, object? payload = null)
    {
        var subject = Instances[instance.Id].Subject;
        var decision = Engine.DecideAsync(instance, trigger, actor, subject, payload).GetAwaiter().GetResult();
        return decision.Permitted
            ? Carry(decision, subject, actor, payload)
            : new WorkflowFireResult(FireOutcome.Refused, decision.Reason, decision.Message, null, null, WorkflowChanges.None);
    }

    /// <summary>Fires, and fails the test with the refusal message when refused.</summary>
    public void Do(WorkflowInstance instance, string trigger, WorkflowActor actor, object? payload = null)
    {
        var result = Fire(instance, trigger, actor, payload);
        Assert.That(result.Outcome, Is.EqualTo(FireOutcome.Fired), () => $"{trigger} from {instance.State}: {result.Message}");
    }

    /// <summary>Decides and carries out one timer bookmark against <paramref name="bookmarks"/>, without applying the changes.</summary>
    public WorkflowFireResult FireTimer(WorkflowInstance instance, IReadOnlyCollection<WorkflowBookmark> bookmarks, WorkflowBookmark timer)
    {
        var subject = Instances[instance.Id].Subject;
        var decision = Engine.DecideTimerAsync(instance, bookmarks, timer, subject).GetAwaiter().GetResult();
        return decision.Permitted
            ? Carry(decision, subject, WorkflowActor.System, null, bookmarks, apply: false)
            : new WorkflowFireResult(FireOutcome.Skipped, RefusalReason.None, decision.Message, null, null, decision.SkippedChanges);
    }

    /// <summary>Fires every due timer of every instance, as the host's background service would; returns the triggers fired.</summary>
    public List<string> RunDueTimers()
    {
        var fired = new List<string>();
        foreach (var due in WorkflowEngine.DueTimers(Bookmarks, Clock.GetUtcNow()))
        {
            var (instance, subject) = Instances[due.InstanceId];
            var decision = Engine.DecideTimerAsync(instance, BookmarksOf(instance), due, subject).GetAwaiter().GetResult();
            if (decision.Permitted)
            {
                Carry(decision, subject, WorkflowActor.System, null);
                fired.Add(due.Trigger!);
            }
            else
            {
                Apply(decision.SkippedChanges);
            }
        }
        return fired;
    }

    public void Apply(WorkflowChanges changes)
    {
        foreach (var b in changes.BookmarksToDelete)
        {
            Bookmarks.RemoveAll(x => x.Id == b.Id);
        }
        Bookmarks.AddRange(changes.BookmarksToCreate);
        if (changes.LogEntry is not null)
        {
            Log.Add(changes.LogEntry);
        }
    }

    public IEnumerable<string> ActionsOf(string trigger) => Executed.Where(e => e.Trigger == trigger).Select(e => e.Action);

    private sealed class DelegateGuard(string name, TestHost host) : IWorkflowGuard
    {
        public string Name => name;

        public ValueTask<GuardResult> CheckAsync(GuardContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(host.Guards.TryGetValue(name, out var rule) ? rule(context) : GuardResult.Allow());
    }

    /// <summary>What Core's typed transition does between decision and commit: carry out the declared actions, then commit.</summary>
    private WorkflowFireResult Carry(TransitionDecision decision, IWorkflowSubject subject, WorkflowActor actor, object? payload, IReadOnlyCollection<WorkflowBookmark>? bookmarks = null, bool apply = true)
    {
        foreach (var name in decision.Transition!.Actions)
        {
            if (ActionEffects.TryGetValue(name, out var effect))
            {
                effect(decision);
            }
            Executed.Add((name, decision.Trigger, decision.From!, decision.To!));
            // What Core's anstånd transitions do to the subject, so the timer recomputation can be observed.
            if (name is "anstand.bevilja" or "anstand.registrera_beviljat" && subject is TestSubject s)
            {
                s.Svarsdatum = DateOnly.Parse((string)PayloadFields.Find(payload!.GetType(), "nyttSvarsdatum")!.GetValue(payload)!, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        var result = Engine.Commit(decision, bookmarks ?? BookmarksOf(decision.Instance!), subject, actor, payload is null ? null : JsonSerializer.Serialize(payload));
        if (apply)
        {
            Apply(result.Changes);
        }
        return result;
    }
}
