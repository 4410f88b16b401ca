using RemissFlow.Core.Features.Gallring;

namespace RemissFlow.Web.Pages.Admin.Gallringsplan;

/// <summary>
/// The administratör keeps each organisation's dokumenthanteringsplan: per handlingstyp bevaras or gallras, after how
/// long and from which event. Every change is a new version of the row; the earlier versions are listed beneath.
/// </summary>
[Authorize(Policy = AccessPolicies.Administration)]
public sealed class IndexModel(IMediator mediator, RemissFlowDbContext db, SignedInUser user) : PageModel
{
    public sealed class InputModel
    {
        public string? Handlingstyp { get; set; }

        public string? Atgard { get; set; }

        public int? Ar { get; set; }

        public string? Utgangspunkt { get; set; }

        public string? Anmarkning { get; set; }
    }

    public sealed record Rad(string Kod, string Typ, GallringsplanRad? Giltig);

    public sealed record Version(string Typ, GallringsplanRad Rad, string? AndradAv);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public Guid? Org { get; set; }

    public Organisation? Organisation { get; private set; }

    public IReadOnlyList<(string, string)> Organisationer { get; private set; } = [];

    public IReadOnlyList<Rad> Plan { get; private set; } = [];

    public IReadOnlyList<Version> Historik { get; private set; } = [];

    public static IEnumerable<(string, string)> TypOptions => Core.Features.Gallring.Gallringsplan.Typer.Select(t => (t.Kod, t.Namn));

    public static IEnumerable<(string, string)> AtgardOptions =>
        [(Core.Features.Gallring.Gallringsplan.Bevaras, "Bevaras"), (Core.Features.Gallring.Gallringsplan.Gallras, "Gallras")];

    public static IEnumerable<(string, string)> UtgangspunktOptions => Core.Features.Gallring.Gallringsplan.Utgangspunkter.Select(u => (u.Key, Capitalised(u.Value)));

    public string Self => $"/admin/gallringsplan?org={Organisation?.Id}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var result = await mediator.Send(new AndraGallringsplan.Command(Input.Handlingstyp, Input.Atgard, Input.Ar, Input.Utgangspunkt, Input.Anmarkning, Organisation!.Id), ct);
        if (result.Succeeded)
        {
            var typ = Core.Features.Gallring.Gallringsplan.Typ(Input.Handlingstyp)!;
            TempData["Meddelande"] = $"{typ.Namn}: en ny version av raden gäller från och med nu.";
            return Redirect(Self);
        }

        ModelState.AddRefusal(result.Refusal!);
        Response.StatusCode = ModelStateExtensions.StatusFor(result.Refusal!, StatusCodes.Status422UnprocessableEntity);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var orgs = await db.Organisationer.AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct);
        Organisationer = orgs.Select(o => (o.Id.ToString(), o.Name)).ToList();
        Organisation = orgs.FirstOrDefault(o => o.Id == (Org ?? user.Actor.OrganisationId));
        if (Organisation is null)
        {
            return false;
        }

        var rows = await db.Gallringsplan.AsNoTracking().Where(r => r.OrganisationId == Organisation.Id).ToListAsync(ct);
        var ids = rows.Where(r => r.AndradAv != null).Select(r => r.AndradAv!.Value).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        Plan = Core.Features.Gallring.Gallringsplan.Typer.Select(t => new Rad(t.Kod, t.Namn, rows.FirstOrDefault(r => r.Handlingstyp == t.Kod && r.Giltig))).ToList();
        Historik = rows.OrderBy(r => r.Handlingstyp, StringComparer.Ordinal).ThenByDescending(r => r.PlanVersion)
            .Select(r => new Version(Core.Features.Gallring.Gallringsplan.Typ(r.Handlingstyp)?.Namn ?? r.Handlingstyp, r, r.AndradAv is { } u ? names.GetValueOrDefault(u) : null))
            .ToList();
        return true;
    }

    private static string Capitalised(string s) => string.Concat(s[..1].ToUpperInvariant(), s[1..]);
}
