using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Api;
using RemissFlow.Web.Hosting;
using RemissFlow.Web.Security;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Api;

/// <summary>Headers, antiforgery, health, OpenAPI and error pages: what every response must carry regardless of the use case.</summary>
public sealed class SecurityTests
{
    private RemissFlowApp _app = null!;

    [OneTimeSetUp]
    public async Task Start() => _app = await RemissFlowApp.StartAsync(DatabaseProvider.Sqlite);

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [TestCase("/konto/logga-in")]
    [TestCase("/api/me")]
    [TestCase("/healthz")]
    [TestCase("/finns-inte")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await _app.NewClient().GetAsync(path);
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Is.EqualTo(SecurityHeaders.ContentSecurityPolicy));
            Assert.That(SecurityHeaders.ContentSecurityPolicy, Does.Contain("script-src 'self';").And.Contain("style-src 'self';").And.Not.Contain("unsafe-inline"));
            Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
            Assert.That(response.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
            Assert.That(response.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("same-origin"));
        });
    }

    [Test]
    public async Task Pages_are_swedish_and_contain_no_inline_script_or_style()
    {
        var html = await _app.NewClient().GetStringAsync("/konto/logga-in");
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<html lang=\"sv\">"));
            Assert.That(html, Does.Contain("Hoppa till innehållet"));
            Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("style=").And.Not.Contain("<style"));
        });
    }

    [Test]
    public async Task A_form_post_without_antiforgery_token_is_rejected_and_writes_nothing()
    {
        var client = await Sessions.CookieAsync(_app, Sessions.KsRegistrator);
        var before = await _app.QueryAsync(db => db.Remisser.CountAsync());
        var response = await client.PostAsync("/remisser/ny", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Title"] = "Utan token", ["Input.Svarsdatum"] = "2027-05-01",
        }));
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await _app.QueryAsync(db => db.Remisser.CountAsync()), Is.EqualTo(before));
        });

        var withToken = await Sessions.PostFormAsync(client, "/remisser/ny", new() { ["Input.Title"] = "Med token", ["Input.Svarsdatum"] = "2027-05-01" });
        Assert.That(withToken.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }

    [Test]
    public async Task Sign_in_without_antiforgery_token_is_rejected()
    {
        var response = await _app.NewClient().PostAsync("/konto/logga-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = Sessions.KsRegistrator, ["Input.Password"] = RemissFlow.Core.Demo.DemoSeeder.Password,
        }));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Healthz_reports_the_database_by_a_real_query_and_the_background_services()
    {
        var response = await _app.NewClient().GetAsync("/healthz");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = json.RootElement.GetProperty("kontroller");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(json.RootElement.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
            Assert.That(checks.GetProperty("databas").GetProperty("data").GetProperty("organisationer").GetInt32(), Is.GreaterThanOrEqualTo(7));
            Assert.That(checks.GetProperty("bakgrundstjanster").GetProperty("data").TryGetProperty("idempotensrensning", out _), Is.True);
        });
    }

    [Test]
    public async Task OpenApi_document_describes_the_api()
    {
        using var json = JsonDocument.Parse(await _app.NewClient().GetStringAsync("/openapi/v1.json"));
        var paths = json.RootElement.GetProperty("paths");
        Assert.Multiple(() =>
        {
            Assert.That(json.RootElement.GetProperty("info").GetProperty("title").GetString(), Is.EqualTo("RemissFlow API"));
            Assert.That(paths.TryGetProperty("/api/remisser", out var remisser) && remisser.TryGetProperty("post", out _), Is.True);
            Assert.That(paths.TryGetProperty("/api/organisationer", out _), Is.True);
            Assert.That(paths.TryGetProperty("/api/me", out _), Is.True);
            Assert.That(json.RootElement.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("Bearer", out _), Is.True);
        });
    }

    [Test]
    public async Task Unknown_page_gets_the_swedish_error_page_with_404()
    {
        var client = await Sessions.CookieAsync(_app, Sessions.KsRegistrator);
        var response = await client.GetAsync("/remisser/" + Guid.NewGuid());
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Sidan finns inte"));
        });
    }

    [Test]
    public async Task User_text_is_html_escaped_on_pages()
    {
        var client = await Sessions.CookieAsync(_app, Sessions.KsRegistrator);
        var created = await Sessions.PostFormAsync(client, "/remisser/ny", new() { ["Input.Title"] = "<script>alert('x')</script> & <b>fet</b>", ["Input.Svarsdatum"] = "2027-05-01" });
        var page = await client.GetStringAsync(created.Headers.Location!);
        Assert.Multiple(() =>
        {
            Assert.That(page, Does.Not.Contain("<script>alert"));
            Assert.That(page, Does.Contain("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;fet&lt;/b&gt;"));
        });
    }

    [Test]
    public async Task Organisation_edit_with_a_stale_form_shows_the_conflict_and_keeps_the_input()
    {
        var admin = await Sessions.CookieAsync(_app, Sessions.AdminEmail);
        var id = await _app.QueryAsync(db => db.Organisationer.Where(o => o.DnrPrefix == "FRS").Select(o => o.Id).FirstAsync());
        var path = $"/admin/organisationer/{id}";
        var form = await admin.GetStringAsync(path);
        var token = Sessions.AntiforgeryToken(form);
        var version = System.Text.RegularExpressions.Regex.Match(form, "name=\"Input.Version\" value=\"(\\d+)\"").Groups[1].Value;
        FormUrlEncodedContent Post(string phone) => new(new Dictionary<string, string>
        {
            ["Input.Version"] = version, ["Input.Name"] = "Funktionsrätt Stockholms stad", ["Input.ContactPhone"] = phone,
            ["Input.Active"] = "true", ["__RequestVerificationToken"] = token,
        });

        var first = await admin.PostAsync(path, Post("08-111 11 11"));
        var second = await admin.PostAsync(path, Post("08-222 22 22"));
        var html = await second.Content.ReadAsStringAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(html, Does.Contain("Någon annan har ändrat organisationen"));
            Assert.That(html, Does.Contain("value=\"08-222 22 22\""), "the user's own input stays in the form");
            Assert.That(html, Does.Contain("08-111 11 11"), "what is saved now is shown beside it");
            Assert.That(await _app.QueryAsync(db => db.Organisationer.Where(o => o.Id == id).Select(o => o.ContactPhone).FirstAsync()), Is.EqualTo("08-111 11 11"));
        });
    }

    [TestCase(RefusalKind.Validation, 400)]
    [TestCase(RefusalKind.Forbidden, 403)]
    [TestCase(RefusalKind.NotFound, 404)]
    [TestCase(RefusalKind.Conflict, 409)]
    [TestCase(RefusalKind.InvalidState, 422)]
    public void Every_refusal_kind_has_its_status(RefusalKind kind, int status)
    {
        var result = ApiProblems.From(new Refusal(kind, "Meddelande.", []));
        Assert.Multiple(() =>
        {
            Assert.That(ApiProblems.StatusFor(kind), Is.EqualTo(status));
            Assert.That(result.StatusCode, Is.EqualTo(status));
            Assert.That(result.ProblemDetails.Detail, Is.EqualTo("Meddelande."));
        });
    }
}

