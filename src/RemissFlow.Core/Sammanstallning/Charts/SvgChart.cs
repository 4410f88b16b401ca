using System.Globalization;
using System.Text;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Core.Sammanstallning.Charts;

/// <summary>The numbers behind a chart, for a table printed beside it (people who cannot or would rather not read the picture).</summary>
public sealed record ChartTable(string Caption, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>A drawn chart: standalone SVG markup (no script, no external references), its accessible title and description, and its data.</summary>
public sealed record SvgChartResult(string Svg, string Title, string Description, ChartTable Table);

public sealed record CumulativeSeries(string Name, IReadOnlyList<DateOnly> Dates);

/// <summary>Answers of one remiss over time. <see cref="Series"/>: one per status, each the dates its answers came in.</summary>
public sealed record CumulativeAnswersData(string Remiss, DateOnly Start, DateOnly Svarsdatum, DateOnly End, int Instanser, IReadOnlyList<CumulativeSeries> Series);

public sealed record InstansRate(string Instans, int ITid, int Forfallna);

public sealed record WeekBucket(string Label, IReadOnlyList<string> Remisser);

public sealed record TimelineMeeting(DateOnly Datum, string Organ);

public sealed record TimelineItem(string Label, DateOnly Svarsdatum, string Status);

public sealed record NamndTimelineData(string Namnd, DateOnly Today, DateOnly End, IReadOnlyList<TimelineMeeting> Meetings, IReadOnlyList<TimelineItem> Items);

/// <summary>
/// Server-side SVG charts, pure functions of their data. Every chart is <c>&lt;svg role="img"&gt;</c> with
/// <c>&lt;title&gt;</c> and <c>&lt;desc&gt;</c> referenced by aria-labelledby, all text XML-escaped, and colours that
/// reach WCAG AA contrast (4.5:1) against white, text and marks alike.
/// </summary>
public static class SvgChart
{
    /// <summary>Series colours, each at least 4.5:1 against white.</summary>
    public static readonly IReadOnlyList<string> Palette = ["#1f4e79", "#8a4b00", "#2e6b30", "#a4262c", "#5b3f8c"];

    public const string TextColour = "#1a1a1a";
    public const string AxisColour = "#595959";

    private const double Width = 720;
    private const double Height = 360;
    private const double Left = 56;
    private const double Right = 20;
    private const double Top = 44;
    private const double Bottom = 56;

    public static SvgChartResult CumulativeAnswers(CumulativeAnswersData d)
    {
        var title = $"Inkomna svar över tid: {d.Remiss}";
        var total = d.Series.Sum(s => s.Dates.Count);
        var desc = $"Kumulativt antal svar per status från {SwedishText.IsoDate(d.Start)} till {SwedishText.IsoDate(d.End)}, mot svarsdatum {SwedishText.IsoDate(d.Svarsdatum)}. "
            + $"{total} av {d.Instanser} instanser har svarat: " + string.Join(", ", d.Series.Select(s => $"{s.Name} {s.Dates.Count}")) + ".";
        var svg = Begin(title, desc, "kumulativa-svar");
        var days = Math.Max(1, d.End.DayNumber - d.Start.DayNumber);
        var maxY = Math.Max(1, d.Instanser);
        double X(DateOnly date) => Left + (Width - Left - Right) * Math.Clamp(date.DayNumber - d.Start.DayNumber, 0, days) / days;
        double Y(double v) => Height - Bottom - (Height - Top - Bottom) * v / maxY;

        Axes(svg, Y, maxY);
        svg.Append(Line(X(d.Svarsdatum), Top - 6, X(d.Svarsdatum), Height - Bottom, AxisColour, "4 3"));
        // Centred over its line, unless that would push the label past an edge of the picture.
        var svarsdatumX = X(d.Svarsdatum);
        var anchor = svarsdatumX > Width - Right - 80 ? "end" : svarsdatumX < Left + 80 ? "start" : "middle";
        svg.Append(Text(svarsdatumX, Top - 10, "Svarsdatum " + SwedishText.IsoDate(d.Svarsdatum), anchor));
        svg.Append(Text(Left, Height - Bottom + 18, SwedishText.IsoDate(d.Start), "start"));
        svg.Append(Text(Width - Right, Height - Bottom + 18, SwedishText.IsoDate(d.End), "end"));

        for (var i = 0; i < d.Series.Count; i++)
        {
            var s = d.Series[i];
            var colour = Palette[i % Palette.Count];
            var dates = s.Dates.Order().ToList();
            var path = new StringBuilder($"M{F(X(d.Start))},{F(Y(0))}");
            for (var k = 0; k < dates.Count; k++)
            {
                path.Append(CultureInfo.InvariantCulture, $" H{F(X(dates[k]))} V{F(Y(k + 1))}");
            }

            path.Append(CultureInfo.InvariantCulture, $" H{F(X(d.End))}");
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"serie\" d=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>");
            for (var k = 0; k < dates.Count; k++)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"punkt\" cx=\"{F(X(dates[k]))}\" cy=\"{F(Y(k + 1))}\" r=\"3\" fill=\"{colour}\"/>");
            }

            Legend(svg, i, s.Name, colour);
        }

        var allDates = d.Series.SelectMany(s => s.Dates).Distinct().Order().ToList();
        var rows = allDates.Select(date => (IReadOnlyList<string>)
            [SwedishText.IsoDate(date), .. d.Series.Select(s => N(s.Dates.Count(x => x <= date))), N(d.Series.Sum(s => s.Dates.Count(x => x <= date)))]).ToList();
        return new SvgChartResult(End(svg), title, desc, new ChartTable(title, ["Datum", .. d.Series.Select(s => s.Name), "Totalt"], rows));
    }

    public static SvgChartResult OnTimeRatePerInstans(IReadOnlyList<InstansRate> rates, DateOnly from, DateOnly to)
    {
        var title = "Andel svar i tid per remissinstans";
        var desc = $"Andel svar som kom in senast svarsdatum, av de svar som förföll {SwedishText.IsoDate(from)}–{SwedishText.IsoDate(to)}, för {rates.Count} instanser.";
        var height = Top + Bottom + Math.Max(1, rates.Count) * 26;
        var svg = Begin(title, desc, "andel-i-tid", height);
        const double labelWidth = 220;
        var barMax = Width - Left - Right - labelWidth - 50;
        for (var i = 0; i < rates.Count; i++)
        {
            var r = rates[i];
            var y = Top + i * 26;
            var share = r.Forfallna == 0 ? 0 : (double)r.ITid / r.Forfallna;
            svg.Append(Text(Left + labelWidth - 8, y + 14, Fit(r.Instans, Left + labelWidth - 12), "end"));
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"stapel\" x=\"{F(Left + labelWidth)}\" y=\"{F(y + 2)}\" width=\"{F(Math.Max(1, barMax * share))}\" height=\"16\" fill=\"{Palette[0]}\"><title>{Esc($"{r.Instans}: {Pct(r)}")}</title></rect>");
            svg.Append(Text(Left + labelWidth + barMax * share + 6, y + 14, Pct(r), "start"));
        }

        var rows = rates.Select(r => (IReadOnlyList<string>)[r.Instans, N(r.ITid), N(r.Forfallna), Pct(r)]).ToList();
        return new SvgChartResult(End(svg), title, desc, new ChartTable(title, ["Remissinstans", "I tid", "Förfallna svar", "Andel i tid"], rows));
    }

    public static SvgChartResult OpenRemisserByWeeks(IReadOnlyList<WeekBucket> buckets, DateOnly today)
    {
        var title = "Öppna remisser efter veckor till svarsdatum";
        var total = buckets.Sum(b => b.Remisser.Count);
        var desc = $"{total} öppna remisser den {SwedishText.IsoDate(today)}, grupperade efter hur många hela veckor som återstår till svarsdatum: "
            + string.Join(", ", buckets.Select(b => $"{b.Label} {b.Remisser.Count}")) + ".";
        var svg = Begin(title, desc, "oppna-remisser");
        var maxY = Math.Max(1, buckets.Select(b => b.Remisser.Count).DefaultIfEmpty(0).Max());
        double Y(double v) => Height - Bottom - (Height - Top - Bottom) * v / maxY;
        Axes(svg, Y, maxY);
        var slot = (Width - Left - Right) / Math.Max(1, buckets.Count);
        for (var i = 0; i < buckets.Count; i++)
        {
            var b = buckets[i];
            var x = Left + i * slot + slot * 0.15;
            var colour = i == 0 ? Palette[3] : Palette[0];
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"stapel\" x=\"{F(x)}\" y=\"{F(Y(b.Remisser.Count))}\" width=\"{F(slot * 0.7)}\" height=\"{F(Y(0) - Y(b.Remisser.Count))}\" fill=\"{colour}\"><title>{Esc($"{b.Label}: {b.Remisser.Count}")}</title></rect>");
            svg.Append(Text(x + slot * 0.35, Height - Bottom + 18, b.Label, "middle"));
            if (b.Remisser.Count > 0)
            {
                svg.Append(Text(x + slot * 0.35, Y(b.Remisser.Count) - 4, N(b.Remisser.Count), "middle"));
            }
        }

        var rows = buckets.Select(b => (IReadOnlyList<string>)[b.Label, N(b.Remisser.Count), string.Join(", ", b.Remisser)]).ToList();
        return new SvgChartResult(End(svg), title, desc, new ChartTable(title, ["Veckor till svarsdatum", "Antal", "Remisser"], rows));
    }

    public static SvgChartResult NamndTimeline(NamndTimelineData d)
    {
        var title = $"Öppna remissvar och sammanträden: {d.Namnd}";
        var desc = $"{d.Items.Count} öppna remissvar med svarsdatum och {d.Meetings.Count} sammanträden från {SwedishText.IsoDate(d.Today)} till {SwedishText.IsoDate(d.End)}.";
        var height = Top + Bottom + 30 + Math.Max(1, d.Items.Count) * 24;
        var svg = Begin(title, desc, "namnd-tidslinje", height);
        const double labelWidth = 200;
        var days = Math.Max(1, d.End.DayNumber - d.Today.DayNumber);
        double X(DateOnly date) => Left + labelWidth + (Width - Left - Right - labelWidth) * Math.Clamp(date.DayNumber - d.Today.DayNumber, 0, days) / days;
        var axisY = height - Bottom;
        svg.Append(Line(X(d.Today), axisY, Width - Right, axisY, AxisColour, null));
        svg.Append(Text(X(d.Today), axisY + 18, "Idag " + SwedishText.IsoDate(d.Today), "start"));
        foreach (var m in d.Meetings)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"sammantrade\">{Line(X(m.Datum), Top, X(m.Datum), axisY, Palette[2], "2 3")}<title>{Esc($"{m.Organ} {SwedishText.IsoDate(m.Datum)}")}</title></g>");
            svg.Append(Text(X(m.Datum), Top - 8, SwedishText.IsoDate(m.Datum)[5..], "middle"));
        }

        for (var i = 0; i < d.Items.Count; i++)
        {
            var item = d.Items[i];
            var y = Top + 10 + i * 24;
            var overdue = item.Svarsdatum < d.Today;
            var colour = overdue ? Palette[3] : Palette[0];
            // The label column is Left + labelWidth wide; a longer title is shortened here and shown whole in the
            // bar's tooltip and the table, instead of running off the SVG's left edge.
            svg.Append(Text(Left + labelWidth - 8, y + 12, Fit(item.Label, Left + labelWidth - 12), "end"));
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"remissvar\" x=\"{F(X(d.Today))}\" y=\"{F(y + 2)}\" width=\"{F(Math.Max(3, X(item.Svarsdatum) - X(d.Today)))}\" height=\"12\" fill=\"{colour}\"><title>{Esc($"{item.Label}: svarsdatum {SwedishText.IsoDate(item.Svarsdatum)}, {item.Status}")}</title></rect>");
        }

        var rows = d.Items.Select(item =>
        {
            var before = d.Meetings.Where(m => m.Datum <= item.Svarsdatum && m.Datum >= d.Today).Select(m => m.Datum).DefaultIfEmpty().Max();
            return (IReadOnlyList<string>)[item.Label, SwedishText.IsoDate(item.Svarsdatum), item.Status, before == default ? "Inget sammanträde hinns" : SwedishText.IsoDate(before)];
        }).ToList();
        return new SvgChartResult(End(svg), title, desc, new ChartTable(title, ["Remissvar", "Svarsdatum", "Läge", "Sista sammanträde före svarsdatum"], rows));
    }

    private static StringBuilder Begin(string title, string desc, string id, double height = Height)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {F(Width)} {F(height)}\" width=\"{F(Width)}\" height=\"{F(height)}\" ");
        sb.Append(CultureInfo.InvariantCulture, $"aria-labelledby=\"{id}-titel {id}-beskrivning\" font-family=\"Liberation Sans, Arial, sans-serif\" font-size=\"12\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-titel\">{Esc(title)}</title><desc id=\"{id}-beskrivning\">{Esc(desc)}</desc>");
        sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"0\" width=\"{F(Width)}\" height=\"{F(height)}\" fill=\"#ffffff\"/>");
        return sb;
    }

    private static string End(StringBuilder sb) => sb.Append("</svg>").ToString();

    private static void Axes(StringBuilder svg, Func<double, double> y, int maxY)
    {
        svg.Append(Line(Left, y(0), Width - Right, y(0), AxisColour, null));
        svg.Append(Line(Left, Top, Left, y(0), AxisColour, null));
        var step = Math.Max(1, (int)Math.Ceiling(maxY / 5.0));
        for (var v = 0; v <= maxY; v += step)
        {
            svg.Append(Text(Left - 6, y(v) + 4, N(v), "end"));
        }
    }

    private static void Legend(StringBuilder svg, int index, string name, string colour)
    {
        var x = Left + 8 + index * 150;
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(x)}\" y=\"{F(Height - 22)}\" width=\"12\" height=\"12\" fill=\"{colour}\"/>");
        svg.Append(Text(x + 16, Height - 12, name, "start"));
    }

    /// <summary>
    /// Cuts <paramref name="text"/> to what fits in <paramref name="width"/> px at the charts' 12 px font, with an
    /// ellipsis. 7 px a character is above the widest run of ordinary Swedish text in Liberation Sans (about 6 px).
    /// </summary>
    internal static string Fit(string text, double width)
    {
        const double charWidth = 7;
        var max = Math.Max(1, (int)(width / charWidth));
        return text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
    }

    private static string Line(double x1, double y1, double x2, double y2, string colour, string? dash) =>
        $"<line x1=\"{F(x1)}\" y1=\"{F(y1)}\" x2=\"{F(x2)}\" y2=\"{F(y2)}\" stroke=\"{colour}\" stroke-width=\"1\"{(dash is null ? "" : $" stroke-dasharray=\"{dash}\"")}/>";

    private static string Text(double x, double y, string text, string anchor) =>
        $"<text x=\"{F(x)}\" y=\"{F(y)}\" text-anchor=\"{anchor}\" fill=\"{TextColour}\">{Esc(text)}</text>";

    /// <summary>XML-escapes text and drops characters XML cannot hold, so a name typed by anyone cannot break or script the SVG.</summary>
    public static string Esc(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                case var x when char.IsControl(x) && x is not '\n' and not '\t': break;
                case var x when char.IsSurrogate(x): sb.Append(x); break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }

    private static string Pct(InstansRate r) => r.Forfallna == 0 ? "–" : ((double)r.ITid / r.Forfallna * 100).ToString("0", SwedishText.Culture) + " %";

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string N(int v) => v.ToString(CultureInfo.InvariantCulture);

}
