using System.Globalization;
using System.Text;
using RemissFlow.Workflows.Calendar;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Deadlines;

public enum IcsTimeStyle
{
    /// <summary>Times as UTC ("…Z"): every client understands them, but the feed shows no local zone.</summary>
    Utc,

    /// <summary>Local times with TZID=Europe/Stockholm and a VTIMEZONE block, which Outlook prefers.</summary>
    EuropeStockholm,
}

/// <summary>
/// One event in a feed. A <see cref="Start"/> makes it a timed event (a sammanträde); without one it is
/// an all-day event (a deadline). Times are Swedish local time.
/// </summary>
/// <param name="EntityId">The id of the sammanträde or remissvar; the UID is derived from it so that
/// subscribers update the event rather than duplicate it when the feed is fetched again.</param>
public sealed record CalendarEntry(Guid EntityId, string Summary, DateOnly Date)
{
    /// <summary>Distinguishes several events of one entity (e.g. "handlingar" and "tu" of a remissvar).</summary>
    public string? UidDiscriminator { get; init; }

    public TimeOnly? Start { get; init; }

    /// <summary>Defaults to two hours after <see cref="Start"/>: a zero-length meeting shows as a sliver in Outlook.</summary>
    public TimeOnly? End { get; init; }

    public string? Location { get; init; }

    public string? Description { get; init; }

    public string Uid => UidDiscriminator is null
        ? $"{EntityId:D}@remissflow"
        : $"{EntityId:D}-{UidDiscriminator}@remissflow";

    public static CalendarEntry Meeting(Guid sammantradeId, string summary, DateOnly date, TimeOnly start, TimeOnly? end = null, string? location = null, string? description = null) =>
        new(sammantradeId, summary, date) { Start = start, End = end, Location = location, Description = description };

    public static CalendarEntry Deadline(Guid entityId, string discriminator, string summary, DateOnly date, string? description = null) =>
        new(entityId, summary, date) { UidDiscriminator = discriminator, Description = description };
}

/// <summary>Writes an RFC 5545 VCALENDAR. Output is deterministic for the same input and stamp, so feeds can carry an ETag.</summary>
public static class IcsCalendarWriter
{
    public const string StockholmTzid = "Europe/Stockholm";
    private const int MaxOctetsPerLine = 75;

    /// <param name="stamp">DTSTAMP for every event: when the feed was generated (passed in, the writer reads no clock).</param>
    public static string Write(string calendarName, IEnumerable<CalendarEntry> entries, DateTimeOffset stamp, IcsTimeStyle style = IcsTimeStyle.EuropeStockholm)
    {
        ArgumentNullException.ThrowIfNull(calendarName);
        ArgumentNullException.ThrowIfNull(entries);
        var output = new StringBuilder();
        void Line(string content) => AppendFolded(output, content);

        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//RemissFlow//RemissFlow//SV");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:PUBLISH");
        Line("X-WR-CALNAME:" + EscapeText(calendarName));
        if (style == IcsTimeStyle.EuropeStockholm)
        {
            Line("X-WR-TIMEZONE:" + StockholmTzid);
            foreach (var tzLine in StockholmVTimezone)
            {
                Line(tzLine);
            }
        }

        string dtstamp = FormatUtc(stamp.UtcDateTime);
        var ordered = entries.OrderBy(e => e.Date).ThenBy(e => e.Start ?? TimeOnly.MinValue).ThenBy(e => e.Uid, StringComparer.Ordinal);
        foreach (var entry in ordered)
        {
            Line("BEGIN:VEVENT");
            Line("UID:" + entry.Uid);
            Line("DTSTAMP:" + dtstamp);
            if (entry.Start is { } start)
            {
                var startLocal = entry.Date.ToDateTime(start);
                var endLocal = entry.End is { } end && end > start ? entry.Date.ToDateTime(end) : startLocal.AddHours(2);
                Line("DTSTART" + FormatLocal(startLocal, style));
                Line("DTEND" + FormatLocal(endLocal, style));
            }
            else
            {
                Line("DTSTART;VALUE=DATE:" + FormatDate(entry.Date));
                Line("DTEND;VALUE=DATE:" + FormatDate(entry.Date.AddDaysClamped(1)));
                // Deadlines should not block the day as busy in people's calendars.
                Line("TRANSP:TRANSPARENT");
            }

            Line("SUMMARY:" + EscapeText(entry.Summary));
            if (!string.IsNullOrEmpty(entry.Location))
            {
                Line("LOCATION:" + EscapeText(entry.Location));
            }

            if (!string.IsNullOrEmpty(entry.Description))
            {
                Line("DESCRIPTION:" + EscapeText(entry.Description));
            }

            Line("END:VEVENT");
        }

        Line("END:VCALENDAR");
        return output.ToString();
    }

