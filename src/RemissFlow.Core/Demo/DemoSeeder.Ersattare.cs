using RemissFlow.Core.Features.Ersattare;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Demo;

public sealed partial class DemoSeeder
{
    private sealed partial class Run
    {
        /// <summary>
        /// Per Åkesson, Servicenämnden's förvaltningschef, is away for two weeks from today: Sofia Lind holds his work, so her
        /// start page shows the TU waiting for the chef's approval as his, and she approves it "t.f. förvaltningschef".
        /// </summary>
        private async Task SeedErsattareAsync(CancellationToken ct)
        {
            const string chef = "chef.sf@remissflow.test";
            var chefId = (await P(chef)).UserId!.Value;
            if (await db.Ersattarperioder.AnyAsync(p => p.FranvarandeId == chefId, ct))
            {
                return;
            }

            var sofia = await db.Users.Where(u => u.Email == "bitradande.sf@remissflow.test").Select(u => u.Id).SingleAsync(ct);
            await Do(chef, new NamnErsattare.Command(chefId, sofia, StockholmTime.Today(clock), StockholmTime.Today(realClock).AddDays(13)), ct);
        }
    }
}
