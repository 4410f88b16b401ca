using RemissFlow.Core.Features.Sekretess;
using RemissFlow.Documents.Pdf;

namespace RemissFlow.Core.Demo;

public sealed partial class DemoSeeder
{
    private sealed partial class Run
    {
        /// <summary>
        /// PRO's letter in the finished remiss names a private person: KS's registrator has marked it under OSL 21:7 and
        /// masked its letterhead block, so the public page and the sammanställning show the masked copy where poppler-utils
        /// is installed.
        /// </summary>
        private async Task SeedSekretessAsync(CancellationToken ct)
        {
            if (await db.Sekretessmarkeringar.AnyAsync(ct))
            {
                return;
            }

            var letter = await db.Bilagor.AsNoTracking().Where(b => b.FileName == "PRO Stockholms län – yttrande.pdf").Select(b => (Guid?)b.Id).FirstOrDefaultAsync(ct);
            if (letter is not { } id)
            {
                return;
            }

            var osl = await db.OslBestammelser.AsNoTracking().Where(o => o.Kapitel == 21 && o.Paragraf == 7).Select(o => o.Id).SingleAsync(ct);
            const string registrator = "registrator.ks@remissflow.test";
            await Do(registrator, new MarkeraSekretess.Command(SekretessTyp.Fil, id, osl, "Brevet namnger en enskild och dennes ekonomiska förhållanden."), ct);
            // The copy needs pdftoppm (poppler-utils). The demo must start on a machine without it, so it is left unmasked
            // there: the marked letter is then simply absent from the public pages, which is the rule without a copy.
            if (PdfMasker.ToolInstalled)
            {
                await Do(registrator, new SkapaMaskeradKopia.Command(id, [new MaskArea(1, 8, 8, 60, 14)]), ct);
            }
        }
    }
}
