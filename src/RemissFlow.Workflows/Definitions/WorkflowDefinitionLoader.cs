using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Xml;
using RemissFlow.Workflows.Schema;

namespace RemissFlow.Workflows.Definitions;

/// <summary>
/// Reads one definition file: JSON Schema first, then the rules a schema cannot express (states
/// that exist, are reachable, triggers a timer can fire, guards and actions that code provides).
/// </summary>
public static class WorkflowDefinitionLoader
{
    private static readonly Lazy<SchemaValidator> Schema = new(() => SchemaValidator.Parse(SchemaText));

    /// <summary>The schema embedded from <c>workflows/schema.json</c>.</summary>
    public static string SchemaText
    {
        get
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("RemissFlow.Workflows.schema.json")
                ?? throw new InvalidOperationException("The workflow schema is not embedded in the assembly.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <summary>
    /// Parses and checks one file. Returns the definition, or null with <paramref name="errors"/> filled.
    /// <paramref name="source"/> names the file in messages; when it looks like a file name it must be <c>{definitionId}.v{version}.json</c>.
    /// </summary>
    public static WorkflowDefinition? Load(
        string source,
        string json,
        IReadOnlySet<string> guardNames,
        IReadOnlySet<string> actionNames,
        out IReadOnlyList<DefinitionError> errors)
    {
        var found = new List<DefinitionError>();
        errors = found;
        void Fault(string path, string message) => found.Add(new DefinitionError(source, path, message));

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException ex)
        {
            Fault($"$ (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})", $"is not valid JSON: {ex.Message}");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            foreach (var e in Schema.Value.Validate(root))
            {
                Fault(e.Path, e.Message);
            }
            if (found.Count > 0)
            {
                return null;
            }

            var definition = Map(source, root);
            CheckRules(definition, root, guardNames, actionNames, Fault);
            return found.Count == 0 ? definition : null;
        }
    }

    private static WorkflowDefinition Map(string source, JsonElement root)
    {
        var states = root.GetProperty("states").EnumerateArray().Select(s => new StateDefinition(
            s.GetProperty("name").GetString()!,
            s.GetProperty("label").GetString()!,
            s.TryGetProperty("terminal", out var t) && t.GetBoolean(),
            s.TryGetProperty("category", out var c) ? c.GetString() : null)).ToList();

        var transitions = root.GetProperty("transitions").EnumerateArray().Select((t, i) =>
        {
            var from = t.GetProperty("from");
            var fromAny = from.ValueKind == JsonValueKind.String && from.GetString() == "*";
            return new TransitionDefinition
            {
                Trigger = t.GetProperty("trigger").GetString()!,
                Label = t.GetProperty("label").GetString()!,
                FromAnyNonTerminal = fromAny,
                From = fromAny ? [] : from.ValueKind == JsonValueKind.String ? [from.GetString()!] : Strings(from),
                To = t.TryGetProperty("to", out var to) ? to.GetString() : null,
                Roles = Strings(t.GetProperty("roles")),
                ActorOrganisation = t.TryGetProperty("actorOrganisation", out var org)
                    ? Enum.Parse<ActorOrganisationRule>(org.GetString()!, ignoreCase: true)
                    : ActorOrganisationRule.Owner,
                Guards = t.TryGetProperty("guards", out var g) ? Strings(g) : [],
                Actions = t.TryGetProperty("actions", out var a) ? Strings(a) : [],
                RequiresPayload = t.TryGetProperty("requiresPayload", out var p) ? Strings(p) : [],
                RecomputeTimers = t.TryGetProperty("recomputeTimers", out var r) && r.GetBoolean(),
                Index = i,
            };
        }).ToList();

        var timers = root.TryGetProperty("timers", out var timersElement)
            ? timersElement.EnumerateArray().Select((t, i) => new TimerDefinition
            {
                Name = t.GetProperty("name").GetString()!,
                Trigger = t.GetProperty("trigger").GetString()!,
                ActiveIn = Strings(t.GetProperty("activeIn")),
                At = MapAt(t.GetProperty("at")),
                Index = i,
            }).ToList()
            : [];

        return new WorkflowDefinition
        {
            DefinitionId = root.GetProperty("definitionId").GetString()!,
            Version = root.GetProperty("version").GetInt32(),
            Title = root.GetProperty("title").GetString()!,
            States = states,
            InitialState = root.GetProperty("initialState").GetString()!,
            Transitions = transitions,
            Timers = timers,
            Source = source,
            Sha256 = CanonicalJson.Sha256Hex(root),
        };
    }

    private static TimerAt MapAt(JsonElement at)
    {
        if (at.TryGetProperty("after", out var after))
        {
            return new TimerAt { After = XmlConvert.ToTimeSpan(after.GetString()!), AfterText = after.GetString() };
        }
        return new TimerAt
        {
            Field = at.GetProperty("field").GetString(),
            Days = at.TryGetProperty("days", out var d) ? d.GetInt32() : null,
            WorkingDays = at.TryGetProperty("workingDays", out var w) ? w.GetInt32() : null,
            Time = at.TryGetProperty("time", out var time) ? TimeOnly.ParseExact(time.GetString()!, "HH:mm", CultureInfo.InvariantCulture) : TimeOnly.MinValue,
        };
    }

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();

    private static void CheckRules(
        WorkflowDefinition d,
        JsonElement root,
        IReadOnlySet<string> guardNames,
        IReadOnlySet<string> actionNames,
        Action<string, string> report)
    {
        var faults = 0;
        void Fault(string path, string message)
        {
            faults++;
            report(path, message);
        }

        var fileName = Path.GetFileName(d.Source);
        var expectedName = $"{d.DefinitionId}.v{d.Version}.json";
        if (fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && fileName != expectedName)
        {
            Fault("$.definitionId", $"definition '{d.DefinitionId}' version {d.Version} must be in a file named {expectedName}, not {fileName}");
        }

        var stateIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < d.States.Count; i++)
        {
            if (!stateIndex.TryAdd(d.States[i].Name, i))
            {
                Fault($"$.states[{i}].name", $"state '{d.States[i].Name}' is already defined at $.states[{stateIndex[d.States[i].Name]}]");
            }
        }
        bool Known(string s) => stateIndex.ContainsKey(s);
        bool Terminal(string s) => Known(s) && d.States[stateIndex[s]].Terminal;
        string KnownList() => string.Join(", ", stateIndex.Keys);

        if (!Known(d.InitialState))
        {
            Fault("$.initialState", $"unknown state '{d.InitialState}' (states: {KnownList()})");
        }
        else if (Terminal(d.InitialState))
        {
            Fault("$.initialState", $"the initial state '{d.InitialState}' is terminal, so nothing could ever happen");
        }

        var nonTerminal = d.States.Where(s => !s.Terminal).Select(s => s.Name).Distinct().ToList();
        var leaving = new Dictionary<(string State, string Trigger), int>();
        foreach (var t in d.Transitions)
        {
            var at = $"$.transitions[{t.Index}]";
            var fromIsArray = root.GetProperty("transitions")[t.Index].GetProperty("from").ValueKind == JsonValueKind.Array;
            for (var j = 0; j < t.From.Count; j++)
            {
                var fromPath = fromIsArray ? $"{at}.from[{j}]" : $"{at}.from";
                if (!Known(t.From[j]))
                {
                    Fault(fromPath, $"unknown state '{t.From[j]}' (states: {KnownList()})");
                }
                else if (Terminal(t.From[j]))
                {
                    Fault(fromPath, $"state '{t.From[j]}' is terminal; no transition may leave it");
                }
            }
            if (t.To is not null && !Known(t.To))
            {
                Fault($"{at}.to", $"unknown state '{t.To}' (states: {KnownList()})");
            }
            for (var j = 0; j < t.Guards.Count; j++)
            {
                if (!guardNames.Contains(t.Guards[j]))
                {
                    Fault($"{at}.guards[{j}]", $"no registered guard is named '{t.Guards[j]}'");
                }
            }
            for (var j = 0; j < t.Actions.Count; j++)
            {
                if (!actionNames.Contains(t.Actions[j]))
                {
                    Fault($"{at}.actions[{j}]", $"no registered action is named '{t.Actions[j]}'");
                }
            }
            foreach (var from in (t.FromAnyNonTerminal ? nonTerminal : t.From).Where(Known))
            {
                // Two ways out by one trigger would make the outcome depend on file order.
                if (!leaving.TryAdd((from, t.Trigger), t.Index))
                {
                    Fault(at, $"trigger '{t.Trigger}' already leaves state '{from}' by $.transitions[{leaving[(from, t.Trigger)]}]");
                }
            }
        }

        var timerNames = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var timer in d.Timers)
        {
            var at = $"$.timers[{timer.Index}]";
            if (!timerNames.TryAdd(timer.Name, timer.Index))
            {
                Fault($"{at}.name", $"timer '{timer.Name}' is already defined at $.timers[{timerNames[timer.Name]}]");
            }
            var byTrigger = d.Transitions.Where(t => t.Trigger == timer.Trigger).ToList();
            if (byTrigger.Count == 0)
            {
                Fault($"{at}.trigger", $"no transition has the trigger '{timer.Trigger}'");
                continue;
            }
            if (!byTrigger.Any(t => t.Roles.Contains(WorkflowRoles.System)))
            {
                Fault($"{at}.trigger", $"trigger '{timer.Trigger}' is fired by a timer, so its transition must allow the role {WorkflowRoles.System}");
            }
            for (var j = 0; j < timer.ActiveIn.Count; j++)
            {
                var state = timer.ActiveIn[j];
                if (!Known(state))
                {
                    Fault($"{at}.activeIn[{j}]", $"unknown state '{state}' (states: {KnownList()})");
                }
                else if (Terminal(state))
                {
                    Fault($"{at}.activeIn[{j}]", $"state '{state}' is terminal; a timer there could never fire");
                }
                else if (!leaving.ContainsKey((state, timer.Trigger)))
                {
                    Fault($"{at}.activeIn[{j}]", $"trigger '{timer.Trigger}' has no transition from state '{state}', so the timer would fire into nothing");
                }
            }
        }

        // With a misspelt state anywhere, "unreachable" faults would only be echoes of it.
        if (faults > 0)
        {
            return;
        }
        var reached = new HashSet<string>(StringComparer.Ordinal) { d.InitialState };
        var queue = new Queue<string>([d.InitialState]);
        while (queue.TryDequeue(out var state))
        {
            foreach (var t in d.TransitionsFrom(state))
            {
                if (t.To is not null && Known(t.To) && reached.Add(t.To))
                {
                    queue.Enqueue(t.To);
                }
            }
        }
        for (var i = 0; i < d.States.Count; i++)
        {
            var s = d.States[i];
            if (!reached.Contains(s.Name))
            {
                Fault($"$.states[{i}]", $"state '{s.Name}' cannot be reached from the initial state '{d.InitialState}'");
            }
            else if (!s.Terminal && !d.TransitionsFrom(s.Name).Any(t => t.To is not null))
            {
                Fault($"$.states[{i}]", $"state '{s.Name}' is not terminal, but no transition leads out of it");
            }
        }
    }
}
