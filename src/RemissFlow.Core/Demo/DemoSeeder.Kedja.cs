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
            return true;
        }
    }
}
