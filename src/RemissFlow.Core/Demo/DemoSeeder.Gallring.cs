using RemissFlow.Core.Features.Gallring;

namespace RemissFlow.Core.Demo;

public sealed partial class DemoSeeder
{
    private sealed partial class Run
    {
        /// <summary>
        /// KS's dokumenthanteringsplan, kept by the administratör: answers and missiv bevaras; the copies of the
        /// remisshandlingar sent out are gallrade when the remiss has closed (the proposal itself is kept in the ärende
        /// that made it), so the finished remiss's handlingar wait on the arkivarie's gallring page.
        /// </summary>
        private async Task SeedGallringsplanAsync(CancellationToken ct)
        {
            if (await db.Gallringsplan.AnyAsync(ct))
            {
                return;
            }

            const string admin = "admin@remissflow.test";
            await Do(admin, new AndraGallringsplan.Command("remissvar_fil", Gallringsplan.Bevaras, null, null, "Remissvar är allmänna handlingar av betydelse för ärendet."), ct);
            await Do(admin, new AndraGallringsplan.Command("missiv", Gallringsplan.Bevaras, null, null, null), ct);
            await Do(admin, new AndraGallringsplan.Command("tu_bilaga", Gallringsplan.Gallras, 2, Gallringsplan.ArendeAvslutat, "Arbetsmaterial av tillfällig betydelse."), ct);
            await Do(admin, new AndraGallringsplan.Command("remisshandling", Gallringsplan.Gallras, null, Gallringsplan.Inaktualitet,
                "Kopior av förslaget som skickades ut; förslaget bevaras i huvudärendet."), ct);
        }
    }
}
