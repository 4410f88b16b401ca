using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Features.Oidc;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Security;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Api;

/// <summary>
/// Sign-in through a real OpenID Provider (tests/oidc-provider) on 127.0.0.1, driven with HttpClient so the answers can be
/// tampered with where a browser cannot: the app on Kestrel, the provider's users and groups from users.json, the role
/// mapping made through the administratör's use case. Both databases, as accounts are created and matched.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
[Parallelizable(ParallelScope.Self)]
public sealed partial class OidcSignInTests(DatabaseProvider provider)
{
    private readonly OidcProvider _op = new();
    private readonly IdTokenTamperer _tamperer = new();
    private RemissFlowApp _app = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await RemissFlowApp.StartAsync(provider, _op.Settings, kestrel: true,
            services: s => s.Configure<OpenIdConnectOptions>(OidcAuthentication.Scheme, o => o.BackchannelHttpHandler = _tamperer));
        await _op.StartAsync(_app.ServerAddress!);
        var orgs = await _app.QueryAsync(db => db.Organisationer.ToDictionaryAsync(o => o.DnrPrefix, o => o.Id));
        await _app.AsSystemAsync(new AddOidcRollmappning.Command("SF-Registratorer", orgs["SF"], Role.Registrator));
        await _app.AsSystemAsync(new AddOidcRollmappning.Command("SF-Forvaltningschefer", orgs["SF"], Role.Forvaltningschef));
        await _app.AsSystemAsync(new AddOidcRollmappning.Command("SOF-Registratorer", orgs["SOF"], Role.Registrator));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _op.DisposeAsync();
        await _app.DisposeAsync();
        _tamperer.Dispose();
    }

    [TearDown]
    public void NoTampering() => (_tamperer.Tamper, _tamperer.ReplaceNonce) = (false, false);

    [Test]
    public async Task A_mapped_person_gets_an_account_with_the_mapped_role_and_the_same_account_at_the_next_sign_in()
    {
        using var client = _app.NewClient();
        var answer = await SignInAsync(client, "sara.sso");
        Assert.That(answer, Is.EqualTo("/"));
        var start = await client.GetAsync("/");
        Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await start.Content.ReadAsStringAsync(), Does.Contain("Sara Sso"));

        using var again = _app.NewClient();
        Assert.That(await SignInAsync(again, "sara.sso"), Is.EqualTo("/"));
        var accounts = await _app.QueryAsync(async db =>
        {
            var ids = await db.UserLogins.Where(l => l.LoginProvider == OidcInloggning.LoginProvider && l.ProviderKey == "oidc-registrator-sf").Select(l => l.UserId).ToListAsync();
            var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ids.Contains(ur.UserId) select r.Name).ToListAsync();
            var org = await db.Users.Where(u => ids.Contains(u.Id)).Join(db.Organisationer, u => u.OrganisationId, o => o.Id, (u, o) => o.DnrPrefix).ToListAsync();
            var created = await db.Handelser.CountAsync(h => h.Action == "anvandare.skapad.oidc" && ids.Contains(h.ArendeId));
            return (ids, roles, org, created);
        });
        Assert.Multiple(() =>
        {
            Assert.That(accounts.ids, Has.Count.EqualTo(1), "one account, matched by the stable claim the second time");
            Assert.That(accounts.roles, Is.EquivalentTo(new[] { nameof(Role.Registrator) }));
            Assert.That(accounts.org, Is.EqualTo(new[] { "SF" }));
            Assert.That(accounts.created, Is.EqualTo(1), "the creation is in the audit log once");
        });
    }

    [Test]
    public async Task A_person_with_no_mapped_role_gets_the_clear_page_and_no_account()
    {
        using var client = _app.NewClient();
        var answer = await SignInAsync(client, "nisse.sso");
        Assert.That(answer, Is.EqualTo("/konto/oidc/nekad?orsak=ingen-roll"));
        Assert.That(await client.GetStringAsync(answer), Does.Contain("Du har ingen roll i RemissFlow"));
        Assert.That((await client.GetAsync("/")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "not signed in");
        Assert.That(await _app.QueryAsync(db => db.Users.CountAsync(u => u.Email == "nisse.sso@stad.test")), Is.Zero);
    }

    [Test]
    public async Task Groups_mapping_to_two_organisations_are_refused()
    {
        using var client = _app.NewClient();
        Assert.That(await SignInAsync(client, "tove.sso"), Is.EqualTo("/konto/oidc/nekad?orsak=flera-organisationer"));
        Assert.That(await _app.QueryAsync(db => db.Users.CountAsync(u => u.Email == "tove.sso@stad.test")), Is.Zero);
    }

    [Test]
    public async Task A_tampered_id_token_is_refused()
    {
        _tamperer.Tamper = true;
        using var client = _app.NewClient();
        Assert.That(await SignInAsync(client, "sara.sso"), Is.EqualTo("/konto/oidc/nekad?orsak=misslyckad"));
        Assert.That((await client.GetAsync("/")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "not signed in");
        Assert.That(_app.ErrorLog.Errors, Has.Some.Contains("SecurityTokenInvalidSignatureException"), "refused for its signature");
    }

    [Test]
    public async Task A_wrong_nonce_is_refused()
    {
        using var client = _app.NewClient();
        _tamperer.ReplaceNonce = true;
        var answer = await SignInAsync(client, "per.sso");
        Assert.That(answer, Is.EqualTo("/konto/oidc/nekad?orsak=misslyckad"));
        Assert.That((await client.GetAsync("/")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "not signed in");
    }

    [Test]
    public async Task An_expired_session_is_refused()
    {
        using var client = _app.NewClient();
        Assert.That(await SignInAsync(client, "sara.sso"), Is.EqualTo("/"));
        Assert.That((await client.GetAsync("/")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var userId = await _app.QueryAsync(db => db.UserLogins.Where(l => l.ProviderKey == "oidc-registrator-sf").Select(l => l.UserId).SingleAsync());
        // The session's end has passed (as seven days after sign-in would): the cookie alone no longer signs in.
        await _app.QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE auth_sessions SET expires_at = 1 WHERE user_id = {userId.ToString()}"));
        var after = await client.GetAsync("/");
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(after.Headers.Location!.ToString(), Does.Contain("/konto/logga-in"));
    }

    [Test]
    public async Task A_deactivated_account_cannot_sign_in_through_the_provider()
    {
        using var client = _app.NewClient();
        Assert.That(await SignInAsync(client, "per.sso"), Is.EqualTo("/"));
        var userId = await _app.QueryAsync(db => db.UserLogins.Where(l => l.ProviderKey == "oidc-chef-sf").Select(l => l.UserId).SingleAsync());
        await _app.AsSystemAsync(new SetUserActive.Command(userId, false));
        Assert.That((await client.GetAsync("/")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the live session ended with the deactivation");

        using var again = _app.NewClient();
        Assert.That(await SignInAsync(again, "per.sso"), Is.EqualTo("/konto/oidc/nekad?orsak=inaktiverat"));
        await _app.AsSystemAsync(new SetUserActive.Command(userId, true));
    }

    [Test]
    public async Task Logout_ends_the_apps_session_and_the_providers()
    {
        using var client = _app.NewClient();
        Assert.That(await SignInAsync(client, "sara.sso"), Is.EqualTo("/"));
        var logout = await Sessions.PostFormAsync(client, "/konto/logga-ut", new());
        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var endSession = logout.Headers.Location!;
        Assert.That(endSession.GetLeftPart(UriPartial.Path), Is.EqualTo(new Uri(_op.Issuer, "/session/end").ToString()));
        Assert.That(endSession.Query, Does.Contain("id_token_hint="));

        var confirm = await client.GetStringAsync(endSession);
        var action = new Uri(endSession, FormAction().Match(confirm).Groups[1].Value);
        var xsrf = Xsrf().Match(confirm).Groups[1].Value;
        var confirmed = await client.PostAsync(action, new FormUrlEncodedContent([new("xsrf", xsrf), new("logout", "yes")]));
        Assert.That((int)confirmed.StatusCode, Is.InRange(300, 399), await confirmed.Content.ReadAsStringAsync());
        var back = new Uri(action, confirmed.Headers.Location!);
        Assert.That(back.AbsolutePath, Is.EqualTo(OidcAuthentication.SignedOutCallbackPath));
        var landed = await client.GetAsync(back);
        Assert.That(landed.Headers.Location!.ToString(), Does.EndWith("/konto/logga-in"));

        Assert.That((await client.GetAsync("/")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the app's session is over");
        // The provider's session is over too: signing in again asks for the password instead of passing straight through.
        var challenge = await client.GetAsync("/konto/oidc/logga-in");
        var authorize = await client.GetAsync(challenge.Headers.Location!);
        Assert.That(new Uri(challenge.Headers.Location!, authorize.Headers.Location!).AbsolutePath, Does.StartWith("/interaction/"));
    }

    /// <summary>Runs the code flow as a browser would (the provider's login form included) and returns where the app's callback sends it.</summary>
    private async Task<string> SignInAsync(HttpClient client, string login)
    {
        var challenge = await client.GetAsync("/konto/oidc/logga-in");
        Assert.That(challenge.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var url = challenge.Headers.Location!;
        // The provider offers pushed authorization requests, so the parameters went by the back channel; the browser carries only their handle.
        Assert.That(url.Query, Does.Contain("request_uri="));
        Assert.That(_tamperer.LastPushed, Does.Contain("code_challenge=").And.Contain("code_challenge_method=S256").And.Contain("state=").And.Contain("nonce="));

        var response = await client.GetAsync(url);
        for (var step = 0; step < 20; step++)
        {
            if (url.AbsolutePath == OidcAuthentication.CallbackPath)
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
                return response.Headers.Location!.ToString();
            }

            if (response.StatusCode == HttpStatusCode.OK && url.AbsolutePath.StartsWith("/interaction/", StringComparison.Ordinal))
            {
                response = await client.PostAsync(new Uri(url, url.AbsolutePath.TrimEnd('/') + "/login"),
                    new FormUrlEncodedContent([new("login", login), new("password", OidcProvider.Password)]));
                continue;
            }

            Assert.That((int)response.StatusCode, Is.InRange(300, 399), $"{url}: {await response.Content.ReadAsStringAsync()}");
            url = new Uri(url, response.Headers.Location!);
            response = await client.GetAsync(url);
        }

        Assert.Fail("the sign-in did not come back to the app");
        return "";
    }

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("name=\"xsrf\" value=\"([^\"]+)\"")]
    private static partial Regex Xsrf();
}
