using System.Text;
using RemissFlow.Core.Deadlines;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Tests.Deadlines;

[TestFixture]
public class IcsCalendarWriterTests
{
    private static readonly Guid MeetingId = Guid.Parse("5b7f7f0e-4a57-4f0b-9d8c-2f0f3c1f9a01");
    private static readonly Guid RemissvarId = Guid.Parse("0d3c2b1a-9e8f-4d7c-8b6a-5f4e3d2c1b0a");
    private static readonly DateTimeOffset Stamp = new(2024, 8, 26, 10, 15, 0, TimeSpan.FromHours(2));

    private static CalendarEntry[] Entries() =>
    [
        CalendarEntry.Meeting(MeetingId, "Socialnämnden, sammanträde", new DateOnly(2024, 9, 24), new TimeOnly(18, 0), new TimeOnly(21, 0), "Kungsklippan 6; plan 3, sal Ö"),
        CalendarEntry.Deadline(RemissvarId, "handlingar", "Handlingar klara: SOF 2024/472", new DateOnly(2024, 9, 19), "Remiss av Stockholms stads program för de mänskliga rättigheterna\nDnr KS 2023/1159"),
        CalendarEntry.Deadline(RemissvarId, "tu", "TU till förvaltningschefen: SOF 2024/472", new DateOnly(2024, 9, 4)),
    ];

    /// <summary>Unfolds per RFC 5545 3.1: a CRLF followed by one space or tab is removed.</summary>
    private static List<string> Unfold(string ics) =>
        ics.Replace("\r\n ", string.Empty, StringComparison.Ordinal).Replace("\r\n\t", string.Empty, StringComparison.Ordinal)
            .Split("\r\n").SkipLast(1).ToList();

