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

        private static readonly (string Namn, string Parti, string Uppdrag, string Epost)[] DemoLedamoter =
        [
            ("Eva Lindström", "M", "ordförande", ""),
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
