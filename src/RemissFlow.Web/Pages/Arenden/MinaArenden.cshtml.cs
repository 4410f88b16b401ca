using RemissFlow.Core.Deadlines;
using RemissFlow.Web.Pages.Shared;

namespace RemissFlow.Web.Pages.Arenden;

[Authorize(Policy = AccessPolicies.MinaArenden)]
public sealed class MinaArendenModel(RemissFlowDbContext db, PlanQuery plans, StateLabels labels, SignedInUser user) : PageModel
{
    public IReadOnlyList<RemissvarRow> Rows { get; private set; } = [];

    public IReadOnlyDictionary<Guid, Plan> Plans { get; private set; } = new Dictionary<Guid, Plan>();

    [BindProperty(Name = "status", SupportsGet = true)]
    public string? StatusFilter { get; set; }

    [BindProperty(Name = "ar", SupportsGet = true)]
    public string? YearFilter { get; set; }

    public ListFilter Filter { get; private set; } = null!;

    public RemissvarTable Table => new(Rows, "Mina ärenden", Filter.Active ? "Inga av dina ärenden matchar filtret." : "Du har inga öppna ärenden.", Plans);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var org = user.Actor.OrganisationId!.Value;
        var (statuses, years) = await RemissvarListing.FilterOptionsAsync(db, RemissvarListing.AssignedAnswers(db, org, user.UserId), labels, ct);
        Filter = ListFilter.Read("/mina-arenden", StatusFilter, YearFilter, statuses, years);
        Rows = await RemissvarListing.AssignedTo(db, org, user.UserId, Filter.Status, Filter.Year).ToListAsync(ct);
        Plans = await plans.PlansForAsync(Rows.Select(r => r.Id).ToList(), ct);
    }
}
