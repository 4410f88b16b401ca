using System.Net;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Arkiv;

/// <summary>
/// Gallring through the web on the demo, both databases: the administratör's plan page refuses bad rows in Swedish and
/// versions good ones; the arkivarie's due list, proposal, review ("Detta raderas"), refusals (422, never a 500) and
/// decision; afterwards the handlingar are gone, a notering stands in each place and the audit chain still verifies.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
[NonParallelizable]
public sealed class GallringPageTests(DatabaseProvider provider)
{
    private const string Arkivarie = "arkivarie@remissflow.test";
    private const string FinishedDnr = "KS 2025/1616";
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

    private static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [Test]
    public async Task The_plan_page_refuses_a_bad_row_in_swedish_and_writes_a_new_version_of_a_good_one()
    {
        var admin = await Sessions.CookieAsync(_app, Sessions.AdminEmail);
        var sf = await _app.QueryAsync(db => db.Organisationer.Where(o => o.DnrPrefix == "SF").Select(o => o.Id).SingleAsync());
        var path = $"/admin/gallringsplan?org={sf}";
        var rows = await _app.QueryAsync(db => db.Gallringsplan.CountAsync(r => r.OrganisationId == sf));

        var refused = await Sessions.PostFormAsync(admin, path, new() { ["Input.Handlingstyp"] = "tu_bilaga", ["Input.Atgard"] = "gallras", ["Input.Utgangspunkt"] = "upprattad" }, path);
        var html = await HtmlAsync(refused);
        Assert.Multiple(async () =>
        {
            Assert.That((int)refused.StatusCode, Is.EqualTo(422));
            Assert.That(html, Does.Contain("Antal år måste vara ett tal mellan 0 och 100."));
            Assert.That(await _app.QueryAsync(db => db.Gallringsplan.CountAsync(r => r.OrganisationId == sf)), Is.EqualTo(rows), "nothing written");
        });
        var unknown = await Sessions.PostFormAsync(admin, path, new() { ["Input.Handlingstyp"] = "protokoll_x", ["Input.Atgard"] = "bevaras" }, path);
        Assert.That((int)unknown.StatusCode, Is.EqualTo(422));
        Assert.That(await HtmlAsync(unknown), Does.Contain("Handlingstyp måste vara en av"));

        foreach (var ar in new[] { "3", "5" })
        {
            var ok = await Sessions.PostFormAsync(admin, path, new()
            {
                ["Input.Handlingstyp"] = "tu_utkast", ["Input.Atgard"] = "gallras", ["Input.Ar"] = ar, ["Input.Utgangspunkt"] = "arende_avslutat",
                ["Input.Anmarkning"] = "Utkast utan betydelse.",
            }, path);
            Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        var page = await HtmlAsync(await admin.GetAsync(path));
        var versions = await _app.QueryAsync(db => db.Gallringsplan.Where(r => r.OrganisationId == sf && r.Handlingstyp == "tu_utkast").OrderBy(r => r.PlanVersion).ToListAsync());
        Assert.Multiple(() =>
        {
            Assert.That(versions.Select(v => (v.PlanVersion, v.Ar, v.Giltig)), Is.EqualTo(new[] { (1, (int?)3, false), (2, (int?)5, true) }), "the old version is kept");
            Assert.That(page, Does.Contain("Tjänsteutlåtande, version som aldrig godkändes"));
            Assert.That(page, Does.Contain("gallras 5 år efter att ärendet avslutats"));
            Assert.That(page, Does.Contain("data-label=\"Regel\""));
        });
        Assert.That((await _app.NewClient().GetAsync("/admin/gallringsplan?org=" + Guid.NewGuid())).StatusCode, Is.Not.EqualTo(HttpStatusCode.OK));
        Assert.That((await admin.GetAsync("/admin/gallringsplan?org=" + Guid.NewGuid())).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task The_arkivarie_proposes_reviews_is_refused_in_swedish_decides_and_the_audit_chain_still_verifies()
    {
        var client = await Sessions.CookieAsync(_app, Arkivarie);
        var list = await HtmlAsync(await client.GetAsync("/arkiv/gallring"));
        Assert.That(list, Does.Contain("Får gallras i dag").And.Contain(FinishedDnr).And.Contain("Föreslå gallringsbeslut"), "the demo leaves a due list waiting");
        var start = await HtmlAsync(await client.GetAsync("/"));
        Assert.That(start, Does.Contain("Gallring enligt dokumenthanteringsplanen").And.Contain("handlingar får gallras"));

        var proposed = await Sessions.PostFormAsync(client, "/arkiv/gallring?handler=Foresla", new(), "/arkiv/gallring");
        Assert.That(proposed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var location = proposed.Headers.Location!.ToString();
        Assert.That(location, Does.Match("^/arkiv/gallring/[0-9a-f-]{36}$"));
        var id = Guid.Parse(location.Split('/')[^1]);
        var poster = await _app.QueryAsync(db => db.GallringsPoster.Where(p => p.BeslutId == id).Select(p => new { p.HandlingId, p.Namn }).ToListAsync());
        Assert.That(poster, Is.Not.Empty);

        var again = await Sessions.PostFormAsync(client, "/arkiv/gallring?handler=Foresla", new(), "/arkiv/gallring");
        Assert.That((int)again.StatusCode, Is.EqualTo(422));
        Assert.That(await HtmlAsync(again), Does.Contain("väntar redan på beslut"));

        var review = await HtmlAsync(await client.GetAsync(location));
        Assert.Multiple(() =>
        {
            Assert.That(review, Does.Contain("Detta raderas om du beslutar"));
            Assert.That(review, Does.Contain("Förslag till gallring"), "the state's label from the workflow definition");
            foreach (var p in poster)
            {
                Assert.That(review, Does.Contain(p.Namn));
            }
        });

        var noReason = await Sessions.PostFormAsync(client, location + "?handler=Avbryt", new() { ["Input.Skal"] = "" }, location);
        Assert.That((int)noReason.StatusCode, Is.EqualTo(422));
        Assert.That(await HtmlAsync(noReason), Does.Contain("Skäl"));
        Assert.That(await _app.QueryAsync(db => db.Gallringsbeslut.Where(g => g.Id == id).Select(g => g.Status).SingleAsync()), Is.EqualTo("foreslaget"));

        var missing = await Sessions.PostFormAsync(client, $"/arkiv/gallring/{Guid.NewGuid()}?handler=Besluta", new(), location);
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        var decided = await Sessions.PostFormAsync(client, location + "?handler=Besluta", new(), location);
        Assert.That(decided.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var ids = poster.Select(p => p.HandlingId).ToList();
        var (left, noteringar, status) = await _app.QueryAsync(async db => (
            await db.Bilagor.CountAsync(b => ids.Contains(b.Id)),
            await db.Gallringsnoteringar.CountAsync(n => n.BeslutId == id),
            await db.Gallringsbeslut.Where(g => g.Id == id).Select(g => g.Status).SingleAsync()));
        var after = await HtmlAsync(await client.GetAsync(location));
        Assert.Multiple(() =>
        {
            Assert.That(left, Is.Zero, "the handlingar are deleted");
            Assert.That(noteringar, Is.EqualTo(poster.Count), "a notering stands in each place");
            Assert.That(status, Is.EqualTo("verkstallt"));
            Assert.That(after, Does.Contain("Beslutat och gallrat").And.Contain("Gallrat"));
        });

        var twice = await Sessions.PostFormAsync(client, location + "?handler=Besluta", new(), location);
        Assert.That((int)twice.StatusCode, Is.EqualTo(422), "a decided proposal is refused on the page, not a 500");
        var nothing = await Sessions.PostFormAsync(client, "/arkiv/gallring?handler=Foresla", new(), "/arkiv/gallring");
        Assert.That((int)nothing.StatusCode, Is.EqualTo(422));
        Assert.That(await HtmlAsync(nothing), Does.Contain("Inget får gallras i dag"));

        var chain = await _app.QueryAsync(db => new AuditVerifier(db).VerifyAsync());
        Assert.That(chain.Intact, Is.True, chain.Reason);
    }

    [Test]
    public async Task The_arkiv_page_shows_the_workflow_label_and_labels_its_cells_for_phone_width()
    {
        var client = await Sessions.CookieAsync(_app, Arkivarie);
        var html = await HtmlAsync(await client.GetAsync("/arkiv"));
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<td data-label=\"Status\">Avslutad</td>"));
            Assert.That(html, Does.Contain("data-label=\"Diarienummer\"").And.Contain("data-label=\"Remissvar\""));
            Assert.That(html, Does.Contain("href=\"/arkiv/gallring\""));
        });
    }
}
