using RemissFlow.Core.Features.Mallar;

namespace RemissFlow.Core.Demo;

public sealed partial class DemoSeeder
{
    private sealed partial class Run
    {
        /// <summary>
        /// Socialnämnden's own TU template, saved by the administratör through the use case in two versions (the second
        /// names the förvaltning in the proposal's heading), so the admin page shows a real override with a history and
        /// Socialförvaltningen's handläggare see the heading in their TU.
        /// </summary>
        private async Task SeedDokumentmallarAsync(CancellationToken ct)
        {
            if (await db.Dokumentmallar.AnyAsync(ct))
            {
                return;
            }

            const string admin = "admin@remissflow.test";
            var sof = await db.Organisationer.Where(o => o.DnrPrefix == "SOF").Select(o => o.Id).SingleAsync(ct);
            const string phrases = """
                  "phrases": {
                    "underrubrik": "Svar på remiss från {avsandare}, Dnr {avsandareDnr}",
                    "fortsattningsrubrik": "{rubrik}"
                  }
                """;
            await Do(admin, new SparaDokumentmall.Command(sof, "tjansteutlatande", "{\n" + phrases + "\n}\n"), ct);
            await Do(admin, new SparaDokumentmall.Command(sof, "tjansteutlatande",
                "{\n  \"headings\": {\n    \"forslagTillBeslut\": \"{forvaltning}s förslag till beslut\"\n  },\n" + phrases + "\n}\n"), ct);
        }
    }
}
