namespace RemissFlow.Cli;

// The bench tools cannot see the CLI's own exception types (the CLI references this project, not the
// reverse); the CLI maps these to the same exit codes as CliFailure (1) and CliUsageException (2).

/// <summary>A bench that cannot go on, reported in one line, not a stack trace: exit code 1.</summary>
public sealed class BenchFailure(string message) : Exception(message);

/// <summary>A bench asked to do something it refuses (a non-local URL, say): exit code 2.</summary>
public sealed class BenchUsageException(string message) : Exception(message);
