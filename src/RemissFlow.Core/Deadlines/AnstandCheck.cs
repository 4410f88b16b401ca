using RemissFlow.Workflows.Calendar;

namespace RemissFlow.Core.Deadlines;

/// <summary>The verdict on a requested anstånd: an error blocks it, a note is shown but allows it.</summary>
public sealed record AnstandCheckResult(string? Error, string? Note)
{
    public bool IsValid => Error is null;
}

/// <summary>Checks a new svarsdatum from an anstånd before it replaces the current one.</summary>
public static class AnstandCheck
{
    public static AnstandCheckResult Check(DateOnly currentSvarsdatum, DateOnly requestedSvarsdatum, IWorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (requestedSvarsdatum <= currentSvarsdatum)
        {
            return new AnstandCheckResult(
                $"Anstånd måste ge ett senare svarsdatum än det nuvarande ({SwedishDates.Iso(currentSvarsdatum)}); {SwedishDates.Iso(requestedSvarsdatum)} är inte senare.",
                null);
        }

        if (!calendar.IsWorkingDay(requestedSvarsdatum))
        {
            var practical = calendar.PreviousWorkingDay(requestedSvarsdatum);
            var reason = SwedishHolidays.Find(requestedSvarsdatum)?.Name ?? SwedishDates.Weekday(requestedSvarsdatum);
            return new AnstandCheckResult(
                null,
                $"Det nya svarsdatumet {SwedishDates.Iso(requestedSvarsdatum)} är {reason}, inte en arbetsdag; sista praktiska dag blir {SwedishDates.WithWeekday(practical)}.");
        }

        return new AnstandCheckResult(null, null);
    }
}
