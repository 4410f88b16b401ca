using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Documents;
using RemissFlow.Core.Tests.Lifecycle;
using RemissFlow.Core.Tests.Sammanstallning;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Sammantraden;

/// <summary>The föredragningslista in one order, the kallelse and handlingar as PDF and Word, and the kallelse sent to the members with accounts.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class KallelseTests(DatabaseProvider provider)
{
    private static readonly DateOnly Motesdag = new(2026, 4, 14);

    private TestApp _app = null!;
    private Scenario _s = null!;
    private Guid _meeting;

    [SetUp]
    public async Task Start()
    {
        _app = await TestApp.StartAsync(provider);
        _s = await Scenario.BuildAsync(_app);
        _meeting = await _s.MeetingAsync(_s.SfNamnd, Motesdag);
    }

    [TearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private Actor Sek => _s["sf.sek"];

    /// <summary>A remiss ärende with an approved TU, placed on the meeting's list.</summary>
    private async Task<Domain.Remissvar> ApprovedOnAgendaAsync()
    {
        var remiss = await _s.SendRemissAsync(new DateOnly(2026, 4, 24), _s.Sf);
        var svar = await _s.SvarAsync(remiss, _s.Sf);
        await _app.Ok(_s["sf.reg"], new RegisterRemissvar.Command(svar.Id));
        await _app.Ok(_s["sf.reg"], new AssignHandlaggare.Command(svar.Id, _s["sf.hl"].UserId!.Value));
        await _app.Ok(_s["sf.hl"], new FireRemissvarTrigger.Command(svar.Id, "paborja_beredning"));
        await _app.Ok(_s["sf.hl"], new SaveTjansteutlatande.Command(svar.Id, null, "Remiss av Handlingsplan för ett jämställt Stockholm 2030",
            "1. Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.", "Förvaltningen välkomnar handlingsplanen.",
            "Kommunstyrelsen har remitterat handlingsplanen.", "Handlingsplanen innehåller fyra mål.", null, "Förvaltningen ställer sig positiv."));
        await _app.Ok(_s["sf.hl"], new RecordBeredning.Command(svar.Id, OrganKind.Forvaltningsgrupp, new DateOnly(2026, 3, 2)));
        await _app.Ok(_s["sf.hl"], new FireRemissvarTrigger.Command(svar.Id, "skicka_till_forvaltningschef"));
        await _app.Ok(_s["sf.chef"], new FireRemissvarTrigger.Command(svar.Id, "godkann"));
        await _app.Ok(Sek, new PlaceOnAgenda.Command(svar.Id, _meeting));
        return await _s.SvarAsync(remiss, _s.Sf);
    }

    private async Task<IReadOnlyList<Punkt>> ListAsync() => await _app.Query(db => Foredragningslista.LoadAsync(db, _meeting, CancellationToken.None));

    [Test]
    public async Task Typed_in_items_share_one_numbering_with_the_remiss_arenden_and_move_past_them()
    {
        var svar = await ApprovedOnAgendaAsync();
        var ovrig = await _app.Ok(Sek, new AddOvrigPunkt.Command(_meeting, "Budgetuppföljning per februari", "SF 2026/40", "Ekonomichef Ulla Berg", "Nämnden godkänner uppföljningen."));

        var before = await ListAsync();
        Assert.That(before.Select(p => (p.Ordning, p.Rubrik, p.Dnr)), Is.EqualTo(new[]
        {
            (1, "Remiss av handlingsplan för ett jämställt Stockholm 2030", svar.Dnr),
            (2, "Budgetuppföljning per februari", "SF 2026/40"),
        }));
        Assert.That(before[0].Beslutsforslag, Is.EqualTo("1. Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen."));
        Assert.That(before[0].Foredragande, Is.EqualTo("Person sf.hl"));

        Assert.That(await _app.Ok(Sek, new MovePunkt.Command(_meeting, ovrig, Upp: true)), Is.EqualTo(1));
        Assert.That((await ListAsync()).Select(p => p.Rubrik), Is.EqualTo(new[] { "Budgetuppföljning per februari", "Remiss av handlingsplan för ett jämställt Stockholm 2030" }));
        var first = await _app.Send(Sek, new MovePunkt.Command(_meeting, ovrig, Upp: true));
        Assert.That(first.Refusal?.Message, Is.EqualTo("Punkten står redan först."));
        Assert.That(await _app.Query(db => db.Handelser.CountAsync(h => h.ArendeId == _meeting && h.Action == "foredragningslista.ordning")), Is.EqualTo(1));
    }

    [Test]
    public async Task A_typed_in_item_without_a_title_or_on_another_organisations_meeting_is_refused()
    {
        var empty = await _app.Send(Sek, new AddOvrigPunkt.Command(_meeting, " ", null, null, null));
        var other = await _app.Send(_s["sof.sek"], new AddOvrigPunkt.Command(_meeting, "Övrigt", null, null, null));

        Assert.That(empty.Refusal!.Errors.Single(), Is.EqualTo(new FieldError("Rubrik", "Rubrik måste fyllas i.")));
        Assert.That(other.Refusal!.Kind, Is.EqualTo(RefusalKind.NotFound));
        Assert.That(await _app.Query(db => db.OvrigaPunkter.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task The_kallelse_pdf_is_clean_and_names_every_item_and_the_word_file_has_the_same_text()
    {
        var svar = await ApprovedOnAgendaAsync();
        await _app.Ok(Sek, new AddOvrigPunkt.Command(_meeting, "Budgetuppföljning per februari", "SF 2026/40", "Ekonomichef Ulla Berg", "Nämnden godkänner uppföljningen."));
        await _app.Ok(Sek, new AddLedamot.Command(_s.SfNamnd, "Eva Lindström", "M", Uppdrag.Ordforande, new DateOnly(2023, 1, 1), new DateOnly(2026, 12, 31)));

        using var scope = _app.Services.CreateScope();
        var export = scope.ServiceProvider.GetRequiredService<KallelseExport>();
        var pdf = (await export.KallelseAsync(_meeting, docx: false, CancellationToken.None))!;
        var docx = (await export.KallelseAsync(_meeting, docx: true, CancellationToken.None))!;

        Qpdf.AssertClean(pdf.Content);
        var text = PdfText.Extract(pdf.Content);
        Assert.That(text, Does.Contain("Kallelse till Servicenämndens sammanträde"));
        Assert.That(text, Does.Contain("1. Remiss av handlingsplan för ett jämställt Stockholm 2030"));
        Assert.That(text, Does.Contain(svar.Dnr));
        Assert.That(text, Does.Contain("2. Budgetuppföljning per februari"));
        Assert.That(text, Does.Contain("Föredragande: Ekonomichef Ulla Berg"));
        Assert.That(text, Does.Contain("Eva Lindström"));
        Assert.That(text, Does.Contain("Sida 1 (1)"));
        Assert.That(pdf.FileName, Is.EqualTo("kallelse-servicenamnden-2026-04-14.pdf"));
        Assert.That(DocxText(docx.Content), Does.Contain("Budgetuppföljning per februari").And.Contain("Remiss av handlingsplan för ett jämställt Stockholm 2030"));
    }

    [Test]
    public async Task The_handlingar_bundle_has_a_contents_page_and_the_approved_TU_of_each_arende()
    {
        var svar = await ApprovedOnAgendaAsync();
        await _app.Ok(Sek, new AddOvrigPunkt.Command(_meeting, "Budgetuppföljning per februari", null, null, null));

        using var scope = _app.Services.CreateScope();
        var bundle = (await scope.ServiceProvider.GetRequiredService<KallelseExport>().HandlingarAsync(_meeting, CancellationToken.None))!;

        Qpdf.AssertClean(bundle.Content);
        var text = PdfText.Extract(bundle.Content);
        Assert.That(text, Does.Contain("Handlingar till Servicenämndens sammanträde"));
        Assert.That(text, Does.Contain($"Tjänsteutlåtande {svar.Dnr}"));
        Assert.That(text, Does.Contain("Inga handlingar i RemissFlow"));
        Assert.That(text, Does.Contain("Förvaltningen ställer sig positiv."));
        Assert.That(bundle.Pages, Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public async Task The_kallelse_goes_to_members_with_accounts_serving_that_day_and_a_second_sending_is_a_supplement_of_the_new_items()
    {
        await _app.Ok(Sek, new AddOvrigPunkt.Command(_meeting, "Budgetuppföljning per februari", null, null, null));
        var serving = await _app.Ok(TestApp.Admin, new CreateUser.Command("lund@example.test", "Anders Lund", _s.Sf, [Role.Ledamot], "Remissarbete-2026"));
        var former = await _app.Ok(TestApp.Admin, new CreateUser.Command("ek@example.test", "Bo Ek", _s.Sf, [Role.Ledamot], "Remissarbete-2026"));
        await _app.Ok(Sek, new AddLedamot.Command(_s.SfNamnd, "Anders Lund", "S", Uppdrag.Ersattare, new DateOnly(2023, 1, 1), new DateOnly(2026, 12, 31), serving));
        await _app.Ok(Sek, new AddLedamot.Command(_s.SfNamnd, "Bo Ek", "C", Uppdrag.Ledamot, new DateOnly(2023, 1, 1), new DateOnly(2026, 3, 31), former));

        var sent = await _app.Ok(Sek, new SkickaKallelse.Command(_meeting));
        var again = await _app.Send(Sek, new SkickaKallelse.Command(_meeting));
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await _app.Ok(Sek, new AddOvrigPunkt.Command(_meeting, "Yttrande över medborgarförslag", null, null, null));
        var tillagg = await _app.Ok(Sek, new SkickaKallelse.Command(_meeting));

        Assert.That(sent, Is.EqualTo(new SkickaKallelse.Sent(false, 1, 1)));
        Assert.That(again.Refusal!.Message, Is.EqualTo("Inga punkter har tillkommit sedan kallelsen skickades; det finns inget tillägg att skicka."));
        Assert.That(tillagg, Is.EqualTo(new SkickaKallelse.Sent(true, 1, 1)));
        var notiser = await _app.Query(db => db.Notiser.AsNoTracking().OrderBy(n => n.CreatedAt).ToListAsync());
        Assert.That(notiser.Select(n => (n.UserId, n.Rubrik)), Is.EqualTo(new[]
        {
            (serving, "Kallelse: Servicenämnden 2026-04-14"),
            (serving, "Tillägg till kallelse: Servicenämnden 2026-04-14"),
        }));
        Assert.That(notiser[1].Text, Does.Contain("2. Yttrande över medborgarförslag").And.Not.Contain("Budgetuppföljning"));
        Assert.That(notiser[0].Lank, Is.EqualTo($"/kallelser/{_meeting}"));
        Assert.That(await _app.Query(db => db.Handelser.Where(h => h.ArendeId == _meeting).Select(h => h.Action).ToListAsync()),
            Is.SupersetOf(new[] { "kallelse.skickad", "kallelse.tillagg_skickat" }));
    }

    [Test]
    public async Task An_empty_list_cannot_be_sent()
    {
        var refusal = (await _app.Send(Sek, new SkickaKallelse.Command(_meeting))).Refusal!;

        Assert.That(refusal.Message, Is.EqualTo("Föredragningslistan är tom; lägg till minst en punkt innan kallelsen skickas."));
        Assert.That(await _app.Query(db => db.Sammantraden.Where(m => m.Id == _meeting).Select(m => m.KallelseSkickadAt).SingleAsync()), Is.Null);
    }

    private static string DocxText(byte[] docx)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(docx));
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        return System.Text.RegularExpressions.Regex.Replace(reader.ReadToEnd(), "<[^>]+>", "");
    }
}
