using RemissFlow.Core;
using RemissFlow.Core.Oversikt;
using RemissFlow.Core.Sammanstallning;
using RemissFlow.Core.Sammanstallning.Charts;
using RemissFlow.Core.Workflow;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Pages.Oversikt;

/// <summary>KS across its remisser: who answers on time, and how the open remisser stand against their svarsdatum.</summary>
[Authorize(Policy = AccessPolicies.Remisser)]
public sealed class IndexModel(SignedInUser user, ChartQueries charts, RemissMatrixQuery matrices, OversiktCache cache, RemissFlowDbContext db, IConfiguration configuration, TimeProvider clock) : PageModel
{

    /// <summary>What the page shows, computed from every answer of the last year and of every open remiss; kept until the audit log moves.</summary>
    private sealed record Figures(SvgChartResult OnTime, SvgChartResult OpenByWeeks, IReadOnlyList<RemissMatrix> Open);

    public SvgChartResult OnTime { get; private set; } = null!;

    public SvgChartResult OpenByWeeks { get; private set; } = null!;

    public IReadOnlyList<RemissMatrix> Open { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var ks = user.Actor.OrganisationId!.Value;
        async Task<Figures> Build()
        {
            var (rates, from, to) = await charts.OnTimeRatePerInstansAsync(ks, ct);
            var weeks = SvgChart.OpenRemisserByWeeks(await charts.OpenRemisserByWeeksAsync(ks, ct), StockholmTime.Today(clock));
            // Only the summaries are shown here; each remiss's own page has its full matrix.
            var open = await matrices.ForAvsandareAsync(ks, RemissStates.AwaitingAnswers, categoriesOnly: true, ct);
            return new Figures(SvgChart.OnTimeRatePerInstans(rates, from, to), weeks, open);
        }

        var figures = Api.OversiktEndpoints.UseCache(configuration)
            ? await cache.GetOrCreateAsync("oversikt", ks, await OversiktCache.StampAsync(db, ct), Build)
            : await Build();
        (OnTime, OpenByWeeks, Open) = (figures.OnTime, figures.OpenByWeeks, figures.Open);
    }
}
