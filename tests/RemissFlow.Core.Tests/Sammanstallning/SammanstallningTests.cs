using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PdfSharp.Pdf.IO;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Features.Organisationer;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Sammanstallning;
using RemissFlow.Core.Sammanstallning.Charts;
using RemissFlow.Core.Tests.Documents;
using RemissFlow.Core.Tests.Lifecycle;
using RemissFlow.Core.Tests.Support;
using RemissFlow.Documents;
using RemissFlow.Documents.Models;
using RemissFlow.Workflows.Runtime;
using Scenario = RemissFlow.Core.Tests.Lifecycle.Scenario;

namespace RemissFlow.Core.Tests.Sammanstallning;

/// <summary>
/// One remiss with an answer in every outcome — on time, late, avstått, anstånd, missing, an outside organisation's
/// uploaded PDF — driven through the real use cases, then compiled in every format. Built once per provider;
/// tests that change state only add to it and measure deltas.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.Both))]
[Parallelizable(ParallelScope.Self)] // Beside other fixtures (own app and database); its tests one at a time, as they share its data.
public sealed class SammanstallningTests(DatabaseProvider provider)
{
    private const string DraftSecret = "HEMLIGT UTKAST om bolagets investeringsplan";
    private const string AnstandSecret = "INTERN MOTIVERING styrelsen är sjukskriven";
    private static readonly DateOnly Svarsdatum = new(2026, 4, 24);

    private TestApp _app = null!;
    private Scenario _s = null!;
    private Guid _remiss;
    private Guid _ku;
    private Guid _funk;
    private Actor _kuReg = null!;
    private Actor _kuChef = null!;

    [OneTimeSetUp]
    public async Task Build()
    {
        _app = await TestApp.StartAsync(provider, smtp: new RemissFlow.Core.Notifications.SmtpOptions("localhost", 2525, "remissflow@example.test"));
        _s = await Scenario.BuildAsync(_app);
        _ku = await _app.Ok(TestApp.Admin, new CreateOrganisation.Command("Kulturnämnden", OrganisationKind.Namnd, "KU", "Kulturförvaltningen", "ku@example.test"));
        _funk = await _app.Ok(TestApp.Admin, new CreateOrganisation.Command("Funktionsrätt Stockholms stad", OrganisationKind.ExternOrganisation, "FRS", ContactEmail: "frs@example.test"));
        _kuReg = await Person("ku.reg", _ku, Role.Registrator);
        _kuChef = await Person("ku.chef", _ku, Role.Forvaltningschef);
        var sfMeeting = await _s.MeetingAsync(_s.SfNamnd, new DateOnly(2026, 4, 14));
        var sofMeeting = await _s.MeetingAsync(_s.SofNamnd, new DateOnly(2026, 4, 27));
        _remiss = await _s.SendRemissAsync(Svarsdatum, _s.Sf, _s.Sof, _s.Bolag, _s.Extern, _ku, _funk);

        // Kulturnämnden declines early.
        Today(3, 10);
        var ku = await Svar(_ku);
        await _app.Ok(_kuReg, new RegisterRemissvar.Command(ku));
        await _app.Ok(_kuChef, new FireRemissvarTrigger.Command(ku, "avsta"));

        // The bolag drafts (a draft that must never leave the house) and asks for an anstånd, which KS grants.
        var bolag = await Svar(_s.Bolag);
        await _app.Ok(_s["bolag.reg"], new RegisterRemissvar.Command(bolag));
        await _app.Ok(_s["bolag.reg"], new AssignHandlaggare.Command(bolag, _s["bolag.hl"].UserId!.Value));
        await _app.Ok(_s["bolag.hl"], new FireRemissvarTrigger.Command(bolag, "paborja_beredning"));
        await _app.Ok(_s["bolag.hl"], Tu(bolag, DraftSecret));
        await _app.Ok(_s["bolag.reg"], new RequestAnstand.Command(bolag, new DateOnly(2026, 5, 15), AnstandSecret));
        await _app.Ok(_s["ks.reg"], new DecideAnstand.Command(bolag, true, new DateOnly(2026, 5, 15), "Beviljas."));

        // Servicenämnden answers on time; Socialnämnden's meeting falls after svarsdatum, so it is two working days late.
        var sf = await Approved(_s.Sf, "sf");
        var sof = await Approved(_s.Sof, "sof");
        await _app.Ok(_s["sf.sek"], new PlaceOnAgenda.Command(sf, sfMeeting));
        await _app.Ok(_s["sof.sek"], new PlaceOnAgenda.Command(sof, sofMeeting));
        Today(4, 14);
        await _app.Ok(_s["sf.sek"], new RecordBeslut.Command(sf, 12, "Servicenämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.", Standpunkt.TillstyrkerMedSynpunkter, OmedelbarJustering: true));
        await _app.Ok(_s["sf.sek"], new Justera.Command(sf, new DateOnly(2026, 4, 14), "Anna Ek"));
        await _app.Ok(_s["sf.sek"], new FireRemissvarTrigger.Command(sf, "lamna_in"));

        // PRO uploads its answer as a PDF on time.
        Today(4, 20);
        await _app.Ok(_s["ks.reg"], new RegisterExternalAnswer.Command(await Svar(_s.Extern), false, "yttrande-pro.pdf", ExternalPdf(), Standpunkt.Avstyrker, "PRO avstyrker förslaget om avgifter."));

        Today(4, 27);
        await _app.Ok(_s["sof.sek"], new RecordBeslut.Command(sof, 7, "Socialnämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.", Standpunkt.Tillstyrker));
        Today(4, 28);
        await _app.Ok(_s["sof.sek"], new Justera.Command(sof, new DateOnly(2026, 4, 28), "Bo Lund"));
        await _app.Ok(_s["sof.sek"], new FireRemissvarTrigger.Command(sof, "lamna_in"));

        // Funktionsrätt never answers. KS looks on 29 April.
        Today(4, 29);
    }

