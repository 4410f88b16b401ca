using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RemissFlow.Cli;

namespace RemissFlow.Core.Bench;

/// <summary>
/// One app node as a real process: the built web app (<c>dotnet RemissFlow.Web.dll</c>) on its own port on 127.0.0.1, with
/// a data directory of its own, configured through environment variables. Its output goes to a log file, so a node
/// that will not start can say why. <see cref="Kill"/> is kill -9 (SIGKILL): no shutdown hooks run.
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private readonly string _webDll;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private Process? _process;
    private StreamWriter? _log;

    public ClusterNode(string name, string webDll, string directory, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        _webDll = webDll;
        Directory = directory;
        _environment = environment;
        Address = new Uri($"http://127.0.0.1:{FreePort()}");
    }

    public string Name { get; }

    public string Directory { get; }

    public Uri Address { get; }

    public string LogFile => Path.Combine(Directory, "nod.log");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts the process and waits until <c>/readyz</c> answers 200 (migrations and a demo seed run before that).</summary>
    public async Task StartAsync(IReadOnlyDictionary<string, string>? extra, TimeSpan timeout, CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { _webDll, "--urls", Address.ToString().TrimEnd('/') },
            WorkingDirectory = Path.GetDirectoryName(_webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in _environment.Concat(extra ?? new Dictionary<string, string>()))
        {
            start.Environment[key] = value;
        }

        start.Environment["RemissFlow__DataDirectory"] = Path.Combine(Directory, "data");
        start.Environment["RemissFlow__NodeName"] = Name;
        _log ??= new StreamWriter(LogFile, append: true) { AutoFlush = true };
        var log = _log;
        var process = Process.Start(start) ?? throw new BenchFailure($"nod {Name} startade inte");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new BenchFailure($"nod {Name} avslutades vid start ({process.ExitCode}); se {LogFile}");
            }

            try
            {
                using var ready = await http.GetAsync("/readyz", ct);
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            await Task.Delay(200, ct);
        }

        throw new BenchFailure($"nod {Name} blev inte redo på {timeout.TotalSeconds:0} s; se {LogFile}");
    }

    /// <summary>kill -9: the process gets no chance to finish requests or hand back its claims.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        if (_log is not null)
        {
            await _log.DisposeAsync();
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
