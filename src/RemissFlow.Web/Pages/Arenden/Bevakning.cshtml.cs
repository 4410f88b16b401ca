using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Deadlines;
using RemissFlow.Core.Oversikt;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Security;

namespace RemissFlow.Web.Pages.Arenden;

/// <summary>The deadline board: every open remissvar of the nämnd with its plan, riskiest first. Plans come from one batch query for the whole list.</summary>
[Authorize(Policy = AccessPolicies.Bevakning)]
public sealed class BevakningModel(RemissFlowDbContext db, PlanQuery plans, PlanMemo memo, OversiktCache cache, IConfiguration configuration, SignedInUser user) : PageModel
{
    private sealed record Board(IReadOnlyList<RemissvarRow> Rows, IReadOnlyDictionary<Guid, Plan> Plans);

    public IReadOnlyList<RemissvarRow> Rows { get; private set; } = [];

    public IReadOnlyDictionary<Guid, Plan> Plans { get; private set; } = new Dictionary<Guid, Plan>();

    public RemissvarTable Table => new(Rows, "Öppna remissvar, mest brådskande först", "Det finns inga öppna remissvar att bevaka.", Plans);

    public int Count(PlanStatus status) => Plans.Values.Count(p => p.Status == status);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var org = user.Actor.OrganisationId!.Value;
        async Task<Board> Build()
        {
            var rows = await RemissvarListing.Open(db, org).ToListAsync(ct);
            // Through the process-wide memo, as the board's API does: a nämnd's open answers share a few svarsdatum, so most plans are already made.
            var requests = await plans.RequestsAsync(rows.Select(r => r.Id).ToList(), ct);
            var planned = requests.Where(r => r.Value.Request is not null).ToDictionary(r => r.Key, r => memo.Plan(r.Value.Request!));
            return new Board(RemissvarListing.RiskiestFirst(rows, planned), planned);
        }

        // The same rows as the board's API, kept the same way: until the audit log moves or the day changes.
        var board = Api.OversiktEndpoints.UseCache(configuration)
            ? await cache.GetOrCreateAsync("bevakning-sida", org, await OversiktCache.StampAsync(db, ct), Build)
            : await Build();
        (Rows, Plans) = (board.Rows, board.Plans);
    }
}
