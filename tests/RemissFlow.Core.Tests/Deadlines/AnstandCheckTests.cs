using RemissFlow.Core.Deadlines;
using RemissFlow.Workflows.Calendar;

namespace RemissFlow.Core.Tests.Deadlines;

[TestFixture]
public class AnstandCheckTests
{
    private readonly SwedishWorkingDayCalendar _calendar = new();

    [Test]
    public void An_earlier_or_equal_date_is_rejected()
    {
        var earlier = AnstandCheck.Check(new DateOnly(2025, 1, 6), new DateOnly(2025, 1, 3), _calendar);
        var same = AnstandCheck.Check(new DateOnly(2025, 1, 6), new DateOnly(2025, 1, 6), _calendar);

        Assert.Multiple(() =>
        {
            Assert.That(earlier.IsValid, Is.False);
            Assert.That(earlier.Error, Is.EqualTo("Anstånd måste ge ett senare svarsdatum än det nuvarande (2025-01-06); 2025-01-03 är inte senare."));
            Assert.That(same.IsValid, Is.False);
        });
    }

    [Test]
    public void A_later_date_on_a_holiday_is_allowed_with_a_note()
    {
        var result = AnstandCheck.Check(new DateOnly(2025, 1, 6), new DateOnly(2025, 4, 18), _calendar);

        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.True);
            Assert.That(result.Note, Is.EqualTo("Det nya svarsdatumet 2025-04-18 är långfredagen, inte en arbetsdag; sista praktiska dag blir torsdag 2025-04-17."));
        });
    }

    [Test]
    public void A_later_working_day_is_simply_valid()
    {
        var result = AnstandCheck.Check(new DateOnly(2025, 1, 6), new DateOnly(2025, 2, 5), _calendar);

        Assert.That(result, Is.EqualTo(new AnstandCheckResult(null, null)));
    }
}
