using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Bench;
using RemissFlow.Core.Features.Svarslank;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;
using static RemissFlow.Web.Tests.Svarslank.SvarslankSupport;

namespace RemissFlow.Web.Tests.Svarslank;

/// <summary>
/// /svara/{token} without sign-in: 404 for an unknown token, 410 for a revoked or expired one (Swedish pages, never a
/// 500), 422 naming the field on bad input, the receipt page and the receipt e-mail (through the outbox to a real SMTP
/// receiver), and nothing of any other instans on the page.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
[Parallelizable(ParallelScope.Self)]
public sealed class SvarslankPageTests(DatabaseProvider provider)
{
    private RemissFlowApp _app = null!;
    private TestSmtpServer _smtp = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _smtp = TestSmtpServer.Start();
        _app = await RemissFlowApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Smtp:Host"] = _smtp.Host,
            ["Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
        });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Test]
    public async Task An_unknown_token_is_a_Swedish_404_page()
    {
        var client = _app.NewClient();
        foreach (var path in new[] { $"/svara/{Svarslankar.NewToken()}", "/svara/kort", "/svara/%3Cscript%3E" })
        {
            var response = await client.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), path);
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Vi hittar ingen remiss med den här länken"), path);
        }
    }

    [Test]
    public async Task A_revoked_or_expired_link_is_a_Swedish_410_page_and_refuses_a_submission()
    {
        var client = _app.NewClient();
        var (svarId, _, _, path) = await OpenLinkAsync(_app);
        var html = await client.GetStringAsync(path);
        await _app.AsSystemAsync(new RevokeSvarslank.Command(svarId));
        var revoked = await client.GetAsync(path);
        Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.Gone));
        Assert.That(await revoked.Content.ReadAsStringAsync(), Does.Contain("återkallad"));
        var post = await client.PostAsync(path, Form(Sessions.AntiforgeryToken(html), "Tillstyrker", "Vi tillstyrker."));
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Gone));

        var (svar2, _, _, path2) = await OpenLinkAsync(_app);
        var svarsdatum = await _app.QueryAsync(db => db.Remissvar.Where(s => s.Id == svar2).Select(s => s.Svarsdatum).SingleAsync());
        await _app.QueryAsync(db => db.Remissvar.Where(s => s.Id == svar2).ExecuteUpdateAsync(u => u.SetProperty(s => s.Svarsdatum, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2))));
        try
        {
            var expired = await client.GetAsync(path2);
            Assert.That(expired.StatusCode, Is.EqualTo(HttpStatusCode.Gone));
            Assert.That(await expired.Content.ReadAsStringAsync(), Does.Contain("gällde till och med svarsdatum"));
        }
        finally
        {
            await _app.QueryAsync(db => db.Remissvar.Where(s => s.Id == svar2).ExecuteUpdateAsync(u => u.SetProperty(s => s.Svarsdatum, svarsdatum)));
        }
    }

    [Test]
    public async Task The_page_shows_the_remiss_to_its_own_organisation_and_no_other_instans()
    {
        var (svarId, instans, dnr, path) = await OpenLinkAsync(_app);
        var html = await _app.NewClient().GetStringAsync(path);
        var others = await _app.QueryAsync(async db =>
        {
            var remiss = await db.Remissvar.Where(s => s.Id == svarId).Select(s => s.RemissId).SingleAsync();
            return await (from s in db.Remissvar
                          join o in db.Organisationer on s.InstansId equals o.Id
                          where s.RemissId == remiss && s.Id != svarId
                          select o.Name).ToListAsync();
        });
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain(instans));
            Assert.That(html, Does.Contain(dnr));
            Assert.That(html, Does.Contain("__RequestVerificationToken"), "antiforgery on the form");
            Assert.That(others, Is.Not.Empty);
            foreach (var other in others)
            {
                Assert.That(html, Does.Not.Contain(WebUtility.HtmlEncode(other)), other);
            }
        });
    }

    [Test]
    public async Task Bad_input_is_422_naming_the_field_and_a_good_answer_gives_a_receipt_page_and_e_mail()
    {
        var client = _app.NewClient();
        var (svarId, instans, dnr, path) = await OpenLinkAsync(_app);
        var token = Sessions.AntiforgeryToken(await client.GetStringAsync(path));

        var missing = await client.PostAsync(path, Form(token, null, "Vi tillstyrker."));
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(await missing.Content.ReadAsStringAsync(), Does.Contain("Ställningstagande måste väljas."));
        var badMail = await client.PostAsync(path, Form(token, "Tillstyrker", "Vi tillstyrker.", epost: "inte-en-adress"));
        Assert.That(badMail.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(await badMail.Content.ReadAsStringAsync(), Does.Contain("E-postadress är inte en giltig e-postadress."));
        var noAntiforgery = await client.PostAsync(path, Form("fel", "Tillstyrker", "Vi tillstyrker."));
        Assert.That(noAntiforgery.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await _app.QueryAsync(db => db.SvarslankSvar.CountAsync(s => s.RemissvarId == svarId)), Is.Zero);

        var address = $"svar-{Guid.NewGuid():N}@example.test";
        var ok = await client.PostAsync(path, Form(token, "TillstyrkerMedSynpunkter", "Vi tillstyrker med några synpunkter.", epost: address));
        Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await ok.Content.ReadAsStringAsync());
        var receipt = await client.GetStringAsync(ok.Headers.Location!.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(receipt, Does.Contain("Tack – ert svar är mottaget"));
            Assert.That(receipt, Does.Contain(dnr));
            Assert.That(receipt, Does.Contain("Tillstyrker med synpunkter"));
        });
        var status = await _app.QueryAsync(db => db.Remissvar.Where(s => s.Id == svarId).Select(s => s.Status).SingleAsync());
        Assert.That(status, Is.EqualTo("inlamnad"));

        var mail = await SmtpWait.WaitForAsync(() => _smtp.Messages.FirstOrDefault(m => m.RcptTo.Contains(address)));
        Assert.Multiple(() =>
        {
            Assert.That(mail.Subject, Does.Contain(dnr));
            Assert.That(mail.TextBody, Does.Contain(dnr).And.Contain(instans).And.Contain(" kl. "));
        });
    }
}

