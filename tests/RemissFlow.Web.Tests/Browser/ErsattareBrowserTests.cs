using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Web.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Tests.Browser;

/// <summary>
/// Socialnämnden's chef names an ersättare on Konto → Ersättare; the ersättare sees the TU on the start page as the
/// chef's, approves it, and the ärende's history and the TU's PDF say so; once the period is ended the rights are gone.
/// (The period ending by itself on the clock is the Core ErsattareTests' fake clock; this app runs on the real one.)
/// Every page passes axe, at desktop and phone width.
/// </summary>
public sealed class ErsattareBrowserTests : BrowserFixture
{
    private const string Chef = "chef.sof@remissflow.test";
    private const string Registrator = "registrator.sof@remissflow.test";
    private const string Handlaggare = "handlaggare.sof@remissflow.test";

    private static async Task Click(IPage page, string button) =>
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();

    private async Task<Guid> HosForvaltningschefAsync(DateOnly today)
    {
        var id = (await ArendeData.SendRemissAsync(App, "Program för stadens ersättare", today.AddDays(50), "SOF"))["SOF"];
        await App.AsUserAsync(Registrator, new RegisterRemissvar.Command(id));
        await App.AsUserAsync(Registrator, new AssignHandlaggare.Command(id, await ArendeData.UserIdAsync(App, Handlaggare)));
        await App.AsUserAsync(Handlaggare, new FireRemissvarTrigger.Command(id, "paborja_beredning"));
        await App.AsUserAsync(Handlaggare, new SaveTjansteutlatande.Command(id, null, "Remiss av programmet för stadens ersättare", "1. Socialnämnden godkänner tjänsteutlåtandet.",
            "Förvaltningen tillstyrker.", "Bakgrund.", "Ärendet.", null, "Synpunkter."));
        foreach (var organ in new[] { OrganKind.Forvaltningsgrupp, OrganKind.RadForFunktionshinderfragor })
        {
            await App.AsUserAsync(Handlaggare, new RecordBeredning.Command(id, organ, today));
        }

        await App.AsUserAsync(Handlaggare, new FireRemissvarTrigger.Command(id, "skicka_till_forvaltningschef"));
        return id;
    }

    [Test]
    public async Task A_chef_names_an_ersattare_who_approves_the_TU_as_tf_forvaltningschef_and_loses_the_rights_when_the_period_ends()
    {
        var today = StockholmTime.Today(TimeProvider.System);
        var id = await HosForvaltningschefAsync(today);

        // The chef names Ali Hassan, the registrator, for three days; a wrong period first names its field.
        var chef = await SignInAsync(Chef);
        await chef.GetByRole(AriaRole.Link, new() { Name = "Ersättare", Exact = true }).ClickAsync();
        await CheckPageAsync(chef, "konto-ersattare");
        await chef.GetByLabel("Ersättare", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Ali Hassan" });
        await chef.GetByLabel("Från och med").FillAsync(Iso(today.AddDays(3)));
        await chef.GetByLabel("Till och med").FillAsync(Iso(today.AddDays(1)));
        await Click(chef, "Namnge ersättaren");
        await Assertions.Expect(chef.Locator(".error-summary")).ToContainTextAsync("Till och med: sista dagen kan inte vara före den första.");
        await CheckPageAsync(chef, "konto-ersattare-fel");
        await chef.GetByLabel("Från och med").FillAsync(Iso(today));
        await chef.GetByLabel("Till och med").FillAsync(Iso(today.AddDays(2)));
        await Click(chef, "Namnge ersättaren");
        await Assertions.Expect(chef.GetByRole(AriaRole.Status)).ToContainTextAsync("Ersättaren är namngiven.");
        await Assertions.Expect(chef.Locator("table")).ToContainTextAsync("Ali Hassan");
        await Assertions.Expect(chef.Locator("table")).ToContainTextAsync("pågår");
        await CheckPageAsync(chef, "konto-ersattare-namngiven");

        // The ersättare: the banner, and the TU to approve under the chef's name.
        var ali = await SignInAsync(Registrator);
        await Assertions.Expect(ali.Locator(".ersattare-banner")).ToContainTextAsync("Du är ersättare för Gunilla Berg (t.f. förvaltningschef)");
        var godkanna = ali.Locator("section", new() { Has = ali.GetByRole(AriaRole.Heading, new() { Name = "Tjänsteutlåtanden att godkänna" }) });
        await Assertions.Expect(godkanna).ToContainTextAsync("Som ersättare för Gunilla Berg");
        await Assertions.Expect(godkanna).ToContainTextAsync("Program för stadens ersättare");
        await ali.SetViewportSizeAsync(375, 812);
        await CheckPageAsync(ali, "375-start-ersattare");
        await ali.SetViewportSizeAsync(1280, 900);
        await godkanna.GetByRole(AriaRole.Link, new() { Name = "Program för stadens ersättare", Exact = false }).ClickAsync();
        await CheckPageAsync(ali, "arende-hos-chef-ersattare");
        await Click(ali, "Godkänn tjänsteutlåtandet");
        Assert.That(await App.QueryAsync(db => db.Remissvar.Where(v => v.Id == id).Select(v => v.Status).SingleAsync()), Is.EqualTo("godkand"));

        // The history says who acted for whom; the audit row keeps both.
        await ali.GotoAsync($"/arenden/{id}");
        await Assertions.Expect(ali.Locator("body")).ToContainTextAsync("Ali Hassan på uppdrag av Gunilla Berg (t.f. förvaltningschef)");
        var handelse = await App.QueryAsync(db => db.Handelser.AsNoTracking().Where(h => h.ArendeId == id).OrderByDescending(h => h.Sequence).FirstAsync());
        Assert.That((handelse.ActorName, handelse.PaUppdragAvNamn), Is.EqualTo(("Ali Hassan", "Gunilla Berg (t.f. förvaltningschef)")));

        var pdf = await ali.APIRequest.GetAsync($"/arenden/{id}/dokument/tu/pdf");
        Assert.That(pdf.Status, Is.EqualTo(200));
        var text = PdfText.Extract(await pdf.BodyAsync());
        Assert.That(text, Does.Contain("Ali Hassan"));
        Assert.That(text, Does.Contain("t.f. förvaltningschef"));

        // The chef is back early and ends the period: the next request has no chef's rights and no banner.
        await chef.GotoAsync("/konto/ersattare");
        await chef.GetByRole(AriaRole.Button, new() { Name = "Avsluta perioden för Ali Hassan" }).ClickAsync();
        await Assertions.Expect(chef.GetByRole(AriaRole.Status)).ToContainTextAsync("Perioden är avslutad.");
        await chef.SetViewportSizeAsync(375, 812);
        await CheckPageAsync(chef, "375-konto-ersattare-avslutad");

        await ali.GotoAsync("/");
        await Assertions.Expect(ali.Locator(".ersattare-banner")).ToHaveCountAsync(0);
        await Assertions.Expect(ali.GetByRole(AriaRole.Heading, new() { Name = "Tjänsteutlåtanden att godkänna" })).ToHaveCountAsync(0);
        using var scope = App.Services.CreateScope();
        var actor = await scope.ServiceProvider.GetRequiredService<ActorLookup>().ForUserAsync(await ArendeData.UserIdAsync(App, Registrator), CancellationToken.None);
        Assert.That(actor!.Roles, Is.EquivalentTo(new[] { Role.Registrator }));
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
