using RemissFlow.Documents.Wording;

namespace RemissFlow.Web.Pages.Admin.Organisationer;

public sealed class IndexModel(RemissFlowDbContext db) : PageModel
{
    public IReadOnlyList<Organisation> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Rows = (await db.Organisationer.AsNoTracking().ToListAsync(ct)).OrderBy(o => o.Name, SwedishText.Comparer).ToList();
}
