using RemissFlow.Workflows.Calendar;

namespace RemissFlow.Workflows.Tests.Calendar;

/// <summary>Every calendar stops at the ends of DateOnly instead of throwing: a stored far date must not break the planner or the timers.</summary>
[TestFixture]
public class CalendarEdgeTests
{
    private static IEnumerable<IWorkingDayCalendar> Calendars() => [new SwedishWorkingDayCalendar(), new CalendarDaysCalendar(), new WeekdayCalendar()];

    [TestCaseSource(nameof(Calendars))]
    public void Arithmetic_at_the_ends_of_the_calendar_clamps(IWorkingDayCalendar calendar)
    {
        var last = DateOnly.MaxValue;
        var first = DateOnly.MinValue;
        Assert.Multiple(() =>
        {
            Assert.That(calendar.AddWorkingDays(last.AddDays(-3), 10), Is.EqualTo(last));
            Assert.That(calendar.AddWorkingDays(first.AddDays(3), -10), Is.EqualTo(first));
            Assert.That(calendar.NextWorkingDay(last), Is.LessThanOrEqualTo(last));
            Assert.That(calendar.PreviousWorkingDay(first), Is.GreaterThanOrEqualTo(first));
            Assert.That(calendar.CountWorkingDays(last.AddDays(-7), last), Is.InRange(0, 7));
            Assert.That(calendar.CountWorkingDays(last, last.AddDays(-7)), Is.InRange(-7, 0));
            Assert.That(last.AddDaysClamped(14), Is.EqualTo(last));
            Assert.That(first.AddDaysClamped(-14), Is.EqualTo(first));
            Assert.That(new DateOnly(2026, 1, 1).AddDaysClamped(31), Is.EqualTo(new DateOnly(2026, 2, 1)));
        });
    }
}
