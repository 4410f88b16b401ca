namespace RemissFlow.Workflows.Calendar;

/// <summary>
/// Every day is a working day. The stand-in the issue asks for until the Swedish calendar exists,
/// and the simplest calendar for tests of timer arithmetic.
/// </summary>
public sealed class CalendarDaysCalendar : IWorkingDayCalendar
{
    public bool IsWorkingDay(DateOnly date) => true;

    public DateOnly AddWorkingDays(DateOnly date, int days) => date.AddDaysClamped(days);

    public int CountWorkingDays(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber;

    public DateOnly NextWorkingDay(DateOnly date) => date;

    public DateOnly PreviousWorkingDay(DateOnly date) => date;
}

/// <summary>Monday to Friday, no holidays: closer to real deadlines than calendar days, for tests and tools.</summary>
public sealed class WeekdayCalendar : IWorkingDayCalendar
{
    public bool IsWorkingDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public DateOnly AddWorkingDays(DateOnly date, int days)
    {
        var step = Math.Sign(days);
        for (var left = Math.Abs(days); left > 0 && date != (step > 0 ? DateOnly.MaxValue : DateOnly.MinValue);)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date))
            {
                left--;
            }
        }
        return date;
    }

    public int CountWorkingDays(DateOnly from, DateOnly to)
    {
        var (low, high, sign) = from <= to ? (from, to, 1) : (to, from, -1);
        var count = 0;
        for (var n = low.DayNumber + 1; n <= high.DayNumber; n++)
        {
            if (IsWorkingDay(DateOnly.FromDayNumber(n)))
            {
                count++;
            }
        }
        return sign * count;
    }

    public DateOnly NextWorkingDay(DateOnly date)
    {
        while (!IsWorkingDay(date) && date != DateOnly.MaxValue)
        {
            date = date.AddDays(1);
        }
        return date;
    }

    public DateOnly PreviousWorkingDay(DateOnly date)
    {
        while (!IsWorkingDay(date) && date != DateOnly.MinValue)
        {
            date = date.AddDays(-1);
        }
        return date;
    }
}
