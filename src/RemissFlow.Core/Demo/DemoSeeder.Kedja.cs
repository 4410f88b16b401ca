using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Features.Kedja;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Workflows.Calendar;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Demo;

public sealed partial class DemoSeeder
{
    /// <summary>The chain's demo: a state remiss modelled on Finansdepartementet's remiss of a betänkande on the kommunallag.</summary>
    public const string KedjaDnr = "Fi2026/01187";

    private sealed partial class Run
    {
        /// <summary>
        /// Finansdepartementet as outside sender, its remiss registered at Kommunstyrelsen ten days ago, and the internal
        /// remiss sent on to Servicenämnden, Socialnämnden and Hägersten-Liljeholmen: work waiting for every demo login.
        /// </summary>
        private async Task<bool> SeedKedjaAsync(DateOnly today, CancellationToken ct)
        {
            if (await db.Remisser.AnyAsync(r => r.Dnr == KedjaDnr, ct))
            {
                return false;
            }

            var calendar = services.GetRequiredService<IWorkingDayCalendar>();
            await At(today, ct);
            var fi = await db.Organisationer.Where(o => o.DnrPrefix == "FI").Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct)
                ?? Ok(await Send(Actor.System, CreateExternAvsandare.Command.WithStandardRule(
                    "Finansdepartementet", ExternAvsandareTyp.Departement, "FI", "fi.remissvar@regeringskansliet.se", "Fi2026/01187", "103 33 Stockholm"), ct));

            const string reg = "registrator.ks@remissflow.test";
            var missiv = await services.GetRequiredService<Documents.DocumentService>().RenderMissivAsync(
                await db.Remisser.Where(r => r.Dnr == FinishedDnr).Select(r => r.Id).FirstAsync(ct), Documents.OutputFormat.Pdf, ct);
            var registered = await Do(reg, new RegisterExternRemiss.Command(
                fi, "Remiss av betänkandet En kommunallag för framtiden (SOU 2026:14)", KedjaDnr,
                calendar.NextWorkingDay(today.AddDays(120)), calendar.PreviousWorkingDay(today.AddDays(-10)),
                new InkommenFil("Remissmissiv Fi2026-01187.pdf", missiv.Content), [new InkommenFil("SOU 2026-14.pdf", missiv.Content)]), ct);
            var intern = await Do(reg, new SkickaVidareInternt.Command(registered.ArendeId, [_org["SF"], _org["SOF"], _org["HL"]], calendar.NextWorkingDay(today.AddDays(56))), ct);
            await Do(reg, new FireRemissTrigger.Command(intern.RemissId, "skicka_ut"), ct);

            // Stadsledningskontoret's handläggare has begun the city's own answer: a first TU draft is there, and the
            // button that fetches the internal answers into it waits for her on the chain page.
            const string hl = "handlaggare.ks@remissflow.test";
            await Do(reg, new Features.Remissvar.AssignHandlaggare.Command(registered.ArendeId, (await P(hl)).UserId!.Value), ct);
            await Do(hl, new Features.Remissvar.FireRemissvarTrigger.Command(registered.ArendeId, "paborja_beredning"), ct);
            await Do(hl, new Features.Remissvar.SaveTjansteutlatande.Command(registered.ArendeId, null, "Remiss av betänkandet En kommunallag för framtiden (SOU 2026:14)",
                "1. Kommunstyrelsen godkänner förvaltningens tjänsteutlåtande som svar på remissen.",
                "Staden tillstyrker i huvudsak en ny kommunallag men avstyrker att nämndernas reglementen regleras närmare i lag.",
                "Finansdepartementet har remitterat betänkandet En kommunallag för framtiden (SOU 2026:14) till Stockholms stad.",
                "Utredningen föreslår en ny kommunallag med bland annat digitala sammanträden som huvudregel och ett tydligare ansvar för intern kontroll.",
                null, "Stadsledningskontoret sammanfattar nämndernas svar nedan."), ct);
            return true;
        }
    }
}
