using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Lifecycle;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Foundation;

/// <summary>Bad input gets a clear Swedish message naming the field, and nothing is written.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class BadInputTests(DatabaseProvider provider)
{
    private TestApp _app = null!;
    private Scenario _s = null!;
    private Guid _remiss;

    [SetUp]
    public async Task Start()
    {
        _app = await TestApp.StartAsync(provider);
        _s = await Scenario.BuildAsync(_app);
        _remiss = (await _app.Ok(_s["ks.reg"], new CreateRemiss.Command("Remiss", null, new DateOnly(2026, 6, 1)))).Id;
    }

    [TearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private async Task<Refusal> Refused<T>(Actor actor, IRequest<T> request)
    {
        var events = await _app.Query(db => db.Handelser.CountAsync());
        var result = await _app.Send(actor, request);
        Assert.That(result.Succeeded, Is.False, "expected a refusal");
        Assert.That(await _app.Query(db => db.Handelser.CountAsync()), Is.EqualTo(events), "a refused command wrote an audit event");
        return result.Refusal!;
    }

    [Test]
    public async Task Attachment_that_is_not_pdf_or_office_is_refused_by_content_not_name()
    {
        var refusal = await Refused(_s["ks.reg"], new AddRemisshandling.Command(_remiss, "handling.pdf", "<html><script>alert(1)</script></html>"u8.ToArray()));
        Assert.That(refusal.Errors.Single().Message, Is.EqualTo("Filen är varken PDF eller ett Office-dokument (innehållet avgör, inte filnamnet)."));
        Assert.That(await _app.Query(db => db.Bilagor.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task Oversized_and_empty_attachments_and_unsafe_names_are_refused()
    {
        var big = new byte[26 * 1024 * 1024];
        "%PDF-1.4"u8.CopyTo(big);
        Assert.That((await Refused(_s["ks.reg"], new AddRemisshandling.Command(_remiss, "stor.pdf", big))).Errors.Single().Message, Is.EqualTo("Filen är för stor; högst 25 MB."));
        Assert.That((await Refused(_s["ks.reg"], new AddRemisshandling.Command(_remiss, "tom.pdf", []))).Errors.Select(e => e.Message), Does.Contain("Filen är tom."));
        Assert.That((await Refused(_s["ks.reg"], new AddRemisshandling.Command(_remiss, "../../etc/passwd", Scenario.Pdf))).Errors.Single().Field, Is.EqualTo("FileName"));
    }

    [Test]
    public async Task Unknown_organisation_on_the_remisslista_is_refused()
    {
        var refusal = await Refused(_s["ks.reg"], new SetRemisslista.Command(_remiss, [_s.Sf, Guid.NewGuid()]));
        Assert.That(refusal.Errors.Single(), Is.EqualTo(new FieldError("OrganisationIds", "Remisslista: 1 av de valda organisationerna finns inte.")));
    }

    [Test]
    public async Task Utskick_with_svarsdatum_in_the_past_is_refused()
    {
        // Created while its svarsdatum was ahead (a past one is refused at once); the draft then lay until it passed.
        var old = (await _app.Ok(_s["ks.reg"], new CreateRemiss.Command("Gammal", null, new DateOnly(2026, 3, 4)))).Id;
        await _app.Ok(_s["ks.reg"], new SetRemisslista.Command(old, [_s.Sf]));
        await _app.Ok(_s["ks.reg"], new AddRemisshandling.Command(old, "a.pdf", Scenario.Pdf));
        var start = _app.Clock.GetUtcNow();
        _app.Clock.Advance(TimeSpan.FromDays(3));
        try
        {
            var refusal = await Refused(_s["ks.reg"], new FireRemissTrigger.Command(old, "skicka_ut"));
            Assert.That(refusal.Message, Is.EqualTo("Remissen kan inte skickas ut: svarsdatum har redan passerats."));
        }
        finally
        {
            _app.Clock.Set(start);
        }
    }

    [Test]
    public async Task Malformed_dnr_and_overlong_title_are_refused_naming_the_fields()
    {
        var refusal = await Refused(_s["ks.reg"], new CreateRemiss.Command(new string('x', 301), null, new DateOnly(2026, 6, 1), Dnr: "KS-2025-1616"));
        Assert.That(refusal.Errors.Select(e => e.Message), Is.EquivalentTo(new[]
        {
            "Titel får vara högst 300 tecken.",
            "Diarienummer har fel form; skriv till exempel ”KS 2025/1616”.",
        }));
    }

    [Test]
    public async Task Meeting_in_the_past_or_twice_on_one_day_is_refused()
    {
        Assert.That((await Refused(_s["sf.sek"], new CreateSammantrade.Command(_s.SfNamnd, new DateOnly(2026, 2, 1), null, null))).Message, Is.EqualTo("Datum: sammanträdet ligger i det förflutna."));
        await _s.MeetingAsync(_s.SfNamnd, new DateOnly(2026, 4, 14));
        Assert.That((await Refused(_s["sf.sek"], new CreateSammantrade.Command(_s.SfNamnd, new DateOnly(2026, 4, 14), null, null))).Errors.Single().Field, Is.EqualTo("Datum"));
    }

    [Test]
    public async Task Anstand_to_a_date_before_the_current_svarsdatum_is_refused()
    {
        var remiss = await _s.SendRemissAsync(new DateOnly(2026, 4, 24), _s.Sf);
        var svar = await _s.SvarAsync(remiss, _s.Sf);
        await _app.Ok(_s["sf.reg"], new RegisterRemissvar.Command(svar.Id));
        var refusal = await Refused(_s["sf.reg"], new RequestAnstand.Command(svar.Id, new DateOnly(2026, 4, 20), "Mer tid behövs."));
        Assert.That(refusal.Errors.Single().Message, Is.EqualTo("Önskat svarsdatum måste vara senare än nuvarande svarsdatum 2026-04-24."));
    }

    [Test]
    public async Task Beslut_without_position_or_with_empty_reservation_text_is_refused()
    {
        var refusal = await Refused(_s["sf.sek"], new RecordBeslut.Command(Guid.NewGuid(), 0, "", null, Reservationer: [new("Bo Lund", " ")]));
        Assert.That(refusal.Errors.Select(e => e.Message), Is.SupersetOf(new[]
        {
            "Paragraf ska vara ett nummer mellan 1 och 9999.",
            "Beslut måste fyllas i.",
            "Reservation: text måste fyllas i.",
        }));
    }
}
