namespace RemissFlow.Workflows.Runtime;

/// <summary>
/// The one home of Swedish time. Dates in RemissFlow are Swedish calendar dates ("today" is today in Stockholm)
/// and times of day are Swedish wall-clock times; instants are stored in UTC.
/// </summary>
public static class StockholmTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    public static DateTimeOffset Now(TimeProvider clock) => ToLocal(clock.GetUtcNow());

    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow());

    /// <summary>The Stockholm calendar date an instant falls on.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>
    /// A Swedish wall-clock time as an instant. 02:00–03:00 on the last Sunday of March does not exist (the clock
    /// reads 03:xx at that instant); the repeated autumn hour is read as standard time, its second occurrence.
    /// </summary>
    public static DateTimeOffset ToUtc(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Zone), TimeSpan.Zero);
    }

    /// <summary>
    /// As <see cref="ToUtc(DateOnly, TimeOnly)"/>, but the repeated autumn hour is read as summer time, its first
    /// occurrence, as calendar programs read a local time in a feed.
    /// </summary>
    public static DateTime ToUtcFirstOccurrence(DateTime local)
    {
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsAmbiguousTime(wall))
        {
            return DateTime.SpecifyKind(wall - Zone.GetAmbiguousTimeOffsets(wall).Max(), DateTimeKind.Utc);
        }
        return ToUtc(DateOnly.FromDateTime(wall), TimeOnly.FromDateTime(wall)).UtcDateTime;
    }

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);
}
