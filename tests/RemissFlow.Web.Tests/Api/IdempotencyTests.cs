using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Api.Idempotency;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Api;

/// <summary>
/// The Idempotency-Key contract on the store the app ships with, the database table
/// idempotency_keys (migration V0003), on both databases.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class IdempotencyTests(DatabaseProvider provider)
{

    private RemissFlowApp _app = null!;
    private HttpClient _ks = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await RemissFlowApp.StartAsync(provider);
        _ks = await Sessions.BearerAsync(_app, Sessions.KsRegistrator);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private Task<int> CountTitled(string title) => _app.QueryAsync(db => db.Remisser.CountAsync(r => r.Title == title));

    private static HttpRequestMessage Post(string key, object body) => new(HttpMethod.Post, "/api/remisser")
    {
        Content = JsonContent.Create(body),
        Headers = { { IdempotencyFilter.Header, key } },
    };

    [Test]
    public async Task The_same_key_twice_creates_one_remiss_and_answers_the_same_both_times()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { title = "Dubbelklick " + key, svarsdatum = "2027-05-04" };
        var first = await _ks.SendAsync(Post(key, body));
        var second = await _ks.SendAsync(Post(key, body));
        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(second.Headers.Location, Is.EqualTo(first.Headers.Location));
            Assert.That(await second.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
            Assert.That(second.Headers.Contains(IdempotencyFilter.ReplayedHeader), Is.True);
            Assert.That(first.Headers.Contains(IdempotencyFilter.ReplayedHeader), Is.False);
            Assert.That(await CountTitled("Dubbelklick " + key), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Simultaneous_requests_with_one_key_run_the_command_once()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { title = "Samtidigt " + key, svarsdatum = "2027-05-04" };
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _ks.SendAsync(Post(key, body))));
        Assert.Multiple(async () =>
        {
            Assert.That(responses.Select(r => r.StatusCode), Has.All.AnyOf(HttpStatusCode.Created, HttpStatusCode.Conflict));
            Assert.That(await CountTitled("Samtidigt " + key), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task The_same_key_with_another_body_is_refused()
    {
        var key = Guid.NewGuid().ToString();
        await _ks.SendAsync(Post(key, new { title = "Första " + key, svarsdatum = "2027-05-04" }));
        var other = await Problem.ReadAsync(await _ks.SendAsync(Post(key, new { title = "Andra " + key, svarsdatum = "2027-05-04" })));
        Assert.Multiple(async () =>
        {
            Assert.That(other.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(other.Detail, Does.Contain("Idempotency-Key har redan använts"));
            Assert.That(await CountTitled("Andra " + key), Is.EqualTo(0));
        });
    }

    [Test]
    public async Task Keys_belong_to_their_user()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { title = "Två användare " + key, svarsdatum = "2027-05-04" };
        var samordnare = await Sessions.BearerAsync(_app, Sessions.KsSamordnare);
        Assert.That((await _ks.SendAsync(Post(key, body))).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await samordnare.SendAsync(Post(key, body))).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(await CountTitled("Två användare " + key), Is.EqualTo(2));
    }

    [Test]
    public async Task A_refusal_is_remembered_too_and_a_bad_key_is_refused()
    {
        var key = Guid.NewGuid().ToString();
        var first = await _ks.SendAsync(Post(key, new { title = "", svarsdatum = "2027-05-04" }));
        var again = await _ks.SendAsync(Post(key, new { title = "", svarsdatum = "2027-05-04" }));
        var badKey = await Problem.ReadAsync(await _ks.SendAsync(Post(new string('k', 201), new { title = "Lång nyckel", svarsdatum = "2027-05-04" })));
        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(again.Headers.Contains(IdempotencyFilter.ReplayedHeader), Is.True);
            Assert.That(await again.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
            Assert.That(badKey.Errors.Keys, Does.Contain("Idempotency-Key"));
            Assert.That(await CountTitled("Lång nyckel"), Is.EqualTo(0));
        });
    }

    [Test]
    public async Task Organisation_posts_are_idempotent_as_well()
    {
        var admin = await Sessions.BearerAsync(_app, Sessions.AdminEmail);
        var key = Guid.NewGuid().ToString();
        var prefix = "I" + key[..4].ToUpperInvariant().Replace('0', 'A').Replace('1', 'B').Replace('2', 'C').Replace('3', 'D').Replace('4', 'E')
            .Replace('5', 'F').Replace('6', 'G').Replace('7', 'H').Replace('8', 'I').Replace('9', 'J');
        HttpRequestMessage Request() => new(HttpMethod.Post, "/api/organisationer")
        {
            Content = JsonContent.Create(new { name = "Idempotensnämnden " + key, kind = "Namnd", dnrPrefix = prefix }),
            Headers = { { IdempotencyFilter.Header, key } },
        };
        var first = await admin.SendAsync(Request());
        var second = await admin.SendAsync(Request());
        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), await first.Content.ReadAsStringAsync());
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(await _app.QueryAsync(db => db.Organisationer.CountAsync(o => o.DnrPrefix == prefix)), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Store_releases_failed_claims_takes_over_abandoned_ones_and_purges_expired_keys()
    {
        using var scope = _app.Services.CreateScope();
        var sut = scope.ServiceProvider.GetRequiredService<IIdempotencyStore>();
        var now = DateTimeOffset.UtcNow;
        var scopeId = Guid.NewGuid().ToString("N");

        Assert.That((await sut.TryClaimAsync(scopeId, "a", "h1", now.AddHours(1), default)).State, Is.EqualTo(ClaimState.Claimed));
        Assert.That((await sut.TryClaimAsync(scopeId, "a", "h1", now.AddHours(1), default)).State, Is.EqualTo(ClaimState.InProgress));
        await sut.ReleaseAsync(scopeId, "a", default);
        Assert.That((await sut.TryClaimAsync(scopeId, "a", "h1", now.AddHours(1), default)).State, Is.EqualTo(ClaimState.Claimed));
        await sut.CompleteAsync(scopeId, "a", new StoredResponse(201, "application/json", "/x", [1, 2, 3]), default);
        var replay = await sut.TryClaimAsync(scopeId, "a", "h1", now.AddHours(1), default);
        Assert.Multiple(() =>
        {
            Assert.That(replay.State, Is.EqualTo(ClaimState.Completed));
            Assert.That(replay.Response!.Body, Is.EqualTo(new byte[] { 1, 2, 3 }));
            Assert.That(replay.Response.Location, Is.EqualTo("/x"));
        });

        await sut.TryClaimAsync(scopeId, "old", "h", now.AddMinutes(-1), default);
        Assert.That(await sut.PurgeExpiredAsync(now, default), Is.GreaterThanOrEqualTo(1));
        Assert.That((await sut.TryClaimAsync(scopeId, "old", "h2", now.AddHours(1), default)).State, Is.EqualTo(ClaimState.Claimed));

        // A claim left behind by a request that died is taken over after the timeout.
        await _app.QueryAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE idempotency_keys SET created_at = {now.AddMinutes(-10).ToUnixTimeMilliseconds()} WHERE scope = {scopeId} AND idem_key = 'old'"));
        Assert.That((await sut.TryClaimAsync(scopeId, "old", "h3", now.AddHours(1), default)).State, Is.EqualTo(ClaimState.Claimed));
    }
}
