using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Api.Idempotency;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Api;

/// <summary>
/// A client that gives up (its timeout) just after the server committed a keyed write must, on its resend with the same
/// Idempotency-Key, get the first write's answer, not a second remiss. bench cluster found the double under load: the
/// endpoint's read after the commit was cancelled with the request, and the filter released the key.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class IdempotencyAbortTests(DatabaseProvider provider)
{
    private RemissFlowApp _app = null!;
    private HttpClient _ks = null!;
    private readonly AbortAfterCommit _abort = new();

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await RemissFlowApp.StartAsync(provider, services: s =>
        {
            s.AddSingleton(_abort);
            s.AddScoped<Mediator>();
            s.AddScoped<IMediator>(sp => new AbortingMediator(sp.GetRequiredService<Mediator>(), _abort, sp.GetRequiredService<IHttpContextAccessor>()));
        });
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

    [Test]
    public async Task A_client_that_gives_up_after_the_commit_gets_the_same_remiss_on_its_resend()
    {
        var key = Guid.NewGuid().ToString();
        var title = "Klienten gav upp " + key;
        using var giveUp = new CancellationTokenSource();
        _abort.Arm(giveUp);

        HttpRequestMessage Post() => new(HttpMethod.Post, "/api/remisser")
        {
            Content = JsonContent.Create(new { title, svarsdatum = "2027-05-04" }),
            Headers = { { IdempotencyFilter.Header, key } },
        };

        Assert.That(async () => await _ks.SendAsync(Post(), giveUp.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(await _abort.ServerSawTheAbort.Task.WaitAsync(TimeSpan.FromSeconds(30)), Is.True,
            "the server never saw the client go away, so the test proved nothing");

        // The abandoned request may still be finishing on the server; the resend waits for it as a client would.
        var resend = await _ks.SendAsync(Post());
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); resend.StatusCode == HttpStatusCode.Conflict && waited.Elapsed < TimeSpan.FromSeconds(30);)
        {
            await Task.Delay(200);
            resend = await _ks.SendAsync(Post());
        }

        var count = await _app.QueryAsync(db => db.Remisser.CountAsync(r => r.Title == title));
        Assert.Multiple(() =>
        {
            Assert.That(resend.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(resend.Headers.Contains(IdempotencyFilter.ReplayedHeader), Is.True, "the resend ran the command again");
            Assert.That(count, Is.EqualTo(1));
        });
    }

    /// <summary>After the armed CreateRemiss commits, cancels the client's request and waits until the server sees it gone.</summary>
    private sealed class AbortAfterCommit
    {
        private CancellationTokenSource? _client;

        public TaskCompletionSource<bool> ServerSawTheAbort { get; private set; } = new();

        public void Arm(CancellationTokenSource client)
        {
            _client = client;
            ServerSawTheAbort = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public async Task AfterCommitAsync(HttpContext? http)
        {
            if (Interlocked.Exchange(ref _client, null) is not { } client || http is null)
            {
                return;
            }

            await client.CancelAsync();
            var aborted = new TaskCompletionSource();
            using (http.RequestAborted.Register(() => aborted.TrySetResult()))
            {
                var saw = await Task.WhenAny(aborted.Task, Task.Delay(TimeSpan.FromSeconds(20))) == aborted.Task;
                ServerSawTheAbort.TrySetResult(saw);
            }
        }
    }

    private sealed class AbortingMediator(Mediator inner, AbortAfterCommit abort, IHttpContextAccessor http) : IMediator
    {
        public async Task<Result<TResult>> Send<TResult>(IRequest<TResult> request, CancellationToken ct = default)
        {
            var result = await inner.Send(request, ct);
            if (request is CreateRemiss.Command && result.Succeeded)
            {
                await abort.AfterCommitAsync(http.HttpContext);
            }

            return result;
        }
    }
}
