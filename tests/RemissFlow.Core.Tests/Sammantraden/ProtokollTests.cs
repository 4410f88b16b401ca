using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Background;
using RemissFlow.Core.AttGora;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Features.ProtokollJustering;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Documents;
using RemissFlow.Core.Tests.Lifecycle;
using RemissFlow.Core.Tests.Sammanstallning;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Sammantraden;

/// <summary>
/// The meeting's protokoll: val av justerare, digital justering by the ordförande and the justerare with their own
/// accounts, the lock on its beslut, the anslag put up and taken down by the timers, and a late justering.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class ProtokollTests(DatabaseProvider provider)
{
    private static readonly DateOnly Motesdag = new(2026, 3, 10);

    private TestApp _app = null!;
    private Scenario _s = null!;
    private Guid _meeting;
    private Domain.Remissvar _svar = null!;
    private Guid _ovrig;
    private Actor _ordforande = null!;
    private Actor _justerare = null!;
    private Actor _ledamot = null!;
    private Guid _justerareId;
    private Guid _ledamotId;
    private Guid _ersattareId;
    private Guid _ordforandeId;

    [SetUp]
    public async Task Start()
    {
        _app = await TestApp.StartAsync(provider);
        _s = await Scenario.BuildAsync(_app);
        _meeting = await _s.MeetingAsync(_s.SfNamnd, Motesdag);
        _svar = await ApprovedOnAgendaAsync();
        _ovrig = await _app.Ok(Sek, new AddOvrigPunkt.Command(_meeting, "Budgetuppföljning per februari", "SF 2026/40", "Ekonomichef Ulla Berg", "Nämnden godkänner uppföljningen."));
        (_ordforande, _ordforandeId) = await MemberAsync("eva@example.test", "Eva Lindström", "M", Uppdrag.Ordforande);
        (_justerare, _justerareId) = await MemberAsync("karl@example.test", "Karl Berg", "S", Uppdrag.Ledamot);
        (_ledamot, _ledamotId) = await MemberAsync("nils@example.test", "Nils Ek", "C", Uppdrag.Ledamot);
        (_, _ersattareId) = await MemberAsync("olle@example.test", "Olle Ås", "V", Uppdrag.Ersattare);

        // The meeting is held that evening; the beslut is recorded at it.
        _app.Clock.Advance(Motesdag.ToDateTime(new TimeOnly(18, 0)) - _app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromHours(-1));
    }

    [TearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private Actor Sek => _s["sf.sek"];

    private async Task<(Actor, Guid)> MemberAsync(string email, string namn, string parti, Uppdrag uppdrag)
    {
        var user = await _app.Ok(TestApp.Admin, new CreateUser.Command(email, namn, _s.Sf, [Role.Ledamot], "Remissarbete-2026"));
        var id = await _app.Ok(Sek, new AddLedamot.Command(_s.SfNamnd, namn, parti, uppdrag, new DateOnly(2023, 1, 1), new DateOnly(2026, 12, 31), user));
        return (new Actor(user, namn, _s.Sf, new HashSet<Role> { Role.Ledamot }), id);
    }

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

    private Task Decide(bool omedelbar = false) => _app.Ok(Sek, new RecordBeslut.Command(_svar.Id, 12, "Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.",
        Standpunkt.TillstyrkerMedSynpunkter, OmedelbarJustering: omedelbar,
        Yrkanden: [new("Karl Berg", "Bifall till förvaltningens förslag.")], Reservationer: [new("Nils Ek", "Jag reserverar mig till förmån för eget förslag.")],
        Voteringsordning: "Ordföranden ställer proposition på förvaltningens förslag och finner det bifallet."));

    private Task<Protokoll> ProtokollAsync() => _app.Query(db => db.Protokoll.AsNoTracking().Include(p => p.Godkannanden).SingleAsync(p => p.SammantradeId == _meeting));

    /// <summary>The poller's next round, two minutes on: the anslag goes up a minute after the justering.</summary>
    private Task<int> TimersAsync()
    {
        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        return _app.Get<TimerPoller>().RunOnceAsync(CancellationToken.None);
    }

    private async Task<byte[]> RenderAsync(bool offentlig = false, bool docx = false)
    {
        using var scope = _app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<ProtokollExport>().RenderAsync(_meeting, docx, offentlig, CancellationToken.None))!.Content;
    }

    [Test]
    public async Task The_ordforande_and_the_justerare_justera_with_their_own_accounts_and_the_protokoll_is_locked_and_anslaget_until_the_timer_takes_it_down()
    {
        await Decide();
        await _app.Ok(Sek, new ValjJusterare.Command(_meeting, [_justerareId], At(Motesdag.AddDays(3), 14), "Stadshuset, rum 3"));
        await _app.Ok(Sek, new SkickaTillJustering.Command(_meeting));

        _app.Clock.Advance(TimeSpan.FromDays(3));
        var first = await _app.Ok(_ordforande, new JusteraProtokoll.Command(_meeting));
        var twice = await _app.Send(_ordforande, new JusteraProtokoll.Command(_meeting));
        var last = await _app.Ok(_justerare, new JusteraProtokoll.Command(_meeting));

        Assert.That(first, Is.EqualTo(new JusteraProtokoll.Justerat(false, 1)));
        Assert.That(twice.Refusal!.Message, Is.EqualTo("Du har redan justerat protokollet."));
        Assert.That(last, Is.EqualTo(new JusteraProtokoll.Justerat(true, 0)));
        var p = await ProtokollAsync();
        Assert.That(p.Status, Is.EqualTo("justerat"));
        Assert.That(p.JusteratDatum, Is.EqualTo(Motesdag.AddDays(3)));
        Assert.That(p.Godkannanden.Select(g => (g.Namn, g.Roll)), Is.EquivalentTo(new[] { ("Eva Lindström", JusteringsRoll.Ordforande), ("Karl Berg", JusteringsRoll.Justerare) }));
        var actions = await _app.Query(db => db.Handelser.Where(h => h.ArendeId == p.Id).OrderBy(h => h.Sequence).Select(h => new { h.Action, h.ActorName }).ToListAsync());
        Assert.That(actions.Where(a => a.Action == "workflow.godkann").Select(a => a.ActorName), Is.EqualTo(new[] { "Eva Lindström", "Karl Berg" }));
        Assert.That(actions.Select(a => a.Action), Does.Contain("workflow.justering_klar"));
        var beslut = await _app.Query(db => db.Beslut.AsNoTracking().SingleAsync(b => b.RemissvarId == _svar.Id));
        Assert.That((beslut.JusteradDatum, beslut.Justerare), Is.EqualTo((Motesdag.AddDays(3), "Karl Berg")));

        // Locked: the beslut cannot be corrected or undone once the protokoll is justerat.
        var ratta = await _app.Send(Sek, new RattaBeslut.Command(_svar.Id, "Fel ord", 12, "Ändrad text.", Standpunkt.Tillstyrker));
        var angra = await _app.Send(Sek, new AngraBeslut.Command(_svar.Id, "Fel ärende"));
        Assert.That(ratta.Refusal!.Message, Is.EqualTo("Protokollet är justerat och låst; dess beslut kan inte ändras."));
        Assert.That(angra.Refusal!.Message, Is.EqualTo("Protokollet är justerat och låst; dess beslut kan inte ändras."));

        Assert.That(await TimersAsync(), Is.GreaterThanOrEqualTo(1));
        p = await ProtokollAsync();
        Assert.That((p.Status, p.AnslagUppsatt, p.OverklagandeTill), Is.EqualTo(("anslaget", (DateOnly?)Motesdag.AddDays(3), (DateOnly?)Motesdag.AddDays(24))));
        var ledger = await _app.Query(db => Overklagandetid.ForRemissAsync(db, _svar.RemissId, CancellationToken.None));
        Assert.That(ledger[_svar.Dnr!].SistaDag, Is.EqualTo(Motesdag.AddDays(24)));

        _app.Clock.Advance(TimeSpan.FromDays(21));
        await TimersAsync();
        Assert.That((await ProtokollAsync()).Status, Is.EqualTo("anslaget"), "still up on the last day of the appeal period");
        _app.Clock.Advance(TimeSpan.FromDays(1));
        await TimersAsync();
        p = await ProtokollAsync();
        Assert.That((p.Status, p.AnslagNedtaget), Is.EqualTo(("nedtaget", (DateOnly?)Motesdag.AddDays(25))));
    }

    [Test]
    public async Task The_protokoll_pdf_is_clean_and_names_every_item_each_signature_and_each_digital_justering()
    {
        await Decide();
        await _app.Ok(Sek, new ValjJusterare.Command(_meeting, [_justerareId], null, "Stadshuset"));
        await _app.Ok(Sek, new SkickaTillJustering.Command(_meeting));
        await _app.Ok(_ordforande, new JusteraProtokoll.Command(_meeting));
        await _app.Ok(_justerare, new JusteraProtokoll.Command(_meeting));
        await TimersAsync();
        Assert.That((await ProtokollAsync()).Status, Is.EqualTo("anslaget"));

        var pdf = await RenderAsync();
        Qpdf.AssertClean(pdf);
        var text = Flat(PdfText.Extract(pdf));
        Assert.That(text, Does.Contain("Protokoll från Servicenämndens sammanträde"));
        Assert.That(text, Does.Contain("§ 12 Remiss av handlingsplan för ett jämställt Stockholm 2030"));
        Assert.That(text, Does.Contain("§ 2 Budgetuppföljning per februari"), "a typed-in item has the § it got when the meeting began");
        Assert.That(text, Does.Contain("Bifall till förvaltningens förslag."));
        Assert.That(text, Does.Contain("Ordföranden ställer proposition på förvaltningens förslag"));
        Assert.That(text, Does.Contain("Nils Ek reserverar sig mot beslutet."));
        Assert.That(text, Does.Contain("Eva Lindström (M), ordförande"));
        Assert.That(text, Does.Contain("Sekreterare").And.Contain("Person sf.sek"));
        Assert.That(text, Does.Contain("Justerare"));
        Assert.That(text, Does.Match(@"Justerat digitalt av Eva Lindström \(ordförande\) den 2026-03-10 kl\. \d\d:\d\d"));
        Assert.That(text, Does.Match(@"Justerat digitalt av Karl Berg \(justerare\) den 2026-03-10"));
        Assert.That(text, Does.Contain("Justeringen har tillkännagetts på anslagstavlan den 2026-03-10"));
        Assert.That(text, Does.Contain("senast den 2026-03-31"));

        var docx = await RenderAsync(docx: true);
        Assert.That(DocxText(docx), Does.Contain("Budgetuppföljning per februari").And.Contain("Justerat digitalt av Karl Berg"));

        using var scope = _app.Services.CreateScope();
        var utdrag = await scope.ServiceProvider.GetRequiredService<RemissFlow.Core.Documents.DocumentService>()
            .RenderProtokollsutdragAsync(_svar.Id, RemissFlow.Core.Documents.OutputFormat.Pdf, CancellationToken.None);
        var utdragText = Flat(PdfText.Extract(utdrag.Content));
        Assert.That(utdragText, Does.Match(@"Justerat digitalt av Eva Lindström \(ordförande\) den 2026-03-10 kl\. \d\d:\d\d"), "the protokollsutdrag too");
        Assert.That(utdragText, Does.Match(@"Justerat digitalt av Karl Berg \(justerare\) den 2026-03-10"));
    }

    [Test]
    public async Task The_protokoll_names_the_serving_ersattare_the_jav_and_who_voted_how()
    {
        var (_, hassan) = await MemberAsync("hassan@example.test", "Hassan Yilmaz", "V", Uppdrag.Ledamot);
        var (_, tomas) = await MemberAsync("tomas@example.test", "Tomas Nyberg", "S", Uppdrag.Ersattare);
        await Decide();
        await _app.Ok(Sek, new RegistreraNarvaro.Command(_meeting, [_ordforandeId, _justerareId, _ledamotId, _ersattareId, tomas],
            [new RegistreraNarvaro.Tjanstgoring(_ersattareId, hassan)]));
        await _app.Ok(Sek, new RegistreraJav.Command(_meeting, _ovrig, _ledamotId, tomas));
        await _app.Ok(Sek, new RegistreraVotering.Command(_meeting, _ovrig, "förvaltningens förslag", "Karl Bergs yrkande om återremiss",
            [new(_ordforandeId, Rost.Ja), new(_justerareId, Rost.Nej), new(_ersattareId, Rost.Ja), new(tomas, Rost.Avstar)], Ja: 2, Nej: 1, Avstar: 1));

        var pdf = await RenderAsync();
        Qpdf.AssertClean(pdf);
        var text = Flat(PdfText.Extract(pdf));
        Assert.That(text, Does.Contain("Tjänstgörande ersättare").And.Contain("Olle Ås (V) för Hassan Yilmaz"));
        Assert.That(text, Does.Not.Contain("Hassan Yilmaz (V)"), "the absent ledamot is not listed as present");
        Assert.That(text, Does.Contain("Jäv: Nils Ek (C) anmäler jäv och deltar inte i handläggningen; Tomas Nyberg (S) tjänstgör i stället."));
        Assert.That(text, Does.Contain("Omröstning"));
        Assert.That(text, Does.Match(@"Karl Berg \(S\) Nej"));
        Assert.That(text, Does.Match(@"Tomas Nyberg \(S\) Avstår"));
        Assert.That(text, Does.Contain("Ja-proposition: förvaltningens förslag. Nej-proposition: Karl Bergs yrkande om återremiss."));
        Assert.That(text, Does.Contain("Omröstningen utföll med 2 ja-röster, 1 nej-röster och 1 som avstod. Nämnden har beslutat enligt förvaltningens förslag."));
        Assert.That(DocxText(await RenderAsync(docx: true)), Does.Contain("Olle Ås (V) för Hassan Yilmaz").And.Contain("Tomas Nyberg (S) tjänstgör i stället"));
    }

    [Test]
    public async Task A_paragraph_marked_not_public_is_left_out_of_the_anslagstavla_copy_only()
    {
        await Decide();
        var beslutId = await _app.Query(db => db.Beslut.Where(b => b.RemissvarId == _svar.Id).Select(b => b.Id).SingleAsync());
        await _app.Ok(Sek, new MarkeraOffentlighet.Command(_meeting, beslutId, Offentlig: false));
        var unknown = await _app.Send(Sek, new MarkeraOffentlighet.Command(_meeting, Guid.NewGuid(), Offentlig: false));

        Assert.That(unknown.Refusal!.Errors.Single(), Is.EqualTo(new FieldError("ParagrafId", "Paragrafen finns inte i protokollet.")));
        var offentlig = Flat(PdfText.Extract(await RenderAsync(offentlig: true)));
        var intern = Flat(PdfText.Extract(await RenderAsync()));
        Assert.That(offentlig, Does.Contain("Paragrafen är inte offentlig och visas inte på anslagstavlan.").And.Not.Contain("Bifall till förvaltningens förslag."));
        Assert.That(offentlig, Does.Contain("Nämnden godkänner uppföljningen."));
        Assert.That(intern, Does.Contain("Bifall till förvaltningens förslag.").And.Not.Contain("inte offentlig"));
    }

    [Test]
    public async Task Bad_justerare_and_approvals_are_refused_with_a_reason_and_nothing_is_written()
    {
        await Decide();
        var none = await _app.Send(Sek, new ValjJusterare.Command(_meeting, [], null, null));
        var ersattare = await _app.Send(Sek, new ValjJusterare.Command(_meeting, [_ersattareId], null, null));
        var ordforande = await _app.Send(Sek, new ValjJusterare.Command(_meeting, [_ordforandeId], null, null));
        var stranger = await _app.Send(Sek, new ValjJusterare.Command(_meeting, [Guid.NewGuid()], null, null));
        var before = await _app.Send(Sek, new ValjJusterare.Command(_meeting, [_justerareId], At(Motesdag.AddDays(-1), 10), null));
        var otherOrg = await _app.Send(_s["sof.sek"], new ValjJusterare.Command(_meeting, [_justerareId], null, null));

        Assert.That(none.Refusal!.Errors.Single(), Is.EqualTo(new FieldError("Justerare", "Välj minst en justerare.")));
        Assert.That(ersattare.Refusal!.Errors.Single(), Is.EqualTo(new FieldError("Justerare", "Olle Ås var inte närvarande vid sammanträdet och kan inte vara justerare.")));
        Assert.That(ordforande.Refusal!.Errors.Single().Message, Is.EqualTo("Eva Lindström är ordförande och justerar protokollet ändå; välj en annan justerare."));
        Assert.That(stranger.Refusal!.Errors.Single().Message, Is.EqualTo("En vald justerare är inte ledamot i organet vid sammanträdet."));
        Assert.That(before.Refusal!.Errors.Single(), Is.EqualTo(new FieldError("JusteringTid", "Tid för justering kan inte vara före sammanträdet.")));
        Assert.That(otherOrg.Refusal!.Kind, Is.EqualTo(RefusalKind.NotFound));
        Assert.That(await _app.Query(db => db.Protokoll.CountAsync()), Is.Zero, "a refused command draws up no protokoll");

        var unsent = await _app.Send(_ordforande, new JusteraProtokoll.Command(_meeting));
        Assert.That(unsent.Refusal!.Message, Is.EqualTo("Protokollet är inte upprättat ännu."));
        await _app.Ok(Sek, new ValjJusterare.Command(_meeting, [_justerareId], null, null));
        var early = await _app.Send(_ordforande, new JusteraProtokoll.Command(_meeting));
        Assert.That(early.Refusal!.Kind, Is.EqualTo(RefusalKind.InvalidState));
        await _app.Ok(Sek, new SkickaTillJustering.Command(_meeting));
        var notJusterare = await _app.Send(_ledamot, new JusteraProtokoll.Command(_meeting));
        var sekreterare = await _app.Send(Sek, new JusteraProtokoll.Command(_meeting));
        Assert.That(notJusterare.Refusal!.Kind, Is.EqualTo(RefusalKind.Forbidden));
        Assert.That(notJusterare.Refusal.Message, Is.EqualTo("Du är varken ordförande eller vald justerare för protokollet och kan inte justera det."));
        Assert.That(sekreterare.Refusal!.Kind, Is.EqualTo(RefusalKind.Forbidden));
        Assert.That(await _app.Query(db => db.ProtokollGodkannanden.CountAsync()), Is.Zero);

        await _app.Ok(_ordforande, new JusteraProtokoll.Command(_meeting));
        var swap = await _app.Send(Sek, new ValjJusterare.Command(_meeting, [_ledamotId], null, null));
        Assert.That(swap.Refusal!.Message, Is.EqualTo("Justeringen har börjat; justerarna kan inte bytas."));
    }

    [Test]
    public async Task A_paragraph_decided_with_omedelbar_justering_is_justerad_and_locked_when_every_signer_has_approved_it()
    {
        await Decide(omedelbar: true);
        var beslutId = await _app.Query(db => db.Beslut.Where(b => b.RemissvarId == _svar.Id).Select(b => b.Id).SingleAsync());
        await _app.Ok(Sek, new ValjJusterare.Command(_meeting, [_justerareId], null, null));

        var one = await _app.Ok(_ordforande, new JusteraProtokoll.Command(_meeting, beslutId));
        var again = await _app.Send(_ordforande, new JusteraProtokoll.Command(_meeting, beslutId));
        var typedIn = await _app.Send(_justerare, new JusteraProtokoll.Command(_meeting, _ovrig));
        Assert.That(one, Is.EqualTo(new JusteraProtokoll.Justerat(false, 1)));
        Assert.That(again.Refusal!.Message, Is.EqualTo("Du har redan justerat § 12."));
        Assert.That(typedIn.Refusal!.Errors.Single().Field, Is.EqualTo("ParagrafId"));
        Assert.That(await _app.Query(db => db.Beslut.Where(b => b.Id == beslutId).Select(b => b.JusteradDatum).SingleAsync()), Is.Null);

        await _app.Ok(_justerare, new JusteraProtokoll.Command(_meeting, beslutId));
        Assert.That(await _app.Query(db => db.Beslut.Where(b => b.Id == beslutId).Select(b => b.JusteradDatum).SingleAsync()), Is.EqualTo(Motesdag));
        Assert.That((await ProtokollAsync()).Status, Is.EqualTo("upprattat"), "the rest of the protokoll is not justerat by it");
        var ratta = await _app.Send(Sek, new RattaBeslut.Command(_svar.Id, "Fel ord", 12, "Ändrad text.", Standpunkt.Tillstyrker));
        Assert.That(ratta.Refusal!.Message, Is.EqualTo("Paragrafen är justerad omedelbart och låst; beslutet kan inte ändras."));
    }

    [Test]
    public async Task A_protokoll_not_justerat_within_fourteen_days_is_late_on_the_sekreterares_start_page_and_the_sekreterare_is_told()
    {
        await Decide();
        await _app.Ok(Sek, new ValjJusterare.Command(_meeting, [_justerareId], null, null));
        _app.Clock.Advance(TimeSpan.FromDays(14));
        await TimersAsync();
        Assert.That((await ProtokollAsync()).SenMarkeradAt, Is.Null, "the fourteenth day is still in time");
        Assert.That(await SenaAsync(), Is.Empty);

        _app.Clock.Advance(TimeSpan.FromDays(1));
        await TimersAsync();
        Assert.That((await ProtokollAsync()).SenMarkeradAt, Is.Not.Null);
        Assert.That(await SenaAsync(), Is.EqualTo(new[] { $"/sammantraden/{_meeting}/protokoll" }));
        var notis = await _app.Query(db => db.Notiser.AsNoTracking().Where(n => n.UserId == Sek.UserId && n.Rubrik.StartsWith("Protokollet är inte justerat")).Select(n => n.Rubrik).ToListAsync());
        Assert.That(notis, Is.EqualTo(new[] { "Protokollet är inte justerat: Servicenämnden 2026-03-10" }));
    }

    [Test]
    public async Task A_meeting_without_a_protokoll_is_late_only_while_a_beslut_of_it_is_not_justerat()
    {
        await Decide();
        _app.Clock.Advance(TimeSpan.FromDays(15));
        Assert.That(await SenaAsync(), Is.EqualTo(new[] { $"/sammantraden/{_meeting}/protokoll" }), "a beslut, no protokoll, fifteen days on");

        await _app.Ok(Sek, new RemissFlow.Core.Features.Remissvar.Justera.Command(_svar.Id, Motesdag.AddDays(3), "Karl Berg"));

        Assert.That(await SenaAsync(), Is.Empty, "the paragraph was justerad on its own");
    }

    [Test]
    public async Task The_cli_writes_the_kallelse_and_the_protokoll_of_an_organ_and_day_and_names_what_it_cannot_find()
    {
        await Decide();
        await _app.Ok(Sek, new ValjJusterare.Command(_meeting, [_justerareId], null, null));
        await _app.Ok(Sek, new SkickaTillJustering.Command(_meeting));
        await _app.Ok(_ordforande, new JusteraProtokoll.Command(_meeting));
        await _app.Ok(_justerare, new JusteraProtokoll.Command(_meeting));
        var env = new RemissFlow.Cli.CliEnvironment(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres",
                ["ConnectionStrings:RemissFlow"] = _app.Database.Options.ConnectionString,
                ["RemissFlow:DataDirectory"] = _app.Database.DataDirectory,
                ["RemissFlow:WorkflowsDirectory"] = RepoPaths.Workflows,
                ["RemissFlow:TemplatesDirectory"] = RepoPaths.Templates,
            }).Build(),
            _app.Clock);
        var dir = Directory.CreateTempSubdirectory("protokoll-cli-");
        try
        {
            var pdf = Path.Combine(dir.FullName, "protokoll.pdf");
            var docx = Path.Combine(dir.FullName, "kallelse.docx");
            var protokoll = await Cli.CliRun.Of(env, "protokoll", "servicenämnden", "2026-03-10", "--out", pdf);
            var kallelse = await Cli.CliRun.Of(env, "kallelse", _s.SfNamnd.ToString(), "2026-03-10", "--out", docx);
            var none = await Cli.CliRun.Of(env, "protokoll", "Servicenämnden", "2026-03-11", "--out", pdf);
            var badDate = await Cli.CliRun.Of(env, "kallelse", "Servicenämnden", "10 mars", "--out", docx);

            Assert.That(protokoll.Exit, Is.Zero, protokoll.ToString);
            var text = Flat(PdfText.Extract(await File.ReadAllBytesAsync(pdf)));
            Qpdf.AssertClean(await File.ReadAllBytesAsync(pdf));
            Assert.That(text, Does.Contain("§ 12 Remiss av handlingsplan").And.Contain("Justerat digitalt av Karl Berg (justerare)"));
            Assert.That(kallelse.Exit, Is.Zero, kallelse.ToString);
            Assert.That(DocxText(await File.ReadAllBytesAsync(docx)), Does.Contain("Budgetuppföljning per februari"));
            Assert.That(none.Err, Is.EqualTo("fel: Servicenämnden har inget sammanträde 2026-03-11" + Environment.NewLine));
            Assert.That(badDate.Exit, Is.Not.Zero);
            Assert.That(badDate.Err, Does.Contain("ska skrivas ÅÅÅÅ-MM-DD"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private async Task<IReadOnlyList<string>> SenaAsync()
    {
        using var scope = _app.Services.CreateScope();
        var sections = await scope.ServiceProvider.GetRequiredService<AttGoraQuery>().ForAsync(Sek, OrganisationKind.Namnd, CancellationToken.None);
        return sections.Single(s => s.Key == "protokoll_sena").Items.Select(i => i.Href).ToList();
    }

    [Test]
    public async Task The_utdrag_prints_numbered_beslutspunkter_plats_och_tid_the_proposal_to_fullmaktige_and_what_a_reservation_says_of_itself()
    {
        await _app.Ok(Sek, new RecordBeslut.Command(_svar.Id, 12,
            "1. Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.\n2. Servicenämnden överlämnar ärendet till kommunstyrelsen.",
            Standpunkt.TillstyrkerMedSynpunkter, OmedelbarJustering: true,
            Reservationer:
            [
                new("Nils Ek (C)", "", RemissFlow.Core.Domain.Reservationsformer.Skriftlig, "eget yrkande", "Bilaga 1, reservation (C)"),
                new("Olle Ås (V)", "", RemissFlow.Core.Domain.Reservationsformer.Muntlig),
            ],
            ForslagTillFullmaktige: "Kommunfullmäktige antar handlingsplanen för ett jämställt Stockholm 2030."));

        var stored = await _app.Query(db => db.Beslut.AsNoTracking().SingleAsync(b => b.RemissvarId == _svar.Id));
        Assert.That(stored.ForslagTillFullmaktige, Is.EqualTo("Kommunfullmäktige antar handlingsplanen för ett jämställt Stockholm 2030."));
        Assert.That(stored.Reservationer.Select(r => (r.Ledamot, r.Form, r.TillFormanFor, r.Bilaga)), Is.EqualTo(new[]
        {
            ("Nils Ek (C)", (string?)"skriftlig", (string?)"eget yrkande", (string?)"Bilaga 1, reservation (C)"),
            ("Olle Ås (V)", "muntlig", null, null),
        }));

        using var scope = _app.Services.CreateScope();
        var model = await scope.ServiceProvider.GetRequiredService<RemissFlow.Core.Documents.DocumentModelFactory>().ProtokollsutdragAsync(_svar.Id);
        Assert.Multiple(() =>
        {
            Assert.That(model.BeslutNumrerat, Is.True);
            Assert.That(model.Beslut, Has.Count.EqualTo(2));
            Assert.That(model.PlatsOchTid, Does.StartWith("Stadshuset, ").And.EndWith("kl. 17.00"));
            Assert.That(model.ForslagTillFullmaktige, Is.EqualTo(new[] { "Kommunfullmäktige antar handlingsplanen för ett jämställt Stockholm 2030." }));
        });

        var text = PdfText.Flat(scope.ServiceProvider.GetRequiredService<RemissFlow.Documents.DocumentRenderer>().RenderPdf(model));
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("Plats och tid"));
            Assert.That(text, Does.Contain("Förslag till kommunfullmäktige"));
            Assert.That(text, Does.Contain("Nils Ek (C) reserverar sig skriftligt mot beslutet till förmån för eget yrkande."));
            Assert.That(text, Does.Contain("Reservationen finns i bilaga: Bilaga 1, reservation (C)"));
            Assert.That(text, Does.Contain("Olle Ås (V) reserverar sig muntligt mot beslutet."));
        });

        // A correction keeps what the form does not change and replaces what it does.
        await _app.Ok(Sek, new RattaBeslut.Command(_svar.Id, "Förslaget till fullmäktige var ofullständigt", 12, stored.Beslutstext, Standpunkt.TillstyrkerMedSynpunkter,
            OmedelbarJustering: true, Reservationer: [new("Nils Ek (C)", "Jag reserverar mig till förmån för eget yrkande.", RemissFlow.Core.Domain.Reservationsformer.Skriftlig)],
            ForslagTillFullmaktige: "Kommunfullmäktige antar handlingsplanen och ger kommunstyrelsen i uppdrag att följa upp den."));
        var corrected = await _app.Query(db => db.Beslut.AsNoTracking().SingleAsync(b => b.RemissvarId == _svar.Id));
        Assert.That(corrected.ForslagTillFullmaktige, Does.EndWith("följa upp den."));
        Assert.That(corrected.Reservationer.Single().Form, Is.EqualTo("skriftlig"));
    }

    [Test]
    public async Task A_reservation_of_an_unknown_form_or_without_text_or_bilaga_is_refused_naming_the_field_and_nothing_is_recorded()
    {
        var unknown = await _app.Send(Sek, new RecordBeslut.Command(_svar.Id, 12, "Servicenämnden godkänner tjänsteutlåtandet.", Standpunkt.Tillstyrker,
            Reservationer: [new("Nils Ek (C)", "Jag reserverar mig.", "skriftligt")]));
        var noText = await _app.Send(Sek, new RecordBeslut.Command(_svar.Id, 12, "Servicenämnden godkänner tjänsteutlåtandet.", Standpunkt.Tillstyrker,
            Reservationer: [new("Nils Ek (C)", "", RemissFlow.Core.Domain.Reservationsformer.Skriftlig)]));
        var yrkandeForm = await _app.Send(Sek, new RecordBeslut.Command(_svar.Id, 12, "Servicenämnden godkänner tjänsteutlåtandet.", Standpunkt.Tillstyrker,
            Yrkanden: [new("Karl Berg (S)", "Bifall.", RemissFlow.Core.Domain.Reservationsformer.Muntlig)]));

        Assert.Multiple(() =>
        {
            Assert.That(unknown.Refusal!.Message, Does.Contain("Reservation: form ska vara skriftlig eller muntlig."));
            Assert.That(noText.Refusal!.Message, Does.Contain("Reservation: text"));
            Assert.That(yrkandeForm.Refusal!.Message, Does.Contain("gäller bara reservationer"));
        });
        Assert.That(await _app.Query(db => db.Beslut.CountAsync(b => b.RemissvarId == _svar.Id)), Is.Zero);
    }

    private static DateTimeOffset At(DateOnly date, int hour) => RemissFlow.Workflows.Runtime.StockholmTime.ToUtc(date, new TimeOnly(hour, 0));

    private static string Flat(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    private static string DocxText(byte[] docx)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(docx));
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        return System.Text.RegularExpressions.Regex.Replace(reader.ReadToEnd(), "<[^>]+>", "");
    }
}
