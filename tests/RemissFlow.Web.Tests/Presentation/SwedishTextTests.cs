using RemissFlow.Documents.Wording;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Tests.Presentation;

public sealed class SwedishTextTests
{
    [Test]
    public void Dates_are_written_as_people_write_them_and_iso_in_tables()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SwedishText.LongDate(new DateOnly(2026, 4, 24)), Is.EqualTo("24 april 2026"));
            Assert.That(SwedishText.LongDate(new DateOnly(2024, 9, 1)), Is.EqualTo("1 september 2024"));
            Assert.That(SwedishText.IsoDate(new DateOnly(2026, 3, 7)), Is.EqualTo("2026-03-07"));
            // 23:30 UTC on 31 December is already New Year's Day in Stockholm.
            Assert.That(SwedishText.IsoDate(StockholmTime.DateOf(new DateTimeOffset(2025, 12, 31, 23, 30, 0, TimeSpan.Zero))), Is.EqualTo("2026-01-01"));
        });
    }

    [Test]
    public void Swedish_collation_puts_å_ä_ö_after_z_which_needs_icu()
    {
        var sorted = new[] { "Östermalm", "Zinken", "Älvsjö", "Åkeshov", "Bromma", "Vällingby" }.Order(SwedishText.Comparer).ToArray();
        Assert.That(sorted, Is.EqualTo(new[] { "Bromma", "Vällingby", "Zinken", "Åkeshov", "Älvsjö", "Östermalm" }));
    }
}
