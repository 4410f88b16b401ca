using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Mediation;

namespace RemissFlow.Core.Demo;

public sealed partial class DemoSeeder
{
    private sealed partial class Run
    {
        /// <summary>Servicenämnden's members for the mandate period now ending and the next, imported as a nämndsekreterare would.</summary>
        private async Task SeedLedamoterAsync(CancellationToken ct)
        {
            var namnd = await db.Organ.Where(o => o.OrganisationId == _org["SF"] && o.Kind == OrganKind.Namnd).Select(o => o.Id).FirstAsync(ct);
            var csv = new System.Text.StringBuilder("namn;parti;uppdrag;från;till;e-post\r\n");
            foreach (var (fran, till) in new[] { ("2023-01-01", "2026-12-31"), ("2027-01-01", "2030-12-31") })
            {
                foreach (var (namn, parti, uppdrag, epost) in DemoLedamoter)
                {
                    csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{namn};{parti};{uppdrag};{fran};{till};{epost}\r\n");
                }
            }

            Ok(await Send(Actor.System, new ImportLedamoter.Command(namnd, System.Text.Encoding.UTF8.GetBytes(csv.ToString())), ct));
        }

        /// <summary>Servicenämndens next meeting gets two typed-in items beside its remiss ärenden, and its kallelse goes out to the members.</summary>
        private async Task<bool> SeedKallelseAsync(DateOnly today, CancellationToken ct)
        {
            var next = await (from m in db.Sammantraden
                              join o in db.Organ on m.OrganId equals o.Id
                              where o.OrganisationId == _org["SF"] && o.Kind == OrganKind.Namnd && m.Datum > today
                              orderby m.Datum
                              select m).AsNoTracking().FirstOrDefaultAsync(ct);
            if (next is null || next.KallelseSkickadAt is not null)
            {
                return false;
            }

            const string Sekreterare = "sekreterare.sf@remissflow.test";
            await Do(Sekreterare, new AddOvrigPunkt.Command(next.Id, "Budgetuppföljning per oktober", "SF 2026/171", "Ekonomichef Ulla Berg",
                "Servicenämnden godkänner budgetuppföljningen och överlämnar den till kommunstyrelsen."), ct);
            await Do(Sekreterare, new AddOvrigPunkt.Command(next.Id, "Anmälan av delegationsbeslut", null, "Nämndsekreterare Lena Öberg",
                "Servicenämnden lägger anmälan till handlingarna."), ct);
            await Do(Sekreterare, new SkickaKallelse.Command(next.Id), ct);
            return true;
        }

        private static readonly (string Namn, string Parti, string Uppdrag, string Epost)[] DemoLedamoter =
        [
            ("Eva Lindström", "M", "ordförande", "ordforande.sf@remissflow.test"),
            ("Kristoffer Ahl", "S", "vice ordförande", ""),
            ("Anders Lund", "S", "ledamot", "ledamot.sf@remissflow.test"),
            ("Birgitta Sandell", "M", "ledamot", ""),
            ("Hassan Yilmaz", "V", "ledamot", ""),
            ("Sofia Berglund", "L", "ledamot", ""),
            ("Jonas Wikström", "SD", "ledamot", ""),
            ("Marie Holmgren", "MP", "ledamot", ""),
            ("Per-Olof Dahlin", "KD", "ledamot", ""),
            ("Linnea Forsberg", "M", "ersättare", ""),
            ("Tomas Nyberg", "S", "ersättare", ""),
            ("Amina Osman", "V", "ersättare", ""),
            ("Gustav Ekman", "C", "ersättare", ""),
        ];
    }
}
