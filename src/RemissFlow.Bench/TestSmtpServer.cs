using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RemissFlow.Core.Bench;

/// <summary>
/// A small real SMTP server on 127.0.0.1 and a free port, enough for System.Net.Mail.SmtpClient:
/// EHLO/HELO, MAIL FROM, RCPT TO, DATA (with dot-unstuffing), RSET, NOOP, QUIT. It stores what
/// arrives and can be told to refuse, to simulate an outage.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ReceivedEmail> _messages = [];
    private readonly List<Task> _connections = [];
    private readonly Lock _gate = new();
    private readonly Task _acceptLoop;
    // 0 means "accept"; read with Volatile because connection handlers run on other threads.
    private int _refuseConnectionsWith;
    private int _rejectMailWith;
    private int _hangUpOnQuit;
    private int _connectionCount;

    private TestSmtpServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    public IReadOnlyList<ReceivedEmail> Messages
    {
        get
        {
            lock (_gate)
            {
                return _messages.ToList();
            }
        }
    }

    public static TestSmtpServer Start() => new();

    /// <summary>Greets new connections with this code (e.g. 421) and hangs up, like a server shutting down.</summary>
    public void RefuseConnections(int code = 421) => Volatile.Write(ref _refuseConnectionsWith, code);

    /// <summary>Answers MAIL FROM with this code (e.g. 451 temporary, 550 permanent).</summary>
    public void RejectMail(int code = 451) => Volatile.Write(ref _rejectMailWith, code);

    /// <summary>Hangs up without a reply when the client says QUIT, after the message was accepted.</summary>
    public void HangUpOnQuit() => Volatile.Write(ref _hangUpOnQuit, 1);

    /// <summary>Back to accepting everything.</summary>
    public void Recover()
    {
        Volatile.Write(ref _refuseConnectionsWith, 0);
        Volatile.Write(ref _rejectMailWith, 0);
        Volatile.Write(ref _hangUpOnQuit, 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Task[] running;
        lock (_gate)
        {
            running = [.. _connections];
        }

        try
        {
            await Task.WhenAll(running.Append(_acceptLoop)).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
            // Connections cut off by the shutdown end this way; nothing is left running.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connectionCount);
            lock (_gate)
            {
                _connections.Add(HandleAsync(client));
            }
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new LineReader(stream);
        async Task Reply(string text) => await stream.WriteAsync(Encoding.ASCII.GetBytes(text + "\r\n"), _stop.Token);

        try
        {
            if (Volatile.Read(ref _refuseConnectionsWith) is var refuse and not 0)
            {
                await Reply($"{refuse} 127.0.0.1 Service not available, closing transmission channel");
                return;
            }

            await Reply("220 127.0.0.1 TestSmtpServer ready");
            string? mailFrom = null;
            var rcptTo = new List<string>();
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                string verb = line.Split(' ', 2)[0].ToUpperInvariant();
                string argument = line.Length > verb.Length ? line[(verb.Length + 1)..] : string.Empty;
                switch (verb)
                {
                    case "EHLO":
                        await Reply("250-127.0.0.1 Hello " + argument + "\r\n250 HELP");
                        break;
                    case "HELO":
                        await Reply("250 127.0.0.1 Hello " + argument);
                        break;
                    case "MAIL" when Volatile.Read(ref _rejectMailWith) is var reject and not 0:
                        await Reply($"{reject} Requested action aborted: try again later");
                        break;
                    case "MAIL":
                        mailFrom = Address(argument);
                        rcptTo.Clear();
                        await Reply("250 OK");
                        break;
                    case "RCPT" when mailFrom is null:
                        await Reply("503 Bad sequence of commands: MAIL first");
                        break;
                    case "RCPT":
                        rcptTo.Add(Address(argument));
                        await Reply("250 OK");
                        break;
                    case "DATA" when mailFrom is null || rcptTo.Count == 0:
                        await Reply("503 Bad sequence of commands: RCPT first");
                        break;
                    case "DATA":
                        await Reply("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                        {
                            // Dot-unstuffing (RFC 5321 4.5.2): the client doubled every leading dot.
                            data.Append(dataLine.StartsWith('.') ? dataLine[1..] : dataLine).Append("\r\n");
                        }

                        lock (_gate)
                        {
                            _messages.Add(new ReceivedEmail(mailFrom, rcptTo.ToList(), data.ToString()));
                        }

                        mailFrom = null;
                        rcptTo.Clear();
                        await Reply("250 OK: queued");
                        break;
                    case "RSET":
                        mailFrom = null;
                        rcptTo.Clear();
                        await Reply("250 OK");
                        break;
                    case "NOOP":
                        await Reply("250 OK");
                        break;
                    case "QUIT" when Volatile.Read(ref _hangUpOnQuit) == 1:
                        return;
                    case "QUIT":
                        await Reply("221 Bye");
                        return;
                    default:
                        await Reply("502 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client hung up or the server is stopping.
        }
    }

    private static string Address(string argument)
    {
        int open = argument.IndexOf('<');
        int close = argument.IndexOf('>');
        return open >= 0 && close > open ? argument[(open + 1)..close] : argument.Trim();
    }

    /// <summary>Reads CRLF-terminated lines as UTF-8 (SmtpClient sends 7-bit, but 8-bit must not break us).</summary>
    private sealed class LineReader(NetworkStream stream)
    {
        private readonly byte[] _buffer = new byte[8192];
        private readonly List<byte> _line = [];
        private int _position;
        private int _length;

        public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            _line.Clear();
            while (true)
            {
                if (_position == _length)
                {
                    _length = await stream.ReadAsync(_buffer, cancellationToken);
                    _position = 0;
                    if (_length == 0)
                    {
                        return null;
                    }
                }

                byte b = _buffer[_position++];
                if (b == '\n')
                {
                    if (_line.Count > 0 && _line[^1] == '\r')
                    {
                        _line.RemoveAt(_line.Count - 1);
                    }

                    return Encoding.UTF8.GetString([.. _line]);
                }

                _line.Add(b);
            }
        }
    }
}
