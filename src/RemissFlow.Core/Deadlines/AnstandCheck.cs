using RemissFlow.Documents.Wording;
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
                $"Anstånd måste ge ett senare svarsdatum än det nuvarande ({SwedishText.IsoDate(currentSvarsdatum)}); {SwedishText.IsoDate(requestedSvarsdatum)} är inte senare.",
                null);
        }

        if (!calendar.IsWorkingDay(requestedSvarsdatum))
        {
            var practical = calendar.PreviousWorkingDay(requestedSvarsdatum);
            var reason = SwedishHolidays.Find(requestedSvarsdatum)?.Name ?? SwedishText.Weekday(requestedSvarsdatum);
            return new AnstandCheckResult(
                null,
                $"Det nya svarsdatumet {SwedishText.IsoDate(requestedSvarsdatum)} är {reason}, inte en arbetsdag; sista praktiska dag blir {SwedishText.WithWeekday(practical)}.");
        }

        return new AnstandCheckResult(null, null);
    }
}
