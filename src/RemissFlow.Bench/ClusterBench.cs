using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using RemissFlow.Cli;

namespace RemissFlow.Core.Bench;

/// <param name="PostgresServer">A connection string to the server; the bench makes (and drops) a database of its own on it.</param>
/// <param name="WebDll">The built web app, started as <c>dotnet RemissFlow.Web.dll</c> once per node.</param>
/// <param name="Capacity">How long each closed-loop throughput phase (two nodes, then one) runs after the load.</param>
public sealed record ClusterBenchOptions(string PostgresServer, string WebDll, TimeSpan Duration, int Rate, TimeSpan Capacity)
{
    public int Connections { get; init; } = 64;

    /// <summary>The nodes' timer and outbox poll interval and claim lease, shortened so a killed node's claims lapse within the run.</summary>
    public double PollSeconds { get; init; } = 2;

    public double LeaseSeconds { get; init; } = 15;
}

public sealed record ClusterBenchResult(
    int Requests, int Ok, int Failed, int FailedInKillWindow, double KillWindowSeconds, double AchievedPerSecond,
    int Writes, int Acknowledged, int RetriedAfterRun, int AcknowledgedLost, int WritesDoubled,
    int TimersPlanted, int TimersFired, int TimersSkipped, int TimersPending, int TimersFiredTwice,
    int MailsPlanted, int MailsReceived, int MailsUnsent, int MailsTwice, int MailsInterrupted, int MailsTwiceUnexplained,
    double TwoNodesPerSecond, double OneNodePerSecond, IReadOnlyDictionary<string, int> FailuresOutsideWindow)
{
    /// <summary>
    /// SMTP cannot be exactly-once across a SIGKILL: a node killed after the server's acceptance and before its one-row
    /// record sends nothing more, and the message goes out again (same Message-ID) when the claim lapses. Such a resend
    /// is counted on the row; a duplicate without an interrupted claim behind it is a bug.
    /// </summary>
    public bool Passed => AcknowledgedLost == 0 && WritesDoubled == 0 && TimersFiredTwice == 0 && MailsTwiceUnexplained == 0 && MailsUnsent == 0
        && Failed == FailedInKillWindow;
}

