using System.Net;
using System.Text.RegularExpressions;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Api;

/// <summary>Issue 13: the secret calendar address can be copied (a readonly field, a copy button added by script) and renewed.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class KalenderPageTests(DatabaseProvider provider)
{
    private RemissFlowApp _app = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        if (provider == DatabaseProvider.Postgres)
        {
            Providers.RequirePostgres();
        }

        _app = await RemissFlowApp.StartAsync(provider);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static string FeedPath(string html)
    {
        var match = Regex.Match(html, "id=\"min-kalender\"[^>]*value=\"[a-z]+://[^/\"]+(/kalender/[^\"]+\\.ics)\"");
        Assert.That(match.Success, Is.True, "the page shows the address in the readonly field");
        return match.Groups[1].Value;
    }

    [Test]
    public async Task The_address_is_in_a_readonly_field_with_a_copy_button_and_renewing_stops_the_old_one()
    {
        var client = await Sessions.CookieAsync(_app, Sessions.SfSekreterare);
        var page = await client.GetStringAsync("/kalender");
        var old = FeedPath(page);
        var anonymous = _app.NewClient();

        Assert.Multiple(async () =>
        {
            Assert.That(page, Does.Match("<input id=\"min-kalender\"[^>]*readonly"));
            Assert.That(page, Does.Contain("data-kopiera=\"min-kalender\"").And.Contain("Kopiera adressen"));
            Assert.That(page, Does.Contain("/js/kopiera.js"));
            Assert.That((await anonymous.GetAsync("/js/kopiera.js")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await anonymous.GetAsync(old)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });

        var renewed = await Sessions.PostFormAsync(client, "/kalender?handler=Forny", [], "/kalender");
        Assert.That(renewed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var fresh = FeedPath(await client.GetStringAsync("/kalender"));

        Assert.Multiple(async () =>
        {
            Assert.That(fresh, Is.Not.EqualTo(old));
            Assert.That((await anonymous.GetAsync(old)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await anonymous.GetAsync(fresh)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }
}
