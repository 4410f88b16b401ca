using System.Text;

namespace RemissFlow.Core.Deadlines;

/// <summary>Turns a plan into all-day deadline events for the iCalendar feed.</summary>
public static class PlanCalendarEntries
{
    /// <summary>
    /// The förvaltning's own deadlines (TU, papers) plus svarsdatum. The nämnd and beredning meetings are
    /// left out: they appear in the feed as the sammanträden they are. UIDs depend on the remissvar and the
    /// kind of milestone, not the date, so a recomputed plan moves the subscriber's event instead of adding one.
    /// </summary>
    public static IReadOnlyList<CalendarEntry> FromPlan(Guid remissvarId, string diarienummer, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var entries = new List<CalendarEntry>
        {
            CalendarEntry.Deadline(remissvarId, "svarsdatum", $"Svarsdatum: {diarienummer}", plan.Svarsdatum, $"Plan: {plan.StatusLabel}"),
        };
        foreach (var milestone in plan.Milestones.Where(m => m.Kind is MilestoneKind.TuTillForvaltningschef or MilestoneKind.HandlingarBeredning or MilestoneKind.HandlingarNamnd))
        {
            var discriminator = milestone.Organ is null ? Slug(milestone.Kind.ToString()) : $"{Slug(milestone.Kind.ToString())}-{Slug(milestone.Organ)}";
            entries.Add(CalendarEntry.Deadline(remissvarId, discriminator, $"{milestone.Label}: {diarienummer}", milestone.Date));
        }

        return entries;
    }

    private static string Slug(string text)
    {
        var slug = new StringBuilder(text.Length);
        foreach (char c in text.ToLowerInvariant())
        {
            slug.Append(c switch
            {
                'å' or 'ä' => 'a',
                'ö' => 'o',
                'é' => 'e',
                _ when char.IsAsciiLetterOrDigit(c) => c,
                _ => '-',
            });
        }

        return slug.ToString();
    }
}
