using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Inkommande;
using RemissFlow.Core.Features.Kedja;
using RemissFlow.Core.Files;
using RemissFlow.Core.Intake.Mail;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Lifecycle;
using RemissFlow.Core.Tests.Support;
using RemissFlow.Testing;

namespace RemissFlow.Core.Tests.Inkommande;

/// <summary>
/// The registrator's queue through the real pipeline, engine and database: e-mail kept by TaEmotEpost turned into an
/// outside answer, a new remiss, an addition to an ärende, or set aside as no allmän handling and reopened; each exactly
/// once, each refusal naming its field with nothing written, each step in the audit log.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class InkommandeTests(DatabaseProvider provider)
{
    private static readonly byte[] Svarsfil = "%PDF-1.4\n% PRO:s yttrande\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();
    private TestApp _app = null!;
    private Scenario _s = null!;
    private Guid _remiss;
    private string _remissDnr = "";
    private Guid _departement;
    private int _next;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await TestApp.StartAsync(provider);
        _s = await Scenario.BuildAsync(_app);
        _remiss = await _s.SendRemissAsync(new DateOnly(2026, 9, 30), _s.Sf, _s.Extern);
        _remissDnr = await _app.Query(db => db.Remisser.Where(r => r.Id == _remiss).Select(r => r.Dnr).SingleAsync());
        _departement = await _app.Ok(TestApp.Admin, CreateExternAvsandare.Command.WithStandardRule(
            "Finansdepartementet", ExternAvsandareTyp.Departement, "FI", "fi.remissvar@regeringskansliet.test", "Fi2026/00412", "103 33 Stockholm"));
    }

    [OneTimeTearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private async Task<Guid> MailAsync(string subject, string text, string from = "PRO Stockholms län <pro@example.test>", params (string Name, byte[] Content)[] files)
    {
        var store = _app.Get<FileStore>();
        var stored = new List<StoredFile>();
        foreach (var f in files)
        {
            stored.Add(await store.SaveAsync(f.Content, "application/pdf", CancellationToken.None));
        }

        var mail = new ReadMail($"test-{Interlocked.Increment(ref _next)}-{Guid.NewGuid()}@example.test", from, "registrator@ks.example.test", subject,
            new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero), text, 2000, files.Select(f => new MailAttachment(f.Name, "application/pdf", f.Content, null)).ToList(), null);
        return (await _app.Ok(TestApp.As(_s.Ks, Role.Administrator), new TaEmotEpost.Command(_s.Ks, "registratur", mail, stored))).InkommandeId;
    }

    private Task<InkommandeEpost> ItemAsync(Guid id) => _app.Query(db => db.Inkommande.AsNoTracking().Include(i => i.Bilagor.OrderBy(b => b.Ordning)).SingleAsync(i => i.Id == id));

    private Task<List<Handelse>> EventsAsync(Guid id) => _app.Query(db => db.Handelser.AsNoTracking().Where(h => h.ArendeId == id).OrderBy(h => h.Sequence).ToListAsync());

    [Test]
    public async Task An_answer_file_is_read_into_instans_dnr_standpunkt_and_key_points_each_with_its_source_and_nothing_is_stored()
    {
        var set = Path.Combine(RepoPaths.Root, "tests", "intake-set");
        var trv = await MailAsync("Yttrande buller", "Se bifogat.", "Trafikverket <trafikverket@example.test>",
            ("remissvar-trafikverket-buller.pdf", await File.ReadAllBytesAsync(Path.Combine(set, "remissvar-trafikverket-buller.pdf"))));
        var timra = await MailAsync("Yttrande trafikförsörjning", "Se bifogat.", "Timrå kommun <kommun@example.test>",
            ("remissvar-timra-kommun-flat.docx", await File.ReadAllBytesAsync(Path.Combine(set, "remissvar-timra-kommun-flat.docx"))));
        var reg = _s["ks.reg"];
        var eventsBefore = (await EventsAsync(trv)).Count;

        var a = (await _app.Ok(reg, new VisaInkommande.Query(trv))).SvarFranBilaga;
        var b = (await _app.Ok(reg, new VisaInkommande.Query(timra))).SvarFranBilaga;
        var itemA = await ItemAsync(trv);

        Assert.Multiple(() =>
        {
            Assert.That(a.BilagaId, Is.EqualTo(itemA.Bilagor[0].Id));
            Assert.That(a.Instans?.Value, Is.EqualTo("Trafikverket"));
            Assert.That(a.InstansDnr?.Value, Is.EqualTo("TRV 2026/31402"), "the answer's own dnr, not the remiss's it names");
            Assert.That(a.Standpunkt, Is.EqualTo(Standpunkt.TillstyrkerMedSynpunkter));
            Assert.That(a.StandpunktKalla!.Source, Does.Contain("tillstyrker").IgnoreCase, "the span the standpunkt was read from");
            Assert.That(a.StandpunktKalla.Confidence, Is.InRange(0.01, 1.0));
            Assert.That(a.Instans!.Source, Does.Contain("Trafikverket"));

            Assert.That(b.Instans?.Value, Is.EqualTo("Timrå kommun"));
            Assert.That(b.InstansDnr?.Value, Is.EqualTo("KS 2026/214"));
            Assert.That(b.Standpunkt, Is.Null, "avstår is not one of the form's ställningstaganden");
            Assert.That(b.StandpunktKalla?.Value, Is.EqualTo("avstår"));
            Assert.That(b.Nyckelpunkter?.Value, Does.StartWith("Timrå kommun avstår från att yttra sig"));
            Assert.That(b.Nyckelpunkter!.Value, Does.Not.Contain("Beslut"), "only the sammanfattning section");
        });
        Assert.That((await ItemAsync(trv)).Status, Is.EqualTo(InkommandeStatus.Ny), "reading suggests; nothing is stored");
        Assert.That((await EventsAsync(trv)).Count, Is.EqualTo(eventsBefore));
    }

    [Test]
    public async Task An_answer_naming_the_remiss_dnr_without_a_space_is_suggested_and_registered_once_with_the_mails_file()
    {
        var compact = _remissDnr.Replace(" ", "", StringComparison.Ordinal);
        var id = await MailAsync($"Svar på remiss {compact}", "Hej! Här kommer PRO:s yttrande.", files: ("yttrande.pdf", Svarsfil));
        var reg = _s["ks.reg"];

        var view = await _app.Ok(reg, new VisaInkommande.Query(id));
        var suggested = view.Svar.Single(s => s.Foreslagen);
        var item = await ItemAsync(id);
        var status = await _app.Ok(reg, new RegistreraSomSvar.Command(id, suggested.RemissvarId, item.Bilagor[0].Id, Standpunkt.Tillstyrker, "PRO tillstyrker."));
        var again = await _app.Send(reg, new RegistreraSomSvar.Command(id, suggested.RemissvarId, item.Bilagor[0].Id, Standpunkt.Tillstyrker, null));
        var ejAllman = await _app.Send(reg, new MarkeraEjAllmanHandling.Command(id, "Dubblett"));

        var after = await ItemAsync(id);
        var svar = await _s.SvarAsync(_remiss, _s.Extern);
        var filer = await _app.Query(db => db.Bilagor.AsNoTracking().Where(b => b.RemissvarId == svar.Id && b.Kind == BilagaKind.Svar).ToListAsync());
        var events = await EventsAsync(id);
        Assert.Multiple(() =>
        {
            Assert.That(view.NamndaDnr, Does.Contain(_remissDnr));
            Assert.That(suggested.RemissvarId, Is.EqualTo(svar.Id));
            Assert.That((status, svar.Status), Is.EqualTo(("inlamnad", "inlamnad")));
            Assert.That((after.Status, after.BlevTyp, after.BlevId, after.BlevDnr), Is.EqualTo(("registrerad_som_svar", InkommandeBlev.Svar, (Guid?)svar.Id, (string?)_remissDnr)));
            Assert.That(filer.Select(f => (f.FileName, f.Sha256)), Is.EqualTo(new[] { ("yttrande.pdf", item.Bilagor[0].Sha256) }));
            Assert.That(again.Refusal!.Errors.Select(e => e.Field), Is.EqualTo(new[] { "InkommandeId" }));
            Assert.That(again.Refusal.Message, Does.Contain("redan hanterat").And.Contain("Registrerad som remissvar"));
            Assert.That(ejAllman.Refusal!.Errors.Select(e => e.Field), Is.EqualTo(new[] { "InkommandeId" }));
            Assert.That(events.Select(e => e.Action), Is.EqualTo(new[] { "inkommande.mottagen", "workflow.registrera_svar" }));
            Assert.That(events[1].ActorName, Is.EqualTo(reg.Name));
        });
        Assert.That(await _app.Query(db => db.Bilagor.CountAsync(b => b.RemissvarId == svar.Id && b.Kind == BilagaKind.Svar)), Is.EqualTo(1), "the refused second conversion wrote nothing");
    }

    [Test]
    public async Task Not_allman_handling_needs_a_reason_is_audited_and_can_be_reopened_with_one()
    {
        var id = await MailAsync("Erbjudande: kontorsmaterial till halva priset", "Köp nu!", "Kontorsbolaget <sales@kontor.example.test>");
        var reg = _s["ks.reg"];

        var utanSkal = await _app.Send(reg, new MarkeraEjAllmanHandling.Command(id, " "));
        var fore = await ItemAsync(id);
        await _app.Ok(reg, new MarkeraEjAllmanHandling.Command(id, "Reklam, inte en allmän handling."));
        var markerad = await ItemAsync(id);
        var oppnaUtanSkal = await _app.Send(reg, new AteroppnaInkommande.Command(id, null));
        await _app.Ok(reg, new AteroppnaInkommande.Command(id, "Felmarkerad: avsändaren är leverantör i ett pågående ärende."));
        var oppnad = await ItemAsync(id);
        var events = await EventsAsync(id);
        var ko = await _app.Ok(reg, new InkommandeKo.Query());

        Assert.Multiple(() =>
        {
            Assert.That(utanSkal.Refusal!.Errors, Has.Member(new FieldError("Skal", "Skäl måste fyllas i.")));
            Assert.That(fore.Status, Is.EqualTo("ny"), "nothing written by the refusal");
            Assert.That((markerad.Status, markerad.Skal, markerad.HanteradAvNamn), Is.EqualTo(("ej_allman_handling", "Reklam, inte en allmän handling.", reg.Name)));
            Assert.That(oppnaUtanSkal.Refusal!.Errors.Select(e => e.Field), Is.EqualTo(new[] { "Skal" }));
            Assert.That((oppnad.Status, oppnad.Skal), Is.EqualTo(("ny", (string?)null)));
            Assert.That(events.Select(e => e.Action), Is.EqualTo(new[] { "inkommande.mottagen", "workflow.ej_allman_handling", "workflow.ateroppna" }));
            Assert.That(events[1].Beskrivning, Does.Contain("Skäl: Reklam, inte en allmän handling."));
            Assert.That(events[2].Beskrivning, Does.Contain("Skäl: Felmarkerad"));
            Assert.That(ko.Vantar.Select(r => r.Id), Does.Contain(id));
            Assert.That(ko.Vantar.Single(r => r.Id == id).StatusText, Is.EqualTo("Ny, väntar på registratorn"));
        });
    }

    [Test]
    public async Task A_missiv_becomes_a_remiss_from_outside_and_a_later_mail_is_added_to_its_arende_by_dnr()
    {
        var id = await MailAsync("Remiss: Betänkandet En ny kommunallag (SOU 2026:14)", "Se bifogat remissbrev.", "Finansdepartementet <fi.remissvar@regeringskansliet.test>",
            ("remissbrev.pdf", Scenario.Pdf), ("SOU 2026-14.pdf", Svarsfil));
        var reg = _s["ks.reg"];
        var item = await ItemAsync(id);
        var view = await _app.Ok(reg, new VisaInkommande.Query(id));

        var registered = await _app.Ok(reg, new RegistreraSomRemiss.Command(id, _departement, "Betänkandet En ny kommunallag (SOU 2026:14)", "Fi2026/00999",
            new DateOnly(2026, 9, 1), new DateOnly(2026, 3, 2), item.Bilagor[0].Id, [item.Bilagor[1].Id]));
        var remissFiler = await _app.Query(db => db.Bilagor.AsNoTracking().Where(b => b.RemissId == registered.RemissId).OrderBy(b => b.Kind).Select(b => new { b.Kind, b.FileName }).ToListAsync());
        var efter = await ItemAsync(id);

        var komplettering = await MailAsync($"Komplettering till {registered.Dnr.Replace(" ", "  ", StringComparison.Ordinal)}", "Bifogar en rättelse.",
            "Finansdepartementet <fi.remissvar@regeringskansliet.test>", ("rattelse.pdf", Svarsfil));
        var kview = await _app.Ok(reg, new VisaInkommande.Query(komplettering));
        var kitem = await ItemAsync(komplettering);
        var okand = await _app.Send(reg, new LaggTillArende.Command(komplettering, "KS 1999/4711", [kitem.Bilagor[0].Id]));
        var arendeId = await _app.Ok(reg, new LaggTillArende.Command(komplettering, registered.Dnr.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal), [kitem.Bilagor[0].Id]));
        var tillagda = await _app.Query(db => db.Bilagor.AsNoTracking().Where(b => b.RemissvarId == registered.ArendeId && b.Kind == BilagaKind.InkommenHandling).Select(b => b.FileName).ToListAsync());
        var arendeEvents = await EventsAsync(registered.ArendeId);
        var kefter = await ItemAsync(komplettering);

        Assert.Multiple(() =>
        {
            Assert.That(view.Remiss.AvsandareId, Is.EqualTo(_departement), "suggested from the sender's address");
            Assert.That(view.Remiss.MissivBilagaId, Is.Not.Null);
            Assert.That(remissFiler.Select(f => (f.Kind, f.FileName)), Is.EquivalentTo(new[] { (BilagaKind.Missiv, "remissbrev.pdf"), (BilagaKind.Remisshandling, "SOU 2026-14.pdf") }));
            Assert.That((efter.Status, efter.BlevId, efter.BlevDnr), Is.EqualTo(("registrerad_som_remiss", (Guid?)registered.ArendeId, (string?)registered.Dnr)));
            Assert.That(kview.Arenden.Select(a => a.Dnr), Is.EqualTo(new[] { registered.Dnr }));
            Assert.That(okand.Refusal!.Errors, Has.Member(new FieldError("Dnr", "Organisationen har inget ärende med diarienummer KS 1999/4711.")));
            Assert.That(arendeId, Is.EqualTo(registered.ArendeId));
            Assert.That(tillagda, Is.EqualTo(new[] { "rattelse.pdf" }));
            Assert.That(arendeEvents.Select(e => e.Action), Does.Contain("arende.handling_inkommen"));
            Assert.That((kefter.Status, kefter.BlevDnr), Is.EqualTo(("tillagd_arende", (string?)registered.Dnr)));
        });
    }

    [Test]
    public async Task An_unknown_remiss_is_refused_naming_the_field_and_only_the_organisations_registrators_may_handle_the_item()
    {
        var id = await MailAsync("Fråga", "Hej", files: ("fil.pdf", Svarsfil));
        var item = await ItemAsync(id);

        var okand = await _app.Send(_s["ks.reg"], new RegistreraSomSvar.Command(id, Guid.NewGuid(), item.Bilagor[0].Id, Standpunkt.Avstyrker, null));
        var sfSvar = await _s.SvarAsync(_remiss, _s.Sf);
        var nämndsSvar = await _app.Send(_s["ks.reg"], new RegistreraSomSvar.Command(id, sfSvar.Id, item.Bilagor[0].Id, Standpunkt.Avstyrker, null));
        var annanOrg = await _app.Send(_s["sf.reg"], new MarkeraEjAllmanHandling.Command(id, "Inte vår"));
        var annanOrgVy = await _app.Send(_s["sf.reg"], new VisaInkommande.Query(id));
        var annanRoll = await _app.Send(_s["ks.sam"], new MarkeraEjAllmanHandling.Command(id, "Inte vår"));

        Assert.Multiple(() =>
        {
            Assert.That(okand.Refusal!.Errors.Select(e => e.Field), Is.EqualTo(new[] { "RemissvarId" }));
            Assert.That(nämndsSvar.Refusal!.Errors.Select(e => e.Field), Is.EqualTo(new[] { "RemissvarId" }), "a nämnd answers through RemissFlow, not by e-mail");
            Assert.That(annanOrg.Refusal!.Kind, Is.EqualTo(RefusalKind.NotFound));
            Assert.That(annanOrgVy.Refusal!.Kind, Is.EqualTo(RefusalKind.NotFound));
            Assert.That(annanRoll.Refusal!.Kind, Is.EqualTo(RefusalKind.Forbidden));
        });
        Assert.That((await ItemAsync(id)).Status, Is.EqualTo("ny"));
    }
}
