using System.Net;
using RemissFlow.Core;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Tests.Presentation;

/// <summary>
/// The list pages' status and year filters: GET parameters narrow the list (in SQL, or after the
/// bevakning cache), and a bad value gets a Swedish message naming the field with the list unfiltered.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class ListFilterPageTests(DatabaseProvider provider)
{
    private RemissFlowApp _app = null!;
    private HttpClient _registrator = null!;
    private HttpClient _handlaggare = null!;
    private HttpClient _sekreterare = null!;
    private HttpClient _ks = null!;

    // Ids and titles: an inkommen one near, a registered one and an assigned one a year further on.
    private string _near = null!;
    private string _far = null!;
    private string _assignedNear = null!;
    private string _assignedFar = null!;
    private DateOnly _nearDate;
    private DateOnly _farDate;

    [OneTimeSetUp]
    public async Task Start()
    {
        if (provider == DatabaseProvider.Postgres)
        {
            Providers.RequirePostgres();
        }

        _app = await RemissFlowApp.StartAsync(provider);
        var today = StockholmTime.Today(TimeProvider.System);
        (_nearDate, _farDate) = (today.AddDays(40), today.AddDays(40 + 366));
        var tag = Guid.NewGuid().ToString("N")[..8];
        (_near, _far, _assignedNear, _assignedFar) = ($"Filterremiss nara {tag}", $"Filterremiss fjarran {tag}", $"Filterremiss tilldelad nara {tag}", $"Filterremiss tilldelad fjarran {tag}");

        await ArendeData.SendRemissAsync(_app, _near, _nearDate, "SF");
        var far = (await ArendeData.SendRemissAsync(_app, _far, _farDate, "SF"))["SF"];
        await _app.AsUserAsync(Sessions.SfRegistrator, new RegisterRemissvar.Command(far));
        var handlaggare = await ArendeData.UserIdAsync(_app, Sessions.SfHandlaggare);
        foreach (var (title, date) in new[] { (_assignedNear, _nearDate), (_assignedFar, _farDate) })
        {
            var id = (await ArendeData.SendRemissAsync(_app, title, date, "SF"))["SF"];
            await _app.AsUserAsync(Sessions.SfRegistrator, new RegisterRemissvar.Command(id));
            await _app.AsUserAsync(Sessions.SfRegistrator, new AssignHandlaggare.Command(id, handlaggare));
        }

        _registrator = await Sessions.CookieAsync(_app, Sessions.SfRegistrator);
        _handlaggare = await Sessions.CookieAsync(_app, Sessions.SfHandlaggare);
        _sekreterare = await Sessions.CookieAsync(_app, Sessions.SfSekreterare);
        _ks = await Sessions.CookieAsync(_app, Sessions.KsSamordnare);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static async Task<string> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{path}: {html[..Math.Min(html.Length, 400)]}");
        return WebUtility.HtmlDecode(html);
    }

    [Test]
    public async Task Inkorg_narrows_by_status_and_by_year()
    {
        var all = await PageAsync(_registrator, "/inkorg");
        Assert.Multiple(() =>
        {
            Assert.That(all, Does.Contain(_near).And.Contain(_far));
            Assert.That(all, Does.Contain("<option value=\"inkommen\"").And.Contain("<option value=\"registrerad\""), "the states present are the options");
            Assert.That(all, Does.Contain(">Filtrera</button>").And.Contain(">Visa alla</a>"));
        });

        var inkommen = await PageAsync(_registrator, "/inkorg?status=inkommen");
        var farYear = await PageAsync(_registrator, $"/inkorg?ar={_farDate.Year}");
        Assert.Multiple(() =>
        {
            Assert.That(inkommen, Does.Contain(_near).And.Not.Contain(_far));
            Assert.That(inkommen, Does.Contain("<option value=\"inkommen\" selected=\"selected\">"), "the chosen status stays selected");
            Assert.That(farYear, Does.Contain(_far).And.Not.Contain(_near));
        });
    }

    [Test]
    public async Task Mina_arenden_narrows_by_year()
    {
        var near = await PageAsync(_handlaggare, $"/mina-arenden?ar={_nearDate.Year}");
        var far = await PageAsync(_handlaggare, $"/mina-arenden?status=tilldelad&ar={_farDate.Year}");
        Assert.Multiple(() =>
        {
            Assert.That(near, Does.Contain(_assignedNear).And.Not.Contain(_assignedFar));
            Assert.That(far, Does.Contain(_assignedFar).And.Not.Contain(_assignedNear));
        });
    }

    [Test]
    public async Task Bevakning_filters_the_cached_board_for_each_request()
    {
        // The unfiltered board first, so the filtered requests are served from its cache entry.
        var all = await PageAsync(_sekreterare, "/bevakning");
        var registrerad = await PageAsync(_sekreterare, "/bevakning?status=registrerad");
        var inkommen = await PageAsync(_sekreterare, "/bevakning?status=inkommen");
        Assert.Multiple(() =>
        {
            Assert.That(all, Does.Contain(_near).And.Contain(_far));
            Assert.That(registrerad, Does.Contain(_far).And.Not.Contain(_near));
            Assert.That(inkommen, Does.Contain(_near).And.Not.Contain(_far));
        });
    }

    [Test]
    public async Task Remisser_narrows_by_year_and_keeps_the_sort()
    {
        var far = await PageAsync(_ks, $"/remisser?sortera=titel&status=svarstid_pagar&ar={_farDate.Year}");
        Assert.Multiple(() =>
        {
            Assert.That(far, Does.Contain(_far).And.Not.Contain(_near));
            Assert.That(far, Does.Contain("<input type=\"hidden\" name=\"sortera\" value=\"titel\""));
            Assert.That(far, Does.Contain($"href=\"/remisser?status=svarstid_pagar&ar={_farDate.Year}\""), "the sort link keeps the filter");
        });
    }

    [TestCase("/inkorg", "status=finns_inte", "Status:")]
    [TestCase("/inkorg", "ar=tjugotjugo", "År:")]
    [TestCase("/mina-arenden", "ar=-5", "År:")]
    [TestCase("/bevakning", "status=<script>", "Status:")]
    [TestCase("/bevakning", "ar=99999", "År:")]
    [TestCase("/remisser", "status=raderad", "Status:")]
    [TestCase("/remisser", "ar=2026x", "År:")]
    public async Task A_bad_value_gets_the_fields_message_and_the_list_unfiltered(string path, string query, string field)
    {
        var client = path switch { "/inkorg" => _registrator, "/mina-arenden" => _handlaggare, "/bevakning" => _sekreterare, _ => _ks };
        var (first, second) = path == "/mina-arenden" ? (_assignedNear, _assignedFar) : (_near, _far);
        var html = await PageAsync(client, $"{path}?{query}");
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("role=\"alert\">" + field), "the message names the field");
            Assert.That(html, Does.Contain("Listan visas ofiltrerad."));
            Assert.That(html, Does.Contain(first).And.Contain(second), "the list is unfiltered");
        });
    }
}