/// <summary>The rate limits, in an app instance of their own with low limits so no other test is slowed or refused.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
[Parallelizable(ParallelScope.Self)]
public sealed class SvarslankRateLimitTests(DatabaseProvider provider)
{
    private RemissFlowApp _app = null!;

    [OneTimeSetUp]
    public async Task Start() => _app = await RemissFlowApp.StartAsync(provider, new Dictionary<string, string?>
    {
        ["RemissFlow:Svarslank:UnknownPerMinute"] = "3",
        ["RemissFlow:Svarslank:SubmissionsPerHour"] = "2",
    });

    [OneTimeTearDown]
    public async Task Stop() => await _app.DisposeAsync();

    [Test]
    public async Task Unknown_tokens_and_submissions_past_the_limit_get_429_with_a_Swedish_message()
    {
        var client = _app.NewClient();
        var (_, _, _, path) = await OpenLinkAsync(_app);
        for (var i = 0; i < 5; i++)
        {
            Assert.That((await client.GetAsync(path)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the organisation's own page is never counted");
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.GetAsync($"/svara/{Svarslankar.NewToken()}")).StatusCode);
        }

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests }));
        var limited = await client.GetAsync($"/svara/{Svarslankar.NewToken()}");
        Assert.That(await limited.Content.ReadAsStringAsync(), Does.Contain("För många försök"));

        var token = Sessions.AntiforgeryToken(await client.GetStringAsync(path));
        var posts = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            posts.Add((await client.PostAsync(path, Form(token, null, "Saknar ställningstagande."))).StatusCode);
        }

        Assert.That(posts, Is.EqualTo(new[] { HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity, HttpStatusCode.TooManyRequests }));
    }
}
