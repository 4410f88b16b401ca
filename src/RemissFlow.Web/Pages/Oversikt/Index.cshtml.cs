using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RemissFlow.Core;
using RemissFlow.Core.Sammanstallning;
using RemissFlow.Core.Sammanstallning.Charts;
using RemissFlow.Web.Security;

namespace RemissFlow.Web.Pages.Oversikt;

/// <summary>KS across its remisser: who answers on time, and how the open remisser stand against their svarsdatum.</summary>
[Authorize(Policy = AccessPolicies.Remisser)]
public sealed class IndexModel(SignedInUser user, ChartQueries charts, RemissMatrixQuery matrices, TimeProvider clock) : PageModel
{
    public SvgChartResult OnTime { get; private set; } = null!;

    public SvgChartResult OpenByWeeks { get; private set; } = null!;

    public IReadOnlyList<RemissMatrix> Open { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var ks = user.Actor.OrganisationId!.Value;
        var (rates, from, to) = await charts.OnTimeRatePerInstansAsync(ks, ct);
        OnTime = SvgChart.OnTimeRatePerInstans(rates, from, to);
        OpenByWeeks = SvgChart.OpenRemisserByWeeks(await charts.OpenRemisserByWeeksAsync(ks, ct), SwedishTime.Today(clock));
        Open = (await matrices.ForAvsandareAsync(ks, ct)).Where(m => m.Remiss.Status is "utskickad" or "svarstid_pagar" or "svarstid_ute").ToList();
    }
}
