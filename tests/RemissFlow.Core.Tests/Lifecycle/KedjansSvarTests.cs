using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Features.Kedja;
using RemissFlow.Core.Features.Organisationer;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Sammanstallning;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Lifecycle;

/// <summary>
/// Kommunstyrelsen's own answer drafted from the internal answers: an internal remiss with an answer in every state
/// (each ställningstagande, late, avstått, anstånd, missing), fetched into KS's TU, whose summary must say what the KS
/// matrix says, with the sammanställning as bilaga. Built once per provider; the tests only add TU versions.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
[Parallelizable(ParallelScope.Self)]
public sealed class KedjansSvarTests(DatabaseProvider provider)
{
    private static readonly DateOnly Internt = new(2026, 4, 24);
    private TestApp _app = null!;
    private Scenario _s = null!;
    private Guid _arende;
    private Guid _intern;
    private Guid _ku;
    private Guid _mi;
    private Actor _ksHl = null!;

    [OneTimeSetUp]
    public async Task Build()
    {
        _app = await TestApp.StartAsync(provider);
        _s = await Scenario.BuildAsync(_app);
        _ku = await _app.Ok(TestApp.Admin, new CreateOrganisation.Command("Kulturnämnden", OrganisationKind.Namnd, "KU", "Kulturförvaltningen", "ku@example.test"));
        _mi = await _app.Ok(TestApp.Admin, new CreateOrganisation.Command("Miljönämnden", OrganisationKind.Namnd, "MI", "Miljöförvaltningen", "mi@example.test"));
        var kuReg = await Person("ku.reg", _ku, Role.Registrator);
        var kuChef = await Person("ku.chef", _ku, Role.Forvaltningschef);
        _ksHl = await Person("ks.hl", _s.Ks, Role.Handlaggare);
        var fi = await _app.Ok(TestApp.Admin, CreateExternAvsandare.Command.WithStandardRule(
            "Finansdepartementet", ExternAvsandareTyp.Departement, "FI", "fi.remissvar@regeringskansliet.test", "Fi2026/00412", "103 33 Stockholm"));
        var registered = await _app.Ok(_s["ks.reg"], new RegisterExternRemiss.Command(fi, "Betänkandet En ny kommunallag för framtiden (SOU 2026:14)", "Fi2026/00412",
            new DateOnly(2026, 6, 12), new DateOnly(2026, 2, 27), new InkommenFil("remissbrev.pdf", Scenario.Pdf), [new InkommenFil("SOU 2026-14.pdf", Scenario.Pdf)]));
        _arende = registered.ArendeId;
        await _app.Ok(_s["ks.reg"], new AssignHandlaggare.Command(_arende, _ksHl.UserId!.Value));
        _intern = (await _app.Ok(_s["ks.reg"], new SkickaVidareInternt.Command(_arende, [_s.Sf, _s.Sof, _s.Extern, _ku, _s.Bolag, _mi], Internt))).RemissId;
        await _app.Ok(_s["ks.reg"], new FireRemissTrigger.Command(_intern, "skicka_ut"));
        var sfMeeting = await _s.MeetingAsync(_s.SfNamnd, new DateOnly(2026, 4, 14));
        var sofMeeting = await _s.MeetingAsync(_s.SofNamnd, new DateOnly(2026, 4, 27));

        Today(3, 10);
        var ku = await Svar(_ku);
        await _app.Ok(kuReg, new RegisterRemissvar.Command(ku));
        await _app.Ok(kuChef, new FireRemissvarTrigger.Command(ku, "avsta"));

        var bolag = await Svar(_s.Bolag);
        await _app.Ok(_s["bolag.reg"], new RegisterRemissvar.Command(bolag));
        await _app.Ok(_s["bolag.reg"], new RequestAnstand.Command(bolag, new DateOnly(2026, 5, 8), "Styrelsen sammanträder först i maj."));
        await _app.Ok(_s["ks.reg"], new DecideAnstand.Command(bolag, true, new DateOnly(2026, 5, 8), "Beviljas."));

        var sf = await Approved(_s.Sf, "sf", "Förvaltningen välkomnar en modernare kommunallag men vill se längre övergångstider.");
        var sof = await Approved(_s.Sof, "sof", "Förvaltningen delar utredningens bedömning.");
        await _app.Ok(_s["sf.sek"], new PlaceOnAgenda.Command(sf, sfMeeting));
        await _app.Ok(_s["sof.sek"], new PlaceOnAgenda.Command(sof, sofMeeting));
        Today(4, 14);
        await _app.Ok(_s["sf.sek"], new RecordBeslut.Command(sf, 12, "Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.", Standpunkt.TillstyrkerMedSynpunkter, OmedelbarJustering: true));
        await _app.Ok(_s["sf.sek"], new Justera.Command(sf, new DateOnly(2026, 4, 14), "Anna Ek"));
        await _app.Ok(_s["sf.sek"], new FireRemissvarTrigger.Command(sf, "lamna_in"));

        Today(4, 20);
        await _app.Ok(_s["ks.reg"], new RegisterExternalAnswer.Command(await Svar(_s.Extern), false, "yttrande-pro.pdf", Scenario.Pdf, Standpunkt.Avstyrker,
            "PRO avstyrker att nämnderna slås samman.\nÄldres inflytande måste säkras."));

        Today(4, 27);
        await _app.Ok(_s["sof.sek"], new RecordBeslut.Command(sof, 7, "Socialnämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.", Standpunkt.Tillstyrker));
        Today(4, 28);
        await _app.Ok(_s["sof.sek"], new Justera.Command(sof, new DateOnly(2026, 4, 28), "Bo Lund"));
        await _app.Ok(_s["sof.sek"], new FireRemissvarTrigger.Command(sof, "lamna_in"));

        // Miljönämnden never answers. KS's handläggare starts on the TU on 29 April.
        Today(4, 29);
        await _app.Ok(_ksHl, new FireRemissvarTrigger.Command(_arende, "paborja_beredning"));
    }

