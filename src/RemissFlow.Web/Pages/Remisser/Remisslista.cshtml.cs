using RemissFlow.Core.Features.Remisser;
using RemissFlow.Documents.Wording;
using RemissFlow.Web.Api;

namespace RemissFlow.Web.Pages.Remisser;

/// <summary>Builds the remisslista from the organisation register (ticked, grouped by kind) and/or a pasted list of names.</summary>
[Authorize(Policy = AccessPolicies.Remisser)]
public sealed class RemisslistaModel(RemissFlowDbContext db, SignedInUser user, IMediator mediator) : PageModel
{
    public static readonly IReadOnlyList<(OrganisationKind Kind, string Rubrik)> Groups =
    [
        (OrganisationKind.Namnd, "Nämnder"),
        (OrganisationKind.Bolag, "Bolag"),
        (OrganisationKind.ExternOrganisation, "Externa organisationer"),
    ];

    public Remiss Remiss { get; private set; } = null!;

    public IReadOnlyList<Organisation> Register { get; private set; } = [];

    [BindProperty]
    public List<Guid> Valda { get; set; } = [];

    [BindProperty]
    public string? Namn { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Valda = Remiss.Remisslista.OrderBy(p => p.Ordning).Select(p => p.OrganisationId).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var pasted = RemisslistaResolver.Resolve(RemisslistaResolver.Lines(Namn), Register);
        foreach (var error in pasted.Errors)
        {
            ModelState.AddModelError(nameof(Namn), error);
        }

        if (pasted.Errors.Count > 0)
        {
            return Page();
        }

        // Ticked in the register's order first, then pasted names not already ticked.
        var ids = Register.Where(o => Valda.Contains(o.Id)).Select(o => o.Id).Concat(pasted.Ids).Distinct().ToList();
        var result = await mediator.Send(new SetRemisslista.Command(id, ids), ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(result.Refusal!.Errors.Count > 0 ? nameof(Valda) : string.Empty, result.Refusal.Message);
            return Page();
        }

        TempData["Meddelande"] = $"Remisslistan har {result.Value} instanser.";
        return Redirect($"/remisser/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var remiss = await SenderRemiss.LoadAsync(db, user, id, ct);
        if (remiss is null)
        {
            return false;
        }

        Remiss = remiss;
        Register = (await db.Organisationer.AsNoTracking().Where(o => o.Active && o.Kind != OrganisationKind.Kommunstyrelse).ToListAsync(ct))
            .OrderBy(o => o.Name, SwedishText.Comparer).ToList();
        return true;
    }
}
