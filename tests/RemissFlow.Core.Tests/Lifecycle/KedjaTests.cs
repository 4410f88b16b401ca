using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Kedja;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Lifecycle;

/// <summary>
/// The chain's first half through the real pipeline, engine and database: a department as outside sender, its remiss
/// registered at Kommunstyrelsen, sent on internally with the planner's svarsdatum, and withdrawn again.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
public sealed class KedjaTests(DatabaseProvider provider)
{
    private static readonly DateOnly ExterntSvarsdatum = new(2026, 6, 12);
    private TestApp _app = null!;
    private Scenario _s = null!;
    private Guid _departement;

    [SetUp]
    public async Task Start()
    {
        _app = await TestApp.StartAsync(provider);
        _s = await Scenario.BuildAsync(_app);
        _departement = await _app.Ok(TestApp.Admin, CreateExternAvsandare.Command.WithStandardRule(
            "Finansdepartementet", ExternAvsandareTyp.Departement, "FI", "fi.remissvar@regeringskansliet.test", "Fi2026/00412", "103 33 Stockholm"));
        var ksStyrelse = await _app.Ok(TestApp.Admin, new CreateOrgan.Command(_s.Ks, OrganKind.Styrelse, "Kommunstyrelsen", 7, 5, true));
        await _s.MeetingAsync(ksStyrelse, new DateOnly(2026, 5, 27));
        await _s.MeetingAsync(ksStyrelse, new DateOnly(2026, 6, 17));
    }

