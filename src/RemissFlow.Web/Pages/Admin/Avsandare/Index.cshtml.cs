using RemissFlow.Documents.Wording;

namespace RemissFlow.Web.Pages.Admin.Avsandare;

public sealed class IndexModel(RemissFlowDbContext db) : PageModel
{
    public IReadOnlyList<Organisation> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Rows = (await db.Organisationer.AsNoTracking().Where(o => o.AvsandareTyp != null).ToListAsync(ct)).OrderBy(o => o.Name, SwedishText.Comparer).ToList();
}
