namespace RemissFlow.Workflows.Definitions;

/// <summary>One published version of a lifecycle, as read from <c>workflows/{definitionId}.v{version}.json</c>.</summary>
public sealed class WorkflowDefinition
{
    public required string DefinitionId { get; init; }
    public required int Version { get; init; }
    public required string Title { get; init; }
    public required IReadOnlyList<StateDefinition> States { get; init; }
    public required string InitialState { get; init; }
    public required IReadOnlyList<TransitionDefinition> Transitions { get; init; }
    public required IReadOnlyList<TimerDefinition> Timers { get; init; }

    /// <summary>File the definition was read from (for messages), or a caller-given name.</summary>
    public required string Source { get; init; }

    /// <summary>Lower-case hex SHA-256 of the canonical JSON; what the published-version ledger compares.</summary>
    public required string Sha256 { get; init; }

    public StateDefinition? FindState(string name) => States.FirstOrDefault(s => s.Name == name);

    public StateDefinition GetState(string name) =>
        FindState(name) ?? throw new InvalidOperationException($"State '{name}' does not exist in {DefinitionId} v{Version}.");

    /// <summary>Transitions that may leave <paramref name="state"/>, in file order.</summary>
    public IEnumerable<TransitionDefinition> TransitionsFrom(string state)
    {
        var s = FindState(state);
        if (s is null || s.Terminal)
        {
            return [];
        }
        return Transitions.Where(t => t.FromAnyNonTerminal || t.From.Contains(state));
    }

    public TransitionDefinition? FindTransition(string state, string trigger) =>
        TransitionsFrom(state).FirstOrDefault(t => t.Trigger == trigger);

    public IEnumerable<TimerDefinition> TimersActiveIn(string state) => Timers.Where(t => t.ActiveIn.Contains(state));

    public override string ToString() => $"{DefinitionId} v{Version}";
}

public sealed record StateDefinition(string Name, string Label, bool Terminal, string? Category);

/// <summary>Whose staff may fire a transition, relative to the subject.</summary>
public enum ActorOrganisationRule
{
    /// <summary>The organisation that owns the ärende (the default).</summary>
    Owner,

    /// <summary>The organisation that sent the remiss, e.g. KS granting an anstånd on a nämnd's remissvar.</summary>
    Sender,

    /// <summary>Owner or sender.</summary>
    OwnerOrSender,

    Any,
}

public sealed record TransitionDefinition
{
    public required string Trigger { get; init; }
    public required string Label { get; init; }

    /// <summary>Explicit source states; empty when <see cref="FromAnyNonTerminal"/>.</summary>
    public required IReadOnlyList<string> From { get; init; }

    public required bool FromAnyNonTerminal { get; init; }

    /// <summary>Target state; null for an internal transition that keeps the state (reminders, anstånd).</summary>
    public required string? To { get; init; }

    public required IReadOnlyList<string> Roles { get; init; }
    public required ActorOrganisationRule ActorOrganisation { get; init; }
    public required IReadOnlyList<string> Guards { get; init; }
    public required IReadOnlyList<string> Actions { get; init; }
    public required IReadOnlyList<string> RequiresPayload { get; init; }

    /// <summary>After the actions, recompute the field-relative timers of the current state (the actions changed a date).</summary>
    public required bool RecomputeTimers { get; init; }

    /// <summary>Position in the file, for JSON paths in messages.</summary>
    public required int Index { get; init; }
}

public sealed record TimerDefinition
{
    public required string Name { get; init; }
    public required string Trigger { get; init; }
    public required IReadOnlyList<string> ActiveIn { get; init; }
    public required TimerAt At { get; init; }
    public required int Index { get; init; }
}

/// <summary>
/// When a timer fires: either relative to a date field of the subject (<see cref="Field"/> plus
/// <see cref="Days"/> or <see cref="WorkingDays"/>, at <see cref="Time"/> Stockholm time), or
/// <see cref="After"/> a duration from entering the state.
/// </summary>
public sealed record TimerAt
{
    public string? Field { get; init; }
    public int? Days { get; init; }
    public int? WorkingDays { get; init; }
    public TimeOnly Time { get; init; }
    public TimeSpan? After { get; init; }

    /// <summary>The ISO 8601 text of <see cref="After"/>, kept for diagrams and docs.</summary>
    public string? AfterText { get; init; }

    public bool IsFieldRelative => Field is not null;

    public override string ToString()
    {
        if (AfterText is not null)
        {
            return $"{AfterText} efter att läget inträdde";
        }
        var offset = (WorkingDays, Days) switch
        {
            (int w, _) when w != 0 => $"{Signed(w)} arbetsdagar",
            (_, int d) when d != 0 => $"{Signed(d)} dagar",
            _ => "på dagen",
        };
        return $"{Field} {offset} kl. {Time:HH\\:mm}";
    }

    private static string Signed(int n) => n > 0 ? $"+{n}" : n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
