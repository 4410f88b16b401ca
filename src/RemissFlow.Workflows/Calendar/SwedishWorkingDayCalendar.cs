using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace RemissFlow.Workflows.Calendar;

/// <summary>
/// Working days in Sweden: Monday to Friday except public holidays and the eves that are free in
/// practice. Thread-safe; holiday sets are computed once per year and cached, since timers and the
/// planner ask the same few years over and over.
/// </summary>
public sealed class SwedishWorkingDayCalendar : IWorkingDayCalendar
{
    private readonly ConcurrentDictionary<int, FrozenSet<DateOnly>> _nonWorkingByYear = new();

    public bool IsWorkingDay(DateOnly date)
    {
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return false;
        }

        // Before the Gregorian calendar there is no holiday table to compute; such a date only ever comes from bad data.
        var holidays = _nonWorkingByYear.GetOrAdd(
            date.Year,
            static year => year < 1583 ? FrozenSet<DateOnly>.Empty : SwedishHolidays.ForYear(year).Select(h => h.Date).ToFrozenSet());
        return !holidays.Contains(date);
    }

    public DateOnly AddWorkingDays(DateOnly date, int days)
    {
        int step = Math.Sign(days);
        int remaining = Math.Abs(days);
        var current = date;
        while (remaining > 0 && current != (step > 0 ? DateOnly.MaxValue : DateOnly.MinValue))
        {
            current = current.AddDays(step);
            if (IsWorkingDay(current))
            {
                remaining--;
            }
        }

        return current;
    }

    public int CountWorkingDays(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -CountWorkingDays(to, from);
        }

        int count = 0;
        for (var n = from.DayNumber + 1; n <= to.DayNumber; n++)
        {
            if (IsWorkingDay(DateOnly.FromDayNumber(n)))
            {
                count++;
            }
        }

        return count;
    }

    public DateOnly NextWorkingDay(DateOnly date)
    {
        var current = date;
        while (!IsWorkingDay(current) && current != DateOnly.MaxValue)
        {
            current = current.AddDays(1);
        }

        return current;
    }

    public DateOnly PreviousWorkingDay(DateOnly date)
    {
        var current = date;
        while (!IsWorkingDay(current) && current != DateOnly.MinValue)
        {
            current = current.AddDays(-1);
        }

        return current;
    }

    /// <summary>Why a date is not a working day, in Swedish ("lördag", "juldagen"), or null for a working day.</summary>
    public string? NonWorkingReason(DateOnly date)
    {
        if (IsWorkingDay(date))
        {
            return null;
        }

        var holiday = date.Year < 1583 ? null : SwedishHolidays.Find(date);
        if (holiday is not null)
        {
            return holiday.Name;
        }

        return date.DayOfWeek == DayOfWeek.Saturday ? "lördag" : "söndag";
    }
}
