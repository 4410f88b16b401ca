using System.Text;
using RemissFlow.Documents.Wording;

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
        text.Append("Svarsdatum: ").Append(SwedishText.WithWeekday(plan.Svarsdatum));
        if (!plan.SvarsdatumIsWorkingDay)
        {
            text.Append(" (").Append(plan.SvarsdatumNonWorkingReason ?? "inte en arbetsdag")
                .Append("; sista praktiska dag ").Append(SwedishText.WithWeekday(plan.PracticalLastDay)).Append(')');
        }

        text.AppendLine();
        text.Append("Status: ").Append(plan.StatusLabel).Append(" (per ").Append(SwedishText.IsoDate(plan.Today)).AppendLine(")");

        if (plan.Sammantrade is { } meeting)
        {
            text.AppendLine();
            text.Append("Nämndens sammanträde: ").Append(SwedishText.WithWeekday(meeting.Datum))
                .AppendLine(meeting.OmedelbarJustering ? " (omedelbar justering)" : string.Empty);
            foreach (var step in plan.Beredning)
            {
                text.Append("Beredning i ").Append(step.Organ.Namn).Append(": ")
                    .AppendLine(step.Sammantrade is { } d ? SwedishText.WithWeekday(d) : "inget sammanträde passar");
            }

            text.Append("Handlingar klara till nämnden: ").AppendLine(SwedishText.WithWeekday(plan.PapersDue!.Value));
            text.Append("Tjänsteutlåtandet till förvaltningschefen senast: ").AppendLine(SwedishText.WithWeekday(plan.TuTillForvaltningschef!.Value));
            text.AppendLine();
            text.AppendLine("Milstolpar:");
            foreach (var milestone in plan.Milestones)
            {
                text.Append("  ").Append(SwedishText.WithWeekday(milestone.Date).PadRight(18))
                    .Append("  ").Append(milestone.Label)
                    .Append(" [").Append(milestone.State.ToSwedish()).AppendLine("]");
            }
        }
        else
        {
            text.AppendLine();
            text.Append("Inget av nämndens sammanträden hinner ge ett justerat och skickat svar senast ")
                .Append(SwedishText.WithWeekday(plan.PracticalLastDay)).AppendLine(".");
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
            ? $"begär anstånd hos avsändaren till {SwedishText.WithWeekday(date)}, så att ärendet kan tas på sammanträdet {SwedishText.WithWeekday(meeting)}."
            : "inget kommande sammanträde är inlagt; lägg in nämndens sammanträden för att räkna fram ett datum.";

    private static string Describe(OrdforandebeslutAlternative beslut)
    {
        var anmals = beslut.AnmalsVid is { } meeting
            ? $"anmäls vid nämndens sammanträde {SwedishText.WithWeekday(meeting)}"
            : "anmäls vid nämndens nästa sammanträde (inget inlagt)";
        return beslut.Mojligt
            ? $"ordföranden beslutar senast {SwedishText.WithWeekday(beslut.BeslutSenast)}; beslutet {anmals}."
            : $"hinns inte, beslutet skulle ha fattats senast {SwedishText.WithWeekday(beslut.BeslutSenast)}.";
    }

    private static string Describe(ExtraSammantradeAlternative extra) =>
        extra.Mojligt
            ? $"senast {SwedishText.WithWeekday(extra.SenastDatum)}, med handlingar klara {SwedishText.WithWeekday(extra.PapersDue)}."
            : $"hinns inte, handlingarna skulle ha varit klara {SwedishText.WithWeekday(extra.PapersDue)} för ett sammanträde senast {SwedishText.WithWeekday(extra.SenastDatum)}.";
}
