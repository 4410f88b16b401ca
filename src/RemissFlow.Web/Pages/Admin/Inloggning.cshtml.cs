using Microsoft.Extensions.Options;
using RemissFlow.Core.Features.Oidc;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Web.Pages.Admin;

/// <summary>The role mapping for sign-in through the identity provider: which group gives which role in which organisation.</summary>
public sealed class InloggningModel(RemissFlowDbContext db, IMediator mediator, IOptions<OidcSettings> oidc) : PageModel
{
    public sealed class InputModel
    {
        public string? Grupp { get; set; }

        public Guid OrganisationId { get; set; }

        public Role? Roll { get; set; }
    }

    public sealed record Row(Guid Id, string Grupp, string Organisation, string Roll);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public OidcSettings Oidc => oidc.Value;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public IReadOnlyList<(string, string)> OrganisationOptions { get; private set; } = [];

    public static IEnumerable<(string, string)> RoleOptions =>
        Enum.GetValues<Role>().Where(r => r != Role.Administrator).Select(r => (r.ToString(), RoleNames.Swedish(r)));

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostNyAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await mediator.Send(new AddOidcRollmappning.Command(Input.Grupp ?? "", Input.OrganisationId, Input.Roll), ct);
            if (result.Succeeded)
            {
                TempData["Meddelande"] = $"Gruppen {Input.Grupp!.Trim()} lades till.";
                return Redirect("/admin/inloggning");
            }

            ModelState.AddRefusal(result.Refusal!);
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostTaBortAsync([FromQuery(Name = "mappning")] Guid mappning, CancellationToken ct)
    {
        var result = await mediator.Send(new RemoveOidcRollmappning.Command(mappning), ct);
        if (result.Succeeded)
        {
            TempData["Meddelande"] = "Raden togs bort. Den som bara hade rollen genom den förlorar den vid nästa inloggning.";
            return Redirect("/admin/inloggning");
        }

        ModelState.AddRefusal(result.Refusal!);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var organisations = await db.Organisationer.AsNoTracking().Where(o => o.AvsandareTyp == null)
            .Select(o => new { o.Id, o.Name, o.Kind, o.Active }).ToListAsync(ct);
        var names = organisations.ToDictionary(o => o.Id);
        var rows = await db.OidcRollmappningar.AsNoTracking().ToListAsync(ct);
        Rows = rows.Select(m => new Row(m.Id, m.Grupp, names.TryGetValue(m.OrganisationId, out var o) ? o.Name : "–",
                RoleNames.Swedish(m.Roll, o?.Kind ?? OrganisationKind.Namnd)))
            .OrderBy(r => r.Grupp, SwedishText.Comparer).ThenBy(r => r.Organisation, SwedishText.Comparer).ToList();
        OrganisationOptions = organisations.Where(o => o.Active).OrderBy(o => o.Name, SwedishText.Comparer).Select(o => (o.Id.ToString(), o.Name)).ToList();
    }
}
