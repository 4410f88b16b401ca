using System.Text;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using RemissFlow.Core.Background;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Features.Kedja;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Notifications;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Sammanstallning;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Lifecycle;

/// <summary>
/// The chain's last step: Kommunstyrelsen's decided answer on a department's remiss goes through the outbox to a real
/// SMTP listener on 127.0.0.1 as PDF and Word named by the department's rule, is recorded on the ärende with an audit
/// event, and moves both the remiss (expedierad) and the ärende (inlämnad) through their workflows.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class ExpedieringTests(DatabaseProvider provider)
{
    private TestSmtpServer _server = null!;
    private TestApp _app = null!;
    private Scenario _s = null!;
    private Guid _fi;
    private Guid _ksMote;
    private readonly Dictionary<string, Actor> _ks = [];

    [SetUp]
    public async Task Start()
    {
        _server = TestSmtpServer.Start();
        _app = await TestApp.StartAsync(provider, smtp: new SmtpOptions("127.0.0.1", _server.Port, "remissflow@example.test") { Timeout = TimeSpan.FromSeconds(10) });
        _s = await Scenario.BuildAsync(_app);
        foreach (var (key, role) in new[] { ("hl", Role.Handlaggare), ("chef", Role.Forvaltningschef), ("sek", Role.Namndsekreterare) })
        {
            var id = await _app.Ok(TestApp.Admin, new CreateUser.Command($"ks.{key}@example.test", $"Person ks.{key}", _s.Ks, [role], "Remissarbete-2026"));
            _ks[key] = new Actor(id, $"Person ks.{key}", _s.Ks, new HashSet<Role> { role });
        }

        _fi = await _app.Ok(TestApp.Admin, CreateExternAvsandare.Command.WithStandardRule(
            "Finansdepartementet", ExternAvsandareTyp.Departement, "FI", "fi.remissvar@regeringskansliet.test", "Fi2026/00412", "103 33 Stockholm"));
        var styrelse = await _app.Ok(TestApp.Admin, new CreateOrgan.Command(_s.Ks, OrganKind.Styrelse, "Kommunstyrelsen", 7, 5, true));
        _ksMote = await _s.MeetingAsync(styrelse, new DateOnly(2026, 5, 27));
    }

    [TearDown]
    public async Task Stop()
    {
        await _app.DisposeAsync();
        await _server.DisposeAsync();
    }

    private async Task<RegisterExternRemiss.Registered> Inkommen(string dnr = "Fi2026/00412") => await _app.Ok(_s["ks.reg"], new RegisterExternRemiss.Command(
        _fi, "Betänkandet En ny kommunallag för framtiden (SOU 2026:14)", dnr, new DateOnly(2026, 6, 12), new DateOnly(2026, 2, 27),
        new InkommenFil("remissbrev.pdf", Scenario.Pdf), [new InkommenFil("SOU 2026-14.pdf", Scenario.Pdf)]));

    /// <summary>KS's ärende through its TU, the förvaltningschef's approval and the meeting, to a justerat beslut (or as far as <paramref name="justera"/> says).</summary>
    private async Task Beslutat(Guid arende, bool justera = true)
    {
        await _app.Ok(_s["ks.reg"], new AssignHandlaggare.Command(arende, _ks["hl"].UserId!.Value));
        await _app.Ok(_ks["hl"], new FireRemissvarTrigger.Command(arende, "paborja_beredning"));
        await _app.Ok(_ks["hl"], new SaveTjansteutlatande.Command(arende, null, "Remiss av En ny kommunallag för framtiden",
            "1. Kommunstyrelsen godkänner förvaltningens tjänsteutlåtande som svar på remissen.", "Kommunen tillstyrker i huvudsak förslaget.",
            "Finansdepartementet har remitterat betänkandet till kommunen.", "Utredningen föreslår en ny kommunallag.", null, "Stadsledningskontoret tillstyrker."));
        await _app.Ok(_ks["hl"], new FireRemissvarTrigger.Command(arende, "skicka_till_forvaltningschef"));
        await _app.Ok(_ks["chef"], new FireRemissvarTrigger.Command(arende, "godkann"));
        await _app.Ok(_ks["sek"], new PlaceOnAgenda.Command(arende, _ksMote));
        if (!justera)
        {
            return;
        }

        _app.Clock.Set(new DateTimeOffset(2026, 5, 27, 18, 0, 0, TimeSpan.FromHours(2)));
        await _app.Ok(_ks["sek"], new RecordBeslut.Command(arende, 88, "Kommunstyrelsen godkänner förvaltningens tjänsteutlåtande som svar på remissen.",
            Standpunkt.TillstyrkerMedSynpunkter, OmedelbarJustering: true));
        await _app.Ok(_ks["sek"], new Justera.Command(arende, new DateOnly(2026, 5, 27), "Karin Wanngård"));
    }

    [Test]
    public async Task The_decided_answer_reaches_the_department_as_PDF_and_Word_named_by_its_rule_and_is_recorded_on_the_arende()
    {
        var registered = await Inkommen();
        await Beslutat(registered.ArendeId);
        _app.Clock.Set(new DateTimeOffset(2026, 5, 28, 10, 15, 0, TimeSpan.FromHours(2)));

        var forePublik = await _app.Get<PublicRemissQuery>().GetAsync(registered.RemissId);
        var expedierat = await _app.Ok(_s["ks.reg"], new ExpedieraSvar.Command(registered.ArendeId));
        var publik = await _app.Get<PublicRemissQuery>().GetAsync(registered.RemissId);
        var delivered = await _app.Get<OutboxSender>().RunOnceAsync(CancellationToken.None);

        var mail = _server.Messages.Single(m => m.RcptTo.Contains("fi.remissvar@regeringskansliet.test"));
        var mime = MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(mail.Data)));
        var attachments = mime.Attachments.OfType<MimePart>().ToList();
        var remiss = await _app.Query(db => db.Remisser.AsNoTracking().SingleAsync(r => r.Id == registered.RemissId));
        var arende = await _app.Query(db => db.Remissvar.AsNoTracking().SingleAsync(a => a.Id == registered.ArendeId));
        var record = await _app.Query(db => db.Expedieringar.AsNoTracking().SingleAsync(e => e.RemissvarId == registered.ArendeId));
        var audit = await _app.Query(db => db.Handelser.AsNoTracking().Where(h => h.ArendeId == registered.ArendeId || h.ArendeId == registered.RemissId).Select(h => h.Action).ToListAsync());

        Assert.Multiple(() =>
        {
            Assert.That(delivered, Is.GreaterThanOrEqualTo(1));
            Assert.That(mime.Subject, Is.EqualTo("Remissvar Fi2026/00412: Betänkandet En ny kommunallag för framtiden (SOU 2026:14)"));
            Assert.That(attachments.Select(a => (a.FileName, a.ContentType.MimeType)), Is.EqualTo(new[]
            {
                ("Fi2026-00412 Stockholms stad.pdf", "application/pdf"),
                ("Fi2026-00412 Stockholms stad.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            }));
            Assert.That(Content(attachments[0])[..5], Is.EqualTo("%PDF-"u8.ToArray()));
            Assert.That(Content(attachments[1])[..2], Is.EqualTo("PK"u8.ToArray()), "a DOCX is a zip package");
            Assert.That(mime.TextBody, Does.Contain("Stockholms stads svar på remissen").And.Contain("Fi2026/00412"));
            Assert.That(expedierat.Filer, Is.EqualTo(new[] { "Fi2026-00412 Stockholms stad.pdf", "Fi2026-00412 Stockholms stad.docx" }));
            Assert.That((record.Till, record.ExpedieradAt, record.ExpedieradAv), Is.EqualTo(("fi.remissvar@regeringskansliet.test",
                new DateTimeOffset(2026, 5, 28, 8, 15, 0, TimeSpan.Zero), (Guid?)_s["ks.reg"].UserId)));
            Assert.That((remiss.Status, arende.Status), Is.EqualTo(("expedierad", "inlamnad")));
            Assert.That(arende.InlamnadAt, Is.EqualTo(record.ExpedieradAt), "the expediering is the moment the answer was given");
            Assert.That(audit, Is.SupersetOf(new[] { "workflow.expediera", "svar.expedierat", "workflow.lamna_in" }));
            Assert.That(forePublik, Is.Null, "a remiss from outside is not on the public site before the answer is expedierad");
            Assert.That(publik!.Kedja, Is.EqualTo(new PublicKedja(new DateOnly(2026, 5, 28), registered.RemissId, "Fi2026/00412", null, null)));
            Assert.That(publik.Svar.Single().Dokument.Select(d => d.Rubrik), Is.EqualTo(new[] { "Tjänsteutlåtande KS 2026/1", "Protokollsutdrag KS 2026/1" }));
        });
    }

    [Test]
    public async Task Refused_before_the_decision_without_an_address_and_a_second_time_writing_nothing()
    {
        var ejBeslutat = await Inkommen();
        await Beslutat(ejBeslutat.ArendeId, justera: false);
        var fore = await _app.Send(_s["ks.reg"], new ExpedieraSvar.Command(ejBeslutat.ArendeId));

        var registered = await Inkommen("Fi2026/00413");
        await Beslutat(registered.ArendeId);
        var annanOrg = await _app.Send(_s["sf.reg"], new ExpedieraSvar.Command(registered.ArendeId));
        var handlaggare = await _app.Send(_ks["hl"], new ExpedieraSvar.Command(registered.ArendeId));
        await BlankAddress(true);
        var utanAdress = await _app.Send(_s["ks.reg"], new ExpedieraSvar.Command(registered.ArendeId));
        var outboxBefore = await _app.Query(db => db.UtgaendeEpost.CountAsync(m => m.DedupKey.StartsWith("expediering:")));
        await BlankAddress(false);
        await _app.Ok(_s["ks.reg"], new ExpedieraSvar.Command(registered.ArendeId));
        var igen = await _app.Send(_s["ks.reg"], new ExpedieraSvar.Command(registered.ArendeId));

        Assert.Multiple(() =>
        {
            Assert.That(fore.Refusal!.Message, Is.EqualTo("Svaret är inte beslutat än: beslutet måste vara fattat och justerat innan svaret expedieras."));
            Assert.That(annanOrg.Refusal!.Kind, Is.EqualTo(RefusalKind.NotFound));
            Assert.That(handlaggare.Refusal!.Kind, Is.EqualTo(RefusalKind.Forbidden));
            Assert.That(utanAdress.Refusal!.Message, Is.EqualTo("Finansdepartementet har ingen e-postadress för svar. Lägg in den under Externa avsändare innan svaret expedieras."));
            Assert.That(outboxBefore, Is.Zero, "nothing queued by a refusal");
            Assert.That(igen.Refusal!.Kind, Is.EqualTo(RefusalKind.Conflict));
            Assert.That(igen.Refusal.Message, Does.StartWith("Svaret är redan expedierat 2026-05-27 18:00 till fi.remissvar@regeringskansliet.test"));
        });
        Assert.That(await _app.Query(db => db.Expedieringar.CountAsync()), Is.EqualTo(1));
        Assert.That(await _app.Query(db => db.UtgaendeEpost.CountAsync(m => m.DedupKey.StartsWith("expediering:"))), Is.EqualTo(1));
        Assert.That(await _app.Query(db => db.Remisser.AsNoTracking().Where(r => r.Id == ejBeslutat.RemissId).Select(r => r.Status).SingleAsync()), Is.EqualTo("mottagen"));
    }

    /// <summary>A sender registered before the answer address was required has none; blanked here as such a row would be.</summary>
    private async Task BlankAddress(bool blank) => await _app.Query(async db =>
    {
        var fi = await db.Organisationer.SingleAsync(o => o.Id == _fi);
        fi.SvarsEpost = blank ? null : "fi.remissvar@regeringskansliet.test";
        return await db.SaveChangesAsync();
    });

    private static byte[] Content(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }
}
