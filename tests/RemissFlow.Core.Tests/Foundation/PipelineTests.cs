using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Organisationer;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Foundation;

[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class PipelineTests(DatabaseProvider provider)
{
    private TestApp _app = null!;

    [SetUp]
    public async Task Start() => _app = await TestApp.StartAsync(provider);

    [TearDown]
    public async Task Stop() => await _app.DisposeAsync();

    [Test]
    public async Task Invalid_command_is_refused_naming_the_field_and_writes_nothing()
    {
        await SeedData.KsAndSf(_app);
        var before = await _app.Query(db => db.Handelser.CountAsync());

        var result = await _app.Send(TestApp.As(Guid.Empty, Role.Registrator), new CreateRemiss.Command("  ", null, new DateOnly(2026, 4, 24), Dnr: "KS2025-1616"));

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Refusal!.Kind, Is.EqualTo(RefusalKind.Validation));
        Assert.That(result.Refusal.Errors.Select(e => e.Field), Is.SupersetOf(new[] { "Title", "Dnr" }));
        Assert.That(result.Refusal.Errors.Single(e => e.Field == "Title").Message, Is.EqualTo("Titel måste fyllas i."));
        Assert.That(await _app.Query(db => db.Remisser.CountAsync()), Is.Zero);
        Assert.That(await _app.Query(db => db.Handelser.CountAsync()), Is.EqualTo(before));
    }

    [Test]
    public async Task Control_characters_and_oversized_text_are_refused()
    {
        var result = await _app.Send(TestApp.Admin, new CreateOrganisation.Command("Nämnd\u0007", OrganisationKind.Namnd, "XY", ContactPhone: new string('1', 51)));
        Assert.That(result.Refusal!.Errors.Select(e => e.Message), Is.EquivalentTo(new[]
        {
            "Namn innehåller otillåtna styrtecken.",
            "Telefon får vara högst 50 tecken.",
        }));
    }

    [Test]
    public async Task Wrong_role_is_refused_before_the_handler_runs()
    {
        var (ks, _) = await SeedData.KsAndSf(_app);
        var result = await _app.Send(TestApp.As(ks, Role.Handlaggare), new CreateRemiss.Command("Remiss", null, new DateOnly(2026, 4, 24)));
        Assert.That(result.Refusal!.Kind, Is.EqualTo(RefusalKind.Forbidden));
        Assert.That(result.Refusal.Message, Does.Contain("registrator"));
    }

    [Test]
    public async Task Wrong_organisation_is_refused_by_the_authorizer()
    {
        var (_, sf) = await SeedData.KsAndSf(_app);
        var result = await _app.Send(TestApp.As(sf, Role.Registrator), new CreateRemiss.Command("Remiss", null, new DateOnly(2026, 4, 24)));
        Assert.That(result.Refusal!.Kind, Is.EqualTo(RefusalKind.Forbidden));
        Assert.That(await _app.Query(db => db.Remisser.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task Successful_command_commits_its_change_and_its_audit_event_together()
    {
        var (ks, _) = await SeedData.KsAndSf(_app);
        var created = await _app.Ok(TestApp.As(ks, Role.Registrator), new CreateRemiss.Command("Handlingsplan för ett jämställt Stockholm 2030", null, new DateOnly(2026, 4, 24)));

        Assert.That(created.Dnr, Is.EqualTo("KS 2026/1"));
        var events = await _app.Query(db => db.Handelser.Where(h => h.ArendeId == created.Id).ToListAsync());
        Assert.That(events, Has.Count.EqualTo(1));
        Assert.That(events[0].Action, Is.EqualTo("remiss.registrerad"));
        Assert.That(events[0].Dnr, Is.EqualTo("KS 2026/1"));
    }

    [Test]
    public async Task Stale_update_is_refused_and_the_first_write_survives()
    {
        var (_, sf) = await SeedData.KsAndSf(_app);
        var org = await _app.Query(db => db.Organisationer.SingleAsync(o => o.Id == sf));

        var first = await _app.Send(TestApp.Admin, Update(org, "Servicenämnden i Stockholm"));
        var second = await _app.Send(TestApp.Admin, Update(org, "Servicenämnden (gammal flik)"));

        Assert.That(first.Succeeded, Is.True);
        Assert.That(second.Refusal, Is.EqualTo(Refusal.StaleVersion));
        Assert.That(await _app.Query(db => db.Organisationer.Where(o => o.Id == sf).Select(o => o.Name).SingleAsync()), Is.EqualTo("Servicenämnden i Stockholm"));
    }

    [Test]
    public async Task Racing_updates_from_the_same_version_commit_exactly_once()
    {
        var (_, sf) = await SeedData.KsAndSf(_app);
        var org = await _app.Query(db => db.Organisationer.SingleAsync(o => o.Id == sf));

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => _app.Send(TestApp.Admin, Update(org, $"Namn {i}"))));

        Assert.That(results.Count(r => r.Succeeded), Is.EqualTo(1));
        Assert.That(results.Where(r => !r.Succeeded).Select(r => r.Refusal!.Kind), Is.All.EqualTo(RefusalKind.Conflict));
        Assert.That(await _app.Query(db => db.Organisationer.Where(o => o.Id == sf).Select(o => o.Version).SingleAsync()), Is.EqualTo(org.Version + 1));
    }

    private static UpdateOrganisation.Command Update(Organisation org, string name) => new(
        org.Id, org.Version, name, org.ForvaltningName, org.ContactEmail, org.ContactPhone, org.PostalAddress, org.VisitingAddress, org.Web, org.BeredningOrgan, org.Active);
}