    [OneTimeTearDown]
    public async Task Stop() => await _app.DisposeAsync();

    [Test]
    public async Task Every_outcome_is_counted_as_the_matrix_counts_it()
    {
        var m = await Matrix();
        var byInstans = m.Rows.ToDictionary(r => r.Instans);

        Assert.Multiple(() =>
        {
            Assert.That(byInstans["Servicenämnden"].Kategori, Is.EqualTo(SvarsKategori.BesvaratITid));
            Assert.That((byInstans["Socialnämnden"].Kategori, byInstans["Socialnämnden"].ForsenadArbetsdagar), Is.EqualTo((SvarsKategori.BesvaratSent, (int?)2)));
            Assert.That(byInstans["Kulturnämnden"].Kategori, Is.EqualTo(SvarsKategori.Avstatt));
            Assert.That(byInstans["Stockholm Vatten och Avfall AB"].Anstand, Is.EqualTo(new AnstandInfo(new DateOnly(2026, 5, 15), true)));
            Assert.That(byInstans["PRO Stockholms län"].Kategori, Is.EqualTo(SvarsKategori.BesvaratITid));
            Assert.That(byInstans["PRO Stockholms län"].Filer.Single().FileName, Is.EqualTo("yttrande-pro.pdf"));
            Assert.That((byInstans["Funktionsrätt Stockholms stad"].Kategori, byInstans["Funktionsrätt Stockholms stad"].ForsenadArbetsdagar), Is.EqualTo((SvarsKategori.Saknas, (int?)3)));
            Assert.That(byInstans["Servicenämnden"].Nyckelpunkter, Is.EqualTo("Förvaltningen välkomnar handlingsplanen."));
            Assert.That(byInstans["Stockholm Vatten och Avfall AB"].Nyckelpunkter, Is.Null, "an open answer shows no key points, not even its draft's");
        });

        var s = m.Summary;
        Assert.That((s.Antal, s.BesvaratITid, s.BesvaratSent, s.Avstatt, s.Anstand, s.Saknas, s.Aterkallad), Is.EqualTo((6, 2, 1, 1, 1, 1, 0)));
        Assert.That((s.ITid, s.Forfallna, s.AndelITid), Is.EqualTo((3, 5, (double?)0.6)));

        // The sender's overview across remisser counts the same rows the same way.
        var overview = await Scoped<RemissMatrixQuery, IReadOnlyList<RemissMatrix>>(q => q.ForAvsandareAsync(_s.Ks));
        Assert.That(overview.Single(x => x.Remiss.Id == _remiss).Summary, Is.EqualTo(s));
        var viaMediator = await _app.Ok(_s["ks.sam"], new VisaRemissMatrix.Query(_remiss));
        Assert.That(viaMediator.Summary, Is.EqualTo(s));
        var foreign = await _app.Send(_s["sf.reg"], new VisaRemissMatrix.Query(_remiss));
        Assert.That(foreign.Refusal!.Kind, Is.EqualTo(RefusalKind.Forbidden));
    }

