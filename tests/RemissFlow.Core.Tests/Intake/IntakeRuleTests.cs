using RemissFlow.Core.Bench;
using RemissFlow.Core.Intake;
using RemissFlow.Core.Intake.Rules;
using RemissFlow.Testing;

namespace RemissFlow.Core.Tests.Intake;

/// <summary>The intake rules one by one, on the messy text real converters leave.</summary>
public sealed class IntakeRuleTests
{
    private static RuleContext Context(string raw, string? kind = null)
    {
        var text = TextNormaliser.Normalise(raw);
        return new RuleContext(text, SwedishDates.DocumentDate(text), kind ?? KindRule.Extract(text).Value);
    }

    [TestCase("Dnr KS 2025/1616", "KS 2025/1616")]
    [TestCase("Dnr: KS-2024-0123", "KS-2024-0123")]
    [TestCase("Diarienummer BN 2024:17", "BN 2024:17")]
    [TestCase("Dnr Fi2024/01234", "Fi2024/01234")]
    [TestCase("Dnr KS 434-21/2017", "KS 434-21/2017")]
    [TestCase("Dnr 101-12345-2014", "101-12345-2014")]
    [TestCase("Vår beteckning SBN 2024/123-A", "SBN 2024/123-A")]
    public void Own_dnr_in_its_many_forms(string line, string expected)
    {
        var value = new DnrRule().Extract(Context(line + "\nText."));
        Assert.That(value?.Value, Is.EqualTo(expected));
        Assert.That(value!.Source, Does.Contain(expected));
    }

    [Test]
    public void A_date_range_and_an_iso_date_are_not_dnr() =>
        Assert.That(DnrPattern.Find("Programmet 2018-2022 antogs 2024-09-24."), Is.Empty);

    [Test]
    public void Sender_dnr_from_svar_pa_remiss_is_not_the_own_one()
    {
        var context = Context("Tjänsteutlåtande\nDnr SOF 2024/472\nSvar på remiss från kommunstyrelsen, Dnr KS 2023/1159\n");
        Assert.That(new SenderDnrRule().Extract(context)?.Value, Is.EqualTo("KS 2023/1159"));
        Assert.That(new DnrRule().Extract(context)?.Value, Is.EqualTo("SOF 2024/472"));
    }

    [TestCase("Svar senast den 24 april 2026.", "2026-04-24")]
    [TestCase("Yttrandet ska ha inkommit senast 2026-04-24.", "2026-04-24")]
    [TestCase("Svar önskas senast 24/4.", "2026-04-24")]
    [TestCase("Svaren ska ha kommit in senast den 20 februari.", "2027-02-20")]
    public void Svarsdatum_in_every_form_with_the_year_from_the_document(string sentence, string expected)
    {
        var value = new SvarsdatumRule().Extract(Context("Remiss\nDatum 2026-04-01\n" + sentence));
        Assert.That(value?.Value, Is.EqualTo(expected));
        Assert.That(value!.Confidence, Is.GreaterThanOrEqualTo(0.8));
    }

    [Test]
    public void Hyphenation_page_furniture_and_address_lines_leave_the_running_text()
    {
        var text = TextNormaliser.Normalise(
            "Remiss av en plan\nSammanfattning\nDetta är en jämställdhets-\nfråga för hälso- och sjukvården och MR-\nprogrammet.\f" +
            "Tjänsteutlåtande\nDnr SF 2026/186\nSida 2 (4)\nRemiss av en plan\nfortsatt text.\n112 25 Stockholm\n");
        Assert.That(text.Running, Does.Contain("jämställdhetsfråga"));
        Assert.That(text.Running, Does.Contain("hälso- och"));
        Assert.That(text.Running, Does.Contain("MR-programmet."));
        Assert.That(text.Running, Does.Not.Contain("Sida 2"));
        Assert.That(text.Running, Does.Not.Contain("112 25"));
        Assert.That(text.Furniture, Does.Contain("Dnr SF 2026/186"));
    }

    [Test]
    public void Ocr_letters_inside_numbers_are_fixed_and_words_are_not() =>
        Assert.That(TextNormaliser.FixOcrNumbers("Dnr KS 2O25/l6l6 den 2O26-O4-24 Ingen"), Is.EqualTo("Dnr KS 2025/1616 den 2026-04-24 Ingen"));

    [Test]
    public void Flattened_text_is_split_at_headings()
    {
        var sections = SectionSplitter.Split(TextNormaliser.Normalise(
            new string('x', 10) + " Sammanfattning Nämnden tillstyrker förslaget. " + new string('y', 250) + ". Bakgrund Kommunstyrelsen har remitterat planen."));
        Assert.That(sections.Select(s => s.Heading), Is.EqualTo(new[] { "Sammanfattning", "Bakgrund" }));
        Assert.That(sections[1].Text, Is.EqualTo("Kommunstyrelsen har remitterat planen."));
    }

    [TestCase("Nämnden avstår från att yttra sig.", "avstår")]
    [TestCase("Nämnden avstyrker förslaget.", "avstyrker")]
    [TestCase("Nämnden tillstyrker förslaget.", "tillstyrker")]
    [TestCase("Nämnden tillstyrker förslaget med följande synpunkter.", "tillstyrker med synpunkter")]
    public void Position(string sentence, string expected) =>
        Assert.That(new PositionRule().Extract(Context("Remissvar\n" + sentence, KindRule.Remissvar))?.Value, Is.EqualTo(expected));

    [Test]
    public void Beredning_passages_with_their_dates()
    {
        var passages = BeredningRule.Extract(Context(
            "Tjänsteutlåtande\nÄrendet har behandlats i förvaltningsgruppen den 18 september\n2024 och rådet för funktionshinderfrågor den 19 september 2024."));
        Assert.That(passages.Select(p => (p.Organ, p.Date)),
            Is.EqualTo(new[] { ("förvaltningsgruppen", (string?)"2024-09-18"), ("rådet för funktionshinderfrågor", "2024-09-19") }));
    }

    [Test]
    public void A_pdf_named_docx_is_refused_with_a_swedish_message() =>
        Assert.That(() => new DocumentIntake().Read("hej"u8.ToArray(), "svar.docx"),
            Throws.TypeOf<IntakeException>().With.Message.Contains("ändelsen .docx"));

    /// <summary>The targets over the labelled set. Not met yet (see README): run it explicitly to see the misses.</summary>
    [Test]
    [Explicit("The labelled set does not meet the targets yet (README, Intake)")]
    public void Bench_meets_the_targets_on_the_labelled_set()
    {
        var report = IntakeBench.Run(Path.Combine(RepoPaths.Root, "tests", "intake-set"), new DocumentIntake());
        Assert.That(report.Accuracy, Is.GreaterThanOrEqualTo(0.95), string.Join('\n', report.Misses));
        Assert.That(report.ConfidentWrongShare, Is.LessThanOrEqualTo(0.02), string.Join('\n', report.Misses));
    }
}
