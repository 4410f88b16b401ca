using RemissFlow.Documents.Wording;
using RemissFlow.Web.Pages.Shared;

namespace RemissFlow.Web.Pages.Remisser;

[Authorize(Policy = AccessPolicies.Remisser)]
public sealed class IndexModel(RemissFlowDbContext db, SignedInUser user, StateLabels labels) : PageModel
{
    public IReadOnlyList<Remiss> Rows { get; private set; } = [];

    [BindProperty(Name = "sortera", SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(Name = "status", SupportsGet = true)]
    public string? StatusFilter { get; set; }

    [BindProperty(Name = "ar", SupportsGet = true)]
    public string? YearFilter { get; set; }

    public ListFilter Filter { get; private set; } = null!;

    public bool ByTitle => Sort == "titel";

    public bool CanRegisterFromOutside => RemissFlow.Web.Pages.Arenden.InkommenModel.MayRegisterFor(user);

    public bool CanCreate => user.Has(Role.Registrator) || user.Has(Role.KsSamordnare);

    /// <summary>The sort links keep the filter, and the filter keeps the sort.</summary>
    public string SortLink(bool byTitle)
    {
        var query = new List<string>();
        if (byTitle)
        {
            query.Add("sortera=titel");
        }

        if (Filter.Status is { } s)
        {
            query.Add("status=" + Uri.EscapeDataString(s));
        }

        if (Filter.Year is { } y)
        {
            query.Add("ar=" + y);
        }

        return "/remisser" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var remisser = db.Remisser.AsNoTracking().Where(r => r.Status != Remiss.Raderad);
        var statuses = await remisser.Select(r => r.Status).Distinct().ToListAsync(ct);
        // Distinct dates, years in memory: PostgreSQL stores DateOnly.MaxValue as infinity, whose year is no integer.
        var years = (await remisser.Select(r => r.Svarsdatum).Distinct().ToListAsync(ct)).Select(d => d.Year);
        var options = new List<FilterOption>();
        foreach (var s in statuses)
        {
            options.Add(new FilterOption(s, await labels.RemissAsync(s, ct)));
        }
        Filter = ListFilter.Read("/remisser", StatusFilter, YearFilter, options, years,
            ByTitle ? new Dictionary<string, string> { ["sortera"] = "titel" } : null);

        // In SQL; a year is a date range so the svarsdatum order and index still serve it.
        if (Filter.Status is { } status)
        {
            remisser = remisser.Where(r => r.Status == status);
        }

        if (Filter.Year is { } year)
        {
            var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            remisser = remisser.Where(r => r.Svarsdatum >= from && r.Svarsdatum <= to);
        }

        var all = await remisser.OrderBy(r => r.Svarsdatum).ThenBy(r => r.Dnr).ToListAsync(ct);
        // Titles sort in memory: the database's collation is not Swedish (å ä ö must come after z).
        Rows = ByTitle ? all.OrderBy(r => r.Title, SwedishText.Comparer).ToList() : all;
    }
}
