using RemissFlow.Core.Sammanstallning.Charts;

namespace RemissFlow.Web.Pages.Oversikt;

/// <summary>For a nämndsekreterare: the nämnd's open remissvar on a timeline of its meetings.</summary>
[Authorize(Policy = AccessPolicies.Bevakning)]
public sealed class NamndModel(SignedInUser user, ChartQueries charts) : PageModel
{
    public SvgChartResult Timeline { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var data = await charts.NamndTimelineAsync(user.Actor.OrganisationId!.Value, ct);
        if (data is null)
        {
            return NotFound();
        }

        Timeline = SvgChart.NamndTimeline(data);
        return Page();
    }
}