    private static string Unescape(string text)
    {
        var result = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                char next = text[++i];
                result.Append(next is 'n' or 'N' ? '\n' : next);
            }
            else
            {
                result.Append(text[i]);
            }
        }

        return result.ToString();
    }

    private static string Value(IEnumerable<string> lines, string propertyWithParams) =>
        lines.Single(l => l.StartsWith(propertyWithParams + ":", StringComparison.Ordinal))[(propertyWithParams.Length + 1)..];

    [Test]
    public void Structure_is_a_calendar_with_one_event_per_entry()
    {
        var lines = Unfold(IcsCalendarWriter.Write("Socialnämnden", Entries(), Stamp));

        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("BEGIN:VCALENDAR"));
            Assert.That(lines[^1], Is.EqualTo("END:VCALENDAR"));
            Assert.That(lines, Does.Contain("VERSION:2.0"));
            Assert.That(lines.Count(l => l == "BEGIN:VEVENT"), Is.EqualTo(3));
            Assert.That(lines.Count(l => l == "END:VEVENT"), Is.EqualTo(3));
            Assert.That(lines.Count(l => l.StartsWith("PRODID:", StringComparison.Ordinal)), Is.EqualTo(1));
            // Events come in date order regardless of input order.
            Assert.That(lines.Where(l => l.StartsWith("UID:", StringComparison.Ordinal)), Is.EqualTo(new[]
            {
                $"UID:{RemissvarId}-tu@remissflow",
                $"UID:{RemissvarId}-handlingar@remissflow",
                $"UID:{MeetingId}@remissflow",
            }));
        });
    }

    [Test]
    public void Every_line_ends_with_CRLF_and_is_at_most_75_octets()
    {
        var ics = IcsCalendarWriter.Write("Socialnämnden", Entries(), Stamp);

        Assert.Multiple(() =>
        {
            Assert.That(ics, Does.EndWith("\r\n"));
            Assert.That(ics.Replace("\r\n", string.Empty, StringComparison.Ordinal), Does.Not.Contain('\n').And.Not.Contain('\r'));
            foreach (var line in ics.Split("\r\n"))
            {
                Assert.That(Encoding.UTF8.GetByteCount(line), Is.LessThanOrEqualTo(75), line);
            }
        });
    }

    [Test]
    public void Folding_never_splits_a_multibyte_character_and_unfolds_to_the_original()
    {
        // Mixes 1-, 2-, 3- and 4-byte UTF-8 so every break offset is exercised.
        var summary = string.Concat(Enumerable.Repeat("Åäö remiss – ärende 🗓 ", 12));
        var ics = IcsCalendarWriter.Write("Test", [CalendarEntry.Deadline(RemissvarId, "x", summary, new DateOnly(2025, 1, 3))], Stamp);
        var strictUtf8 = new UTF8Encoding(false, true);
        var bytes = Encoding.UTF8.GetBytes(ics);

        Assert.Multiple(() =>
        {
            // Split the raw octets at CRLF and decode each physical line strictly: a split sequence would throw.
            int start = 0;
            for (int i = 0; i + 1 < bytes.Length; i++)
            {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n')
                {
                    var segment = bytes.AsSpan(start, i - start).ToArray();
                    Assert.That(() => strictUtf8.GetString(segment), Throws.Nothing);
                    Assert.That(segment, Has.Length.LessThanOrEqualTo(75));
                    start = i + 2;
                }
            }

            Assert.That(ics.Split("\r\n").Count(l => l.StartsWith(' ')), Is.GreaterThanOrEqualTo(4), "the summary was folded");
            Assert.That(Unescape(Value(Unfold(ics), "SUMMARY")), Is.EqualTo(summary));
        });
    }

    [Test]
    public void Folding_puts_exactly_75_octets_on_the_first_line()
    {
        var output = new StringBuilder();
        IcsCalendarWriter.AppendFolded(output, "SUMMARY:" + new string('a', 100));
        var physical = output.ToString().Split("\r\n");

        Assert.Multiple(() =>
        {
            Assert.That(physical[0], Has.Length.EqualTo(75));
            Assert.That(physical[1], Is.EqualTo(" " + new string('a', 33)));
        });
    }

    [Test]
    public void Text_values_are_escaped_and_unescape_to_the_original()
    {
        const string tricky = "Budget; plan, mål \\ bilaga\r\nrad två\nrad tre";
        var lines = Unfold(IcsCalendarWriter.Write("A, B; C", [CalendarEntry.Deadline(RemissvarId, "x", tricky, new DateOnly(2025, 1, 3), tricky)], Stamp));

        Assert.Multiple(() =>
        {
            Assert.That(Value(lines, "SUMMARY"), Is.EqualTo(@"Budget\; plan\, mål \\ bilaga\nrad två\nrad tre"));
            Assert.That(Unescape(Value(lines, "DESCRIPTION")), Is.EqualTo(tricky.Replace("\r\n", "\n", StringComparison.Ordinal)));
            Assert.That(Value(lines, "X-WR-CALNAME"), Is.EqualTo(@"A\, B\; C"));
        });
    }

    [Test]
    public void Control_characters_other_than_tab_are_dropped()
    {
        Assert.That(IcsCalendarWriter.EscapeText("a\u0007b\tc"), Is.EqualTo("ab\tc"));
    }

    [Test]
    public void Tzid_style_writes_local_times_and_a_VTIMEZONE()
    {
        var lines = Unfold(IcsCalendarWriter.Write("Socialnämnden", Entries(), Stamp, IcsTimeStyle.EuropeStockholm));

        Assert.Multiple(() =>
        {
            Assert.That(Value(lines, "DTSTART;TZID=Europe/Stockholm"), Is.EqualTo("20240924T180000"));
            Assert.That(Value(lines, "DTEND;TZID=Europe/Stockholm"), Is.EqualTo("20240924T210000"));
            Assert.That(lines, Does.Contain("BEGIN:VTIMEZONE").And.Contain("TZID:Europe/Stockholm").And.Contain("END:VTIMEZONE"));
            Assert.That(lines.IndexOf("END:VTIMEZONE"), Is.LessThan(lines.IndexOf("BEGIN:VEVENT")));
            Assert.That(lines, Does.Contain("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"));
        });
    }

    [Test]
    public void Utc_style_converts_summer_and_winter_times_and_has_no_VTIMEZONE()
    {
        var entries = new[]
        {
            CalendarEntry.Meeting(MeetingId, "Sommar", new DateOnly(2024, 9, 24), new TimeOnly(18, 0)),
            CalendarEntry.Meeting(RemissvarId, "Vinter", new DateOnly(2024, 12, 17), new TimeOnly(18, 0)),
        };
        var lines = Unfold(IcsCalendarWriter.Write("Socialnämnden", entries, Stamp, IcsTimeStyle.Utc));

        Assert.Multiple(() =>
        {
            Assert.That(lines.Where(l => l.StartsWith("DTSTART", StringComparison.Ordinal)), Is.EqualTo(new[] { "DTSTART:20240924T160000Z", "DTSTART:20241217T170000Z" }));
            // No end given: two hours.
            Assert.That(lines.Where(l => l.StartsWith("DTEND", StringComparison.Ordinal)), Is.EqualTo(new[] { "DTEND:20240924T180000Z", "DTEND:20241217T190000Z" }));
            Assert.That(lines, Has.None.Contains("VTIMEZONE").And.None.Contains("TZID"));
        });
    }

    [Test]
    public void Deadlines_are_transparent_all_day_events()
    {
        var lines = Unfold(IcsCalendarWriter.Write("x", [CalendarEntry.Deadline(RemissvarId, "svarsdatum", "Svarsdatum", new DateOnly(2024, 12, 31))], Stamp));

        Assert.Multiple(() =>
        {
            Assert.That(Value(lines, "DTSTART;VALUE=DATE"), Is.EqualTo("20241231"));
            Assert.That(Value(lines, "DTEND;VALUE=DATE"), Is.EqualTo("20250101"));
            Assert.That(lines, Does.Contain("TRANSP:TRANSPARENT"));
        });
    }

    [Test]
    public void DTSTAMP_is_UTC()
    {
        var lines = Unfold(IcsCalendarWriter.Write("x", Entries(), Stamp));

        Assert.That(lines.Where(l => l.StartsWith("DTSTAMP", StringComparison.Ordinal)).Distinct(), Is.EqualTo(new[] { "DTSTAMP:20240826T081500Z" }));
    }

    [Test]
    public void Output_and_UIDs_are_stable_across_writes_and_input_order()
    {
        var first = IcsCalendarWriter.Write("Socialnämnden", Entries(), Stamp);
        var second = IcsCalendarWriter.Write("Socialnämnden", Entries().Reverse(), Stamp);

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(Entries()[0].Uid, Is.EqualTo("5b7f7f0e-4a57-4f0b-9d8c-2f0f3c1f9a01@remissflow"));
            Assert.That(Entries()[1].Uid, Is.EqualTo("0d3c2b1a-9e8f-4d7c-8b6a-5f4e3d2c1b0a-handlingar@remissflow"));
        });
    }

    [Test]
    public void Stockholm_time_agrees_with_the_system_time_zone_database()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");
        var start = new DateTime(2024, 1, 1, 0, 30, 0, DateTimeKind.Utc);

        Assert.Multiple(() =>
        {
            // Every hour through 2024–2027 covers four spring and four autumn changes.
            for (var utc = start; utc < start.AddYears(4); utc = utc.AddHours(1))
            {
                var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
                Assert.That(StockholmTime.ToLocal(new DateTimeOffset(utc)).DateTime, Is.EqualTo(local), $"{utc:u}");
                // The repeated autumn hour is its first occurrence, an hour before the second.
                var expected = zone.IsAmbiguousTime(local) && !zone.IsDaylightSavingTime(utc) ? utc.AddHours(-1) : utc;
                Assert.That(StockholmTime.ToUtcFirstOccurrence(local), Is.EqualTo(expected), $"{local:s}");
            }
        });
    }

    [Test]
    public void Utc_style_reads_the_repeated_autumn_hour_as_summer_time_and_the_skipped_spring_hour_as_an_hour_later()
    {
        var entries = new[]
        {
            CalendarEntry.Meeting(MeetingId, "Höst", new DateOnly(2026, 10, 25), new TimeOnly(2, 30), new TimeOnly(4, 0)),
            CalendarEntry.Meeting(RemissvarId, "Vår", new DateOnly(2026, 3, 29), new TimeOnly(2, 30), new TimeOnly(4, 0)),
        };
        var lines = Unfold(IcsCalendarWriter.Write("Socialnämnden", entries, Stamp, IcsTimeStyle.Utc));

        Assert.That(lines.Where(l => l.StartsWith("DTSTART", StringComparison.Ordinal)),
            Is.EqualTo(new[] { "DTSTART:20260329T013000Z", "DTSTART:20261025T003000Z" }));
    }
}

