using System.Text;

namespace RemissFlow.Core.Deadlines;

/// <summary>Plain Swedish text of a plan, for the CLI's <c>plan &lt;dnr&gt;</c> and as the web's text view.</summary>
public static class PlanTextRenderer
{
    public static string Render(Plan plan, string? diarienummer = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder();
        text.Append("Plan");
        if (!string.IsNullOrWhiteSpace(diarienummer))
        {
            text.Append(" för ").Append(diarienummer);
        }

        text.Append(" – ").AppendLine(plan.Namnd);
        text.Append("Svarsdatum: ").Append(SwedishDates.WithWeekday(plan.Svarsdatum));
        if (!plan.SvarsdatumIsWorkingDay)
        {
            text.Append(" (").Append(plan.SvarsdatumNonWorkingReason ?? "inte en arbetsdag")
                .Append("; sista praktiska dag ").Append(SwedishDates.WithWeekday(plan.PracticalLastDay)).Append(')');
        }

        text.AppendLine();
        text.Append("Status: ").Append(plan.StatusLabel).Append(" (per ").Append(SwedishDates.Iso(plan.Today)).AppendLine(")");

        if (plan.Sammantrade is { } meeting)
        {
            text.AppendLine();
            text.Append("Nämndens sammanträde: ").Append(SwedishDates.WithWeekday(meeting.Datum))
                .AppendLine(meeting.OmedelbarJustering ? " (omedelbar justering)" : string.Empty);
            foreach (var step in plan.Beredning)
            {
                text.Append("Beredning i ").Append(step.Organ.Namn).Append(": ")
                    .AppendLine(step.Sammantrade is { } d ? SwedishDates.WithWeekday(d) : "inget sammanträde passar");
            }

            text.Append("Handlingar klara till nämnden: ").AppendLine(SwedishDates.WithWeekday(plan.PapersDue!.Value));
            text.Append("Tjänsteutlåtandet till förvaltningschefen senast: ").AppendLine(SwedishDates.WithWeekday(plan.TuTillForvaltningschef!.Value));
            text.AppendLine();
            text.AppendLine("Milstolpar:");
            foreach (var milestone in plan.Milestones)
            {
                text.Append("  ").Append(SwedishDates.WithWeekday(milestone.Date).PadRight(18))
                    .Append("  ").Append(milestone.Label)
                    .Append(" [").Append(milestone.State.ToSwedish()).AppendLine("]");
            }
        }
        else
        {
            text.AppendLine();
            text.Append("Inget av nämndens sammanträden hinner ge ett justerat och skickat svar senast ")
                .Append(SwedishDates.WithWeekday(plan.PracticalLastDay)).AppendLine(".");
        }

        if (plan.Warnings.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Observera:");
            foreach (var warning in plan.Warnings)
            {
                text.Append("  - ").AppendLine(warning);
            }
        }

        if (plan.Alternatives is { } alternatives)
        {
            text.AppendLine();
            text.AppendLine("Möjliga vägar:");
            text.Append("  - Anstånd: ").AppendLine(Describe(alternatives.Anstand));
            text.Append("  - Ordförandebeslut: ").AppendLine(Describe(alternatives.Ordforandebeslut));
            text.Append("  - Extra sammanträde: ").AppendLine(Describe(alternatives.ExtraSammantrade));
        }

        return text.ToString();
    }

    private static string Describe(AnstandAlternative anstand) =>
        anstand is { Sammantrade: { } meeting, NyttSvarsdatum: { } date }
            ? $"begär anstånd hos avsändaren till {SwedishDates.WithWeekday(date)}, så att ärendet kan tas på sammanträdet {SwedishDates.WithWeekday(meeting)}."
            : "inget kommande sammanträde är inlagt; lägg in nämndens sammanträden för att räkna fram ett datum.";

    private static string Describe(OrdforandebeslutAlternative beslut)
    {
        var anmals = beslut.AnmalsVid is { } meeting
            ? $"anmäls vid nämndens sammanträde {SwedishDates.WithWeekday(meeting)}"
            : "anmäls vid nämndens nästa sammanträde (inget inlagt)";
        return beslut.Mojligt
            ? $"ordföranden beslutar senast {SwedishDates.WithWeekday(beslut.BeslutSenast)}; beslutet {anmals}."
            : $"hinns inte, beslutet skulle ha fattats senast {SwedishDates.WithWeekday(beslut.BeslutSenast)}.";
    }

    private static string Describe(ExtraSammantradeAlternative extra) =>
        extra.Mojligt
            ? $"senast {SwedishDates.WithWeekday(extra.SenastDatum)}, med handlingar klara {SwedishDates.WithWeekday(extra.PapersDue)}."
            : $"hinns inte, handlingarna skulle ha varit klara {SwedishDates.WithWeekday(extra.PapersDue)} för ett sammanträde senast {SwedishDates.WithWeekday(extra.SenastDatum)}.";
}
