namespace RemissFlow.Web.Pages.Publikt;

/// <summary>The public list: every remiss once it is sent out (an utkast is not an allmän handling yet), and one from outside once the answer to it is expedierad.</summary>
[AllowAnonymous]
public sealed class IndexModel(RemissFlowDbContext db) : PageModel
{
    public sealed record Rad(Guid Id, string Dnr, string Title, DateOnly Svarsdatum, DateOnly? Utskick, string Status);

    public IReadOnlyList<Rad> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = await db.Remisser.AsNoTracking().Where(r => (r.UtskickDatum != null && r.MottagenDatum == null) || db.Expedieringar.Any(e => e.RemissId == r.Id))
            .OrderByDescending(r => r.Svarsdatum).ThenBy(r => r.Dnr)
            .Select(r => new Rad(r.Id, r.Dnr, r.Title, r.Svarsdatum, r.UtskickDatum, r.Status)).ToListAsync(ct);
    }
}
