using RemissFlow.Core.Search;

namespace RemissFlow.Core.Tests.Search;

/// <summary>The analysis in code that SQLite's index is built with and PostgreSQL's is fed by.</summary>
public sealed class SwedishAnalysisTests
{
    [Test]
    public void Inflections_of_jamstalldhet_share_a_stem_with_and_without_a_ring_and_dots()
    {
        var stems = new[] { "jämställdhet", "jämställdheten", "jämställda", "jamstalldhet", "JÄMSTÄLLDHETEN" }
            .Select(w => SwedishAnalysis.Stem(SwedishAnalysis.Fold(w))).Distinct().ToList();
        Assert.That(stems, Is.EqualTo(new[] { "jamstalld" }));
    }

    [Test]
    public void A_compound_is_indexed_with_its_known_parts_after_the_text()
    {
        var words = SwedishAnalysis.IndexWords("Jämställdhetshandlingsplan för staden");
        Assert.That(words.Take(3), Is.EqualTo(new[] { "jamstalldhetshandlingsplan", "for", "staden" }));
        Assert.That(words.Skip(3), Does.Contain("handlingsplan").And.Contain("jamstalldhet"));
    }

    [Test]
    public void A_word_that_is_no_compound_gets_no_parts()
    {
        Assert.That(SwedishAnalysis.IndexWords("Stadsbyggnadskontoret yttrar sig"), Is.EqualTo(new[] { "stadsbyggnadskontoret", "yttrar", "sig" }));
        Assert.That(SwedishAnalysis.IndexWords("remissen gäller"), Is.EqualTo(new[] { "remissen", "galler" }));
    }

    [TestCase("SF 2026/186", "SF", "2026/186")]
    [TestCase("SF2026/186", "SF", "2026/186")]
    [TestCase("sf 2026 / 186", "SF", "2026/186")]
    [TestCase("2026/186", null, "2026/186")]
    [TestCase("KS-PL 2025/07", "KS-PL", "2025/7")]
    public void A_dnr_is_read_in_any_spacing(string typed, string? prefix, string nr)
    {
        Assert.That(DnrQuery.TryParse(typed, out var p, out var n), Is.True);
        Assert.That((p, n), Is.EqualTo((prefix, nr)));
    }

    [Test]
    public void Words_are_no_dnr()
    {
        Assert.That(DnrQuery.TryParse("handlingsplan 2026", out _, out _), Is.False);
    }

    [Test]
    public void The_query_is_the_same_request_for_both_databases()
    {
        var q = SearchQuery.Parse("jämställda \"mål och indikatorer\" handl*");
        Assert.That(q.ToTsQuery(), Is.EqualTo("jamstallda & handl:* & (mal <-> zzstopp <-> indikatorer)"));
        Assert.That(q.ToFts5(), Is.EqualTo("\"jamstalld\" AND \"handl\"* AND \"mal zzstopp indikator\""));
    }

    [Test]
    public void Only_small_words_is_an_empty_query()
    {
        Assert.That(SearchQuery.Parse("och att som").IsEmpty, Is.True);
        Assert.That(SearchQuery.Parse("\"och i\"").IsEmpty, Is.True);
        Assert.That(SearchQuery.Parse("\"och bussar i\"").ToTsQuery(), Is.EqualTo("bussar"), "a stop word at a phrase's end is dropped");
    }
}