    [OneTimeTearDown]
    public async Task Stop() => await _app.DisposeAsync();

    [Test]
    public async Task The_summary_says_per_instans_what_the_matrix_says_and_the_beredning_who_answered_declined_or_did_not()
    {
        var matrix = (await _app.Get<RemissMatrixQuery>().ForRemissAsync(_intern))!;
        var kategori = matrix.Rows.ToDictionary(r => r.Instans, r => r.Kategori);
        var underlag = KedjansSvar.Underlag(matrix);
        var paragraphs = underlag.Arendet.Split("\n\n");

        Assert.That(kategori, Is.EquivalentTo(new Dictionary<string, SvarsKategori>
        {
            ["Servicenämnden"] = SvarsKategori.BesvaratITid,
            ["Socialnämnden"] = SvarsKategori.BesvaratSent,
            ["PRO Stockholms län"] = SvarsKategori.BesvaratITid,
            ["Kulturnämnden"] = SvarsKategori.Avstatt,
            ["Stockholm Vatten och Avfall AB"] = SvarsKategori.Anstand,
            ["Miljönämnden"] = SvarsKategori.Saknas,
        }), "the matrix the summary is held to");
        Assert.Multiple(() =>
        {
            Assert.That(paragraphs[0], Is.EqualTo("## Remissinstansernas svar"));
            Assert.That(paragraphs[1], Does.StartWith("Ärendet har remitterats internt under KS 2026/1 med svarsdatum 24 april 2026."));
            Assert.That(paragraphs.Skip(2), Is.EqualTo(new[]
            {
                "Servicenämnden (besvarat i tid): Tillstyrker med synpunkter. Förvaltningen välkomnar en modernare kommunallag men vill se längre övergångstider.",
                "Socialnämnden (besvarat sent (2 arbetsdagar)): Tillstyrker. Förvaltningen delar utredningens bedömning.",
                "PRO Stockholms län (besvarat i tid): Avstyrker. PRO avstyrker att nämnderna slås samman. Äldres inflytande måste säkras.",
                "Kulturnämnden (avstått): Avstår från att yttra sig.",
                "Stockholm Vatten och Avfall AB (anstånd till 8 maj 2026 (beviljat)): Har inte svarat.",
                "Miljönämnden (saknas (3 arbetsdagar efter svarsdatum)): Har inte svarat.",
            }).AsCollection, "one paragraph per matrix row, in the matrix's order");
            Assert.That(underlag.ArendetsBeredning, Is.EqualTo(
                "Ärendet har remitterats till Servicenämnden, Socialnämnden, PRO Stockholms län, Kulturnämnden, Stockholm Vatten och Avfall AB och Miljönämnden. " +
                "Av dessa har Servicenämnden, Socialnämnden och PRO Stockholms län svarat, Kulturnämnden avstått från att yttra sig och " +
                "Stockholm Vatten och Avfall AB och Miljönämnden inte svarat. Stockholm Vatten och Avfall AB har beviljats anstånd till 8 maj 2026. " +
                "Sammanställningen av remissvaren är bilaga till tjänsteutlåtandet."));
        });

        // Every matrix row is in the summary with its own words: a row the phrasing forgot would fail here.
        foreach (var row in matrix.Rows)
        {
            var line = paragraphs.Single(p => p.StartsWith(row.Instans + " (", StringComparison.Ordinal));
            Assert.That(line, Does.Contain(Labels.Status(row).ToLowerInvariant()));
            if (row.Kategori is SvarsKategori.BesvaratITid or SvarsKategori.BesvaratSent)
            {
                Assert.That(line, Does.Contain(Labels.Standpunkt(row.Standpunkt)));
                Assert.That(line, Does.Contain(row.Nyckelpunkter!.Split('\n')[0]));
            }
        }
    }

