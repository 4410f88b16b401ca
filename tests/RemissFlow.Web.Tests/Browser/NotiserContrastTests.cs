using Microsoft.Playwright;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Browser;

/// <summary>The notice list's own button is readable: its text stands out from what is behind it (WCAG 1.4.3, 4.5:1).</summary>
public sealed class NotiserContrastTests : BrowserFixture
{
    /// <summary>The WCAG contrast of an element's text against the first opaque background behind it.</summary>
    public const string ContrastScript = """
        el => {
            const rgb = s => s.match(/[\d.]+/g).map(Number);
            const lum = ([r, g, b]) => {
                const c = [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
                return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
            };
            let bg = null;
            for (let n = el; n && !bg; n = n.parentElement) {
                const c = rgb(getComputedStyle(n).backgroundColor);
                if (c.length < 4 || c[3] > 0) bg = c;
            }
            const fg = lum(rgb(getComputedStyle(el).color)), back = lum(bg ?? [255, 255, 255]);
            return (Math.max(fg, back) + 0.05) / (Math.min(fg, back) + 0.05);
        }
        """;

    [Test]
    public async Task Markera_som_last_is_readable_on_every_notice()
    {
        var page = await SignInAsync(Sessions.SfHandlaggare);
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Notiser") }).ClickAsync();
        var buttons = page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Markera som läst") });
        Assert.That(await buttons.CountAsync(), Is.GreaterThan(0), "the demo leaves the handläggare unread notices");
        await CheckPageAsync(page, "notiser");
        foreach (var button in await buttons.AllAsync())
        {
            var ratio = await button.EvaluateAsync<double>(ContrastScript);
            Assert.That(ratio, Is.GreaterThanOrEqualTo(4.5), $"\"{await button.TextContentAsync()}\" har kontrasten {ratio:0.00}:1");
        }

        var before = await buttons.CountAsync();
        await buttons.First.ClickAsync();
        await Assertions.Expect(buttons).ToHaveCountAsync(before - 1);
    }
}
