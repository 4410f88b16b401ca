namespace RemissFlow.Workflows.Calendar;

/// <summary>
/// Day arithmetic that stops at the ends of the calendar instead of throwing. Entered dates are
/// bounded, but a date that got into the database some other way (an old import, a hand edit)
/// must not turn every page that plans with it into a server error.
/// </summary>
public static class CalendarMath
{
    public static DateOnly AddDaysClamped(this DateOnly date, int days)
    {
        var target = (long)date.DayNumber + days;
        return target >= DateOnly.MaxValue.DayNumber ? DateOnly.MaxValue
            : target <= DateOnly.MinValue.DayNumber ? DateOnly.MinValue
            : DateOnly.FromDayNumber((int)target);
    }
}