[TestFixture]
public class PlanCalendarEntriesTests
{
    private static readonly Guid RemissvarId = Guid.Parse("0d3c2b1a-9e8f-4d7c-8b6a-5f4e3d2c1b0a");

    private static Plan PlanFor(string svarsdatum)
    {
        var planner = new DeadlinePlanner(new RemissFlow.Workflows.Calendar.SwedishWorkingDayCalendar());
        return planner.Plan(new PlanRequest(
            DateOnly.Parse(svarsdatum, System.Globalization.CultureInfo.InvariantCulture),
            new DateOnly(2024, 8, 26),
            new NamndCalendar("Socialnämnden", new NamndSettings(3, 5, true, 1), [new DateOnly(2024, 9, 24), new DateOnly(2024, 10, 22)]),
            [new BeredningsorganCalendar(BeredningsorganKind.RadForFunktionshinderfragor, "rådet för funktionshinderfrågor", 5, [new DateOnly(2024, 9, 19), new DateOnly(2024, 10, 17)])],
            ForvaltningschefWorkingDays: 5,
            RiskThresholdWorkingDays: 5));
    }

    [Test]
    public void Deadlines_of_a_plan_become_all_day_events_with_ascii_uids()
    {
        var entries = PlanCalendarEntries.FromPlan(RemissvarId, "SOF 2024/472", PlanFor("2024-09-30"));

        Assert.That(entries.Select(e => (e.Uid, e.Date, e.Summary)), Is.EqualTo(new[]
        {
            ($"{RemissvarId}-svarsdatum@remissflow", new DateOnly(2024, 9, 30), "Svarsdatum: SOF 2024/472"),
            ($"{RemissvarId}-tutillforvaltningschef@remissflow", new DateOnly(2024, 9, 5), "Tjänsteutlåtandet till förvaltningschefen: SOF 2024/472"),
            ($"{RemissvarId}-handlingarberedning-radet-for-funktionshinderfragor@remissflow", new DateOnly(2024, 9, 12), "Handlingar klara till rådet för funktionshinderfrågor: SOF 2024/472"),
            ($"{RemissvarId}-handlingarnamnd@remissflow", new DateOnly(2024, 9, 19), "Handlingar klara till Socialnämnden: SOF 2024/472"),
        }));
    }

    [Test]
    public void A_recomputed_plan_keeps_the_uids_and_moves_the_dates()
    {
        var before = PlanCalendarEntries.FromPlan(RemissvarId, "SOF 2024/472", PlanFor("2024-09-30"));
        // An anstånd to 25 October lets the October meeting be used.
        var after = PlanCalendarEntries.FromPlan(RemissvarId, "SOF 2024/472", PlanFor("2024-10-25"));

        Assert.Multiple(() =>
        {
            Assert.That(after.Select(e => e.Uid), Is.EqualTo(before.Select(e => e.Uid)));
            Assert.That(after.Single(e => e.Uid.Contains("handlingarnamnd", StringComparison.Ordinal)).Date, Is.EqualTo(new DateOnly(2024, 10, 17)));
        });
    }
}
