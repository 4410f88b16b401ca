namespace RemissFlow.Workflows.Definitions;

/// <summary>A fault in a definition file: which file, where in it (<c>$.transitions[3].to</c>), and what is wrong.</summary>
public sealed record DefinitionError(string File, string Path, string Message)
{
    public override string ToString() => $"{File}: {Path}: {Message}";
}

/// <summary>
/// Thrown at start-up when any definition is broken. One exception carries every fault found,
/// so an author fixes a file in one round instead of one error per restart.
/// </summary>
public sealed class WorkflowDefinitionException : Exception
{
    public WorkflowDefinitionException(IReadOnlyList<DefinitionError> errors)
        : base(Format(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<DefinitionError> Errors { get; }

    private static string Format(IReadOnlyList<DefinitionError> errors) =>
        $"{errors.Count} fault(s) in workflow definitions:{Environment.NewLine}" +
        string.Join(Environment.NewLine, errors.Select(e => "  " + e));
}
