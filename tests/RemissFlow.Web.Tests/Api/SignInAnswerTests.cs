using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Security;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Api;

/// <summary>
/// The sign-in answers tell nobody which accounts exist: an unknown address, a wrong password, a locked and a deactivated
/// account get the same status and text, by form and by token, and each costs one password check (the time of a sign-in
/// is the time of its hash), which a counting hasher shows without timing anything on a busy machine.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed partial class SignInAnswerTests(DatabaseProvider provider)
{
    private const string Password = "Inloggningsprov-2026";

    private RemissFlowApp _app = null!;
    private readonly HashCounter _hashes = new();
    private string _locked = "";
    private string _deactivated = "";

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await RemissFlowApp.StartAsync(provider, services: s =>
        {
            s.AddSingleton(_hashes);
            s.AddScoped<IPasswordHasher<AppUser>, CountingPasswordHasher>();
        });
        var sf = await _app.QueryAsync(db => Task.FromResult(db.Organisationer.First(o => o.DnrPrefix == "SF").Id));
        _locked = $"last-{Guid.NewGuid():N}@remissflow.test";
        _deactivated = $"inaktiv-{Guid.NewGuid():N}@remissflow.test";
        await _app.AsSystemAsync(new CreateUser.Command(_locked, "Låst Person", sf, [Role.Handlaggare], Password));
        var off = await _app.AsSystemAsync(new CreateUser.Command(_deactivated, "Inaktiv Person", sf, [Role.Handlaggare], Password));
        using (var scope = _app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<RemissFlow.Core.Mediation.CurrentActor>().Actor = await ActorOf(Sessions.AdminEmail);
            var result = await scope.ServiceProvider.GetRequiredService<RemissFlow.Core.Mediation.IMediator>().Send(new SetUserActive.Command(off, false));
            Assert.That(result.Succeeded, Is.True, () => result.Refusal!.Message);
        }

        var client = _app.NewClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/token", new { email = _locked, password = "fel-lösenord-" + i });
        }
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task<RemissFlow.Core.Mediation.Actor> ActorOf(string email)
    {
        using var scope = _app.Services.CreateScope();
        var id = await ArendeData.UserIdAsync(_app, email);
        return (await scope.ServiceProvider.GetRequiredService<ActorLookup>().ForUserAsync(id, CancellationToken.None))!;
    }

    private (string Email, string Password)[] Failures() =>
    [
        ("finns.inte@remissflow.test", Password),
        (Sessions.SfRegistrator, "fel-lösenord-123"),
        (_locked, Password),
        (_deactivated, Password),
    ];

    [Test]
    public async Task Unknown_wrong_locked_and_deactivated_get_the_same_token_answer_and_each_checks_one_password()
    {
        var answers = new List<(HttpStatusCode Status, string Body)>();
        var checks = new List<int>();
        foreach (var (email, password) in Failures())
        {
            var before = _hashes.Verified;
            var response = await _app.NewClient().PostAsJsonAsync("/api/token", new { email, password });
            checks.Add(_hashes.Verified - before);
            // Each answer has its own trace id; everything else must be the same.
            answers.Add((response.StatusCode, TraceId().Replace(await response.Content.ReadAsStringAsync(), "")));
        }

        Assert.Multiple(() =>
        {
            Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(answers.Select(a => a.Body).Distinct().Count(), Is.EqualTo(1), string.Join("\n", answers.Select(a => a.Body)));
            Assert.That(answers[0].Body, Does.Contain(PasswordSignIn.FailureMessage));
            Assert.That(checks, Is.EqualTo(new[] { 1, 1, 1, 1 }), "unknown, wrong, locked, deactivated: one password check each");
        });
    }

    [Test]
    public async Task Unknown_wrong_locked_and_deactivated_get_the_same_sign_in_page_and_each_checks_one_password()
    {
        var pages = new List<(HttpStatusCode Status, string Html)>();
        var checks = new List<int>();
        foreach (var (email, password) in Failures())
        {
            var client = _app.NewClient();
            var form = await client.GetStringAsync("/konto/logga-in");
            var before = _hashes.Verified;
            var response = await client.PostAsync("/konto/logga-in", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = email, ["Input.Password"] = password, ["__RequestVerificationToken"] = Sessions.AntiforgeryToken(form),
            }));
            checks.Add(_hashes.Verified - before);
            // The page echoes the address and carries a fresh antiforgery token; everything else must be the same.
            var html = TokenField().Replace(WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), "").Replace(email, "ADRESSEN");
            pages.Add((response.StatusCode, html));
        }

        Assert.Multiple(() =>
        {
            Assert.That(pages.Select(p => p.Status), Is.All.EqualTo(HttpStatusCode.OK));
            Assert.That(pages.Select(p => p.Html).Distinct().Count(), Is.EqualTo(1));
            Assert.That(pages[0].Html, Does.Contain(PasswordSignIn.FailureMessage));
            Assert.That(checks, Is.EqualTo(new[] { 1, 1, 1, 1 }));
        });
    }

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex TokenField();

    public sealed class HashCounter
    {
        private int _verified;

        public int Verified => Volatile.Read(ref _verified);

        public void Count() => Interlocked.Increment(ref _verified);
    }

    /// <summary>The app's own hasher, counting how often a password is checked.</summary>
    public sealed class CountingPasswordHasher(HashCounter counter, IOptions<PasswordHasherOptions> options) : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new(options);

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            counter.Count();
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
