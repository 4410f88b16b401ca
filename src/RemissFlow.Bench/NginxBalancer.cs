using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RemissFlow.Core.Bench;

/// <summary>
/// Debian's nginx as a round-robin load balancer on 127.0.0.1, started as the current user with a generated
/// configuration and its pid, logs and temporary files in a directory of its own: no sticky sessions, so
/// consecutive requests of one client land on different nodes. The access log names the node of every request.
/// </summary>
public sealed class NginxBalancer : IAsyncDisposable
{
    private readonly Process _process;

    private readonly string _directory;

    private NginxBalancer(Process process, string directory, Uri address)
    {
        _process = process;
        _directory = directory;
        Address = address;
    }

    public Uri Address { get; }


    public string AccessLog => Path.Combine(_directory, "access.log");

    private static readonly string[] Candidates = ["/usr/sbin/nginx", "/usr/bin/nginx"];

    public static string? Executable => Candidates.FirstOrDefault(File.Exists);

    public static async Task<NginxBalancer> StartAsync(IReadOnlyList<Uri> nodes)
    {
        var nginx = Executable ?? throw new InvalidOperationException("nginx saknas; tests/run-tests.sh installerar det (apt-get install nginx).");
        var directory = Directory.CreateTempSubdirectory("remissflow-nginx-").FullName;
        var port = FreePort();
        var upstreams = string.Concat(nodes.Select(n => $"        server 127.0.0.1:{n.Port} max_fails=1 fail_timeout=2s;\n"));
        var config = $$"""
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 1024; }
            http {
                log_format node '$request_method $uri $status $upstream_addr';
                access_log {{directory}}/access.log node;
                client_body_temp_path {{directory}}/body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                client_max_body_size 40m;
                upstream remissflow {
            {{upstreams}}        keepalive 16;
                }
                server {
                    listen 127.0.0.1:{{port}};
                    location / {
                        proxy_pass http://remissflow;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_connect_timeout 2s;
                    }
                }
            }
            """;
        var path = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(path, config);
        var start = new ProcessStartInfo(nginx)
        {
            ArgumentList = { "-p", directory, "-e", Path.Combine(directory, "error.log"), "-c", path, "-g", "daemon off;" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx startade inte.");
        var address = new Uri($"http://127.0.0.1:{port}");
        var balancer = new NginxBalancer(process, directory, address);
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited)
            {
                var error = await process.StandardError.ReadToEndAsync();
                throw new InvalidOperationException($"nginx avslutades ({process.ExitCode}): {error}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return balancer;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        await balancer.DisposeAsync();
        throw new InvalidOperationException("nginx lyssnar inte efter 5 s.");
    }

    /// <summary>The node (127.0.0.1:port) that served each logged request, in order.</summary>
    public async Task<IReadOnlyList<string>> UpstreamsAsync()
    {
        var lines = File.Exists(AccessLog) ? await File.ReadAllLinesAsync(AccessLog) : [];
        return lines.Select(l => l.Split(' ')[^1]).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