/// <summary>
/// <c>bench cluster</c>: a throwaway PostgreSQL database, two app nodes as real processes behind nginx (round robin, no
/// sticky sessions), an open-loop mixed load of signed-in reads and writes (each write with an Idempotency-Key), one node
/// killed with SIGKILL part-way and restarted. Due timers and outbox mails are planted before the load and their effects
/// counted after it: every acknowledged write must be in the database once, no timer may fire twice and no mail may
/// arrive twice (by Message-ID, at a real SMTP server on 127.0.0.1).
/// </summary>
public static class ClusterBench
{
    public const string TitlePrefix = "Klusterbänk ";

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    public static async Task<ClusterBenchResult> RunAsync(ClusterBenchOptions o, TextWriter log, CancellationToken ct)
    {
        if (NginxBalancer.Executable is null)
        {
            throw new BenchFailure("nginx saknas (apt-get install nginx)");
        }

        if (!File.Exists(o.WebDll))
        {
            throw new BenchFailure($"webbappen finns inte: {o.WebDll} (bygg den: dotnet build src/RemissFlow.Web -c Release)");
        }

        var database = $"rf_cluster_{Guid.NewGuid():N}"[..26];
        var admin = new NpgsqlConnectionStringBuilder(o.PostgresServer) { Database = "postgres", Pooling = false }.ConnectionString;
        var target = new NpgsqlConnectionStringBuilder(o.PostgresServer) { Database = database }.ConnectionString;
        await ExecuteAsync(admin, $"CREATE DATABASE \"{database}\"", ct);
        var root = Directory.CreateTempSubdirectory("remissflow-klusterbank-").FullName;
        var smtp = TestSmtpServer.Start();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = "postgres",
            ["ConnectionStrings__RemissFlow"] = target,
            ["RemissFlow__BehindProxy"] = "true",
            ["RemissFlow__Background__PollSeconds"] = o.PollSeconds.ToString(CultureInfo.InvariantCulture),
            ["RemissFlow__Background__LeaseSeconds"] = o.LeaseSeconds.ToString(CultureInfo.InvariantCulture),
            ["Smtp__Host"] = smtp.Host,
            ["Smtp__Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var a = new ClusterNode("a", o.WebDll, Directory.CreateDirectory(Path.Combine(root, "a")).FullName, environment);
        var b = new ClusterNode("b", o.WebDll, Directory.CreateDirectory(Path.Combine(root, "b")).FullName, environment);
        NginxBalancer? nginx = null;
        try
        {
            await log.WriteLineAsync($"databas {database}; startar nod a (migrerar och fyller demodata) …");
            // One node migrates and seeds before the other starts, so the second finds the schema in place.
            await a.StartAsync(new Dictionary<string, string> { ["RemissFlow__Demo"] = "true" }, TimeSpan.FromMinutes(5), ct);
            await b.StartAsync(null, TimeSpan.FromMinutes(3), ct);
            nginx = await NginxBalancer.StartAsync([a.Address, b.Address]);
            await log.WriteLineAsync($"noder {a.Address} och {b.Address} bakom nginx {nginx.Address}");

            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = o.Connections, UseProxy = false, AllowAutoRedirect = false };
            using var http = new HttpClient(handler) { BaseAddress = nginx.Address, Timeout = RequestTimeout };
            var ks = await TokenAsync(http, "registrator.ks@remissflow.test", ct);
            var sf = await TokenAsync(http, "sekreterare.sf@remissflow.test", ct);

            var plantedAt = DateTimeOffset.UtcNow;
            var spread = o.Duration * 0.6;
            var timers = await PlantTimersAsync(target, plantedAt, spread, ct);
            var mails = await PlantMailsAsync(target, plantedAt, spread, Math.Max(10, (int)o.Duration.TotalSeconds * 2), ct);
            await log.WriteLineAsync($"planterade {timers.Count} timrar och {mails.Count} e-postmeddelanden, förfallna under de första {spread.TotalSeconds:0} s");

            await log.WriteLineAsync($"last {o.Rate}/s i {o.Duration.TotalSeconds:0} s; nod b dödas (kill -9) efter {o.Duration.TotalSeconds * 0.4:0} s och startas om …");
            var load = await LoadAsync(http, ks, sf, o, b, ct);
            await log.WriteLineAsync($"nod b dödad vid {load.KillAt:0.0} s, redo igen vid {load.BackAt:0.0} s");

            // A client that got no answer sends again with the same key; the server must not make a second remiss.
            var retried = 0;
            foreach (var (key, _) in load.Writes.Where(w => w.Value is null).ToList())
            {
                if ((await WriteAsync(http, ks, key, ct)).Id is { } id)
                {
                    load.Writes[key] = id;
                    retried++;
                }
            }

            await log.WriteLineAsync("väntar på att timrarna och e-posten ska bli klara …");
            await DrainAsync(target, timers, mails, TimeSpan.FromSeconds(o.LeaseSeconds + (4 * o.PollSeconds) + 30), ct);
            var (fired, skipped, pending, twice) = await CountTimersAsync(target, timers, plantedAt, ct);
            var unsent = await CountUnsentAsync(target, mails, ct);
            var received = smtp.Messages;
            var twiceIds = received.GroupBy(m => m.Header("Message-ID") ?? Guid.NewGuid().ToString()).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            var interrupted = await InterruptedAsync(target, mails, ct);
            var unexplained = twiceIds.Count(h => !Guid.TryParse(h.Trim('<', '>').Split('@')[0], out var id) || !interrupted.Contains(id));

            var acknowledged = load.Acknowledged;
            var lost = acknowledged.Count - await CountExistingAsync(target, acknowledged.Values.ToList(), ct);
            var doubled = await CountDoubledAsync(target, ct);

            await log.WriteLineAsync($"genomströmning i {o.Capacity.TotalSeconds:0} s per fas, 16 samtidiga läsningar …");
            var two = await CapacityAsync(nginx.Address, sf, o.Capacity, ct);
            var one = await CapacityAsync(a.Address, sf, o.Capacity, ct);

            return new ClusterBenchResult(
                load.Requests, load.Ok, load.Requests - load.Ok, load.FailedInWindow, load.BackAt - load.KillAt + 3, load.Ok / load.Elapsed,
                load.Writes.Count, acknowledged.Count, retried, lost, doubled,
                timers.Count, fired, skipped, pending, twice,
                mails.Count, received.Count, unsent, twiceIds.Count, interrupted.Count, unexplained,
                two, one, load.FailuresOutsideWindow);
        }
        finally
        {
            if (nginx is not null)
            {
                await nginx.DisposeAsync();
            }

            await a.DisposeAsync();
            await b.DisposeAsync();
            await smtp.DisposeAsync();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", CancellationToken.None);
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    public static string Format(ClusterBenchOptions o, ClusterBenchResult r)
    {
        static string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
        var reasons = r.FailuresOutsideWindow.Count == 0 ? ""
            : $" ({string.Join(", ", r.FailuresOutsideWindow.OrderByDescending(f => f.Value).Select(f => $"{f.Key}: {f.Value}"))})";
        return string.Join(Environment.NewLine,
            $"förfrågningar: {r.Requests} (lyckade {r.Ok}, misslyckade {r.Failed}, varav {r.FailedInKillWindow} under dödsfönstret på {F(r.KillWindowSeconds)} s); {F(r.AchievedPerSecond)} lyckade/s av {o.Rate} begärda",
            $"skrivningar: {r.Writes}, kvitterade {r.Acknowledged} (varav {r.RetriedAfterRun} efter omsändning med samma nyckel); kvitterade men förlorade: {r.AcknowledgedLost}; dubbla: {r.WritesDoubled}",
            $"timrar: {r.TimersPlanted} planterade, {r.TimersFired} avfyrade, {r.TimersSkipped} överhoppade, {r.TimersPending} kvar; avfyrade två gånger: {r.TimersFiredTwice}",
            $"e-post: {r.MailsPlanted} planterade, {r.MailsReceived} mottagna i allt (demodatans egna utskick inräknade), {r.MailsUnsent} osända; mottagna två gånger: {r.MailsTwice}, varav utan ett avbrutet försök bakom sig: {r.MailsTwiceUnexplained} (avbrutna försök när noden dödades: {r.MailsInterrupted})",
            $"misslyckade utanför dödsfönstret: {r.Failed - r.FailedInKillWindow}{reasons}",
            $"genomströmning (läsningar, stängd slinga): två noder {F(r.TwoNodesPerSecond)}/s, en nod {F(r.OneNodePerSecond)}/s",
            r.Passed ? "inga förlorade, inga dubbla" : "FEL: förlorade, dubbla eller fel utanför dödsfönstret");
    }

    private sealed class Load
    {
        public ConcurrentDictionary<string, Guid?> Writes { get; } = new();

        public Dictionary<string, Guid> Acknowledged => Writes.Where(w => w.Value is not null).ToDictionary(w => w.Key, w => w.Value!.Value);

        public int Requests { get; set; }

        public int Ok { get; set; }

        public int FailedInWindow { get; set; }

        public IReadOnlyDictionary<string, int> FailuresOutsideWindow { get; set; } = new Dictionary<string, int>();

        public double KillAt { get; set; }

        public double BackAt { get; set; }

        public double Elapsed { get; set; }
    }

    private static async Task<Load> LoadAsync(HttpClient http, string ks, string sf, ClusterBenchOptions o, ClusterNode victim, CancellationToken ct)
    {
        var load = new Load { KillAt = double.NaN, BackAt = double.NaN };
        var total = (int)Math.Ceiling(o.Duration.TotalSeconds * o.Rate);
        var started = new double[total];
        var ended = new double[total];
        // Why each request failed (null when it succeeded), so a failure outside the kill window says whether it was a
        // timeout on an overloaded machine or a wrong answer.
        var failure = new string?[total];
        var created = new ConcurrentQueue<Guid>();
        using var slots = new SemaphoreSlim(o.Connections, o.Connections);
        var clock = Stopwatch.StartNew();
        var killer = Task.Run(async () =>
        {
            await Task.Delay(o.Duration * 0.4, ct);
            load.KillAt = clock.Elapsed.TotalSeconds;
            await victim.KillAsync();
            await victim.StartAsync(null, TimeSpan.FromMinutes(3), ct);
            load.BackAt = clock.Elapsed.TotalSeconds;
        }, ct);
        var tasks = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)o.Rate);
            if (due - clock.Elapsed is var wait && wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, ct);
            }

