using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Demo;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Support;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Tests.Lifecycle;

/// <summary>In a bolag the one who approves the TU is the vd: what the bolag's people read says so, never "förvaltningschef".</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class BolagVdTests(DatabaseProvider provider)
{
    private TestApp _app = null!;
    private Scenario _s = null!;

    [SetUp]
    public async Task Start()
    {
        _app = await TestApp.StartAsync(provider);
        _s = await Scenario.BuildAsync(_app);
    }

    [TearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private async Task<Guid> SentToChef(Guid instans, string who)
    {
        var remiss = await _s.SendRemissAsync(new DateOnly(2026, 4, 24), instans);
        var svar = (await _s.SvarAsync(remiss, instans)).Id;
        await _app.Ok(_s[$"{who}.reg"], new RegisterRemissvar.Command(svar));
        await _app.Ok(_s[$"{who}.reg"], new AssignHandlaggare.Command(svar, _s[$"{who}.hl"].UserId!.Value));
        await _app.Ok(_s[$"{who}.hl"], new FireRemissvarTrigger.Command(svar, "paborja_beredning"));
        await _app.Ok(_s[$"{who}.hl"], new SaveTjansteutlatande.Command(svar, null, "Remiss av handlingsplanen", "1. Godkänner tjänsteutlåtandet.",
            "Sammanfattning.", "Bakgrund.", "Ärendet.", null, "Synpunkter."));
        var org = await _app.Query(db => db.Organisationer.AsNoTracking().SingleAsync(o => o.Id == instans));
        foreach (var organ in org.BeredningOrgan)
        {
            await _app.Ok(_s[$"{who}.hl"], new RecordBeredning.Command(svar, organ, StockholmTime.Today(_app.Clock)));
        }

        await _app.Ok(_s[$"{who}.hl"], new FireRemissvarTrigger.Command(svar, "skicka_till_forvaltningschef"));
        return svar;
    }

    [TestCase("bolag", "Vd har returnerat tjänsteutlåtandet: Skriv om.")]
    [TestCase("sf", "Förvaltningschefen har returnerat tjänsteutlåtandet: Skriv om.")]
    public async Task The_handlaggare_is_told_who_returned_the_tu(string who, string expected)
    {
        var svar = await SentToChef(who == "sf" ? _s.Sf : _s.Bolag, who);
        await _app.Ok(_s[$"{who}.chef"], new FireRemissvarTrigger.Command(svar, "returnera", Kommentar: "Skriv om."));
        var handlaggare = _s[$"{who}.hl"].UserId!.Value;
        var notice = await _app.Query(db => db.Notiser.AsNoTracking().Where(n => n.UserId == handlaggare && n.ArendeId == svar).OrderBy(n => n.CreatedAt).ToListAsync());
        Assert.That(notice.Select(n => n.Text), Does.Contain(expected));
    }

    [Test]
    public async Task The_start_page_says_the_bolag_tu_waits_for_the_vd()
    {
        var svar = await SentToChef(_s.Bolag, "bolag");
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(_app.Services);
        var query = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<RemissFlow.Core.AttGora.AttGoraQuery>(scope.ServiceProvider);
        var item = (await query.ForAsync(_s["bolag.chef"], OrganisationKind.Bolag, CancellationToken.None)).Single(s => s.Key == "godkanna").Items.Single();
        Assert.That(item.Id, Is.EqualTo(svar));
        Assert.That(item.Detail, Does.StartWith("skickat till vd,"));

        await _app.Ok(_s["bolag.chef"], new FireRemissvarTrigger.Command(svar, "returnera", Kommentar: "Skriv om."));
        using var after = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(_app.Services);
        var returned = (await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<RemissFlow.Core.AttGora.AttGoraQuery>(after.ServiceProvider)
            .ForAsync(_s["bolag.hl"], OrganisationKind.Bolag, CancellationToken.None)).Single(s => s.Key == "returnerade").Items.Single();
        Assert.That(returned.Detail, Does.StartWith("returnerat av vd,"));
    }

    [Test]
    public void The_demo_has_a_vd_for_the_bolag_listed_as_vd()
    {
        var vd = DemoSeeder.Logins.Single(l => l.Organisation == "Stockholm Vatten och Avfall AB" && l.Roles.Contains("vd"));
        Assert.That(vd.Roles, Is.EqualTo("vd"));
        Assert.That(DemoSeeder.Logins.Where(l => l.Organisation == "Stockholm Vatten och Avfall AB").Select(l => l.Roles), Has.None.Contains("förvaltningschef"));
        Assert.That(DemoSeeder.Logins.Single(l => l.Email == "chef.sf@remissflow.test").Roles, Is.EqualTo("förvaltningschef"));
    }
}

/// <summary>The README's login table is the demo's: a login added to the seeder and not to the README (or the other way) fails here.</summary>
public sealed class ReadmeLoginTableTests
{
    [Test]
    public void The_readme_lists_exactly_the_demo_logins()
    {
        var rows = File.ReadAllLines(Path.Combine(RepoPaths.Root, "README.md"))
            .Where(l => l.StartsWith("| ", StringComparison.Ordinal) && l.Contains("@remissflow.test", StringComparison.Ordinal))
            .Select(l => l.Trim('|', ' ').Split(" | "))
            .Select(c => string.Join(" / ", c))
            .ToList();
        var logins = DemoSeeder.Logins.Select(l => string.Join(" / ", l.Email, l.Name, l.Organisation, l.Roles)).ToList();
        Assert.That(rows, Is.EqualTo(logins));
    }
}
