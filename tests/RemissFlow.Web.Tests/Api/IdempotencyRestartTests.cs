using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Api.Idempotency;
using RemissFlow.Web.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Tests.Api;

/// <summary>
/// Idempotency with the shipped settings: a key outlives the process that stored it (a client
/// retrying after a crash or a deploy, or reaching another node), and a replayed 204 is a clean
/// 204 on a real server.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class IdempotencyRestartTests(DatabaseProvider provider)
{
    private static HttpRequestMessage Post(string path, string key, object? body) => new(HttpMethod.Post, path)
    {
        Content = body is null ? null : JsonContent.Create(body),
        Headers = { { IdempotencyFilter.Header, key } },
    };

    [Test]
    public async Task A_create_retried_after_a_restart_gets_the_first_answer_and_creates_one_remiss()
    {
        await using var database = await TestDatabase.CreateAsync(provider, DatabaseTemplate.Demo);
        var key = Guid.NewGuid().ToString();
        var title = "Omstart " + key;
        var body = new { title, svarsdatum = StockholmTime.Today(TimeProvider.System).AddDays(60).ToString("yyyy-MM-dd") };

        HttpResponseMessage first;
        string firstBody;
        await using (var app = RemissFlowApp.Restart(database))
        {
            var ks = await Sessions.BearerAsync(app, Sessions.KsRegistrator);
            first = await ks.SendAsync(Post("/api/remisser", key, body));
            firstBody = await first.Content.ReadAsStringAsync();
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), firstBody);
        }

        await using (var app = RemissFlowApp.Restart(database))
        {
            var ks = await Sessions.BearerAsync(app, Sessions.KsRegistrator);
            var retry = await ks.SendAsync(Post("/api/remisser", key, body));
            Assert.Multiple(async () =>
            {
                Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created));
                Assert.That(retry.Headers.Location, Is.EqualTo(first.Headers.Location));
                Assert.That(await retry.Content.ReadAsStringAsync(), Is.EqualTo(firstBody));
                Assert.That(retry.Headers.Contains(IdempotencyFilter.ReplayedHeader), Is.True);
                Assert.That(await app.QueryAsync(db => db.Remisser.CountAsync(r => r.Title == title)), Is.EqualTo(1));
            });
        }
    }

    [Test]
    public async Task A_204_and_its_replay_are_written_without_a_body_or_content_type_and_without_a_server_error()
    {
        await using var app = await RemissFlowApp.StartAsync(provider, kestrel: true);
        var svar = await ArendeData.SendRemissAsync(app, "Remiss att publicera två gånger", StockholmTime.Today(TimeProvider.System).AddDays(30), "SF");
        var remiss = await app.QueryAsync(db => db.Remissvar.Where(s => s.Id == svar["SF"]).Select(s => s.RemissId).SingleAsync());
        var samordnare = await Sessions.BearerAsync(app, Sessions.KsSamordnare);
        var key = Guid.NewGuid().ToString();
        var path = $"/api/remisser/{remiss}/sammanstallning/publicera";

        var errorsBefore = app.ErrorLog.Errors.Count;
        var first = await samordnare.SendAsync(Post(path, key, null));
        var replay = await samordnare.SendAsync(Post(path, key, null));
        // The server logs a failure after the response has been sent; give it the moment to get there.
        await Task.Delay(500);
        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(replay.Headers.Contains(IdempotencyFilter.ReplayedHeader), Is.True);
            Assert.That(replay.Content.Headers.ContentType, Is.Null);
            Assert.That(await replay.Content.ReadAsByteArrayAsync(), Is.Empty);
            Assert.That(app.ErrorLog.Errors.Skip(errorsBefore), Is.Empty);
        });
    }
}
