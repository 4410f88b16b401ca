using RemissFlow.Core.Deadlines;
using RemissFlow.Core.Oversikt;
using RemissFlow.Web.Pages.Shared;

namespace RemissFlow.Web.Pages.Arenden;

/// <summary>The deadline board: every open remissvar of the nämnd with its plan, riskiest first. Plans come from one batch query for the whole list.</summary>
[Authorize(Policy = AccessPolicies.Bevakning)]
public sealed class BevakningModel(RemissFlowDbContext db, PlanQuery plans, PlanMemo memo, OversiktCache cache, StateLabels labels, IConfiguration configuration, SignedInUser user) : PageModel
{
    private sealed record Board(IReadOnlyList<RemissvarRow> Rows, IReadOnlyDictionary<Guid, Plan> Plans);

    public IReadOnlyList<RemissvarRow> Rows { get; private set; } = [];

    public IReadOnlyDictionary<Guid, Plan> Plans { get; private set; } = new Dictionary<Guid, Plan>();

    public RemissvarTable Table => new(Rows, "Öppna remissvar, mest brådskande först", Filter.Active ? "Inga öppna remissvar matchar filtret." : "Det finns inga öppna remissvar att bevaka.", Plans);

    [BindProperty(Name = "status", SupportsGet = true)]
    public string? StatusFilter { get; set; }

    [BindProperty(Name = "ar", SupportsGet = true)]
    public string? YearFilter { get; set; }

    public ListFilter Filter { get; private set; } = null!;

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
        // Filtered after the cache, in memory: one cached board per nämnd serves every filter.
        var (statuses, years) = await RemissvarListing.FilterOptionsAsync(board.Rows, labels, ct);
        Filter = ListFilter.Read("/bevakning", StatusFilter, YearFilter, statuses, years);
        Rows = Filter.Active ? board.Rows.Where(r => Filter.Matches(r.Status, r.Svarsdatum)).ToList() : board.Rows;
        var shown = Rows.Select(r => r.Id).ToHashSet();
        Plans = Filter.Active ? board.Plans.Where(p => shown.Contains(p.Key)).ToDictionary() : board.Plans;
    }
}
