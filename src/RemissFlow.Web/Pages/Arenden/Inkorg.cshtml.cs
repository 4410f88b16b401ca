using RemissFlow.Web.Pages.Shared;

namespace RemissFlow.Web.Pages.Arenden;

[Authorize(Policy = AccessPolicies.Inkorg)]
public sealed class InkorgModel(RemissFlowDbContext db, StateLabels labels, SignedInUser user) : PageModel
{
    public IReadOnlyList<RemissvarRow> Rows { get; private set; } = [];

    [BindProperty(Name = "status", SupportsGet = true)]
    public string? StatusFilter { get; set; }

    [BindProperty(Name = "ar", SupportsGet = true)]
    public string? YearFilter { get; set; }

    public ListFilter Filter { get; private set; } = null!;

    public bool CanRegisterFromOutside => InkommenModel.MayRegisterFor(user);

    public RemissvarTable Table => new(Rows, "Inkorg", Filter.Active ? "Inga ärenden i inkorgen matchar filtret." : "Inkorgen är tom.");

    public async Task OnGetAsync(CancellationToken ct)
    {
        var org = user.Actor.OrganisationId!.Value;
        var (statuses, years) = await RemissvarListing.FilterOptionsAsync(db, RemissvarListing.InkorgAnswers(db, org), labels, ct);
        Filter = ListFilter.Read("/inkorg", StatusFilter, YearFilter, statuses, years);
        Rows = await RemissvarListing.Inkorg(db, org, Filter.Status, Filter.Year).ToListAsync(ct);
    }
}