    [Test]
    public async Task Fetched_into_the_TU_as_a_new_version_with_the_sammanstallning_as_bilaga_and_fetching_again_keeps_the_handlaggares_own_text()
    {
        var first = await _app.Ok(_ksHl, new HamtaRemissvarenTillTu.Command(_arende, await Latest()));
        var v1 = await Version(first.Nummer);
        var bilagor = await _app.Query(db => db.Bilagor.AsNoTracking().Where(b => b.RemissvarId == _arende && b.Kind == BilagaKind.TjansteutlatandeBilaga).ToListAsync());
        var stored = _app.Get<RemissFlow.Core.Files.FileStore>().Read(bilagor.Single().Sha256)!;

        Assert.Multiple(() =>
        {
            Assert.That(v1.Arendet, Does.StartWith("## Remissinstansernas svar"));
            Assert.That(v1.ArendetsBeredning, Does.StartWith("Ärendet har remitterats till Servicenämnden"));
            Assert.That(v1.Bakgrund, Does.Contain("Finansdepartementet har remitterat"));
            Assert.That((bilagor.Single().FileName, bilagor.Single().Rubrik), Is.EqualTo(("sammanstallning-KS-2026-1.pdf", (string?)"Sammanställning av remissvaren")));
            Assert.That(System.Text.Encoding.ASCII.GetString(stored, 0, 5), Is.EqualTo("%PDF-"));
        });

        // The handläggare writes her own text above the summary and edits it as any section.
        await _app.Ok(_ksHl, new SaveTjansteutlatande.Command(_arende, first.Nummer, v1.Rubrik!, v1.ForslagTillBeslut, "Kommunen tillstyrker i huvudsak.", v1.Bakgrund,
            "Utredningen föreslår en ny kommunallag.\n\n" + v1.Arendet.Replace("Har inte svarat.", "Har inte svarat trots påminnelse.", StringComparison.Ordinal),
            v1.ArendetsBeredning, "Förvaltningen instämmer med nämnderna."));
        var again = await _app.Ok(_ksHl, new HamtaRemissvarenTillTu.Command(_arende, first.Nummer + 1));
        var v3 = await Version(again.Nummer);
        var bilagorEfter = await _app.Query(db => db.Bilagor.AsNoTracking().CountAsync(b => b.RemissvarId == _arende && b.Kind == BilagaKind.TjansteutlatandeBilaga));
        var document = await _app.Get<RemissFlow.Core.Documents.DocumentModelFactory>().TjansteutlatandeAsync(_arende, again.Nummer, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(v3.Arendet, Does.StartWith("Utredningen föreslår en ny kommunallag.\n\n## Remissinstansernas svar"));
            Assert.That(v3.Arendet, Does.Not.Contain("trots påminnelse"), "the summary is fetched afresh from the matrix");
            Assert.That((v3.Sammanfattning, v3.Synpunkter), Is.EqualTo(("Kommunen tillstyrker i huvudsak.", "Förvaltningen instämmer med nämnderna.")));
            Assert.That(bilagorEfter, Is.EqualTo(1), "one current sammanställning, not one per fetch");
            Assert.That(document.Bilagor, Has.Member("Sammanställning av remissvaren"));
        });
    }

    [Test]
    public async Task Refused_for_an_arende_not_sent_on_for_someone_else_and_for_a_stale_version_writing_nothing()
    {
        var fi = await _app.Query(db => db.Organisationer.AsNoTracking().Where(o => o.AvsandareTyp != null).Select(o => o.Id).SingleAsync());
        var annat = await _app.Ok(_s["ks.reg"], new RegisterExternRemiss.Command(fi, "Promemorian Ett enklare regelverk (Ds 2026:3)", "Fi2026/00500",
            new DateOnly(2026, 8, 28), new DateOnly(2026, 4, 29), new InkommenFil("remissbrev.pdf", Scenario.Pdf), [new InkommenFil("Ds 2026-3.pdf", Scenario.Pdf)]));
        var before = await _app.Query(db => db.TjansteutlatandeVersioner.CountAsync());

        var ejVidare = await _app.Send(_ksHl, new HamtaRemissvarenTillTu.Command(annat.ArendeId, null));
        var annanOrg = await _app.Send(TestApp.As(_s.Sf, Role.Handlaggare), new HamtaRemissvarenTillTu.Command(_arende, await Latest()));
        var inaktuell = await _app.Send(_ksHl, new HamtaRemissvarenTillTu.Command(_arende, (await Latest() ?? 0) + 5));

        Assert.Multiple(() =>
        {
            Assert.That(ejVidare.Refusal!.Message, Is.EqualTo("Ärendet har inte skickats vidare internt, så det finns inga remissvar att hämta."));
            Assert.That(annanOrg.Refusal!.Kind, Is.EqualTo(RefusalKind.NotFound));
            Assert.That(inaktuell.Refusal!.Kind, Is.EqualTo(RefusalKind.Conflict));
        });
        Assert.That(await _app.Query(db => db.TjansteutlatandeVersioner.CountAsync()), Is.EqualTo(before));
    }

    private async Task<int?> Latest() => await _app.Query(db => db.TjansteutlatandeVersioner.AsNoTracking()
        .Where(v => db.Tjansteutlatanden.Any(t => t.Id == v.TjansteutlatandeId && t.RemissvarId == _arende)).MaxAsync(v => (int?)v.Nummer));

    private async Task<TjansteutlatandeVersion> Version(int nummer) => await _app.Query(db => db.TjansteutlatandeVersioner.AsNoTracking()
        .SingleAsync(v => v.Nummer == nummer && db.Tjansteutlatanden.Any(t => t.Id == v.TjansteutlatandeId && t.RemissvarId == _arende)));

    private void Today(int month, int day) => _app.Clock.Set(new DateTimeOffset(2026, month, day, 9, 0, 0, TimeSpan.FromHours(month is >= 4 and <= 10 ? 2 : 1)));

    private async Task<Guid> Svar(Guid instans) => (await _s.SvarAsync(_intern, instans)).Id;

    private async Task<Actor> Person(string key, Guid organisation, Role role)
    {
        var id = await _app.Ok(TestApp.Admin, new CreateUser.Command($"{key}@example.test", $"Person {key}", organisation, [role], "Remissarbete-2026"));
        return new Actor(id, $"Person {key}", organisation, new HashSet<Role> { role });
    }

    private async Task<Guid> Approved(Guid instans, string who, string sammanfattning)
    {
        Today(3, 16);
        var svar = await Svar(instans);
        await _app.Ok(_s[$"{who}.reg"], new RegisterRemissvar.Command(svar));
        await _app.Ok(_s[$"{who}.reg"], new AssignHandlaggare.Command(svar, _s[$"{who}.hl"].UserId!.Value));
        await _app.Ok(_s[$"{who}.hl"], new FireRemissvarTrigger.Command(svar, "paborja_beredning"));
        await _app.Ok(_s[$"{who}.hl"], new SaveTjansteutlatande.Command(svar, null, "Remiss av En ny kommunallag", "1. Nämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.",
            sammanfattning, "Kommunstyrelsen har remitterat betänkandet.", "Betänkandet föreslår en ny kommunallag.", null, "Förvaltningen har inga invändningar."));
        var org = await _app.Query(db => db.Organisationer.AsNoTracking().SingleAsync(o => o.Id == instans));
        foreach (var organ in org.BeredningOrgan)
        {
            await _app.Ok(_s[$"{who}.hl"], new RecordBeredning.Command(svar, organ, new DateOnly(2026, 3, 16)));
        }

        await _app.Ok(_s[$"{who}.hl"], new FireRemissvarTrigger.Command(svar, "skicka_till_forvaltningschef"));
        await _app.Ok(_s[$"{who}.chef"], new FireRemissvarTrigger.Command(svar, "godkann"));
        return svar;
    }
}
