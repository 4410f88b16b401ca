namespace RemissFlow.Cli;

/// <summary>Exit codes: 0 ok, 1 failure with a one-line reason, 2 bad usage.</summary>
public static class CliExit
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    public static async Task<int> Run(Func<Task<int>> run)
    {
        try
        {
            var code = await run();
            // System.CommandLine reports parse errors with exit code 1; usage errors are 2 here.
            return code;
        }
        catch (CliFailure failure)
        {
            await Console.Error.WriteLineAsync($"fel: {failure.Message}");
            return Failure;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Data.Common.DbException)
        {
            await Console.Error.WriteLineAsync($"fel: {e.Message.Split('\n')[0]}");
            return Failure;
        }
    }
}

/// <summary>A failure to report in one line, not a stack trace.</summary>
public sealed class CliFailure(string message) : Exception(message);
