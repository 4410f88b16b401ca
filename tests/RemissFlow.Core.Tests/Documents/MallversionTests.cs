using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Documents;
using RemissFlow.Core.Features.Mallar;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Lifecycle;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Documents;

/// <summary>An approved TU keeps the template it was approved under; template versions are restored as new versions.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class MallversionTests(DatabaseProvider provider)
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

    private static string Heading(string text) => $$"""{ "headings": { "forslagTillBeslut": "{{text}}" } }""";

    private async Task<Guid> ReadyForApprovalAsync()
    {
        var remiss = await _s.SendRemissAsync(new DateOnly(2026, 4, 24), _s.Sf);
        var svar = await _s.SvarAsync(remiss, _s.Sf);
        await _app.Ok(_s["sf.reg"], new RegisterRemissvar.Command(svar.Id));
        await _app.Ok(_s["sf.reg"], new AssignHandlaggare.Command(svar.Id, _s["sf.hl"].UserId!.Value));
        await _app.Ok(_s["sf.hl"], new FireRemissvarTrigger.Command(svar.Id, "paborja_beredning"));
        await _app.Ok(_s["sf.hl"], new SaveTjansteutlatande.Command(svar.Id, null, "Remiss av Handlingsplan för ett jämställt Stockholm 2030",
            "1. Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.", "Förvaltningen välkomnar handlingsplanen.",
            "Kommunstyrelsen har remitterat handlingsplanen.", "Handlingsplanen innehåller fyra mål.", null, "Förvaltningen ställer sig positiv."));
        await _app.Ok(_s["sf.hl"], new RecordBeredning.Command(svar.Id, Domain.OrganKind.Forvaltningsgrupp, new DateOnly(2026, 3, 2)));
        await _app.Ok(_s["sf.hl"], new FireRemissvarTrigger.Command(svar.Id, "skicka_till_forvaltningschef"));
        return svar.Id;
    }

    private async Task<string> TuTextAsync(Guid svar, int? version = null)
    {
        using var scope = _app.Services.CreateScope();
        var doc = await scope.ServiceProvider.GetRequiredService<DocumentService>().RenderTjansteutlatandeAsync(svar, OutputFormat.Html, version);
        return System.Text.Encoding.UTF8.GetString(doc.Content);
    }

    [Test]
    public async Task An_approved_tu_renders_with_the_template_it_was_approved_under_after_the_template_changed()
    {
        Assert.That(await _app.Ok(TestApp.Admin, new SparaDokumentmall.Command(_s.Sf, "tjansteutlatande", Heading("{forvaltning}s förslag vid godkännandet"))), Is.EqualTo(1));
        var svar = await ReadyForApprovalAsync();
        await _app.Ok(_s["sf.chef"], new FireRemissvarTrigger.Command(svar, "godkann"));
        var approvedWith = await TuTextAsync(svar);

        Assert.That(await _app.Ok(TestApp.Admin, new SparaDokumentmall.Command(_s.Sf, "tjansteutlatande", Heading("Ny rubrik efter godkännandet"))), Is.EqualTo(2));
        var later = await TuTextAsync(svar);

        Assert.That(approvedWith, Does.Contain("förslag vid godkännandet"));
        Assert.That(later, Does.Contain("förslag vid godkännandet").And.Not.Contain("Ny rubrik efter godkännandet"));
        Assert.That(later, Is.EqualTo(approvedWith), "the approved version renders the same later");

        var recorded = await _app.Query(db => db.TjansteutlatandeVersioner.AsNoTracking().Select(v => v.MallVersion).SingleAsync());
        var kept = await _app.Query(db => db.Mallversioner.AsNoTracking().SingleAsync());
        Assert.That(recorded, Is.EqualTo(kept.Sha256));
        Assert.That(kept.Dokumenttyp, Is.EqualTo("tjansteutlatande"));
        Assert.That(kept.Innehall, Does.Contain("vid godk"), "the kept JSON is the template of the approval");

        // A TU approved now is fixed with the new template, and an unchanged template is kept once.
        var second = await ReadyForApprovalAsync();
        await _app.Ok(_s["sf.chef"], new FireRemissvarTrigger.Command(second, "godkann"));
        Assert.That(await TuTextAsync(second), Does.Contain("Ny rubrik efter godkännandet"));
        var third = await ReadyForApprovalAsync();
        await _app.Ok(_s["sf.chef"], new FireRemissvarTrigger.Command(third, "godkann"));
        Assert.That(await _app.Query(db => db.Mallversioner.CountAsync()), Is.EqualTo(2));
    }

    [Test]
    public async Task Restoring_an_old_version_saves_it_as_the_next_one_audited_and_used_by_the_next_document()
    {
        await _app.Ok(TestApp.Admin, new SparaDokumentmall.Command(_s.Sf, "tjansteutlatande", Heading("Rubrik ett")));
        await _app.Ok(TestApp.Admin, new SparaDokumentmall.Command(_s.Sf, "tjansteutlatande", Heading("Rubrik två")));

        Assert.That(await _app.Ok(TestApp.Admin, new AterstallDokumentmall.Command(_s.Sf, "tjansteutlatande", 1)), Is.EqualTo(3));
        Assert.That(await _app.Ok(TestApp.Admin, new AterstallDokumentmall.Command(_s.Sf, "tjansteutlatande", 3)), Is.EqualTo(3), "the newest again adds nothing");

        var rows = await _app.Query(db => db.Dokumentmallar.AsNoTracking().Where(m => m.OrganisationId == _s.Sf).OrderBy(m => m.Version).Select(m => m.Innehall).ToListAsync());
        Assert.That(rows, Is.EqualTo(new[] { Heading("Rubrik ett"), Heading("Rubrik två"), Heading("Rubrik ett") }));
        var audit = await _app.Query(db => db.Handelser.AsNoTracking().Where(h => h.ArendeId == _s.Sf && h.Action == "organisation.dokumentmall").OrderBy(h => h.Sequence).Select(h => h.Beskrivning).ToListAsync());
        Assert.That(audit.Last(), Does.Contain("återställd från version 1"));

        var svar = await ReadyForApprovalAsync();
        Assert.That(await TuTextAsync(svar), Does.Contain("Rubrik ett"));
    }

    [Test]
    public async Task Restoring_a_version_that_does_not_exist_or_without_the_role_is_refused_and_nothing_is_written()
    {
        await _app.Ok(TestApp.Admin, new SparaDokumentmall.Command(_s.Sf, "tjansteutlatande", Heading("Rubrik ett")));
        var missing = await _app.Send(TestApp.Admin, new AterstallDokumentmall.Command(_s.Sf, "tjansteutlatande", 7));
        Assert.That(missing.Refusal!.Errors.Single().Field, Is.EqualTo("Version"));
        var zero = await _app.Send(TestApp.Admin, new AterstallDokumentmall.Command(_s.Sf, "tjansteutlatande", 0));
        Assert.That(zero.Refusal!.Errors.Single().Field, Is.EqualTo("Version"));
        var forbidden = await _app.Send(_s["sf.chef"], new AterstallDokumentmall.Command(_s.Sf, "tjansteutlatande", 1));
        Assert.That(forbidden.Refusal!.Kind, Is.EqualTo(RefusalKind.Forbidden));
        Assert.That(await _app.Query(db => db.Dokumentmallar.CountAsync()), Is.EqualTo(1));
    }
}
