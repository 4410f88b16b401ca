using RemissFlow.Documents.Wording;

namespace RemissFlow.Documents.Tests;

/// <summary>The one home of Swedish wording: what documents, Core and the web all write.</summary>
public class SwedishTextTests
{
    [TestCase(2026, 12, 1, "1 december 2026")]
    [TestCase(2026, 5, 24, "24 maj 2026")]
    [TestCase(2024, 9, 1, "1 september 2024")]
    public void Long_dates_have_a_bare_day_and_a_lower_case_month(int y, int m, int d, string expected)
    {
        var date = new DateOnly(y, m, d);
        Assert.Multiple(() =>
        {
            Assert.That(SwedishText.LongDate(date), Is.EqualTo(expected));
            Assert.That(SwedishText.FormalDate(date), Is.EqualTo("den " + expected));
            // The written-out names are the ones sv-SE has, so nothing changes where ICU is present.
            Assert.That(SwedishText.LongDate(date), Is.EqualTo(date.ToString("d MMMM yyyy", SwedishText.Culture)));
        });
    }

    [Test]
    public void Iso_dates_and_weekdays()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SwedishText.IsoDate(new DateOnly(2026, 3, 7)), Is.EqualTo("2026-03-07"));
            Assert.That(SwedishText.IsoDate((DateOnly?)null), Is.EqualTo(""));
            Assert.That(SwedishText.IsoDate((DateOnly?)new DateOnly(2026, 3, 7)), Is.EqualTo("2026-03-07"));
            Assert.That(SwedishText.WithWeekday(new DateOnly(2024, 9, 24)), Is.EqualTo("tisdag 2024-09-24"));
            Assert.That(SwedishText.Weekday(new DateOnly(2024, 9, 22)), Is.EqualTo("söndag"));
        });
    }

    [TestCase(new string[0], "")]
    [TestCase(new[] { "a" }, "a")]
    [TestCase(new[] { "a", "b" }, "a och b")]
    [TestCase(new[] { "a", "b", "c" }, "a, b och c")]
    [TestCase(new[] { "registrator", "handläggare", "nämndsekreterare", "chef" }, "registrator, handläggare, nämndsekreterare och chef")]
    public void Lists_join_with_commas_and_a_final_och(string[] items, string expected) =>
        Assert.That(SwedishText.List(items), Is.EqualTo(expected));

    [Test]
    public void Lists_take_another_conjunction() =>
        Assert.That(SwedishText.List(["PDF", "Word", "Excel"], "eller"), Is.EqualTo("PDF, Word eller Excel"));

    [TestCase(0, "0 instanser")]
    [TestCase(1, "1 instans")]
    [TestCase(2, "2 instanser")]
    [TestCase(10000, "10\u00a0000 instanser")]
    public void Counts_take_the_singular_only_for_one_and_group_thousands(int n, string expected) =>
        Assert.That(SwedishText.Count(n, "instans", "instanser"), Is.EqualTo(expected));

    [Test]
    public void Plurals_pick_the_form_without_the_number()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SwedishText.Plural(1, "rollen", "rollerna"), Is.EqualTo("rollen"));
            Assert.That(SwedishText.Plural(2, "rollen", "rollerna"), Is.EqualTo("rollerna"));
            Assert.That(SwedishText.Plural(0, "rollen", "rollerna"), Is.EqualTo("rollerna"));
        });
    }
}
