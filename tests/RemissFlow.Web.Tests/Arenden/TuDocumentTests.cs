using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Arenden;

/// <summary>Issue 13's TU document bugs: what the editor shows is what the document says, the preview is styled, a saved version never changes.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
[Parallelizable(ParallelScope.Self)] // Beside other fixtures (own app and database), its tests one at a time: one test switches Servicenämnden's omedelbar justering on and back.
public sealed class TuDocumentTests(DatabaseProvider provider)
{
    private RemissFlowApp _app = null!;
    private HttpClient _handlaggare = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await RemissFlowApp.StartAsync(provider);
        _handlaggare = await Sessions.CookieAsync(_app, Sessions.SfHandlaggare);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>Opens the editor of an ärende without a TU, fills the sections the template leaves empty and saves its defaults as they stand.</summary>
    private async Task<(Guid Id, Dictionary<string, string> Defaults)> SaveDefaultsAsync(string title, Action<Dictionary<string, string>>? edit = null)
    {
        var id = await ArendeSteps.UnderBeredningAsync(_app, title, withTu: false);
        var fields = TuForm.Fields(await _handlaggare.GetStringAsync($"/arenden/{id}/tu"));
        var defaults = new Dictionary<string, string>(fields);
        fields["Input.Sammanfattning"] = "Förvaltningen tillstyrker.";
        fields["Input.Arendet"] = "Programmet föreslår åtgärder.";
        fields["Input.Synpunkter"] = "Förvaltningen har inga synpunkter.";
        edit?.Invoke(fields);
        var saved = await Sessions.PostFormAsync(_handlaggare, $"/arenden/{id}/tu", fields);
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await saved.Content.ReadAsStringAsync());
        return (id, defaults);
    }

    private async Task<string> PreviewTextAsync(Guid id, int version) =>
        TuForm.Text(await _handlaggare.GetStringAsync($"/arenden/{id}/dokument/tu/html?version={version}"));

    [Test]
    public async Task The_template_tu_says_the_svarsdatum_sentence_once()
    {
        var (id, defaults) = await SaveDefaultsAsync("Program för svarsdatum");

        Assert.That(TuForm.Count(defaults["Input.Bakgrund"], "yttrande ska ha inkommit"), Is.EqualTo(1), "the editor shows the sentence");
        Assert.That(TuForm.Count(await PreviewTextAsync(id, 1), "yttrande ska ha inkommit"), Is.EqualTo(1), "and the document says it once");
    }

    [Test]
    public async Task Omedelbar_justering_is_in_the_document_exactly_when_the_editor_showed_it()
    {
        await SetOmedelbarAsync(true);
        try
        {
            var (kept, defaults) = await SaveDefaultsAsync("Program med omedelbar justering");
            var (removed, _) = await SaveDefaultsAsync("Program där punkten togs bort",
                f => f["Input.ForslagTillBeslut"] = "Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.");

            Assert.Multiple(async () =>
            {
                Assert.That(defaults["Input.ForslagTillBeslut"], Does.Contain("Paragrafen förklaras omedelbart justerad."), "the nämnd's practice is shown in the editor");
                Assert.That(TuForm.Count(await PreviewTextAsync(kept, 1), "omedelbart justerad"), Is.EqualTo(1));
                Assert.That(TuForm.Count(await PreviewTextAsync(removed, 1), "omedelbart justerad"), Is.Zero, "a point the handläggare removed is not added back");
            });
        }
        finally
        {
            await SetOmedelbarAsync(false);
        }
    }

    [Test]
    public async Task The_html_preview_is_styled_under_the_apps_own_csp()
    {
        var id = await ArendeSteps.UnderBeredningAsync(_app, "Program för förhandsgranskning");
        using var response = await _handlaggare.GetAsync($"/arenden/{id}/dokument/tu/html?version=1");
        var html = await response.Content.ReadAsStringAsync();
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var styleSrc = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("style-src ", StringComparison.Ordinal));
        var styles = Regex.Matches(html, "<style>(.*?)</style>", RegexOptions.Singleline);

        Assert.Multiple(() =>
        {
            Assert.That(styles, Is.Not.Empty, "the preview carries its stylesheet");
            foreach (Match style in styles)
            {
                var hash = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style.Groups[1].Value))) + "'";
                Assert.That(styleSrc.Split(' '), Does.Contain(hash), "the CSP lets exactly this stylesheet apply");
            }

            Assert.That(styleSrc, Does.Not.Contain("unsafe-inline"), "the CSP is not weakened");
            Assert.That(html, Does.Not.Contain(" style=\""), "no style attribute, which a hash would not cover");
            Assert.That(csp, Does.Contain("script-src 'self'"));
        });
    }

    [Test]
    public async Task A_saved_version_renders_the_same_after_later_events()
    {
        var id = await ArendeSteps.UnderBeredningAsync(_app, "Program för versionsfrysning");
        var before = await _handlaggare.GetStringAsync($"/arenden/{id}/dokument/tu/html?version=1");

        // Later: the förvaltningsgrupp's passage, a second version under another rubrik, the chef's approval of it.
        await _app.AsUserAsync(Sessions.SfHandlaggare, new RecordBeredning.Command(id, OrganKind.Forvaltningsgrupp, ArendeSteps.Today));
        await _app.AsUserAsync(Sessions.SfHandlaggare, ArendeSteps.Tu(id, 1, "Förvaltningen har ändrat sig.") with { Rubrik = "Remiss av programmet, andra versionen" });
        await _app.AsUserAsync(Sessions.SfHandlaggare, new FireRemissvarTrigger.Command(id, "skicka_till_forvaltningschef"));
        await _app.AsUserAsync("chef.sf@remissflow.test", new FireRemissvarTrigger.Command(id, "godkann"));
        Assert.That(await ArendeSteps.StatusAsync(_app, id), Is.EqualTo("godkand"));

        var after = await _handlaggare.GetStringAsync($"/arenden/{id}/dokument/tu/html?version=1");
        var v2 = TuForm.Text(await _handlaggare.GetStringAsync($"/arenden/{id}/dokument/tu/html?version=2"));
        Assert.Multiple(() =>
        {
            Assert.That(TuForm.Text(after), Is.EqualTo(TuForm.Text(before)), "version 1 reads the same");
            Assert.That(after, Is.EqualTo(before), "byte for byte");
            Assert.That(v2, Does.Contain("förvaltningsgruppen"), "the later version shows the passage");
            Assert.That(v2, Does.Contain("andra versionen"));
        });
    }

    private Task SetOmedelbarAsync(bool on) => _app.QueryAsync(db =>
        db.Organ.Where(o => o.Kind == OrganKind.Namnd && db.Organisationer.Any(x => x.Id == o.OrganisationId && x.DnrPrefix == "SF"))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.OmedelbarJusteringForRemissvar, on)));
}