/// <summary>A separate app with a low limit, so the other fixtures' sign-ins never meet the limiter.</summary>
public sealed class SignInRateLimitTests
{
    [Test]
    public async Task Password_attempts_from_one_address_are_limited_per_minute()
    {
        await using var app = await RemissFlowApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["RemissFlow:SignIn:PermitsPerMinute"] = "3" });
        var client = app.NewClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/token", new { email = "x@remissflow.test", password = "fel-lösenord" })).StatusCode);
        }

        var form = await client.PostAsync("/konto/logga-in", new FormUrlEncodedContent(new Dictionary<string, string>()));
        var me = await client.GetAsync("/konto/logga-in");
        Assert.Multiple(async () =>
        {
            Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
            Assert.That(form.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(await form.Content.ReadAsStringAsync(), Does.Contain("För många inloggningsförsök"));
            Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK), "reading the sign-in page is not limited");
        });
    }
}

/// <summary>
/// The limit belongs to the endpoints, not to a spelling of their paths: a trailing slash or other letter case
/// counts against the same address, and once the address is refused even the right password does not get in.
/// </summary>
public sealed class SignInRateLimitPathTests
{
    [Test]
    public async Task Every_spelling_of_the_sign_in_paths_counts_and_a_refused_address_is_refused_even_with_the_right_password()
    {
        await using var app = await RemissFlowApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["RemissFlow:SignIn:PermitsPerMinute"] = "3" });
        var client = app.NewClient();
        var wrong = new List<HttpStatusCode>
        {
            (await client.PostAsJsonAsync("/api/token/", new { email = Sessions.KsRegistrator, password = "fel-lösenord-1" })).StatusCode,
            (await client.PostAsJsonAsync("/API/Token", new { email = Sessions.KsRegistrator, password = "fel-lösenord-2" })).StatusCode,
            (await Sessions.PostFormAsync(client, "/konto/logga-in/", new() { ["Input.Email"] = Sessions.KsRegistrator, ["Input.Password"] = "fel-lösenord-3" }, "/konto/logga-in")).StatusCode,
        };

        var right = RemissFlow.Core.Demo.DemoSeeder.Password;
        var tokens = new Dictionary<string, HttpResponseMessage>();
        foreach (var path in new[] { "/api/token", "/api/token/", "/API/TOKEN/", "/Api/Token" })
        {
            tokens[path] = await client.PostAsJsonAsync(path, new { email = Sessions.KsRegistrator, password = right });
        }

        var forms = new Dictionary<string, HttpResponseMessage>();
        foreach (var path in new[] { "/konto/logga-in", "/konto/logga-in/", "/Konto/Logga-In" })
        {
            forms[path] = await Sessions.PostFormAsync(client, path, new() { ["Input.Email"] = Sessions.KsRegistrator, ["Input.Password"] = right }, "/konto/logga-in");
        }

        Assert.Multiple(async () =>
        {
            Assert.That(wrong, Is.EqualTo(new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK }));
            foreach (var (path, response) in tokens.Concat(forms))
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), path);
                Assert.That(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("RemissFlow.Session=", StringComparison.Ordinal)), Is.False, path);
                Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("accessToken"), path);
            }

            Assert.That((await client.GetAsync("/konto/logga-in/")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "reading the page is not limited");
        });
    }
}

