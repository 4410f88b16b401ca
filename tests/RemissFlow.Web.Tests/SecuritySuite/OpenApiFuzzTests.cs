using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.SecuritySuite;

/// <summary>
/// The security suite's fuzzer. It reads the OpenAPI document from the running app (Kestrel, so the real request limits
/// apply) and sends every operation thousands of damaged and odd requests — malformed and oversized bodies, wrong types,
/// missing and null fields, control and bidi characters, very long strings, edge dates and numbers, unknown enum values,
/// unknown and malformed ids, malformed multipart, wrong content types and headers — as anonymous and as demo accounts of
/// several roles and organisations, against real ids in many states so the use cases' own checks are reached. Then it reads
/// the main pages and API reads as those people. It asserts that nothing answered 5xx and that no request answered 4xx
/// changed the database (<see cref="DatabaseFingerprint"/>, taken before and after each request). A request answered 2xx
/// may write; whatever it wrote must still not make a later request fail. Seeded, so every run sends the same requests.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
[Parallelizable(ParallelScope.Self)] // Beside other fixtures (own app and database); its tests one at a time, as they share its data.
[Category("Säkerhetssvit")]
public sealed class OpenApiFuzzTests(DatabaseProvider provider)
{
    private const int Seed = 20261201;
    private const int MinimumFuzzed = 3000;

    private static readonly string[] Emails =
    [
        "admin@remissflow.test", "registrator.ks@remissflow.test", "samordnare.ks@remissflow.test", "registrator.sf@remissflow.test",
        "handlaggare.sf@remissflow.test", "chef.sf@remissflow.test", "sekreterare.sf@remissflow.test", "registrator.svoa@remissflow.test",
    ];