    [TearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private RegisterExternRemiss.Command Inkommen(string dnr = "Fi2026/00412", DateOnly? svarsdatum = null, InkommenFil? missiv = null, Guid? avsandare = null) => new(
        avsandare ?? _departement, "Betänkandet En ny kommunallag för framtiden (SOU 2026:14)", dnr, svarsdatum ?? ExterntSvarsdatum, new DateOnly(2026, 2, 27),
        missiv ?? new InkommenFil("remissbrev.pdf", Scenario.Pdf), [new InkommenFil("SOU 2026-14.pdf", Scenario.Pdf)]);

    [Test]
    public async Task A_department_gets_Regeringskanslietsrule_and_a_rule_that_cannot_name_the_files_is_refused_naming_the_field()
    {
        var fi = await _app.Query(db => db.Organisationer.AsNoTracking().SingleAsync(o => o.Id == _departement));
        var regel = fi.Leveransregel();

        var utanDnr = await _app.Send(TestApp.Admin, new CreateExternAvsandare.Command("Länsstyrelsen i Stockholms län", ExternAvsandareTyp.Lansstyrelse, "LST",
            null, "stockholm@lansstyrelsen.test", null, null, null, null, true, false, true, "{instans} svar"));
        var okandPlatshallare = await _app.Send(TestApp.Admin, new CreateExternAvsandare.Command("Region Stockholm", ExternAvsandareTyp.Region, "RS",
            null, "registrator@regionstockholm.test", null, null, null, null, true, false, true, "{dnr} {datum}"));
        var ingenEpost = await _app.Send(TestApp.Admin, new CreateExternAvsandare.Command("Region Stockholm", ExternAvsandareTyp.Region, "RS",
            null, " ", null, null, null, null, false, false, true, "{dnr}"));

        Assert.Multiple(() =>
        {
            Assert.That((fi.Kind, fi.AvsandareTyp, fi.DnrFormat, fi.SvarsEpost), Is.EqualTo((OrganisationKind.ExternOrganisation, ExternAvsandareTyp.Departement, "Fi2026/00412", "fi.remissvar@regeringskansliet.test")));
            Assert.That(regel, Is.EqualTo(new Leveransregel(Pdf: true, Word: true, DnrIAmne: true, "{dnr} {instans}")));
            Assert.That(regel.FileName("Fi2026/00412", "Stockholms kommun", "docx"), Is.EqualTo("Fi2026-00412 Stockholms kommun.docx"));
            Assert.That(regel.Subject("Fi2026/00412", "En ny kommunallag"), Is.EqualTo("Remissvar Fi2026/00412: En ny kommunallag"));
            Assert.That(utanDnr.Refusal!.Errors, Has.Member(new FieldError("LeveransFilnamn", "Filnamn måste innehålla {dnr}, avsändarens diarienummer.")));
            Assert.That(okandPlatshallare.Refusal!.Errors, Has.Member(new FieldError("LeveransFilnamn", "Filnamn får bara innehålla platshållarna {dnr} och {instans}.")));
            Assert.That(ingenEpost.Refusal!.Errors.Select(e => e.Field), Is.EquivalentTo(new[] { "SvarsEpost", "LeveransPdf" }));
        });
        Assert.That(await _app.Query(db => db.Organisationer.CountAsync(o => o.AvsandareTyp != null)), Is.EqualTo(1), "nothing written by a refused command");
    }

    [Test]
    public async Task Kommunstyrelsen_registers_the_remiss_and_its_arende_gets_a_KS_dnr_with_the_department_as_avsandare()
    {
        var registered = await _app.Ok(_s["ks.reg"], Inkommen());

        var remiss = await _app.Query(db => db.Remisser.AsNoTracking().SingleAsync(r => r.Id == registered.RemissId));
        var arende = await _app.Query(db => db.Remissvar.AsNoTracking().SingleAsync(a => a.Id == registered.ArendeId));
        var filer = await _app.Query(db => db.Bilagor.AsNoTracking().Where(b => b.RemissId == remiss.Id).Select(b => b.Kind).ToListAsync());
        var ksList = await _app.Query(db => db.Remisser.AsNoTracking().Where(RemissFlow.Core.Access.RemissAccess.Visible(_s["ks.reg"], true, db.Remissvar)).Select(r => r.Id).ToListAsync());

        Assert.Multiple(() =>
        {
            Assert.That(registered.Dnr, Is.EqualTo("KS 2026/1"));
            Assert.That((remiss.AvsandareId, remiss.Dnr, remiss.Status, remiss.MottagenDatum), Is.EqualTo((_departement, "Fi2026/00412", "mottagen", (DateOnly?)new DateOnly(2026, 2, 27))));
            Assert.That((arende.InstansId, arende.Dnr, arende.AvsandareDnr, arende.Status, arende.Svarsdatum), Is.EqualTo((_s.Ks, "KS 2026/1", "Fi2026/00412", "registrerad", ExterntSvarsdatum)));
            Assert.That(filer, Is.EquivalentTo(new[] { BilagaKind.Remisshandling, BilagaKind.Missiv }));
            Assert.That(ksList, Does.Not.Contain(remiss.Id), "KS did not send it: it is KS's ärende, not one of KS's remisser");
        });
    }

    [Test]
    public async Task Bad_input_is_refused_naming_the_field_and_writes_nothing()
    {
        await _app.Ok(_s["ks.reg"], Inkommen());
        var before = await _app.Query(db => db.Remisser.CountAsync());

        var sammaDnr = await _app.Send(_s["ks.reg"], Inkommen());
        var fore = await _app.Send(_s["ks.reg"], Inkommen("Fi2026/00413", svarsdatum: new DateOnly(2026, 2, 20)));
        var ingenPdf = await _app.Send(_s["ks.reg"], Inkommen("Fi2026/00414", missiv: new InkommenFil("brev.pdf", "inte en pdf"u8.ToArray())));
        var okand = await _app.Send(_s["ks.reg"], Inkommen("Fi2026/00415", avsandare: _s.Extern));
        var bolag = await _app.Send(_s["bolag.reg"], Inkommen("Fi2026/00416"));

        Assert.Multiple(() =>
        {
            Assert.That(sammaDnr.Refusal!.Errors, Has.Member(new FieldError("AvsandareDnr", "En remiss med diarienummer Fi2026/00412 är redan registrerad.")));
            Assert.That(fore.Refusal!.Errors.Select(e => e.Field), Has.Member("Svarsdatum"));
            Assert.That(ingenPdf.Refusal!.Errors.Select(e => e.Message), Has.Member("Filen är varken PDF eller ett Office-dokument (innehållet avgör, inte filnamnet)."));
            Assert.That(okand.Refusal!.Errors, Has.Member(new FieldError("AvsandareId", "Avsändaren finns inte bland de externa avsändarna; välj en i listan.")));
            Assert.That(bolag.Refusal!.Kind, Is.EqualTo(RefusalKind.Forbidden));
        });
        Assert.That(await _app.Query(db => db.Remisser.CountAsync()), Is.EqualTo(before));
        Assert.That(await _app.Query(db => db.Remissvar.CountAsync(a => a.InstansId == _s.Ks)), Is.EqualTo(1), "no dnr spent on a refused registration");
    }

    [Test]
    public async Task Sent_on_internally_with_the_planners_svarsdatum_and_both_sides_show_the_link()
    {
        var registered = await _app.Ok(_s["ks.reg"], Inkommen());

        var forslag = await _app.Get<KedjaQuery>().ForslagAsync(registered.ArendeId, CancellationToken.None);
        var intern = await _app.Ok(_s["ks.reg"], new SkickaVidareInternt.Command(registered.ArendeId, [_s.Sf, _s.Sof, _s.Bolag]));
        var igen = await _app.Send(_s["ks.reg"], new SkickaVidareInternt.Command(registered.ArendeId, [_s.Sf]));
        var handlingar = await _app.Query(db => db.Bilagor.AsNoTracking().Where(b => b.RemissId == intern.RemissId).OrderBy(b => b.UploadedAt).ThenBy(b => b.Rubrik).ToListAsync());
        var fromArende = await _app.Get<KedjaQuery>().ForArendeAsync(registered.ArendeId, CancellationToken.None);
        var fromIntern = await _app.Get<KedjaQuery>().ForInternRemissAsync(intern.RemissId, CancellationToken.None);
        await _app.Ok(_s["ks.reg"], new FireRemissTrigger.Command(intern.RemissId, "skicka_ut"));
        var sf = await _s.SvarAsync(intern.RemissId, _s.Sf);

        Assert.Multiple(() =>
        {
            // KS meets 27 May; papers 18 May, TU 8 May (14 May is Kristi himmelsfärd), ten working days back past 1 May.
            Assert.That(forslag.Datum, Is.EqualTo(new DateOnly(2026, 4, 23)));
            Assert.That((intern.Dnr, intern.Svarsdatum), Is.EqualTo(("KS 2026/1", new DateOnly(2026, 4, 23))));
            Assert.That(igen.Refusal!.Kind, Is.EqualTo(RefusalKind.Conflict));
            Assert.That(handlingar.Select(h => (h.Kind, h.Rubrik)), Is.EquivalentTo(new[] { (BilagaKind.Remisshandling, (string?)"Missiv från Finansdepartementet"), (BilagaKind.Remisshandling, (string?)null) }));
            Assert.That(fromArende, Is.EqualTo(fromIntern));
            Assert.That((fromArende!.AvsandareNamn, fromArende.AvsandareDnr, fromArende.ArendeDnr, fromArende.InternRemissId, fromArende.InterntSvarsdatum),
                Is.EqualTo(("Finansdepartementet", "Fi2026/00412", (string?)"KS 2026/1", (Guid?)intern.RemissId, (DateOnly?)new DateOnly(2026, 4, 23))));
            Assert.That((sf.AvsandareDnr, sf.Svarsdatum, sf.Status), Is.EqualTo(("KS 2026/1", new DateOnly(2026, 4, 23), "inkommen")));
        });
    }

    [Test]
    public async Task A_given_internal_svarsdatum_must_leave_time_before_the_external_one_and_the_list_must_hold_real_instanser()
    {
        var registered = await _app.Ok(_s["ks.reg"], Inkommen());

        var sent = await _app.Send(_s["ks.reg"], new SkickaVidareInternt.Command(registered.ArendeId, [_s.Sf], ExterntSvarsdatum));
        var ks = await _app.Send(_s["ks.reg"], new SkickaVidareInternt.Command(registered.ArendeId, [_s.Ks]));
        var tom = await _app.Send(_s["ks.reg"], new SkickaVidareInternt.Command(registered.ArendeId, []));
        var namnd = await _app.Send(_s["sf.reg"], new SkickaVidareInternt.Command(registered.ArendeId, [_s.Sof]));

        Assert.Multiple(() =>
        {
            Assert.That(sent.Refusal!.Errors, Has.Member(new FieldError("Svarsdatum", "Internt svarsdatum måste ligga före avsändarens svarsdatum 2026-06-12, så att svaren hinner sammanställas.")));
            Assert.That(ks.Refusal!.Errors, Has.Member(new FieldError("Remisslista", "Kan inte få den interna remissen: Kommunstyrelsen.")));
            Assert.That(tom.Refusal!.Errors, Has.Member(new FieldError("Remisslista", "Remisslistan måste ha minst en remissinstans.")));
            Assert.That(namnd.Refusal!.Kind, Is.EqualTo(RefusalKind.Forbidden));
        });
        Assert.That(await _app.Query(db => db.Remisser.CountAsync(r => r.ExterntArendeId != null)), Is.Zero);
    }

    [Test]
    public async Task Withdrawing_the_external_remiss_closes_the_arende_the_internal_remiss_and_its_answers_through_the_workflow()
    {
        var registered = await _app.Ok(_s["ks.reg"], Inkommen());
        var intern = await _app.Ok(_s["ks.reg"], new SkickaVidareInternt.Command(registered.ArendeId, [_s.Sf, _s.Sof]));
        await _app.Ok(_s["ks.reg"], new FireRemissTrigger.Command(intern.RemissId, "skicka_ut"));

        var annan = await _app.Send(_s["sf.reg"], new AterkallaExternRemiss.Command(registered.RemissId, "Fel avsändare."));
        var utanMotivering = await _app.Send(_s["ks.reg"], new AterkallaExternRemiss.Command(registered.RemissId, " "));
        var status = await _app.Ok(_s["ks.reg"], new AterkallaExternRemiss.Command(registered.RemissId, "Finansdepartementet har dragit tillbaka remissen."));

        var states = await _app.Query(db => db.Remisser.AsNoTracking().Where(r => r.Id == registered.RemissId || r.Id == intern.RemissId).Select(r => r.Status).ToListAsync());
        var svar = await _app.Query(db => db.Remissvar.AsNoTracking().Where(a => a.RemissId == registered.RemissId || a.RemissId == intern.RemissId).Select(a => a.Status).ToListAsync());
        var audit = await _app.Query(db => db.Handelser.AsNoTracking().Where(h => h.Action == "workflow.aterkalla").Select(h => h.ArendeId).ToListAsync());
        var again = await _app.Send(_s["ks.reg"], new AterkallaExternRemiss.Command(registered.RemissId, "En gång till."));

        Assert.Multiple(() =>
        {
            Assert.That(annan.Refusal!.Kind, Is.EqualTo(RefusalKind.NotFound));
            Assert.That(utanMotivering.Refusal!.Errors, Has.Member(new FieldError("Motivering", "Motivering måste fyllas i.")));
            Assert.That(status, Is.EqualTo("aterkallad"));
            Assert.That(states, Is.EqualTo(new[] { "aterkallad", "aterkallad" }));
            Assert.That(svar, Has.Count.EqualTo(3).And.All.EqualTo("aterkallad"));
            Assert.That(audit, Is.SupersetOf(new[] { registered.RemissId, registered.ArendeId, intern.RemissId }));
            Assert.That(again.Refusal, Is.Not.Null);
        });
    }
}
