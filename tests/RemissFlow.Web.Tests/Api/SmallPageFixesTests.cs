using System.Net;
using System.Text.RegularExpressions;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Api;

/// <summary>Small things a first visitor notices: the browser's icon request, and the way from the sign-in page to the public remisser.</summary>
public sealed partial class SmallPageFixesTests
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

    [Test]
    public async Task Favicon_ico_is_served_as_an_icon_without_signing_in()
    {
        var response = await _app.NewClient().GetAsync("/favicon.ico");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/x-icon"));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        // An ICO file starts with reserved 0, type 1 (icon) and at least one image.
        Assert.That(bytes.Take(4), Is.EqualTo(new byte[] { 0, 0, 1, 0 }));
        Assert.That(BitConverter.ToUInt16(bytes, 4), Is.GreaterThan(0));
    }

    [Test]
    public async Task Every_page_names_its_icon()
    {
        var signIn = await _app.NewClient().GetStringAsync("/konto/logga-in");
        var start = await (await Sessions.CookieAsync(_app, Sessions.SfHandlaggare)).GetStringAsync("/");
        foreach (var html in new[] { signIn, start })
        {
            Assert.That(IconLink().IsMatch(html), Is.True, "sidan saknar <link rel=\"icon\" href=\"/favicon.ico\">");
        }
    }

    [Test]
    public async Task The_sign_in_page_links_to_the_public_remisser()
    {
        var client = _app.NewClient();
        var html = await client.GetStringAsync("/konto/logga-in");
        var link = PublicLink().Match(html);
        Assert.That(link.Success, Is.True, "inloggningssidan länkar inte till de publika remisserna");
        var target = await client.GetAsync(link.Groups["href"].Value);
        Assert.That(target.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the public page opens without signing in");
    }

    [GeneratedRegex("<link rel=\"icon\" href=\"/favicon.ico\"[^>]*>")]
    private static partial Regex IconLink();

    [GeneratedRegex("<a href=\"(?<href>/publikt/remisser)\">[^<]+</a>")]
    private static partial Regex PublicLink();
}
