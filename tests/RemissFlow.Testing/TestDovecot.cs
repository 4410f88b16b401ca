using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;

namespace RemissFlow.Testing;

/// <summary>
/// A real Dovecot IMAP server on 127.0.0.1 and a free port, for one fixture: its configuration, passdb file and mail
/// directories live in a throwaway directory, plaintext login is allowed (on localhost only), and it is stopped and
/// removed by <see cref="DisposeAsync"/>. Messages are delivered as a mail client files them, by IMAP APPEND.
/// </summary>
public sealed class TestDovecot : IAsyncDisposable
{
    public const string User = "registrator";
    public const string Password = "Brevlada2026!test";

    private readonly string _dir;
    private readonly Process _master;

    private TestDovecot(string dir, int port, Process master)
    {
        _dir = dir;
        Port = port;
        _master = master;
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    public static string? Binary => new[] { "/usr/sbin/dovecot", "/usr/bin/dovecot" }.FirstOrDefault(File.Exists);

    /// <summary>Starts Dovecot, or skips the fixture (fails it under REMISSFLOW_REQUIRE_ALL) when it is not installed.</summary>
    public static async Task<TestDovecot> StartAsync()
    {
        if (Binary is null)
        {
            const string message = "Dovecot saknas (Debian-paketet dovecot-imapd); tests/run-tests.sh installerar det.";
            if (Providers.RequireAll)
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        var dir = Path.Combine(Path.GetTempPath(), "remissflow-dovecot-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(dir, "run"));
        Directory.CreateDirectory(Path.Combine(dir, "mail"));
        var port = FreePort();
        var root = Environment.UserName == "root";

        // As root, Dovecot runs its login and internal processes as its own users and refuses uid 0 for mail; as anyone
        // else, everything runs as that user.
        var internalUser = root ? "dovecot" : Environment.UserName;
        var loginUser = root ? "dovenull" : Environment.UserName;
        var group = root ? "dovecot" : Run("id", "-gn").Trim();
        if (root)
        {
            Run("chown", "-R", "dovecot:dovecot", Path.Combine(dir, "mail"));
            Run("chmod", "755", dir);
        }

        await File.WriteAllTextAsync(Path.Combine(dir, "passwd"), $"{User}:{{PLAIN}}{Password}\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "dovecot.conf"), $$"""
            protocols = imap
            listen = 127.0.0.1
            base_dir = {{dir}}/run
            state_dir = {{dir}}/run/state
            log_path = {{dir}}/dovecot.log
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            default_internal_user = {{internalUser}}
            default_internal_group = {{group}}
            default_login_user = {{loginUser}}
            first_valid_uid = 0
            first_valid_gid = 0
            mail_location = maildir:{{dir}}/mail/%u
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{dir}}/passwd
            }
            userdb {
              driver = static
              args = uid={{internalUser}} gid={{group}} home={{dir}}/mail/%u
            }
            service imap-login {
              chroot =
              inet_listener imap {
                address = 127.0.0.1
                port = {{port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service anvil {
              chroot =
            }
            """);
        // In the foreground (-F), as this process's child: it is stopped by its id, and a daemon's inherited pipes
        // never keep a reader waiting. Its log goes to log_path, so nothing is redirected.
        var master = Process.Start(new ProcessStartInfo(Binary!, ["-F", "-c", Path.Combine(dir, "dovecot.conf")]) { UseShellExecute = false })!;
        var server = new TestDovecot(dir, port, master);
        try
        {
            await server.WaitUntilReadyAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>
    /// Files a message into <paramref name="folder"/> (created when missing), as a mail client would, byte for byte: the
    /// APPEND is written by hand because a MIME library would re-serialise (and so repair) the broken messages under test.
    /// </summary>
    public async Task AppendAsync(byte[] raw, string folder = "INBOX")
    {
        if (!string.Equals(folder, "INBOX", StringComparison.OrdinalIgnoreCase))
        {
            using var client = await ConnectAsync();
            await FolderAsync(client, folder, create: true);
            await client.DisconnectAsync(true);
        }

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Host, Port);
        await using var stream = tcp.GetStream();
        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII, false, 1024, leaveOpen: true);
        async Task<string> Until(string tag)
        {
            while (true)
            {
                var line = await reader.ReadLineAsync() ?? throw new IOException("Dovecot closed the connection.");
                if (line.StartsWith(tag, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }

        async Task Send(string text) => await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(text));
        await Until("* OK");
        await Send($"a1 LOGIN {User} \"{Password}\"\r\n");
        Expect(await Until("a1 "));
        await Send($"a2 APPEND \"{folder}\" {{{raw.Length}}}\r\n");
        var go = await Until("+");
        await stream.WriteAsync(raw);
        await Send("\r\n");
        Expect(await Until("a2 "));
        await Send("a3 LOGOUT\r\n");
        _ = go;

        static void Expect(string line)
        {
            if (!line[3..].StartsWith("OK", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("IMAP refused: " + line);
            }
        }
    }

    /// <summary>How many messages <paramref name="folder"/> holds; 0 when it does not exist.</summary>
    public async Task<int> CountAsync(string folder)
    {
        using var client = await ConnectAsync();
        var target = await FolderAsync(client, folder, create: false);
        if (target is null)
        {
            return 0;
        }

        await target.OpenAsync(FolderAccess.ReadOnly);
        var count = target.Count;
        await client.DisconnectAsync(true);
        return count;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_master.HasExited)
        {
            _master.Kill(entireProcessTree: true);
            await _master.WaitForExitAsync();
        }

        _master.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient { Timeout = 20_000 };
        await client.ConnectAsync(Host, Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(User, Password);
        return client;
    }

    private static async Task<IMailFolder?> FolderAsync(ImapClient client, string name, bool create)
    {
        if (string.Equals(name, "INBOX", StringComparison.OrdinalIgnoreCase))
        {
            return client.Inbox;
        }

        try
        {
            return await client.GetFolderAsync(name);
        }
        catch (FolderNotFoundException) when (create)
        {
            var root = await client.GetFolderAsync(client.PersonalNamespaces[0].Path);
            return await root.CreateAsync(name, true);
        }
        catch (FolderNotFoundException)
        {
            return null;
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var client = await ConnectAsync();
                await client.DisconnectAsync(true);
                return;
            }
            catch (Exception e) when (e is SocketException or IOException or ImapProtocolException or AuthenticationException && DateTime.UtcNow < until)
            {
                await Task.Delay(200);
            }
            catch (Exception e) when (DateTime.UtcNow >= until)
            {
                var logFile = Path.Combine(_dir, "dovecot.log");
                var logText = File.Exists(logFile) ? await File.ReadAllTextAsync(logFile) : "(no log)";
                throw new InvalidOperationException("Dovecot did not accept a login: " + e.Message + "\n" + logText, e);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {error}");
    }
}