    [Test]
    public async Task Pdf_has_the_table_contents_every_answer_bookmarks_and_passes_qpdf()
    {
        var pdf = (await Export(SammanstallningFormat.Pdf)).Content;
        var text = PdfText.Flat(pdf);

        foreach (var instans in new[] { "Servicenämnden", "Socialnämnden", "Kulturnämnden", "Stockholm Vatten och Avfall AB", "PRO Stockholms län", "Funktionsrätt Stockholms stad" })
        {
            Assert.That(text, Does.Contain(instans));
        }

        Assert.That(text, Does.Contain("Sammanställning av remissvar"));
        Assert.That(text, Does.Contain("Besvarat sent (2 arbetsdagar)"));
        Assert.That(text, Does.Contain("Anstånd till 15 maj 2026 (beviljat)"));
        Assert.That(text, Does.Contain("Andel svar i tid: 60 %"));
        Assert.That(text, Does.Contain("Sida 1 (").And.Contain("Innehåll"));
        Assert.That(text, Does.Contain("Tjänsteutlåtande SF 2026/1").And.Contain("Protokollsutdrag SOF 2026/1"));
        Assert.That(text, Does.Contain("Inlämnat svar: yttrande-pro.pdf"));
        Assert.That(text, Does.Contain("Förvaltningens förslag till beslut"), "the TUs are there in full");
        Assert.That(text, Does.Not.Contain(DraftSecret));
        Assert.That(Regex.Count(text, "Sida 1 \\("), Is.GreaterThanOrEqualTo(6), "cover, 2 TU, 2 utdrag and the uploaded letter each start at page 1");

        Qpdf.AssertClean(pdf);
        using var doc = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Modify);
        var top = doc.Outlines.Select(o => o.Title).ToList();
        Assert.That(top, Is.EqualTo(new[] { "Sammanställning", "Servicenämnden", "Socialnämnden", "PRO Stockholms län" }));
        Assert.That(doc.Outlines[1].Outlines.Select(o => o.Title), Is.EqualTo(new[] { "Tjänsteutlåtande SF 2026/1", "Protokollsutdrag SF 2026/1" }));
        Assert.That(doc.Language, Is.EqualTo("sv-SE"));
    }

    [Test]
    public async Task Excel_has_one_filterable_row_per_instans_with_real_dates()
    {
        var xlsx = (await Export(SammanstallningFormat.Xlsx)).Content;
        using var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var sheet = doc.WorkbookPart!.Workbook.Descendants<Sheet>().First();
        Assert.That(sheet.Name!.Value, Is.EqualTo("Sammanställning"));
        var ws = ((WorksheetPart)doc.WorkbookPart.GetPartById(sheet.Id!)).Worksheet;
        var rows = ws.Descendants<Row>().ToList();
        Assert.That(rows, Has.Count.EqualTo(7), "header + six instanser");
        Assert.That(ws.Descendants<AutoFilter>().Single().Reference!.Value, Is.EqualTo("A1:L7"));

        string Cell(Row r, int col) => r.Elements<Cell>().FirstOrDefault(c => c.CellReference!.Value == SammanstallningXlsx.ColumnName(col) + r.RowIndex!.Value) is { } c
            ? c.InlineString?.InnerText ?? c.CellValue?.Text ?? "" : "";
        Assert.That(Cell(rows[0], 0), Is.EqualTo("Remissinstans"));
        var sof = rows.Single(r => Cell(r, 0) == "Socialnämnden");
        Assert.That(Cell(sof, 3), Is.EqualTo("Besvarat sent"));
        Assert.That(Cell(sof, 4), Is.EqualTo("2"));
        var svarsdatumCell = sof.Elements<Cell>().Single(c => c.CellReference!.Value == $"G{sof.RowIndex!.Value}");
        Assert.That(DateTime.FromOADate(double.Parse(svarsdatumCell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(new DateTime(2026, 4, 24)));
        Assert.That(svarsdatumCell.StyleIndex!.Value, Is.EqualTo(1u), "styled with the yyyy-mm-dd number format");
    }

    [Test]
    public async Task Csv_round_trips_with_bom_and_semicolons()
    {
        var csv = (await Export(SammanstallningFormat.Csv)).Content;
        Assert.That(csv.Take(3), Is.EqualTo(Encoding.UTF8.GetPreamble()));
        var records = Csv.Parse(Encoding.UTF8.GetString(csv, 3, csv.Length - 3));
        var m = await Matrix();

        Assert.That(records[0], Is.EqualTo(SammanstallningTable.Columns.Select(c => c.Header)));
        Assert.That(records.Count - 1, Is.EqualTo(m.Rows.Count));
        for (var i = 0; i < m.Rows.Count; i++)
        {
            Assert.That(records[i + 1], Is.EqualTo(SammanstallningTable.Columns.Select(c => SammanstallningTable.Text(c.Value(m.Rows[i])))));
        }

        Assert.That(SammanstallningTable.Field("a;b \"c\"\nd"), Is.EqualTo("\"a;b \"\"c\"\"\nd\""));
        Assert.That(Csv.Parse(SammanstallningTable.Field("a;b \"c\"\nd") + "\r\n")[0].Single(), Is.EqualTo("a;b \"c\"\nd"));
        Assert.That(SammanstallningTable.Field("=HYPERLINK(\"x\")"), Does.StartWith("\"'="), "a formula is defused");
    }

    [Test]
    public async Task Zip_manifest_names_every_entry_with_its_sha256_and_size()
    {
        var zip = (await Export(SammanstallningFormat.Zip)).Content;
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var manifestEntry = archive.GetEntry(SammanstallningExporter.ManifestName)!;
        string manifestText;
        using (var reader = new StreamReader(manifestEntry.Open(), Encoding.UTF8))
        {
            manifestText = reader.ReadToEnd();
        }

        var lines = Csv.Parse(manifestText).Skip(1).ToList();

        var others = archive.Entries.Where(e => e.FullName != SammanstallningExporter.ManifestName).ToList();
        Assert.That(lines.Select(l => l[0]), Is.EquivalentTo(others.Select(e => e.FullName)));
        foreach (var line in lines)
        {
            using var ms = new MemoryStream();
            using (var s = archive.GetEntry(line[0])!.Open())
            {
                s.CopyTo(ms);
            }

            Assert.That(line[1], Is.EqualTo(Convert.ToHexString(SHA256.HashData(ms.ToArray())).ToLowerInvariant()), line[0]);
            Assert.That(long.Parse(line[2], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(ms.Length), line[0]);
        }

        // 2 TU + 2 utdrag + the uploaded PDF + the CSV.
        Assert.That(others, Has.Count.EqualTo(6));
        Assert.That(others.Select(e => e.FullName), Has.Some.EndsWith("/yttrande-pro.pdf"));
        var uploaded = await _app.Query(db => db.Bilagor.AsNoTracking().SingleAsync(b => b.FileName == "yttrande-pro.pdf"));
        Assert.That(lines.Single(l => l[0].EndsWith("/yttrande-pro.pdf", StringComparison.Ordinal))[1], Is.EqualTo(uploaded.Sha256));
    }

    [Test]
    public async Task Word_has_the_table_and_every_composed_answer()
    {
        var docx = (await Export(SammanstallningFormat.Docx)).Content;
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var text = doc.MainDocumentPart!.Document.Body!.InnerText;
        Assert.That(text, Does.Contain("Sammanställning av remissvar").And.Contain("Funktionsrätt Stockholms stad"));
        Assert.That(text, Does.Contain("Svar från Servicenämnden").And.Contain("Svar från Socialnämnden"));
        Assert.That(text, Does.Contain("Förvaltningens synpunkter"));
        Assert.That(text, Does.Contain("yttrande-pro.pdf"));
    }

    [Test]
    public async Task Key_points_edit_is_for_ks_only_and_logged_with_before_and_after()
    {
        var sf = await Svar(_s.Sf);
        var forbidden = await _app.Send(_s["sf.chef"], new EditNyckelpunkter.Command(sf, "Egen text"));
        Assert.That(forbidden.Refusal!.Kind, Is.EqualTo(RefusalKind.Forbidden));
        var open = await _app.Send(_s["ks.sam"], new EditNyckelpunkter.Command(await Svar(_funk), "Inget svar"));
        Assert.That(open.Refusal!.Message, Is.EqualTo("Nyckelpunkter kan bara ändras för en instans som har svarat."));

        await _app.Ok(_s["ks.sam"], new EditNyckelpunkter.Command(sf, "Positiv; vill se tydligare indikatorer för lokalförsörjning."));

        var m = await Matrix();
        Assert.That(m.Rows.Single(r => r.RemissvarId == sf).Nyckelpunkter, Is.EqualTo("Positiv; vill se tydligare indikatorer för lokalförsörjning."));
        var h = await _app.Query(db => db.Handelser.AsNoTracking().Where(x => x.ArendeId == sf && x.Action == "sammanstallning.nyckelpunkter_andrade").ToListAsync());
        Assert.That(h.Single().Before, Does.Contain("Förvaltningen välkomnar handlingsplanen."));
        Assert.That(h.Single().After, Does.Contain("tydligare indikatorer"));
        Assert.That(PdfText.Flat((await Export(SammanstallningFormat.Pdf)).Content), Does.Contain("tydligare indikatorer"));
    }

    [Test]
    public async Task Bulk_reminders_queue_one_message_and_one_audit_event_per_missing_instans_and_refuse_answered_ones()
    {
        var funk = await Svar(_funk);
        var bolag = await Svar(_s.Bolag);
        var sf = await Svar(_s.Sf);
        var outboxBefore = await _app.Query(db => db.UtgaendeEpost.CountAsync());

        var refused = await _app.Send(_s["ks.sam"], new SendPaminnelser.Command(_remiss, [funk, sf]));
        Assert.That(refused.Refusal!.Message, Is.EqualTo("Servicenämnden har redan svarat och får ingen påminnelse."));
        Assert.That(await _app.Query(db => db.UtgaendeEpost.CountAsync()), Is.EqualTo(outboxBefore));
        Assert.That((await _app.Send(_s["ks.reg"], new SendPaminnelser.Command(_remiss, [funk]))).Refusal!.Kind, Is.EqualTo(RefusalKind.Forbidden));

        var sent = await _app.Ok(_s["ks.sam"], new SendPaminnelser.Command(_remiss, [funk, bolag]));

        Assert.That(sent.Select(x => x.Epost), Is.EqualTo(new[] { "frs@example.test", "svoa@example.test" }));
        var mail = await _app.Query(db => db.UtgaendeEpost.AsNoTracking().OrderBy(x => x.Id).Skip(outboxBefore).ToListAsync());
        Assert.That(mail.Select(x => x.Till), Is.EquivalentTo(new[] { "frs@example.test", "svoa@example.test" }));
        Assert.That(mail.All(x => x.Rubrik.StartsWith("Påminnelse: KS 2026/", StringComparison.Ordinal)), Is.True);
        Assert.That(mail.Single(x => x.Till == "svoa@example.test").Text, Does.Contain("15 maj 2026"), "the letter names the extended date");
        foreach (var id in new[] { funk, bolag })
        {
            var events = await _app.Query(db => db.Handelser.AsNoTracking().Where(h => h.ArendeId == id && h.Action == "paminnelse.skickad").ToListAsync());
            Assert.That(events, Has.Count.GreaterThanOrEqualTo(1));
            Assert.That(events[^1].After, Does.Contain(sent.Single(x => x.RemissvarId == id).Sha256));
        }

        var notices = await _app.Query(db => db.Notiser.AsNoTracking().Where(n => n.ArendeId == bolag && n.Rubrik.StartsWith("Påminnelse")).Select(n => n.UserId).ToListAsync());
        Assert.That(notices, Is.SupersetOf(new[] { _s["bolag.reg"].UserId!.Value, _s["bolag.sek"].UserId!.Value }));
    }

    [Test]
    public async Task Charts_are_accessible_svg_with_the_numbers_of_the_matrix()
    {
        var data = (await Scoped<ChartQueries, CumulativeAnswersData?>(q => q.CumulativeAnswersAsync(_remiss)))!;
        var chart = SvgChart.CumulativeAnswers(data);
        var svg = AssertAccessibleSvg(chart);
        Assert.That(svg.Descendants(Svg("circle")).Count(), Is.EqualTo(4), "one point per given answer");
        Assert.That(chart.Table.Rows[^1][^1], Is.EqualTo("4"));

        var (rates, from, to) = await Scoped<ChartQueries, (IReadOnlyList<InstansRate>, DateOnly, DateOnly)>(q => q.OnTimeRatePerInstansAsync(_s.Ks));
        var rateChart = SvgChart.OnTimeRatePerInstans(rates, from, to);
        Assert.That(AssertAccessibleSvg(rateChart).Descendants(Svg("rect")).Count(r => (string?)r.Attribute("class") == "stapel"), Is.EqualTo(rates.Count));
        Assert.That(rates.Single(r => r.Instans == "Socialnämnden"), Is.EqualTo(new InstansRate("Socialnämnden", 0, 1)));

        var weeks = await Scoped<ChartQueries, IReadOnlyList<WeekBucket>>(q => q.OpenRemisserByWeeksAsync(_s.Ks));
        var weekSvg = AssertAccessibleSvg(SvgChart.OpenRemisserByWeeks(weeks, new DateOnly(2026, 4, 29)));
        Assert.That(weekSvg.Descendants(Svg("rect")).Count(r => (string?)r.Attribute("class") == "stapel"), Is.EqualTo(10));
        Assert.That(weeks[0].Remisser, Does.Contain("KS 2026/1"), "past svarsdatum");

        var timeline = (await Scoped<ChartQueries, NamndTimelineData?>(q => q.NamndTimelineAsync(_s.Bolag)))!;
        Assert.That(AssertAccessibleSvg(SvgChart.NamndTimeline(timeline)).Descendants(Svg("rect")).Count(r => (string?)r.Attribute("class") == "remissvar"), Is.EqualTo(timeline.Items.Count));
        Assert.That(timeline.Items, Has.Count.EqualTo(1));

        var hostile = SvgChart.OpenRemisserByWeeks([new WeekBucket("<script>alert(1)</script> & \"x\"", ["KS 1/1"])], new DateOnly(2026, 1, 1));
        var parsed = AssertAccessibleSvg(hostile);
        Assert.That(parsed.Descendants(Svg("script")), Is.Empty);
        Assert.That(hostile.Svg, Does.Contain("&lt;script&gt;"));
    }

    [Test]
    public async Task Public_record_shows_only_what_is_public()
    {
        var query = (Func<Task<PublicRemiss?>>)(() => Scoped<PublicRemissQuery, PublicRemiss?>(q => q.GetAsync(_remiss)));
        var before = (await query())!;
        var json = JsonSerializer.Serialize(before);

        Assert.That(before.Remisslista, Has.Count.EqualTo(6));
        Assert.That(before.Svar.Select(x => x.Instans), Is.EquivalentTo(new[] { "Servicenämnden", "Socialnämnden", "Kulturnämnden", "PRO Stockholms län" }));
        Assert.That(before.Sammanstallning, Is.Null, "not until KS publishes it");
        Assert.That(json, Does.Not.Contain(DraftSecret).And.Not.Contain(AnstandSecret).And.Not.Contain("Beviljas."));
        Assert.That(before.Svar.Single(x => x.Instans == "Servicenämnden").Dokument.Select(d => d.Id), Has.Some.StartsWith("tu-").And.Some.StartsWith("utdrag-"));

        var bolag = await Svar(_s.Bolag);
        using (var scope = _app.Services.CreateScope())
        {
            var q = scope.ServiceProvider.GetRequiredService<PublicRemissQuery>();
            Assert.That(await q.DocumentAsync(_remiss, $"tu-{bolag:N}"), Is.Null, "an unanswered instans's draft is not served by a guessed id");
            Assert.That(await q.DocumentAsync(_remiss, PublicRemissQuery.SammanstallningDocumentId), Is.Null);
            var tu = await q.DocumentAsync(_remiss, before.Svar.Single(x => x.Instans == "Servicenämnden").Dokument[0].Id);
            Assert.That(PdfText.Flat(tu!.Content), Does.Contain("Tjänsteutlåtande"));
        }

        Assert.That((await _app.Send(_s["ks.reg"], new PublishSammanstallning.Command(_remiss))).Refusal!.Kind, Is.EqualTo(RefusalKind.Forbidden));
        await _app.Ok(_s["ks.sam"], new PublishSammanstallning.Command(_remiss));
        Assert.That((await _app.Send(_s["ks.sam"], new PublishSammanstallning.Command(_remiss))).Refusal!.Message, Is.EqualTo("Sammanställningen är redan publicerad."));

        var after = (await query())!;
        Assert.That(after.Sammanstallning!.Rader, Has.Count.EqualTo(6));
        Assert.That(after.Sammanstallning.Summering.Antal, Is.EqualTo(6));
        Assert.That(JsonSerializer.Serialize(after), Does.Not.Contain(DraftSecret).And.Not.Contain(AnstandSecret));
        Assert.That(await _app.Query(db => db.Handelser.CountAsync(h => h.ArendeId == _remiss && h.Action == "sammanstallning.publicerad")), Is.EqualTo(1));

        var draft = await _app.Ok(_s["ks.reg"], new CreateRemiss.Command("Utkast som ingen ska se", null, StockholmTime.Today(_app.Clock).AddDays(30)));
        Assert.That(await Scoped<PublicRemissQuery, PublicRemiss?>(q => q.GetAsync(draft.Id)), Is.Null);
    }

    [Test]
    public async Task Cli_writes_every_format_by_extension_and_refuses_unknown_ones()
    {
        var env = new RemissFlow.Cli.CliEnvironment(
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres",
                ["ConnectionStrings:RemissFlow"] = _app.Database.Options.ConnectionString,
                ["RemissFlow:DataDirectory"] = _app.Database.DataDirectory,
                ["RemissFlow:WorkflowsDirectory"] = RepoPaths.Workflows,
                ["RemissFlow:TemplatesDirectory"] = RepoPaths.Templates,
            }).Build(),
            _app.Clock);
        var dnr = await _app.Query(db => db.Remisser.Where(r => r.Id == _remiss).Select(r => r.Dnr).SingleAsync());
        var dir = Directory.CreateTempSubdirectory("rf-samman-cli-");
        try
        {
            foreach (var ext in new[] { "pdf", "docx", "xlsx", "csv", "zip" })
            {
                var file = Path.Combine(dir.FullName, "s." + ext);
                var run = await RemissFlow.Core.Tests.Cli.CliRun.Of(env, "sammanstallning", dnr, "--out", file);
                Assert.That(run.Exit, Is.Zero, run.ToString());
                Assert.That(new FileInfo(file).Length, Is.GreaterThan(100), ext);
            }

            var bad = await RemissFlow.Core.Tests.Cli.CliRun.Of(env, "sammanstallning", dnr, "--out", Path.Combine(dir.FullName, "s.txt"));
            Assert.That((bad.Exit, bad.Err.Trim()), Is.EqualTo((2, "fel: okänt utdataformat \".txt\"; använd .pdf, .docx, .xlsx, .csv eller .zip")));
            var missing = await RemissFlow.Core.Tests.Cli.CliRun.Of(env, "sammanstallning", "KS 2099/9", "--out", Path.Combine(dir.FullName, "x.pdf"));
            Assert.That((missing.Exit, missing.Err.Trim()), Is.EqualTo((1, "fel: ingen remiss har diarienummer KS 2099/9")));

            var bench = await RemissFlow.Core.Tests.Cli.CliRun.Of(env, "sammanstallning", "bench", "--svar", "2", "--varv", "1");
            Assert.That(bench.Exit, Is.Zero, bench.ToString());
            // 2 × (4 + 1) answer pages after the sammanställning's own one or two pages.
            Assert.That(bench.Out, Does.Match(@"^Sammanställning av 2 svar \(TU 4 sidor \+ utdrag 1 sida per svar\): 1[12] sidor"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static XName Svg(string local) => XName.Get(local, "http://www.w3.org/2000/svg");

    private static XElement AssertAccessibleSvg(SvgChartResult chart)
    {
        var root = XDocument.Parse(chart.Svg).Root!;
        Assert.That(root.Name, Is.EqualTo(Svg("svg")));
        Assert.That((string?)root.Attribute("role"), Is.EqualTo("img"));
        Assert.That(root.Element(Svg("title"))!.Value, Is.EqualTo(chart.Title));
        Assert.That(root.Element(Svg("desc"))!.Value, Is.EqualTo(chart.Description));
        Assert.That(root.Descendants(Svg("script")), Is.Empty);
        Assert.That(chart.Table.Rows.All(r => r.Count == chart.Table.Columns.Count), Is.True);
        return root;
    }

    private async Task<RemissMatrix> Matrix() => (await Scoped<RemissMatrixQuery, RemissMatrix?>(q => q.ForRemissAsync(_remiss)))!;

    private Task<RemissFlow.Core.Documents.RenderedDocument> Export(SammanstallningFormat format) =>
        _app.Ok(_s["ks.sam"], new ExportSammanstallning.Query(_remiss, format));

    private async Task<TResult> Scoped<TService, TResult>(Func<TService, Task<TResult>> use)
        where TService : notnull
    {
        using var scope = _app.Services.CreateScope();
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private void Today(int month, int day) => _app.Clock.Set(new DateTimeOffset(2026, month, day, 9, 0, 0, TimeSpan.FromHours(month is >= 4 and <= 10 ? 2 : 1)));

    private async Task<Guid> Svar(Guid instans) => (await _s.SvarAsync(_remiss, instans)).Id;

    private async Task<Actor> Person(string key, Guid organisation, Role role)
    {
        var id = await _app.Ok(TestApp.Admin, new CreateUser.Command($"{key}@example.test", $"Person {key}", organisation, [role], "Remissarbete-2026"));
        return new Actor(id, $"Person {key}", organisation, new HashSet<Role> { role });
    }

    private static SaveTjansteutlatande.Command Tu(Guid svar, string synpunkter) => new(
        svar, null, "Remiss av Handlingsplan för ett jämställt Stockholm 2030",
        "1. Nämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.",
        "Förvaltningen välkomnar handlingsplanen.", "Kommunstyrelsen har remitterat handlingsplanen.", "Handlingsplanen innehåller fyra mål.", null, synpunkter);

    private async Task<Guid> Approved(Guid instans, string who)
    {
        Today(3, 16);
        var svar = await Svar(instans);
        await _app.Ok(_s[$"{who}.reg"], new RegisterRemissvar.Command(svar));
        await _app.Ok(_s[$"{who}.reg"], new AssignHandlaggare.Command(svar, _s[$"{who}.hl"].UserId!.Value));
        await _app.Ok(_s[$"{who}.hl"], new FireRemissvarTrigger.Command(svar, "paborja_beredning"));
        await _app.Ok(_s[$"{who}.hl"], Tu(svar, "Förvaltningen ställer sig positiv till handlingsplanen."));
        var org = await _app.Query(db => db.Organisationer.AsNoTracking().SingleAsync(o => o.Id == instans));
        foreach (var organ in org.BeredningOrgan)
        {
            await _app.Ok(_s[$"{who}.hl"], new RecordBeredning.Command(svar, organ, new DateOnly(2026, 3, 16)));
        }

        await _app.Ok(_s[$"{who}.hl"], new FireRemissvarTrigger.Command(svar, "skicka_till_forvaltningschef"));
        await _app.Ok(_s[$"{who}.chef"], new FireRemissvarTrigger.Command(svar, "godkann"));
        return svar;
    }

    /// <summary>A real letter as an outside organisation would send it: a PDF made elsewhere (here by the document layer).</summary>
    private static byte[] ExternalPdf()
    {
        var renderer = new DocumentRenderer(RepoPaths.Templates);
        var model = DocumentJson.Deserialize(DocumentKind.Paminnelse, File.ReadAllText(Path.Combine(RepoPaths.Templates, "examples", "paminnelse.json")));
        return renderer.RenderPdf(model);
    }
}

/// <summary>qpdf --check: exit 0 and no warnings.</summary>
internal static class Qpdf
{
    public static void AssertClean(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rf-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var psi = new ProcessStartInfo("qpdf") { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add("--check");
            psi.ArgumentList.Add(path);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            var all = stdout.Result + stderr;
            Assert.That(p.ExitCode, Is.Zero, all);
            Assert.That(all, Does.Not.Contain("WARNING"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

/// <summary>A strict RFC 4180 reader with ';' as separator, to read back what the export wrote.</summary>
internal static class Csv
{
    public static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ';') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }
}
