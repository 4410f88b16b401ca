using RemissFlow.Documents.Wording;
using RemissFlow.Workflows.Calendar;

namespace RemissFlow.Core.Deadlines;

/// <summary>The suggested internal svarsdatum, or why there is none, with the reasoning a registrator can check.</summary>
public sealed record InterntSvarsdatumForslag(DateOnly? Datum, string Forklaring);

/// <summary>
/// The internal svarsdatum of a remiss sent on from an outside one: counted back from the receiving organisation's own
/// plan (its beredning and meeting before the external svarsdatum) to the day its TU must go to the förvaltningschef,
/// less the working days its handläggare needs to compile the internal answers into that TU. Pure, like the planner.
/// </summary>
public static class InterntSvarsdatum
{
    /// <summary>Two working weeks for the handläggare to read, compile and write; a registrator can still choose another date.</summary>
    public const int SammanstallningArbetsdagar = 10;

    public static InterntSvarsdatumForslag Suggest(Plan plan, IWorkingDayCalendar calendar, int sammanstallningArbetsdagar = SammanstallningArbetsdagar)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfNegative(sammanstallningArbetsdagar);
        if (plan.TuTillForvaltningschef is not { } tu || plan.Sammantrade is not { } mote)
        {
            return new InterntSvarsdatumForslag(null,
                $"Inget sammanträde i {plan.Namnd} hinns före svarsdatum {SwedishText.IsoDate(plan.Svarsdatum)}; ange det interna svarsdatumet själv eller begär anstånd hos avsändaren.");
        }

        var datum = calendar.AddWorkingDays(tu, -sammanstallningArbetsdagar);
        var forklaring = $"{plan.Namnd} sammanträder {SwedishText.IsoDate(mote.Datum)}, tjänsteutlåtandet ska till förvaltningschefen {SwedishText.IsoDate(tu)}; " +
            $"{SwedishText.Count(sammanstallningArbetsdagar, "arbetsdag", "arbetsdagar")} före det för att sammanställa svaren ger {SwedishText.WithWeekday(datum)}.";
        if (datum <= plan.Today)
        {
            return new InterntSvarsdatumForslag(null, forklaring + " Det datumet har redan passerat; ange ett eget internt svarsdatum.");
        }

        return new InterntSvarsdatumForslag(datum, forklaring);
    }
}