            await slots.WaitAsync(ct);
            var index = i;
            started[index] = clock.Elapsed.TotalSeconds;
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    switch (index % 10)
                    {
                        case 0 or 1:
                            var key = Guid.NewGuid().ToString("N");
                            load.Writes[key] = null;
                            var id = await WriteAsync(http, ks, key, ct);
                            if (id.Id is { } value)
                            {
                                load.Writes[key] = value;
                                created.Enqueue(value);
                            }

                            failure[index] = id.Failure;
                            break;
                        case 6 or 7 when created.TryPeek(out var remiss):
                            failure[index] = await GetAsync(http, ks, $"/api/remisser/{remiss}", ct);
                            break;
                        case 8 or 9 or 6 or 7:
                            failure[index] = await GetAsync(http, index % 2 == 0 ? ks : sf, "/api/me", ct);
                            break;
                        default:
                            failure[index] = await GetAsync(http, sf, "/api/bevakning", ct);
                            break;
                    }
                }
                finally
                {
                    ended[index] = clock.Elapsed.TotalSeconds;
                    slots.Release();
                }
            }, ct));
        }

        await Task.WhenAll(tasks);
        load.Elapsed = clock.Elapsed.TotalSeconds;
        await killer;
        load.Requests = total;
        load.Ok = failure.Count(x => x is null);
        // A request fails "in the kill window" if it was under way between the kill and a few seconds after the
        // restarted node was ready (nginx takes a failed node out for fail_timeout, 2 s, before trying it again).
        bool InWindow(int i) => ended[i] >= load.KillAt && started[i] <= load.BackAt + 3;
        load.FailedInWindow = Enumerable.Range(0, total).Count(i => failure[i] is not null && InWindow(i));
        load.FailuresOutsideWindow = Enumerable.Range(0, total).Where(i => failure[i] is not null && !InWindow(i))
            .GroupBy(i => failure[i]!).ToDictionary(g => g.Key, g => g.Count());
        return load;
    }

    private static async Task<(Guid? Id, string? Failure)> WriteAsync(HttpClient http, string token, string key, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/remisser")
        {
            Content = JsonContent.Create(new { title = TitlePrefix + key, svarsdatum = DateTime.UtcNow.Date.AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", key);
        try
        {
            using var response = await http.SendAsync(request, ct);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                return (null, $"HTTP {(int)response.StatusCode}");
            }

            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            return (body.RootElement.GetProperty("id").GetGuid(), null);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return (null, Reason(e));
        }
    }

    private static async Task<string?> GetAsync(HttpClient http, string token, string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return Reason(e);
        }
    }

    private static string Reason(Exception e) => e switch
    {
        TaskCanceledException => $"tidsgräns {RequestTimeout.TotalSeconds:0} s",
        JsonException => "oläsligt svar",
        HttpRequestException { HttpRequestError: var error } => $"anslutningsfel ({error})",
        _ => e.GetType().Name,
    };

    private static async Task<string> TokenAsync(HttpClient http, string email, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("/api/token", new { email, password = Demo.DemoSeeder.Password }, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchFailure($"inloggningen som {email} misslyckades ({(int)response.StatusCode})");
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return json.RootElement.GetProperty("accessToken").GetString() ?? throw new BenchFailure("svaret på POST /api/token saknar accessToken");
    }

    private static async Task<double> CapacityAsync(Uri address, string token, TimeSpan duration, CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 16, UseProxy = false };
        using var http = new HttpClient(handler) { BaseAddress = address, Timeout = RequestTimeout };
        var ok = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                if (await GetAsync(http, token, "/api/bevakning", ct) is null)
                {
                    Interlocked.Increment(ref ok);
                }
            }
        }, ct)));
        return ok / clock.Elapsed.TotalSeconds;
    }

    private sealed record PlantedTimer(Guid Id, Guid InstanceId, string Trigger);

    /// <summary>Every timer of the demo becomes due at a moment spread over the load, unclaimed.</summary>
    private static async Task<List<PlantedTimer>> PlantTimersAsync(string connection, DateTimeOffset from, TimeSpan spread, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""
            UPDATE workflow_bookmarks SET "ResumeAt" = @from + random() * @spread, "ClaimedBy" = NULL, "ClaimedUntil" = NULL
            WHERE "Kind" = 'timer' AND "Trigger" IS NOT NULL
            RETURNING "Id", "InstanceId", "Trigger"
            """, db);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("spread", spread);
        var planted = new List<PlantedTimer>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            planted.Add(new PlantedTimer(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2)));
        }

        return planted;
    }

    private static async Task<List<Guid>> PlantMailsAsync(string connection, DateTimeOffset from, TimeSpan spread, int count, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(ct);
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.CreateVersion7();
            await using var command = new NpgsqlCommand("""
                INSERT INTO utgaende_epost ("Id", "CreatedAt", "Till", "Rubrik", "Text", "DedupKey", "Attempts", "NextAttemptAt")
                VALUES (@id, @from, @till, 'Klusterbänk', 'Ett planterat meddelande.', @dedup, 0, @due)
                """, db);
            command.Parameters.AddWithValue("id", id);
            command.Parameters.AddWithValue("from", from);
            command.Parameters.AddWithValue("till", $"klusterbank{i}@remissflow.test");
            command.Parameters.AddWithValue("dedup", $"klusterbank:{id:N}");
            command.Parameters.AddWithValue("due", from + (spread * i / count));
            await command.ExecuteNonQueryAsync(ct);
            ids.Add(id);
        }

        return ids;
    }

    private static async Task DrainAsync(string connection, List<PlantedTimer> timers, List<Guid> mails, TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var waiting = await ScalarAsync(connection, """SELECT count(*) FROM workflow_bookmarks WHERE "Id" = ANY(@ids)""", timers.Select(t => t.Id).ToArray(), ct)
                + await CountUnsentAsync(connection, mails, ct);
            if (waiting == 0)
            {
                return;
            }

            await Task.Delay(1000, ct);
        }
    }

    /// <summary>
    /// A fired timer leaves one step with its trigger in the instance's execution log; a skipped one (the engine found it
    /// no longer applies) only deletes its bookmark. More steps with that trigger than planted timers is a double firing.
    /// </summary>
    private static async Task<(int Fired, int Skipped, int Pending, int Twice)> CountTimersAsync(string connection, List<PlantedTimer> timers, DateTimeOffset from, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(ct);
        var remaining = new HashSet<Guid>();
        await using (var command = new NpgsqlCommand("""SELECT "Id" FROM workflow_bookmarks WHERE "Id" = ANY(@ids)""", db))
        {
            command.Parameters.AddWithValue("ids", timers.Select(t => t.Id).ToArray());
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                remaining.Add(reader.GetGuid(0));
            }
        }

        var steps = new Dictionary<(Guid, string), int>();
        await using (var command = new NpgsqlCommand("""
            SELECT "InstanceId", "Trigger", count(*) FROM workflow_log WHERE "InstanceId" = ANY(@ids) AND "At" >= @from GROUP BY 1, 2
            """, db))
        {
            command.Parameters.AddWithValue("ids", timers.Select(t => t.InstanceId).Distinct().ToArray());
            command.Parameters.AddWithValue("from", from);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                steps[(reader.GetGuid(0), reader.GetString(1))] = (int)reader.GetInt64(2);
            }
        }

        int fired = 0, twice = 0;
        foreach (var group in timers.Where(t => !remaining.Contains(t.Id)).GroupBy(t => (t.InstanceId, t.Trigger)))
        {
            var count = steps.GetValueOrDefault(group.Key);
            fired += Math.Min(count, group.Count());
            twice += Math.Max(0, count - group.Count());
        }

        var done = timers.Count - remaining.Count;
        return (fired, done - fired, remaining.Count, twice);
    }

    private static async Task<int> CountUnsentAsync(string connection, List<Guid> mails, CancellationToken ct) => (int)await
        ScalarAsync(connection, """SELECT count(*) FROM utgaende_epost WHERE "Id" = ANY(@ids) AND "SentAt" IS NULL AND "Attempts" < 12""", mails.ToArray(), ct);

    private static async Task<HashSet<Guid>> InterruptedAsync(string connection, List<Guid> mails, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""SELECT "Id" FROM utgaende_epost WHERE "Id" = ANY(@ids) AND "AvbrutnaForsok" > 0""", db);
        command.Parameters.AddWithValue("ids", mails.ToArray());
        var ids = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private static async Task<int> CountExistingAsync(string connection, List<Guid> ids, CancellationToken ct) =>
        (int)await ScalarAsync(connection, """SELECT count(*) FROM remisser WHERE "Id" = ANY(@ids)""", ids.ToArray(), ct);

    private static async Task<int> CountDoubledAsync(string connection, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FROM (SELECT "Title" FROM remisser WHERE "Title" LIKE @prefix GROUP BY "Title" HAVING count(*) > 1) d
            """, db);
        command.Parameters.AddWithValue("prefix", TitlePrefix + "%");
        return (int)(long)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task<long> ScalarAsync(string connection, string sql, Guid[] ids, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, db);
        command.Parameters.AddWithValue("ids", ids);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task ExecuteAsync(string connection, string sql, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync(ct);
    }
}
