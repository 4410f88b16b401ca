using System.Net;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Api;

/// <summary>Every page × role: the allowed ones answer 200 on both databases (their queries run), the others send to "Behörighet saknas".</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class PageAccessTests(DatabaseProvider provider)
{
    /// <summary>An account's own page; the test puts a demo account's id in its place.</summary>
    private const string KontoPage = "/admin/anvandare/{konto}";

    private static readonly string[] Pages = ["/", "/remisser", "/remisser/ny", "/inkorg", "/mina-arenden", "/bevakning", "/admin", "/admin/organisationer", "/admin/organisationer/ny", "/admin/anvandare", "/admin/anvandare/ny", KontoPage];

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

    [TestCase("admin@remissflow.test", "/", "/admin", "/admin/organisationer", "/admin/organisationer/ny", "/admin/anvandare", "/admin/anvandare/ny", KontoPage)]
    [TestCase("registrator.ks@remissflow.test", "/", "/remisser", "/remisser/ny")]
    [TestCase("samordnare.ks@remissflow.test", "/", "/remisser", "/remisser/ny")]
    [TestCase("registrator.sf@remissflow.test", "/", "/inkorg")]
    [TestCase("handlaggare.sf@remissflow.test", "/", "/mina-arenden")]
    [TestCase("chef.sf@remissflow.test", "/")]
    [TestCase("sekreterare.sf@remissflow.test", "/", "/bevakning")]
    [TestCase("registrator.svoa@remissflow.test", "/", "/inkorg", "/mina-arenden", "/bevakning")]
    public async Task Each_role_reaches_exactly_its_pages(string email, params string[] allowed)
    {
        var client = await Sessions.CookieAsync(_app, email);
        var konto = await _app.QueryAsync(db => Task.FromResult(db.Users.Single(u => u.Email == Sessions.SfHandlaggare).Id));
        foreach (var page in Pages)
        {
            var response = await client.GetAsync(page.Replace("{konto}", konto.ToString(), StringComparison.Ordinal));
            if (allowed.Contains(page))
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{email} {page}: {await response.Content.ReadAsStringAsync()}");
            }
            else
            {
                Assert.That(response.Headers.Location?.ToString(), Does.Contain("/konto/nekad"), $"{email} {page}");
            }
        }
    }

    // The registration page of a remiss from outside was reachable only by typing its address.
    [TestCase("registrator.ks@remissflow.test", "/remisser", true)]
    [TestCase("registrator.sf@remissflow.test", "/inkorg", true)]
    [TestCase("samordnare.ks@remissflow.test", "/remisser", false)]
    [TestCase("registrator.svoa@remissflow.test", "/inkorg", false)]
    public async Task A_remiss_from_outside_is_registered_from_a_link_on_the_registrators_list(string email, string list, bool linked)
    {
        var client = await Sessions.CookieAsync(_app, email);
        var html = await client.GetStringAsync(list);
        var registration = await client.GetAsync("/arenden/inkommen");
        Assert.Multiple(() =>
        {
            Assert.That(html.Contains("href=\"/arenden/inkommen\"", StringComparison.Ordinal), Is.EqualTo(linked), $"{email} {list}");
            Assert.That(registration.StatusCode == HttpStatusCode.OK, Is.EqualTo(linked), $"{email} /arenden/inkommen");
        });
    }
}
