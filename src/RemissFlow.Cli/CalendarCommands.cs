using RemissFlow.Workflows.Calendar;

namespace RemissFlow.Cli;

/// <summary><c>calendar holidays &lt;year&gt;</c>: the year's holidays and free eves, ISO date TAB Swedish name.</summary>
public static class CalendarCommands
{
    public static Command Create()
    {
        var calendar = new Command("calendar", "Arbetsdagskalendern.");
        var year = new Argument<int>("år") { Description = "Året, t.ex. 2026." };
        var holidays = new Command("holidays", "Skriver årets helgdagar och lediga aftnar: ISO-datum, tabb, namn.") { year };
        holidays.SetAction(parse =>
        {
            var y = parse.GetValue(year);
            if (y is < 1583 or > 9999)
            {
                throw new CliUsageException($"året {y} ligger utanför 1583–9999 (den gregorianska kalendern)");
            }

            var output = parse.InvocationConfiguration.Output;
            foreach (var line in SwedishHolidays.ListingLines(y))
            {
                // "\n", not the platform's newline: the output is data (ISO date TAB name), and tools read it.
                output.Write(line + "\n");
            }

            return CliExit.Ok;
        });
        calendar.Subcommands.Add(holidays);
        return calendar;
    }
}
