using RemissFlow.Cli;

namespace RemissFlow.Core.Tests.Cli;

/// <summary>One in-process CLI run: exit code and what it wrote.</summary>
internal sealed record CliRun(int Exit, string Out, string Err)
{
    public static async Task<CliRun> Of(CliEnvironment? environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error, environment);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit {Exit}\nstdout:\n{Out}\nstderr:\n{Err}";
}
