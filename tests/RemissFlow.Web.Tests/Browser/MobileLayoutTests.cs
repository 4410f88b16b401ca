using Microsoft.Playwright;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Browser;

/// <summary>At 375 × 812 (a small phone) no page of a role's day scrolls sideways; wide tables fit as cards or chosen columns.</summary>
public sealed class MobileLayoutTests : BrowserFixture
{
    private static async Task<string> FirstHref(IPage page, string selector) =>
        (await page.Locator(selector).First.GetAttributeAsync("href"))!;

    private async Task ExpectNoSidewaysScroll(IPage page, string path, string name)
    {
        await VisitAsync(page, path, $"375-{name}");
        var dims = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scroll, client) = (dims[0], dims[1]);
        // The outermost elements that stick out, not their children, and not what sits inside a scroll box.
        var wide = await page.EvaluateAsync<string[]>("""
            () => {
                const w = document.documentElement.clientWidth;
                const clipped = e => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) { if (getComputedStyle(p).overflowX !== 'visible') return true; } return false; };
                return [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > w + 1 && !clipped(e) && !(e.parentElement && e.parentElement.getBoundingClientRect().right > w + 1))
                    .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).replace(/ /g, '.') : '') + ' «' + (e.textContent || '').trim().slice(0, 30) + '»');
            }
            """);
        Assert.That(scroll, Is.LessThanOrEqualTo(client), $"{path} rullar i sidled vid 375 px ({scroll} > {client}); för breda: {string.Join(", ", wide)}");
    }

    private async Task<IPage> PhoneAsync(string email)
    {
        var page = await SignInAsync(email);
        await page.SetViewportSizeAsync(375, 812);
        return page;
    }

    [Test]
    public async Task Instans_pages_fit_a_phone()
    {
        var hl = await PhoneAsync(Sessions.SfHandlaggare);
        await ExpectNoSidewaysScroll(hl, "/", "handlaggare-start");
        await ExpectNoSidewaysScroll(hl, "/mina-arenden", "mina-arenden");
        var arende = await FirstHref(hl, "main table a[href^='/arenden/']");
        await ExpectNoSidewaysScroll(hl, arende, "arende");
        await ExpectNoSidewaysScroll(hl, arende + "/tu", "tu");
        await ExpectNoSidewaysScroll(hl, "/kalender", "kalender");

        var reg = await PhoneAsync(Sessions.SfRegistrator);
        await ExpectNoSidewaysScroll(reg, "/", "registrator-start");
        await ExpectNoSidewaysScroll(reg, "/inkorg", "inkorg");

        var sek = await PhoneAsync(Sessions.SfSekreterare);
        await ExpectNoSidewaysScroll(sek, "/", "sekreterare-start");
        await ExpectNoSidewaysScroll(sek, "/bevakning", "bevakning");
        await ExpectNoSidewaysScroll(sek, "/sammantraden", "sammantraden");
        var meeting = await FirstHref(sek, "main a[href^='/sammantraden/']");
        await ExpectNoSidewaysScroll(sek, meeting, "sammantrade");
        await ExpectNoSidewaysScroll(sek, "/notiser", "notiser");

        var chef = await PhoneAsync("chef.sf@remissflow.test");
        await ExpectNoSidewaysScroll(chef, "/", "chef-start");
    }

    [Test]
    public async Task Ks_and_admin_pages_fit_a_phone()
    {
        var ks = await PhoneAsync(Sessions.KsSamordnare);
        await ExpectNoSidewaysScroll(ks, "/", "ks-start");
        await ExpectNoSidewaysScroll(ks, "/remisser", "remisser");
        var remiss = await FirstHref(ks, "main table a[href^='/remisser/']");
        await ExpectNoSidewaysScroll(ks, remiss, "remiss");
        await ExpectNoSidewaysScroll(ks, "/oversikt", "oversikt");

        var admin = await PhoneAsync(Sessions.AdminEmail);
        await ExpectNoSidewaysScroll(admin, "/", "admin-start");
        await ExpectNoSidewaysScroll(admin, "/admin/anvandare", "admin-anvandare");
        await ExpectNoSidewaysScroll(admin, "/admin/organisationer", "admin-organisationer");

        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(375, 812);
        await ExpectNoSidewaysScroll(page, "/konto/logga-in", "logga-in");
        await ExpectNoSidewaysScroll(page, "/publikt/remisser", "publikt");
    }
}
