namespace RemissFlow.Workflows.Calendar;

/// <summary>
/// Working-day arithmetic. Timers ("10 arbetsdagar före svarsdatum") and the deadline planner
/// both go through this one interface so the Swedish calendar can be swapped in without either knowing.
/// </summary>
public interface IWorkingDayCalendar
{
    bool IsWorkingDay(DateOnly date);

    /// <summary>Moves <paramref name="days"/> working days forward (negative: backward). Zero returns the date itself.</summary>
    DateOnly AddWorkingDays(DateOnly date, int days);

    /// <summary>Working days in the half-open range (<paramref name="from"/>, <paramref name="to"/>]; negative when to is before from.</summary>
    int CountWorkingDays(DateOnly from, DateOnly to);

    /// <summary>The date itself when it is a working day, otherwise the next one.</summary>
    DateOnly NextWorkingDay(DateOnly date);

    /// <summary>The date itself when it is a working day, otherwise the one before.</summary>
    DateOnly PreviousWorkingDay(DateOnly date);
}
