using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Security;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Api;

[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class AuthenticationTests(DatabaseProvider provider)
{
    private RemissFlowApp _app = null!;

    [OneTimeSetUp]
    public async Task Start() => _app = await RemissFlowApp.StartAsync(provider);

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Test]
    public async Task Anonymous_api_request_gets_401_problem_details_not_a_redirect()
    {
        var response = await _app.NewClient().GetAsync("/api/me");
        var problem = await Problem.ReadAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(problem.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(problem.Title, Is.EqualTo("Inloggning krävs"));
            Assert.That(problem.Detail, Does.Contain("logga in"));
        });
    }

    [Test]
    public async Task Anonymous_page_request_is_sent_to_the_sign_in_page()
    {
        var response = await _app.NewClient().GetAsync("/remisser");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(response.Headers.Location!.ToString(), Does.StartWith("/konto/logga-in").Or.Contain("/konto/logga-in?tillbaka=%2Fremisser"));
        });
    }

    [Test]
    public async Task Bearer_token_identifies_the_user_with_organisation_and_roles()
    {
        var client = await Sessions.BearerAsync(_app, "handlaggare.hl@remissflow.test");
        using var me = JsonDocument.Parse(await client.GetStringAsync("/api/me"));
        Assert.Multiple(() =>
        {
            Assert.That(me.RootElement.GetProperty("name").GetString(), Is.EqualTo("Ingrid Ström"));
            Assert.That(me.RootElement.GetProperty("organisationName").GetString(), Is.EqualTo("Hägersten-Liljeholmens stadsdelsnämnd"));
            Assert.That(me.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), Is.EquivalentTo(new[] { "Registrator", "Handlaggare" }));
        });
    }

    [Test]
    public async Task Refresh_token_gives_a_new_access_token_and_garbage_is_refused()
    {
        var client = _app.NewClient();
        var token = await client.PostAsJsonAsync("/api/token", new { email = Sessions.KsSamordnare, password = RemissFlow.Core.Demo.DemoSeeder.Password });
        using var body = JsonDocument.Parse(await token.Content.ReadAsStringAsync());
        var refresh = await client.PostAsJsonAsync("/api/token/refresh", new { refreshToken = body.RootElement.GetProperty("refreshToken").GetString() });
        using var refreshed = JsonDocument.Parse(await refresh.Content.ReadAsStringAsync());
        Assert.That(refreshed.RootElement.GetProperty("accessToken").GetString(), Is.Not.Empty);

        var garbage = await client.PostAsJsonAsync("/api/token/refresh", new { refreshToken = "inte-en-token" });
        Assert.That((await Problem.ReadAsync(garbage)).Status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Forged_bearer_token_is_401()
    {
        var client = _app.NewClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "CfDJ8förfalskad");
        Assert.That((await Problem.ReadAsync(await client.GetAsync("/api/me"))).Status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Wrong_password_is_refused_in_swedish_without_saying_whether_the_account_exists()
    {
        var client = _app.NewClient();
        var wrong = await Problem.ReadAsync(await client.PostAsJsonAsync("/api/token", new { email = Sessions.SfRegistrator, password = "fel-lösenord-123" }));
        var unknown = await Problem.ReadAsync(await client.PostAsJsonAsync("/api/token", new { email = "finns.inte@remissflow.test", password = "fel-lösenord-123" }));
        Assert.Multiple(() =>
        {
            Assert.That(wrong.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(wrong.Detail, Is.EqualTo(PasswordSignIn.FailureMessage));
            Assert.That(unknown.Detail, Is.EqualTo(wrong.Detail));
        });
    }

    [Test]
    public async Task Missing_credentials_name_the_field()
    {
        var problem = await Problem.ReadAsync(await _app.NewClient().PostAsJsonAsync("/api/token", new { email = "" }));
        Assert.Multiple(() =>
        {
            Assert.That(problem.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problem.Errors.Keys, Does.Contain("email"));
            Assert.That(problem.Detail, Is.EqualTo("E-post måste fyllas i."));
        });
    }

    [Test]
    public async Task Five_failures_lock_the_account_even_for_the_right_password()
    {
        var organisation = await _app.QueryAsync(db => Task.FromResult(db.Organisationer.First(o => o.DnrPrefix == "SOF").Id));
        const string email = "lasas@remissflow.test";
        const string password = "Rätt-lösenord-2026";
        await _app.AsSystemAsync(new CreateUser.Command(email, "Låst Person", organisation, [Role.Handlaggare], password));
        var client = _app.NewClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/token", new { email, password = "fel-lösenord-" + i });
        }

        var locked = await Problem.ReadAsync(await client.PostAsJsonAsync("/api/token", new { email, password }));
        Assert.That(locked.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(locked.Detail, Is.EqualTo(PasswordSignIn.FailureMessage), "a locked account answers like an unknown one");

        // The sign-in form says the same, and does not sign in.
        var form = await Sessions.PostFormAsync(_app.NewClient(), "/konto/logga-in", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.That(form.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(System.Net.WebUtility.HtmlDecode(await form.Content.ReadAsStringAsync()), Does.Contain(PasswordSignIn.FailureMessage));
    }

    [Test]
    public async Task Cookie_session_from_the_sign_in_form_works_for_pages_and_api_and_sign_out_ends_it()
    {
        var client = await Sessions.CookieAsync(_app, Sessions.KsRegistrator);
        Assert.That((await client.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var start = await client.GetStringAsync("/");
        Assert.That(start, Does.Contain("Karin Lindqvist").And.Contain("Kommunstyrelsen"));

        var signOut = await Sessions.PostFormAsync(client, "/konto/logga-ut", [], formPage: "/");
        Assert.That(signOut.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await client.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Session_cookie_is_http_only_and_same_site_lax()
    {
        var client = _app.NewClient();
        var page = await client.GetStringAsync("/konto/logga-in");
        var response = await client.PostAsync("/konto/logga-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = Sessions.KsRegistrator,
            ["Input.Password"] = RemissFlow.Core.Demo.DemoSeeder.Password,
            ["__RequestVerificationToken"] = Sessions.AntiforgeryToken(page),
        }));
        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("RemissFlow.Session=", StringComparison.Ordinal));
        Assert.That(session.ToLowerInvariant(), Does.Contain("httponly").And.Contain("samesite=lax"));
    }

    [Test]
    public async Task Pages_of_another_role_are_denied()
    {
        var client = await Sessions.CookieAsync(_app, Sessions.SfHandlaggare);
        var admin = await client.GetAsync("/admin/organisationer");
        var remisser = await client.GetAsync("/remisser/ny");
        Assert.Multiple(() =>
        {
            Assert.That(admin.Headers.Location!.ToString(), Does.Contain("/konto/nekad"));
            Assert.That(remisser.Headers.Location!.ToString(), Does.Contain("/konto/nekad"));
        });
    }
}

/// <summary>Data-protection keys live in the data directory, so a restart (or a second instance on the same data) keeps sessions and tokens valid.</summary>
public sealed class RestartTests
{
    [Test]
    public async Task Bearer_tokens_and_session_cookies_survive_a_restart()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, DatabaseTemplate.Demo);
        var first = RemissFlowApp.Restart(database);
        HttpClient bearer;
        string sessionCookie;
        await using (first)
        {
            bearer = await Sessions.BearerAsync(first, Sessions.KsSamordnare);
            var client = first.NewClient();
            var page = await client.GetStringAsync("/konto/logga-in");
            var signIn = await client.PostAsync("/konto/logga-in", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = Sessions.KsRegistrator,
                ["Input.Password"] = RemissFlow.Core.Demo.DemoSeeder.Password,
                ["__RequestVerificationToken"] = Sessions.AntiforgeryToken(page),
            }));
            sessionCookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("RemissFlow.Session=", StringComparison.Ordinal)).Split(';')[0];
        }

        await using var second = RemissFlowApp.Restart(database);
        try
        {
            var restartedBearer = second.NewClient();
            restartedBearer.DefaultRequestHeaders.Authorization = bearer.DefaultRequestHeaders.Authorization;
            var cookieClient = second.NewClient();
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
            request.Headers.Add("Cookie", sessionCookie);
            var byCookie = await cookieClient.SendAsync(request);
            Assert.Multiple(async () =>
            {
                Assert.That((await restartedBearer.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(byCookie.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            });
        }
        finally
        {
            await database.DisposeAsync();
        }
    }
}