/// <summary>Kestrel's own limits only apply on a real server, so this runs on Kestrel at 127.0.0.1.</summary>
public sealed class RequestLimitTests
{
    [Test]
    public async Task A_body_over_the_limit_is_refused_with_413_and_nothing_is_written()
    {
        await using var app = await RemissFlowApp.StartAsync(DatabaseProvider.Sqlite, kestrel: true);
        var client = await Sessions.BearerAsync(app, Sessions.KsRegistrator);
        var before = await app.QueryAsync(db => db.Remisser.CountAsync());
        string Body(int length) => "{\"title\":\"Stor\",\"svarsdatum\":\"2027-05-01\",\"description\":\"" + new string('x', length) + "\"}";
        // Expect: 100-continue lets the server refuse by Content-Length before the client has written 20 MB into a closed socket.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/remisser")
        {
            Content = new StringContent(Body((int)WebHosting.RequestBodyLimitBytes + 1024), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;
        var huge = await client.SendAsync(request);
        // Below the body limit, a too-long field reaches validation and is named in Swedish.
        var long_ = await client.PostAsync("/api/remisser", new StringContent(Body(2 * 1024 * 1024), System.Text.Encoding.UTF8, "application/json"));
        Assert.Multiple(async () =>
        {
            Assert.That(huge.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That((int)long_.StatusCode, Is.InRange(400, 422), await long_.Content.ReadAsStringAsync());
            Assert.That(await long_.Content.ReadAsStringAsync(), Does.Contain("escription"));
            Assert.That(await app.QueryAsync(db => db.Remisser.CountAsync()), Is.EqualTo(before));
        });
    }
}
