namespace RemissFlow.Web.Pages.Admin.Mallar;

/// <summary>
/// Every organisation against every document kind, so the administratör sees at a glance which have their own
/// template (a saved override) and who saved its newest version when.
/// </summary>
[Authorize(Policy = AccessPolicies.Administration)]
public sealed class IndexModel(RemissFlowDbContext db) : PageModel
{
    public sealed record Cell(string Typ, Dokumentmall? Senaste, string? Av);

    public sealed record Rad(Organisation Organisation, IReadOnlyList<Cell> Celler);

    public static IReadOnlyList<(string Typ, string Namn)> Typer { get; } =
    [
        ("tjansteutlatande", "Tjänsteutlåtande"), ("protokollsutdrag", "Protokollsutdrag"), ("missiv", "Missiv"), ("paminnelse", "Påminnelse"),
    ];

    public IReadOnlyList<Rad> Rader { get; private set; } = [];

    public static string Namn(string typ) => Typer.FirstOrDefault(t => t.Typ == typ).Namn ?? typ;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var orgs = await db.Organisationer.AsNoTracking().Where(o => o.Kind != OrganisationKind.ExternOrganisation).OrderBy(o => o.Name).ToListAsync(ct);
        var mallar = await db.Dokumentmallar.AsNoTracking().ToListAsync(ct);
        var latest = mallar.GroupBy(m => (m.OrganisationId, m.Dokumenttyp)).ToDictionary(g => g.Key, g => g.MaxBy(m => m.Version)!);
        var ids = latest.Values.Where(m => m.SkapadAv != null).Select(m => m.SkapadAv!.Value).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        Rader = orgs.Select(o => new Rad(o, Typer.Select(t =>
        {
            var m = latest.GetValueOrDefault((o.Id, t.Typ));
            return new Cell(t.Typ, m, m?.SkapadAv is { } u ? names.GetValueOrDefault(u) : null);
        }).ToList())).ToList();
    }
}