    /// <summary>
    /// An invitation to one meeting (iTIP METHOD:REQUEST, RFC 5546) to attach to the kallelse e-mail: the UID is the
    /// meeting's, so a supplement with a higher <paramref name="sequence"/> updates the event the reader already has.
    /// </summary>
    public static string WriteInvitation(CalendarEntry meeting, int sequence, DateTimeOffset stamp, string organizerName, string organizerEmail, string? attendeeEmail = null)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        if (meeting.Start is not { } start)
        {
            throw new ArgumentException("En inbjudan gäller ett sammanträde med starttid.", nameof(meeting));
        }

        var output = new StringBuilder();
        void Line(string content) => AppendFolded(output, content);
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//RemissFlow//RemissFlow//SV");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:REQUEST");
        foreach (var tzLine in StockholmVTimezone)
        {
            Line(tzLine);
        }

        var startLocal = meeting.Date.ToDateTime(start);
        var endLocal = meeting.End is { } end && end > start ? meeting.Date.ToDateTime(end) : startLocal.AddHours(2);
        Line("BEGIN:VEVENT");
        Line("UID:" + meeting.Uid);
        Line("SEQUENCE:" + sequence.ToString(CultureInfo.InvariantCulture));
        Line("DTSTAMP:" + FormatUtc(stamp.UtcDateTime));
        Line("DTSTART" + FormatLocal(startLocal, IcsTimeStyle.EuropeStockholm));
        Line("DTEND" + FormatLocal(endLocal, IcsTimeStyle.EuropeStockholm));
        Line("SUMMARY:" + EscapeText(meeting.Summary));
        if (!string.IsNullOrEmpty(meeting.Location))
        {
            Line("LOCATION:" + EscapeText(meeting.Location));
        }

        if (!string.IsNullOrEmpty(meeting.Description))
        {
            Line("DESCRIPTION:" + EscapeText(meeting.Description));
        }

        Line($"ORGANIZER;CN={ParamValue(organizerName)}:mailto:{organizerEmail}");
        if (!string.IsNullOrWhiteSpace(attendeeEmail))
        {
            Line($"ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:{attendeeEmail}");
        }

        Line("STATUS:CONFIRMED");
        Line("END:VEVENT");
        Line("END:VCALENDAR");
        return output.ToString();
    }

    /// <summary>A parameter value (RFC 5545 3.2): quoted when it holds a colon, semicolon or comma; double quotes cannot be escaped, so they go.</summary>
    private static string ParamValue(string value)
    {
        var clean = new string(value.Where(c => c != '"' && c >= ' ').ToArray());
        return clean.IndexOfAny([':', ';', ',']) >= 0 ? $"\"{clean}\"" : clean;
    }

    /// <summary>Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks.</summary>
    public static string EscapeText(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var escaped = new StringBuilder(value.Length + 8);
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '\\': escaped.Append(@"\\"); break;
                case ';': escaped.Append(@"\;"); break;
                case ',': escaped.Append(@"\,"); break;
                case '\r':
                    escaped.Append(@"\n");
                    if (i + 1 < value.Length && value[i + 1] == '\n')
                    {
                        i++;
                    }

                    break;
                case '\n': escaped.Append(@"\n"); break;
                // Other control characters are not allowed in content lines; tab is.
                case < ' ' and not '\t': break;
                default: escaped.Append(c); break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>
    /// Appends one content line folded at 75 octets (RFC 5545 3.1), breaking only between whole
    /// characters so no UTF-8 sequence or surrogate pair is split.
    /// </summary>
    internal static void AppendFolded(StringBuilder output, string content)
    {
        int octets = 0;
        foreach (var rune in content.EnumerateRunes())
        {
            int size = rune.Utf8SequenceLength;
            if (octets + size > MaxOctetsPerLine)
            {
                output.Append("\r\n ");
                octets = 1; // the leading space of the continuation line counts
            }

            output.Append(rune.ToString());
            octets += size;
        }

        output.Append("\r\n");
    }

    private static string FormatLocal(DateTime local, IcsTimeStyle style) => style switch
    {
        IcsTimeStyle.Utc => ":" + FormatUtc(StockholmTime.ToUtcFirstOccurrence(local)),
        IcsTimeStyle.EuropeStockholm => $";TZID={StockholmTzid}:" + local.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(style), style, null),
    };

    private static string FormatUtc(DateTime utc) => utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string FormatDate(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    // EU summer time rules (in force since 1996), as the Europe/Stockholm zone StockholmTime reads applies them.
    private static readonly string[] StockholmVTimezone =
    [
        "BEGIN:VTIMEZONE",
        "TZID:" + StockholmTzid,
        "X-LIC-LOCATION:" + StockholmTzid,
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "TZNAME:CEST",
        "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "TZNAME:CET",
        "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    ];
}
