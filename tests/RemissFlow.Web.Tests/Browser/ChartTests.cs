using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RemissFlow.Web.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Tests.Browser;

/// <summary>
/// Issue 13: chart labels were clipped at the SVG's edges, and /oversikt/namnd showed raw state
/// codes and was linked from nowhere. Every text element of every chart must lie inside its viewBox,
/// measured by the browser that draws it.
/// </summary>
public sealed class ChartTests : BrowserFixture
{
    /// <summary>For each chart on the page, the texts whose box (getBBox, in viewBox units) leaves the viewBox.</summary>
    private static async Task<List<string>> ClippedAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>("""
            () => [...document.querySelectorAll('figure.chart svg')].flatMap(svg => {
                const vb = svg.viewBox.baseVal;
                return [...svg.querySelectorAll('text')].map(t => ({ t, b: t.getBBox() }))
                    .filter(({ b }) => b.x < vb.x - 0.5 || b.y < vb.y - 0.5 || b.x + b.width > vb.x + vb.width + 0.5 || b.y + b.height > vb.y + vb.height + 0.5)
                    .map(({ t, b }) => `${svg.getAttribute('aria-labelledby')}: "${t.textContent}" at x ${b.x.toFixed(1)}..${(b.x + b.width).toFixed(1)} of ${vb.width}`);
            })
            """);
        return json.EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    private static async Task<int> ChartCountAsync(IPage page) => await page.Locator("figure.chart svg").CountAsync();

    [Test]
    public async Task Every_chart_label_lies_inside_its_svg_and_the_namnd_timeline_uses_state_labels()
    {
        // A long title, as real remisser have, on the nämnd's timeline.
        await ArendeData.SendRemissAsync(App, "Förslag till reviderat program för stadens långsiktiga arbete med klimatanpassning och ekosystemtjänster", StockholmTime.Today(TimeProvider.System).AddDays(45), "SF");

        var sekreterare = await SignInAsync(Sessions.SfSekreterare);
        await VisitAsync(sekreterare, "/bevakning", "bevakning-med-tidslinjelank");
        await sekreterare.GetByRole(AriaRole.Link, new() { Name = "Tidslinje: öppna remissvar mot nämndens sammanträden" }).ClickAsync();
        await Assertions.Expect(sekreterare).ToHaveURLAsync(new Uri(BaseAddress, "/oversikt/namnd").ToString());
        await CheckPageAsync(sekreterare, "oversikt-namnd");
        Assert.That(await ChartCountAsync(sekreterare), Is.GreaterThan(0));
        var namndClipped = await ClippedAsync(sekreterare);
        var table = await sekreterare.Locator(".chart-table tbody").InnerTextAsync();

        var ks = await SignInAsync(Sessions.KsSamordnare);
        await VisitAsync(ks, "/oversikt", "oversikt-ks");
        var oversiktClipped = await ClippedAsync(ks);
        var remiss = await App.QueryAsync(db => db.Remisser.Where(r => r.Status == "svarstid_pagar").OrderBy(r => r.Svarsdatum).Select(r => r.Id).FirstAsync());
        await VisitAsync(ks, $"/remisser/{remiss}", "remiss-med-diagram");
        var remissClipped = await ClippedAsync(ks);

        Assert.Multiple(() =>
        {
            Assert.That(namndClipped, Is.Empty, () => string.Join("\n", namndClipped));
            Assert.That(oversiktClipped, Is.Empty, () => string.Join("\n", oversiktClipped));
            Assert.That(remissClipped, Is.Empty, () => string.Join("\n", remissClipped));
            Assert.That(table, Does.Not.Contain("under_beredning").And.Not.Contain("godkand").And.Not.Contain("inkommen"));
            Assert.That(table, Does.Contain("Inkommen"), "the workflow's label for a newly arrived answer");
        });
    }
}
