using System.Net;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Tests.Races;

/// <summary>
/// Two saves of a TU released together on the same base version, through the real form: one
/// wins, the other gets the 409 page that shows both texts. Whatever the database raises for the
/// loser (a stale token, a unique index, a serialisation failure) must end there, never in a 500.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class TuSaveRaceTests(DatabaseProvider provider)
{
    private const int Rounds = 20;

    private RemissFlowApp _app = null!;
    private HttpClient _first = null!;
    private HttpClient _second = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        if (provider == DatabaseProvider.Postgres)
        {
            Providers.RequirePostgres();
        }

        _app = await RemissFlowApp.StartAsync(provider);
        // The same handläggare in two browsers: only the base version decides who was first.
        _first = await Sessions.CookieAsync(_app, Sessions.SfHandlaggare);
        _second = await Sessions.CookieAsync(_app, Sessions.SfHandlaggare);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task<Guid> ArendeUnderBeredningAsync(string title)
    {
        var id = (await ArendeData.SendRemissAsync(_app, title, StockholmTime.Today(TimeProvider.System).AddDays(60), "SF"))["SF"];
        await _app.AsUserAsync(Sessions.SfRegistrator, new RegisterRemissvar.Command(id));
        await _app.AsUserAsync(Sessions.SfRegistrator, new AssignHandlaggare.Command(id, await ArendeData.UserIdAsync(_app, Sessions.SfHandlaggare)));
        await _app.AsUserAsync(Sessions.SfHandlaggare, new FireRemissvarTrigger.Command(id, "paborja_beredning"));
        return id;
    }

    private static Dictionary<string, string> Form(int? basedOn, string synpunkter) => new()
    {
        ["Input.BasedOnVersion"] = basedOn?.ToString() ?? "",
        ["Input.Rubrik"] = "Remiss av en strategi",
        ["Input.ForslagTillBeslut"] = "Servicenämnden godkänner förvaltningens tjänsteutlåtande.",
        ["Input.Sammanfattning"] = "Förvaltningen ställer sig bakom strategin.",
        ["Input.Bakgrund"] = "Kommunstyrelsen har skickat strategin på remiss.",
        ["Input.Arendet"] = "Strategin föreslår en sak.",
        ["Input.Synpunkter"] = synpunkter,
    };

    /// <summary>Both clients load the form first (as browsers would), then both posts leave at once.</summary>
    private static async Task<(HttpResponseMessage A, HttpResponseMessage B)> RaceAsync(HttpClient a, HttpClient b, Guid id, int? basedOn, string textA, string textB)
    {
        var path = $"/arenden/{id}/tu";
        var tokenA = Sessions.AntiforgeryToken(await a.GetStringAsync(path));
        var tokenB = Sessions.AntiforgeryToken(await b.GetStringAsync(path));
        FormUrlEncodedContent Content(string token, string text) =>
            new(new List<KeyValuePair<string, string>>(Form(basedOn, text)) { new("__RequestVerificationToken", token) });
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var postA = Task.Run(async () => { await go.Task; return await a.PostAsync(path, Content(tokenA, textA)); });
        var postB = Task.Run(async () => { await go.Task; return await b.PostAsync(path, Content(tokenB, textB)); });
        go.SetResult();
        return (await postA, await postB);
    }

    private async Task AssertOneWinnerAsync(Guid id, int expectedVersion, HttpResponseMessage a, HttpResponseMessage b, string textA, string textB, string round)
    {
        var bodyA = await a.Content.ReadAsStringAsync();
        var bodyB = await b.Content.ReadAsStringAsync();
        var statuses = new[] { a.StatusCode, b.StatusCode };
        Assert.That(statuses, Is.EquivalentTo(new[] { HttpStatusCode.Redirect, HttpStatusCode.Conflict }), $"{round}: {a.StatusCode} {bodyA[..Math.Min(400, bodyA.Length)]} / {b.StatusCode} {bodyB[..Math.Min(400, bodyB.Length)]}");
        var (loserBody, loserText, winnerText) = a.StatusCode == HttpStatusCode.Conflict ? (bodyA, textA, textB) : (bodyB, textB, textA);
        var versions = await _app.QueryAsync(db => db.TjansteutlatandeVersioner.AsNoTracking()
            .Where(v => db.Tjansteutlatanden.Any(t => t.Id == v.TjansteutlatandeId && t.RemissvarId == id))
            .OrderBy(v => v.Nummer).Select(v => new { v.Nummer, v.Synpunkter }).ToListAsync());
        Assert.Multiple(() =>
        {
            Assert.That(loserBody, Does.Contain("Någon annan sparade först"), round);
            Assert.That(loserBody, Does.Contain(loserText), $"{round}: the loser's own text is kept in the form");
            Assert.That(loserBody, Does.Contain(winnerText), $"{round}: the saved text is shown to compare with");
            Assert.That(versions.Select(v => v.Nummer), Is.EqualTo(Enumerable.Range(1, expectedVersion)), round);
            Assert.That(versions[^1].Synpunkter, Is.EqualTo(winnerText), round);
        });
    }

    [Test]
    public async Task Two_saves_on_the_same_version_give_one_version_and_one_conflict_with_both_texts_every_time()
    {
        var id = await ArendeUnderBeredningAsync("Strategi för samtidiga sparningar");
        var first = await Sessions.PostFormAsync(_first, $"/arenden/{id}/tu", Form(null, "Utgångstext."));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        for (var round = 1; round <= Rounds; round++)
        {
            var (textA, textB) = ($"Text A i runda {round}.", $"Text B i runda {round}.");
            var (a, b) = await RaceAsync(_first, _second, id, round, textA, textB);
            await AssertOneWinnerAsync(id, round + 1, a, b, textA, textB, $"runda {round}");
        }
    }

    [Test]
    public async Task Two_first_saves_give_one_first_version_and_one_conflict_with_both_texts_every_time()
    {
        for (var round = 1; round <= Rounds; round++)
        {
            var id = await ArendeUnderBeredningAsync($"Strategi för första sparningar {round}");
            var (textA, textB) = ($"Första text A i runda {round}.", $"Första text B i runda {round}.");
            var (a, b) = await RaceAsync(_first, _second, id, null, textA, textB);
            await AssertOneWinnerAsync(id, 1, a, b, textA, textB, $"runda {round}");
        }
    }
}
