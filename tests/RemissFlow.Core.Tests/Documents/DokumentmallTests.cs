using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Documents;
using RemissFlow.Core.Features.Mallar;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Documents;

/// <summary>An organisation's template override saved in the database: versioned, audited, checked, used by the next document.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public class DokumentmallTests(DatabaseProvider provider)
{
    private TestApp app = null!;
    private DocumentSeed seed = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        app = await TestApp.StartAsync(provider, DocumentSeed.Now);
        seed = await DocumentSeed.ArrangeAsync(app);
    }

    [OneTimeTearDown]
    public async Task Stop() => await app.DisposeAsync();

    private async Task<string> TuText()
    {
        using var scope = app.Services.CreateScope();
        var doc = await scope.ServiceProvider.GetRequiredService<DocumentService>().RenderTjansteutlatandeAsync(seed.RemissvarId, OutputFormat.Html);
        return System.Text.Encoding.UTF8.GetString(doc.Content);
    }

    [Test]
    public async Task A_saved_override_is_versioned_audited_and_used_by_the_next_document()
    {
        const string v1 = """{ "headings": { "sammanfattning": "{forvaltning}s sammanfattning" } }""";
        Assert.That(await app.Ok(TestApp.Admin, new SparaDokumentmall.Command(seed.SofId, "tjansteutlatande", v1)), Is.EqualTo(1));
        Assert.That(await TuText(), Does.Contain("Socialförvaltningens sammanfattning"));
        Assert.That(await app.Ok(TestApp.Admin, new SparaDokumentmall.Command(seed.SofId, "tjansteutlatande", v1)), Is.EqualTo(1), "the same text again adds no version");

        const string v2 = """{ "documentType": "Tjänsteskrivelse" }""";
        Assert.That(await app.Ok(TestApp.Admin, new SparaDokumentmall.Command(seed.SofId, "tjansteutlatande", v2)), Is.EqualTo(2));
        var text = await TuText();
        Assert.That(text, Does.Contain("Tjänsteskrivelse").And.Not.Contain("Socialförvaltningens sammanfattning"));

        var rows = await app.Query(db => db.Dokumentmallar.AsNoTracking().Where(m => m.OrganisationId == seed.SofId).OrderBy(m => m.Version).ToListAsync());
        Assert.That(rows.Select(r => (r.Version, r.Innehall)), Is.EqualTo(new[] { (1, v1), (2, v2) }));
        var audit = await app.Query(db => db.Handelser.AsNoTracking().Where(h => h.ArendeId == seed.SofId && h.Action == "organisation.dokumentmall").CountAsync());
        Assert.That(audit, Is.EqualTo(2));
    }

    [Test]
    public async Task A_bad_override_is_refused_naming_the_field_and_nothing_is_written()
    {
        var before = await app.Query(db => db.Dokumentmallar.CountAsync());
        var unknown = await app.Send(TestApp.Admin, new SparaDokumentmall.Command(seed.KsId, "tjansteutlatande", """{ "phrases": { "dnr": "Dnr {diarienr}" } }"""));
        Assert.That(unknown.Refusal!.Errors.Single().Field, Is.EqualTo("Mall"));
        Assert.That(unknown.Refusal.Message, Does.Contain("{diarienr}"));
        var json = await app.Send(TestApp.Admin, new SparaDokumentmall.Command(seed.KsId, "missiv", "{ inte json"));
        Assert.That(json.Refusal!.Errors.Single().Field, Is.EqualTo("Mall"));
        var kind = await app.Send(TestApp.Admin, new SparaDokumentmall.Command(seed.KsId, "motion", "{}"));
        Assert.That(kind.Refusal!.Errors.Single().Field, Is.EqualTo("Dokumenttyp"));
        var forbidden = await app.Send(TestApp.As(seed.KsId, Role.Handlaggare), new SparaDokumentmall.Command(seed.KsId, "missiv", "{}"));
        Assert.That(forbidden.Refusal!.Kind, Is.EqualTo(RefusalKind.Forbidden));
        Assert.That(await app.Query(db => db.Dokumentmallar.CountAsync()), Is.EqualTo(before));
    }
}
