using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Organisationer;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Lifecycle;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Foundation;

/// <summary>Registration under a number the remiss already has in the förvaltning's own diarium, instead of the series' next.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class BefintligtDiarienummerTests(DatabaseProvider provider)
{
    private TestApp _app = null!;
    private Scenario _s = null!;

    [SetUp]
    public async Task Start()
    {
        _app = await TestApp.StartAsync(provider);
        _s = await Scenario.BuildAsync(_app);
        await _app.Ok(TestApp.Admin, new InitDiarieserie.Command(_s.Sf, 2026, 185));
    }

    [TearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private async Task<Guid> InkommenAsync() => (await _s.SvarAsync(await _s.SendRemissAsync(new DateOnly(2026, 6, 24), _s.Sf), _s.Sf)).Id;

    private Task<int> LastNumber() => _app.Query(db => db.DiarieSerier.Where(d => d.OrganisationId == _s.Sf && d.Year == 2026).Select(d => d.LastNumber).SingleAsync());

    [Test]
    public async Task An_existing_number_is_taken_the_series_is_untouched_and_the_audit_says_so()
    {
        var id = await InkommenAsync();
        var dnr = await _app.Ok(_s["sf.reg"], new RegisterRemissvar.Command(id, BefintligtDiarienummer: " SF 2026/100 "));
        var svar = await _app.Query(db => db.Remissvar.AsNoTracking().SingleAsync(v => v.Id == id));
        var handelse = await _app.Query(db => db.Handelser.AsNoTracking().Where(h => h.ArendeId == id && h.Action == "workflow.registrera").SingleAsync());
        Assert.Multiple(async () =>
        {
            Assert.That(dnr, Is.EqualTo("SF 2026/100"));
            Assert.That((svar.Dnr, svar.Status), Is.EqualTo(("SF 2026/100", "registrerad")));
            Assert.That(await LastNumber(), Is.EqualTo(185), "no number of the series was used");
            Assert.That(handelse.Beskrivning, Does.Contain("taget från det egna diariet"));
            Assert.That(handelse.After, Does.Contain("\"franDiarium\":true"));
        });

        // Without the field the series gives its next number as before.
        var next = await _app.Ok(_s["sf.reg"], new RegisterRemissvar.Command(await InkommenAsync()));
        Assert.That(next, Is.EqualTo("SF 2026/186"));
    }

    [TestCase("SF-2026-100", "måste följa diarieserien SF")]
    [TestCase("SOF 2026/100", "måste följa diarieserien SF")]
    [TestCase("SF 2026/186", "har diarieserien inte gett ut ännu")]
    [TestCase("SF 2027/1", "har diarieserien inte gett ut ännu")]
    public async Task A_bad_number_is_refused_naming_the_field_and_nothing_is_written(string text, string message)
    {
        var id = await InkommenAsync();
        await AssertRefusedAsync(id, text, message);
    }

    [Test]
    public async Task A_number_already_on_another_remissvar_is_refused()
    {
        await _app.Ok(_s["sf.reg"], new RegisterRemissvar.Command(await InkommenAsync(), BefintligtDiarienummer: "SF 2026/42"));
        await AssertRefusedAsync(await InkommenAsync(), "SF 2026/42", "är redan registrerat");
    }

    private async Task AssertRefusedAsync(Guid id, string text, string message)
    {
        var events = await _app.Query(db => db.Handelser.CountAsync());
        var result = await _app.Send(_s["sf.reg"], new RegisterRemissvar.Command(id, BefintligtDiarienummer: text));
        var svar = await _app.Query(db => db.Remissvar.AsNoTracking().SingleAsync(v => v.Id == id));
        Assert.Multiple(async () =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Refusal?.Errors.Select(e => e.Field), Is.EqualTo(new[] { "BefintligtDiarienummer" }));
            Assert.That(result.Refusal?.Message, Does.StartWith("Befintligt diarienummer").And.Contain(message));
            Assert.That((svar.Dnr, svar.Status), Is.EqualTo(((string?)null, "inkommen")));
            Assert.That(await _app.Query(db => db.Handelser.CountAsync()), Is.EqualTo(events));
            Assert.That(await LastNumber(), Is.EqualTo(185));
        });
    }
}