    private RemissFlowApp _app = null!;
    private readonly Dictionary<string, HttpClient> _api = [];
    private readonly Dictionary<string, HttpClient> _pages = [];
    private readonly List<string> _failures = [];
    private readonly List<string> _writes = [];
    private int _sent;
    private int _fuzzed;
    private int _serverErrors;
    private string _fingerprint = "";
    private TimeSpan _fingerprintTime;
    private readonly Dictionary<string, TimeSpan> _opTimes = [];

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await RemissFlowApp.StartAsync(provider, kestrel: true);
        _api["anonym"] = _app.NewClient();
        _pages["anonym"] = _app.NewClient();
        foreach (var email in Emails)
        {
            _api[email] = await Sessions.BearerAsync(_app, email);
            _pages[email] = await Sessions.CookieAsync(_app, email);
        }
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        foreach (var client in _api.Values.Concat(_pages.Values))
        {
            client.Dispose();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Test]
    public async Task Every_operation_survives_the_fuzzer_without_5xx_or_writes_despite_refusal()
    {
        var clock = Stopwatch.StartNew();
        var document = JsonNode.Parse(await _app.NewClient().GetStringAsync("/openapi/v1.json"))!;
        var operations = OpenApiModel.Operations(document);
        Assert.That(operations, Has.Count.GreaterThan(30), "API-beskrivningen saknar operationer");

        var world = await MatrixWorld.StartAsync(_app);
        var targets = await TargetsAsync(world);
        var triggers = Directory.EnumerateFiles(_app.Services.GetRequiredService<Core.CoreOptions>().WorkflowsDirectory, "*.json")
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), "\"trigger\"\\s*:\\s*\"([a-z_]+)\"").Select(m => m.Groups[1].Value))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var ids = new FuzzIds([world.Org("SF"), world.Org("HL"), world.Org("PRO"), world.Org("SVOA")], world.User(MatrixWorld.SfHandlaggare),
            await world.NextMeetingAsync("SF"), triggers, CurrentVersion);
        var limit = long.Parse(_app.Services.GetRequiredService<IConfiguration>()["RemissFlow:Limits:RequestBodyBytes"]!, System.Globalization.CultureInfo.InvariantCulture);
        var cases = new FuzzCases(new Random(Seed), ids, limit, Web.Hosting.WebHosting.UploadLimitBytes);

        _fingerprint = await DatabaseFingerprint.TakeAsync(_app);
        foreach (var op in operations)
        {
            // Who gets past the door: those whom a valid request does not answer 401/403/404 are sent every case.
            var reaching = new List<string>();
            var refused = new List<string>();
            var valid = cases.Valid(op);
            foreach (var principal in _api.Keys)
            {
                var status = await SendAsync("dörr", op, valid, targets[0], principal);
                (status is 401 or 403 or 404 or 405 ? refused : reaching).Add(principal);
            }

            if (reaching.Count == 0)
            {
                reaching.AddRange(refused.Where(p => p != "anonym"));
            }

            var opClock = Stopwatch.StartNew();
            var i = 0;
            foreach (var c in cases.For(op))
            {
                var target = targets[i % targets.Count];
                if (c.Anonymous)
                {
                    await SendAsync("fuzz", op, c, target, "anonym");
                }
                else
                {
                    // Each case reaches the use case as one who may (in turn); every third also goes to one refused.
                    await SendAsync("fuzz", op, c, target, reaching[i % reaching.Count]);
                    if (!c.Once && i % 3 == 0 && refused.Count > 0)
                    {
                        await SendAsync("fuzz", op, c, target, refused[i / 3 % refused.Count]);
                    }
                }

                i++;
            }

            _opTimes[op.Name] = opClock.Elapsed;
        }

        var fuzzSeconds = clock.Elapsed.TotalSeconds;
        TestContext.Out.WriteLine(string.Join("\n", _opTimes.OrderByDescending(kv => kv.Value).Take(12).Select(kv => $"{kv.Key}: {kv.Value.TotalSeconds:0.0} s")));
        await ReadEverythingAsync(operations);

        var line = $"säkerhetssvit {(provider == DatabaseProvider.Postgres ? "postgres" : "sqlite")}: {_sent} förfrågningar, {_serverErrors} 5xx, {_writes.Count} skrivningar trots nekande";
        TestContext.Progress.WriteLine(line);
        foreach (var failure in _failures.Concat(_writes).Take(300))
        {
            TestContext.Out.WriteLine(failure);
        }

        TestContext.Out.WriteLine($"{line} ({_fuzzed} fuzzade, {fuzzSeconds:0} s fuzz, {clock.Elapsed.TotalSeconds:0} s i allt, {_fingerprintTime.TotalSeconds:0} s fingeravtryck)");
        Assert.Multiple(() =>
        {
            Assert.That(_fuzzed, Is.GreaterThanOrEqualTo(MinimumFuzzed), "för få fuzzade förfrågningar");
            Assert.That(_failures, Is.Empty, () => $"{_failures.Count} svar med 5xx eller avbruten förbindelse; de första:\n" + string.Join("\n", _failures.Take(15)));
            Assert.That(_writes, Is.Empty, () => $"{_writes.Count} nekade förfrågningar skrev ändå; de första:\n" + string.Join("\n", _writes.Take(15)));
        });
    }

    /// <summary>
    /// The version a well-behaved client would send as expectedVersion or basedOnVersion: read at send time, so a case is
    /// not refused as stale before the use case's own checks (that is how a svarsdatum of 9999-12-31 got through).
    /// </summary>
    private int? CurrentVersion(string path, string property, FuzzTarget t) => _app.QueryAsync<int?>(async db =>
        property == "basedOnVersion"
            ? await db.TjansteutlatandeVersioner.Where(v => db.Tjansteutlatanden.Any(tu => tu.Id == v.TjansteutlatandeId && tu.RemissvarId == t.SvarId)).MaxAsync(v => (int?)v.Nummer)
            : path.StartsWith("/api/organisationer", StringComparison.Ordinal) ? await db.Organisationer.Where(o => o.Id == t.OrgId).Select(o => (int?)o.Version).FirstOrDefaultAsync()
            : path.Contains("{svarId}", StringComparison.Ordinal) || path.StartsWith("/api/arenden", StringComparison.Ordinal)
                ? await db.Remissvar.Where(v => v.Id == t.SvarId).Select(v => (int?)v.Version).FirstOrDefaultAsync()
                : await db.Remisser.Where(r => r.Id == t.RemissId).Select(r => (int?)r.Version).FirstOrDefaultAsync()).GetAwaiter().GetResult();

    /// <summary>Real ids in many states: the demo's remisser and answers, and the suite's own ärenden at each step of the way.</summary>
    private async Task<List<FuzzTarget>> TargetsAsync(MatrixWorld world)
    {
        var orgs = new[] { world.Org("SF"), world.Org("HL"), world.MatrixOrgId, world.Org("PRO") };
        var built = new List<(string, MatrixTarget)>();
        foreach (var state in new[] { "inkommen", "registrerad", "tilldelad", "under_beredning", "hos_forvaltningschef", "godkand", "anmald", "beslutad", "justerad" })
        {
            built.Add(($"SF {state}", await world.SfAsync(state)));
        }

        built.Add(("SF anstånd begärt", await world.SfAnstandBegartAsync()));
        built.Add(("extern öppen", await world.ExternOpenAsync()));
        built.Add(("extern besvarad", await world.ExternAnsweredAsync(withFile: true)));
        built.Add(("KS utkast", await world.UtkastAsync(ready: true)));

        var targets = new List<FuzzTarget>();
        foreach (var (label, t) in built)
        {
            var bilaga = t.BilagaId != Guid.Empty ? t.BilagaId
                : await _app.QueryAsync(db => db.Bilagor.Where(b => b.RemissId == t.RemissId).Select(b => b.Id).FirstOrDefaultAsync());
            targets.Add(new FuzzTarget(label, t.RemissId, t.SvarId, bilaga, orgs[targets.Count % orgs.Length]));
        }

        // The demo: every remiss, with one of its answers and a handling each.
        var demo = await _app.QueryAsync(db => db.Remisser.AsNoTracking().OrderBy(r => r.Dnr)
            .Select(r => new { r.Id, r.Dnr, Svar = db.Remissvar.Where(v => v.RemissId == r.Id).OrderBy(v => v.Dnr).Select(v => v.Id).FirstOrDefault(), Bilaga = db.Bilagor.Where(b => b.RemissId == r.Id).Select(b => b.Id).FirstOrDefault() })
            .ToListAsync());
        var known = targets.Select(t => t.RemissId).ToHashSet();
        foreach (var r in demo.Where(r => !known.Contains(r.Id)))
        {
            targets.Add(new FuzzTarget($"demo {r.Dnr}", r.Id, r.Svar, r.Bilaga, orgs[targets.Count % orgs.Length]));
        }

        return targets;
    }

    private async Task<int> SendAsync(string phase, FuzzOperation op, FuzzCase c, FuzzTarget target, string principal)
    {
        var request = c.Build(target);
        var status = await SendRawAsync(_api[principal], request, $"{phase} {op.Name} [{c.Label}] som {principal} på {target.Label}");
        if (phase == "fuzz")
        {
            _fuzzed++;
        }

        return status;
    }

    /// <summary>Sends one request; a 5xx or a dropped connection is a failure, a 4xx that moved the fingerprint is a write despite refusal.</summary>
    private async Task<int> SendRawAsync(HttpClient client, FuzzRequest request, string what)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = null;
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        _sent++;
        int status;
        string answer;
        try
        {
            using var response = await client.SendAsync(message);
            status = (int)response.StatusCode;
            answer = status >= 500 ? await response.Content.ReadAsStringAsync() : "";
        }
        catch (HttpRequestException e) when (request.Body is { Length: > 1024 * 1024 })
        {
            // Kestrel may answer 413 and close while a body far over the limit is still being sent; the client then sees the reset.
            TestContext.Out.WriteLine($"förbindelsen stängdes under en för stor kropp ({what}): {e.Message}");
            status = 413;
            answer = "";
        }
        catch (HttpRequestException e)
        {
            _failures.Add($"{what}: {request.Method} {request.Path} kropp «{request.BodyPreview}» → förbindelsen bröts: {e.Message}");
            return 0;
        }

        var fp = Stopwatch.StartNew();
        var after = await DatabaseFingerprint.TakeAsync(_app);
        _fingerprintTime += fp.Elapsed;
        if (status >= 500)
        {
            _serverErrors++;
            _failures.Add($"{what}: {request.Method} {request.Path} kropp «{request.BodyPreview}» → {status} {answer[..Math.Min(answer.Length, 200)]}");
        }
        else if (status >= 400 && after != _fingerprint)
        {
            _writes.Add($"{what}: {request.Method} {request.Path} kropp «{request.BodyPreview}» → {status}, databasen ändrades: {_fingerprint} → {after}");
        }

        _fingerprint = after;
        return status;
    }

    /// <summary>After the fuzzer: whatever it managed to write must not break a page or a read, for anyone.</summary>
    private async Task ReadEverythingAsync(IReadOnlyList<FuzzOperation> operations)
    {
        var remisser = await _app.QueryAsync(db => db.Remisser.AsNoTracking().Select(r => new { r.Id, r.Status }).ToListAsync());
        var svar = await _app.QueryAsync(db => db.Remissvar.AsNoTracking().Select(v => new { v.Id, v.RemissId }).ToListAsync());
        var bilagor = await _app.QueryAsync(db => db.Bilagor.AsNoTracking().Where(b => b.RemissId != null).Select(b => new { b.Id, b.RemissId }).ToListAsync());
        var people = new[] { "anonym", "admin@remissflow.test", "samordnare.ks@remissflow.test", "handlaggare.sf@remissflow.test", "sekreterare.sf@remissflow.test", "registrator.svoa@remissflow.test" };
        foreach (var who in people)
        {
            foreach (var page in new[] { "/", "/oversikt", "/oversikt/namnd", "/remisser", "/publikt/remisser", "/inkorg", "/mina-arenden", "/bevakning", "/kalender", "/sammantraden", "/notiser", "/admin/organisationer" })
            {
                await ReadAsync(_pages[who], page, who);
            }
        }

        foreach (var r in remisser)
        {
            foreach (var page in new[] { $"/remisser/{r.Id}", $"/remisser/{r.Id}/sammanstallning", $"/remisser/{r.Id}/missiv" })
            {
                await ReadAsync(_pages["samordnare.ks@remissflow.test"], page, "samordnare.ks");
            }

            await ReadAsync(_pages["anonym"], $"/publikt/remisser/{r.Id}", "anonym");
            await ReadAsync(_pages["handlaggare.sf@remissflow.test"], $"/publikt/remisser/{r.Id}", "handlaggare.sf");
            if (r.Status != "utkast")
            {
                foreach (var format in new[] { "pdf", "docx", "xlsx", "csv", "zip" })
                {
                    await ReadAsync(_api["samordnare.ks@remissflow.test"], $"/api/remisser/{r.Id}/sammanstallning?format={format}", "samordnare.ks");
                }

                await ReadAsync(_pages["anonym"], $"/publikt/remisser/{r.Id}?handler=Dokument", "anonym");
            }
        }

        foreach (var v in svar)
        {
            await ReadAsync(_pages["handlaggare.sf@remissflow.test"], $"/arenden/{v.Id}", "handlaggare.sf");
            await ReadAsync(_pages["samordnare.ks@remissflow.test"], $"/remisser/{v.RemissId}/svar/{v.Id}", "samordnare.ks");
        }

        // Every API read of the document, for every remiss, answer and handling, as a sender and as an instans.
        var target = new FuzzTarget("läsning", Guid.Empty, Guid.Empty, Guid.Empty, Guid.Empty);
        foreach (var op in operations.Where(o => o.Method == "GET"))
        {
            var fills = op.Path.Contains("{bilagaId}", StringComparison.Ordinal) ? bilagor.Select(b => target with { RemissId = b.RemissId!.Value, BilagaId = b.Id })
                : op.Path.StartsWith("/api/arenden/", StringComparison.Ordinal) ? svar.Select(s => target with { SvarId = s.Id })
                : op.Path.Contains("{id}", StringComparison.Ordinal) && op.Path.StartsWith("/api/organisationer", StringComparison.Ordinal)
                    ? (await _app.QueryAsync(db => db.Organisationer.Select(o => o.Id).ToListAsync())).Select(o => target with { OrgId = o })
                : op.Path.Contains("{id}", StringComparison.Ordinal) ? remisser.Select(r => target with { RemissId = r.Id })
                : [target];
            foreach (var t in fills)
            {
                var path = op.Path;
                foreach (var p in op.Parameters.Where(p => p.In == "path"))
                {
                    path = path.Replace("{" + p.Name + "}", FuzzCases.PathValue(op, p.Name, t), StringComparison.Ordinal);
                }

                if (op.Parameters.Any(p => p.Name == "format"))
                {
                    continue;
                }

                foreach (var who in new[] { "samordnare.ks@remissflow.test", "handlaggare.sf@remissflow.test" })
                {
                    await ReadAsync(_api[who], path, who);
                }
            }
        }
    }

    private async Task ReadAsync(HttpClient client, string path, string who) =>
        await SendRawAsync(client, new FuzzRequest("GET", path, null, null, []), $"läsning efter fuzz som {who}");
}
