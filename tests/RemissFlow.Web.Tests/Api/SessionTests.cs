using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Api;

/// <summary>
/// Sessions and tokens end when they should: at sign-out (that session), at a new password, a change of roles and a
/// deactivation (all of the person's), and a refresh token is good once. Old credentials are replayed as a thief would
/// replay a copy, not dropped by the client.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class SessionTests(DatabaseProvider provider)
{
    private const string Password = "Tjugo-sex-ekar-9";

    private RemissFlowApp _app = null!;
    private Guid _sf;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await RemissFlowApp.StartAsync(provider);
        _sf = await _app.QueryAsync(db => db.Organisationer.Where(o => o.DnrPrefix == "SF").Select(o => o.Id).SingleAsync());
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
    public async Task A_copy_of_the_cookie_stops_working_at_sign_out_and_the_persons_other_sessions_go_on()
    {
        var (_, email) = await NewAccountAsync(Role.Handlaggare);
        var (browser, copy) = await BrowserAsync(email);
        var other = await Sessions.CookieAsync(_app, email, Password);
        Assert.That((await WithCookie(copy, "/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var signOut = await Sessions.PostFormAsync(browser, "/konto/logga-ut", [], formPage: "/");
        Assert.That(signOut.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        var page = await WithCookie(copy, "/mina-arenden");
        Assert.Multiple(async () =>
        {
            Assert.That((await WithCookie(copy, "/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(page.Headers.Location?.ToString(), Does.Contain("/konto/logga-in"));
            Assert.That((await other.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "a session in another browser is not signed out");
        });
    }

    [Test]
    public async Task A_new_password_from_the_administrator_ends_the_old_cookie_and_the_old_bearer_token()
    {
        var (id, email) = await NewAccountAsync(Role.Handlaggare);
        var (_, copy) = await BrowserAsync(email);
        var bearer = await Sessions.BearerAsync(_app, email, Password);
        Assert.That((await WithCookie(copy, "/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await bearer.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var admin = await Sessions.CookieAsync(_app, Sessions.AdminEmail);
        var changed = await Sessions.PostFormAsync(admin, $"/admin/anvandare/{id}?handler=Losenord", new() { ["Losenord.NewPassword"] = "Ny-lind-vid-sjon-4" }, $"/admin/anvandare/{id}");
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        Assert.Multiple(async () =>
        {
            Assert.That((await WithCookie(copy, "/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((await bearer.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
        var fresh = await Sessions.BearerAsync(_app, email, "Ny-lind-vid-sjon-4");
        Assert.That((await fresh.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_change_of_roles_ends_the_bearer_token_made_under_the_old_roles()
    {
        var (id, email) = await NewAccountAsync(Role.Handlaggare);
        var bearer = await Sessions.BearerAsync(_app, email, Password);
        var user = await _app.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));
        await _app.AsSystemAsync(new UpdateUser.Command(id, user.ConcurrencyStamp!, user.DisplayName, user.OrganisationId, [Role.Registrator]));
        Assert.That((await bearer.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_refresh_token_is_good_once_and_its_reuse_ends_the_whole_family()
    {
        var (_, email) = await NewAccountAsync(Role.Handlaggare);
        var client = _app.NewClient();
        var first = await TokensAsync(await client.PostAsJsonAsync("/api/token", new { email, password = Password }));

        var refreshed = await TokensAsync(await client.PostAsJsonAsync("/api/token/refresh", new { refreshToken = first.Refresh }));
        Assert.That((await Bearer(refreshed.Access).GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // The first refresh token again: a stolen copy, or the client replaying it. Refused, and the family ends.
        var reused = await client.PostAsJsonAsync("/api/token/refresh", new { refreshToken = first.Refresh });
        var problem = await Problem.ReadAsync(reused);
        Assert.Multiple(async () =>
        {
            Assert.That(problem.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(problem.Detail, Does.Contain("redan använd"));
            Assert.That((await Bearer(refreshed.Access).GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the access token from the first refresh");
            Assert.That((await Bearer(first.Access).GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the first access token");
            Assert.That((await client.PostAsJsonAsync("/api/token/refresh", new { refreshToken = refreshed.Refresh })).StatusCode,
                Is.EqualTo(HttpStatusCode.Unauthorized), "the refresh token from the first refresh");
        });

        // Another sign-in of the same person is a family of its own and goes on.
        var second = await TokensAsync(await client.PostAsJsonAsync("/api/token", new { email, password = Password }));
        Assert.That((await Bearer(second.Access).GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Refresh_tokens_chain_while_each_is_used_once()
    {
        var (_, email) = await NewAccountAsync(Role.Handlaggare);
        var client = _app.NewClient();
        var tokens = await TokensAsync(await client.PostAsJsonAsync("/api/token", new { email, password = Password }));
        for (var i = 0; i < 3; i++)
        {
            tokens = await TokensAsync(await client.PostAsJsonAsync("/api/token/refresh", new { refreshToken = tokens.Refresh }));
        }

        Assert.That((await Bearer(tokens.Access).GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private async Task<(Guid Id, string Email)> NewAccountAsync(Role role)
    {
        var email = $"session-{Guid.NewGuid():N}@remissflow.test";
        var id = await _app.AsSystemAsync(new CreateUser.Command(email, "Mona Vide", _sf, [role], Password));
        return (id, email);
    }

    private static async Task<(string Access, string Refresh)> TokensAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        using var json = JsonDocument.Parse(text);
        return (json.RootElement.GetProperty("accessToken").GetString()!, json.RootElement.GetProperty("refreshToken").GetString()!);
    }

    private HttpClient Bearer(string token)
    {
        var client = _app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Signs in by the form in a browser-like client whose cookie jar the test can read.</summary>
    private async Task<(HttpClient Client, string Cookie)> BrowserAsync(string email)
    {
        var jar = new CookieContainer();
        var client = _app.CreateDefaultClient(new CookieContainerHandler(jar));
        var response = await Sessions.PostFormAsync(client, "/konto/logga-in", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "inloggningen lyckades inte");
        var cookie = jar.GetCookies(client.BaseAddress!)["RemissFlow.Session"] ?? throw new AssertionException("ingen sessionskaka");
        // The session cookie as a thief would copy it out of the browser.
        return (client, $"{cookie.Name}={cookie.Value}");
    }

    private async Task<HttpResponseMessage> WithCookie(string cookie, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await _app.NewClient().SendAsync(request);
    }
}
