using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RemissFlow.Web.Tests.Support;

/// <summary>
/// The real OpenID Provider of tests/oidc-provider (the npm package oidc-provider) on 127.0.0.1: the users and groups are
/// its users.json; the client is RemissFlow at the app's address. <see cref="Settings"/> is what the app is started with,
/// before the provider itself (the app reads the provider's metadata only at the first sign-in).
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "remissflow";
    public const string ClientSecret = "hemlig-testnyckel-for-remissflow";
    public const string Password = "Provider2026!sso";

    private static readonly SemaphoreSlim NpmOnce = new(1, 1);

    private Process? _process;

    public int Port { get; } = FreePort();

    public Uri Issuer => new($"http://127.0.0.1:{Port}");

    public IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RemissFlow:Oidc:Authority"] = Issuer.ToString().TrimEnd('/'),
        ["RemissFlow:Oidc:ClientId"] = ClientId,
        ["RemissFlow:Oidc:ClientSecret"] = ClientSecret,
        ["RemissFlow:Oidc:Scope"] = "openid profile email groups",
        ["RemissFlow:Oidc:RequireHttpsMetadata"] = "false",
    };

    private static string Directory => Path.Combine(RepoPaths.Root, "tests", "oidc-provider");

    /// <summary>Starts the provider for the app at <paramref name="app"/> and waits until it listens.</summary>
    public async Task StartAsync(Uri app)
    {
        await EnsurePackagesAsync();
        var config = new JsonObject
        {
            ["port"] = Port,
            ["clients"] = new JsonArray(new JsonObject
            {
                ["client_id"] = ClientId,
                ["client_secret"] = ClientSecret,
                ["redirect_uris"] = new JsonArray(new Uri(app, "/konto/oidc/svar").ToString()),
                ["post_logout_redirect_uris"] = new JsonArray(new Uri(app, "/konto/oidc/utloggad").ToString()),
                ["grant_types"] = new JsonArray("authorization_code"),
                ["response_types"] = new JsonArray("code"),
                ["token_endpoint_auth_method"] = "client_secret_post",
            }),
        };
        var file = Path.Combine(Path.GetTempPath(), $"remissflow-oidc-{Port}.json");
        await File.WriteAllTextAsync(file, config.ToJsonString());
        var start = new ProcessStartInfo("node", ["provider.js", file])
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("node kunde inte startas");
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var line = await _process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException("OpenID-leverantören avslutades innan den lyssnade");
            if (line.StartsWith("ready ", StringComparison.Ordinal))
            {
                break;
            }
        }

        _ = DrainAsync(_process.StandardOutput);
    }

    private static async Task DrainAsync(StreamReader output)
    {
        while (await output.ReadLineAsync() is not null)
        {
        }
    }

    /// <summary>npm ci once, when node_modules is missing (a fresh clone); the lock file pins oidc-provider 9.13.3.</summary>
    private static async Task EnsurePackagesAsync()
    {
        await NpmOnce.WaitAsync();
        try
        {
            if (System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "oidc-provider")))
            {
                return;
            }

            using var npm = Process.Start(new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"]) { WorkingDirectory = Directory, UseShellExecute = false })
                ?? throw new InvalidOperationException("npm kunde inte startas");
            await npm.WaitForExitAsync();
            Assert.That(npm.ExitCode, Is.Zero, "npm ci i tests/oidc-provider misslyckades");
        }
        finally
        {
            NpmOnce.Release();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }
}

/// <summary>
/// Sits in the app's back channel to the provider (the pushed authorization request, the token request) and, when told
/// to, alters what passes as an attacker between the two would: the id token's payload in the token response (keeping
/// the signature), or the nonce in the pushed authorization request. The handler must refuse both. It also keeps the last
/// pushed request, so a test can see that PKCE, state and nonce were sent.
/// </summary>
public sealed class IdTokenTamperer() : DelegatingHandler(new HttpClientHandler())
{
    private volatile bool _tamper;

    private volatile bool _replaceNonce;

    public bool Tamper
    {
        get => _tamper;
        set => _tamper = value;
    }

    public bool ReplaceNonce
    {
        get => _replaceNonce;
        set => _replaceNonce = value;
    }

    public string? LastPushed { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath.EndsWith("/request", StringComparison.Ordinal) && request.Content is not null)
        {
            var pushed = await request.Content.ReadAsStringAsync(cancellationToken);
            LastPushed = pushed;
            if (_replaceNonce)
            {
                pushed = System.Text.RegularExpressions.Regex.Replace(pushed, "nonce=[^&]+", "nonce=ett-annat-nonce");
            }

            request.Content = new StringContent(pushed, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (!_tamper || !request.RequestUri!.AbsolutePath.EndsWith("/token", StringComparison.Ordinal))
        {
            return response;
        }

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        var parts = body["id_token"]!.GetValue<string>().Split('.');
        var payload = JsonNode.Parse(Base64Url.Decode(parts[1]))!;
        payload["sub"] = "oidc-chef-sf";
        parts[1] = Base64Url.Encode(JsonSerializer.SerializeToUtf8Bytes(payload));
        body["id_token"] = string.Join('.', parts);
        response.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        return response;
    }

    private static class Base64Url
    {
        public static byte[] Decode(string s) => System.Buffers.Text.Base64Url.DecodeFromChars(s);

        public static string Encode(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
    }
}
