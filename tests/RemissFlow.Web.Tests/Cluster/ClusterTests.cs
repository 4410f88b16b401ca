using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Background;
using RemissFlow.Core.Demo;
using RemissFlow.Core.Bench;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Cluster;

/// <summary>
/// Two app nodes (Kestrel on free ports, each with a data directory of its own) on one PostgreSQL database, behind a
/// real nginx doing round robin without sticky sessions. Whatever one node wrote (a session cookie, an antiforgery
/// token, a file, an idempotency key) the other must read, because nothing a request needs is on a node's disk or in
/// its memory.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class ClusterTests
{
    private TestDatabase _database = null!;
    private RemissFlowApp _a = null!;
    private RemissFlowApp _b = null!;
    private NginxBalancer _nginx = null!;
    private readonly List<string> _directories = [];

    [OneTimeSetUp]
    public async Task Start()
    {
        Providers.RequirePostgres();
        if (NginxBalancer.Executable is null)
        {
            const string message = "nginx saknas; tests/run-tests.sh installerar det.";
            if (Providers.RequireAll)
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        _database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, DatabaseTemplate.Demo);
        _a = RemissFlowApp.Restart(_database, Node("a"), kestrel: true);
        _b = RemissFlowApp.Restart(_database, Node("b"), kestrel: true);
        _nginx = await NginxBalancer.StartAsync([_a.ServerAddress!, _b.ServerAddress!]);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }

        if (_a is not null)
        {
            await _a.DisposeAsync();
        }

        if (_b is not null)
        {
            await _b.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        foreach (var directory in _directories)
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public async Task Each_node_is_live_and_ready_and_says_so_through_the_balancer()
    {
        foreach (var address in new[] { _a.ServerAddress!, _b.ServerAddress!, _nginx.Address })
        {
            using var client = new HttpClient { BaseAddress = address };
            var live = await client.GetAsync("/livez");
            var ready = await client.GetAsync("/readyz");
            using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
            Assert.Multiple(() =>
            {
                Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{address} /livez");
                Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{address} /readyz");
                Assert.That(body.RootElement.GetProperty("kontroller").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "databas", "mottagning" }));
            });
        }
    }

    [Test]
    public async Task Signed_in_on_one_node_the_user_works_on_the_other_and_a_form_from_one_posts_to_the_other()
    {
        var cookies = new CookieContainer();
        using var onA = Client(_a, cookies);
        using var onB = Client(_b, cookies);

        // The sign-in form comes from A (its antiforgery cookie and token), the post goes to B.
        var form = await onA.GetStringAsync("/konto/logga-in");
        var signIn = await onB.PostAsync("/konto/logga-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = Sessions.KsRegistrator,
            ["Input.Password"] = DemoSeeder.Password,
            ["__RequestVerificationToken"] = Sessions.AntiforgeryToken(form),
        }));
        Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "B took A's antiforgery token and signed in");

        // B's session cookie opens A's pages.
        var start = await onA.GetAsync("/");
        Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.OK), "A reads the cookie B issued");
        Assert.That(await start.Content.ReadAsStringAsync(), Does.Not.Contain("name=\"Input.Password\""));

        // Signing out on A with a form B rendered ends the session on B too.
        var page = await onB.GetStringAsync("/");
        var signOut = await onA.PostAsync("/konto/logga-ut", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Sessions.AntiforgeryToken(page) }));
        Assert.That(signOut.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "A took B's antiforgery token");
        var after = await onB.GetAsync("/");
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "signed out everywhere");
        Assert.That(after.Headers.Location?.ToString(), Does.Contain("logga-in"));
    }

    [Test]
    public async Task A_file_uploaded_through_one_node_is_downloaded_through_the_other_and_a_replayed_upload_is_the_first_one()
    {
        using var onA = await BearerAsync(_a);
        using var onB = new HttpClient { BaseAddress = _b.ServerAddress };
        onB.DefaultRequestHeaders.Authorization = onA.DefaultRequestHeaders.Authorization;

        var created = await onA.PostAsJsonAsync("/api/remisser", new { title = "Remiss över två noder", svarsdatum = DateTime.UtcNow.Date.AddDays(60).ToString("yyyy-MM-dd") });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var pdf = TestFiles.Pdf("Handling uppladdad via nod A " + Guid.NewGuid());
        var key = Guid.NewGuid().ToString("N");
        var first = await onA.SendAsync(Upload(id, pdf, key));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), await first.Content.ReadAsStringAsync());
        var replayed = await onB.SendAsync(Upload(id, pdf, key));
        Assert.Multiple(async () =>
        {
            Assert.That(replayed.StatusCode, Is.EqualTo(HttpStatusCode.Created), "B replays A's answer to the same Idempotency-Key");
            Assert.That(replayed.Headers.Location, Is.EqualTo(first.Headers.Location));
            Assert.That(await _a.QueryAsync(db => db.Bilagor.CountAsync(b => b.RemissId == id)), Is.EqualTo(1), "the command ran once");
        });

        var download = await onB.GetAsync(first.Headers.Location);
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK), await download.Content.ReadAsStringAsync());
        Assert.That(SHA256.HashData(await download.Content.ReadAsByteArrayAsync()), Is.EqualTo(SHA256.HashData(pdf)), "B serves A's bytes");
        var onDisk = _directories.Sum(d => Directory.Exists(Path.Combine(d, "filer")) ? Directory.EnumerateFiles(Path.Combine(d, "filer"), "*", SearchOption.AllDirectories).Count() : 0);
        Assert.That(onDisk, Is.Zero, "no node keeps a file on its own disk");
    }

    [Test]
    public async Task Through_the_balancer_round_robin_spreads_one_session_over_both_nodes_and_every_request_succeeds()
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies }) { BaseAddress = _nginx.Address };
        var before = (await _nginx.UpstreamsAsync()).Count;

        var signIn = await Sessions.PostFormAsync(client, "/konto/logga-in", new() { ["Input.Email"] = Sessions.SfHandlaggare, ["Input.Password"] = DemoSeeder.Password });
        Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        for (var i = 0; i < 8; i++)
        {
            var page = await client.GetAsync(i % 2 == 0 ? "/" : "/mina-arenden");
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"request {i}");
        }

        var signOut = await Sessions.PostFormAsync(client, "/konto/logga-ut", [], formPage: "/");
        Assert.That(signOut.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        var served = (await _nginx.UpstreamsAsync()).Skip(before).ToList();
        Assert.That(served.Distinct(), Is.EquivalentTo(new[] { $"127.0.0.1:{_a.ServerAddress!.Port}", $"127.0.0.1:{_b.ServerAddress!.Port}" }), "both nodes served the one session");
    }

    [Test]
    public async Task A_node_that_stops_hands_back_its_claimed_timers_at_once()
    {
        var c = RemissFlowApp.Restart(_database, Node("c"));
        var host = c.Services.GetRequiredService<BackgroundOptions>().HostName;
        Assert.That(host, Is.Not.EqualTo(_a.Services.GetRequiredService<BackgroundOptions>().HostName), "each node claims in its own name");
        var until = DateTimeOffset.UtcNow.AddHours(1);
        var claimed = await c.QueryAsync(db => db.WorkflowBookmarks.Where(b => b.ResumeAt != null && b.ClaimedBy == null).OrderBy(b => b.ResumeAt).Take(3)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.ClaimedBy, host).SetProperty(b => b.ClaimedUntil, until)));
        Assert.That(claimed, Is.GreaterThan(0), "the demo has timers to claim");

        await c.DisposeAsync();
        Assert.That(await _a.QueryAsync(db => db.WorkflowBookmarks.CountAsync(b => b.ClaimedBy == host)), Is.Zero, "the stopped node's claims are released");
    }

    private Dictionary<string, string?> Node(string name)
    {
        var directory = Directory.CreateTempSubdirectory($"remissflow-nod-{name}-").FullName;
        _directories.Add(directory);
        return new()
        {
            ["RemissFlow:DataDirectory"] = directory,
            ["RemissFlow:NodeName"] = name,
            ["RemissFlow:BehindProxy"] = "true",
        };
    }

    private static HttpClient Client(RemissFlowApp app, CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies }) { BaseAddress = app.ServerAddress };

    private static async Task<HttpClient> BearerAsync(RemissFlowApp app)
    {
        var client = new HttpClient { BaseAddress = app.ServerAddress };
        var response = await client.PostAsJsonAsync("/api/token", new { email = Sessions.KsRegistrator, password = DemoSeeder.Password });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("accessToken").GetString());
        return client;
    }

    private static HttpRequestMessage Upload(Guid remiss, byte[] pdf, string key)
    {
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/remisser/{remiss}/handlingar")
        {
            Content = new MultipartFormDataContent { { file, "fil", "Handling.pdf" } },
        };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }
}
