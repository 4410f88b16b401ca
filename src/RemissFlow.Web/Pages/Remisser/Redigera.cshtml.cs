using RemissFlow.Core.Features.Remisser;

namespace RemissFlow.Web.Pages.Remisser;

/// <summary>Changes a remiss while it is an utkast. The version posted back makes a parallel edit a conflict, not a silent overwrite.</summary>
[Authorize(Policy = AccessPolicies.Remisser)]
public sealed class RedigeraModel(RemissFlowDbContext db, SignedInUser user, IMediator mediator) : PageModel
{
    [BindProperty]
    public RemissInput Input { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    public Remiss Remiss { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var remiss = await SenderRemiss.LoadAsync(db, user, id, ct);
        if (remiss is null)
        {
            return NotFound();
        }

        Remiss = remiss;
        Version = remiss.Version;
        Input = new RemissInput
        {
            Title = remiss.Title,
            Svarsdatum = remiss.Svarsdatum,
            Description = remiss.Description,
            KontaktpersonNamn = remiss.KontaktpersonNamn,
            KontaktpersonEpost = remiss.KontaktpersonEpost,
            TillaterForvaltningensSvar = remiss.TillaterForvaltningensSvar,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var remiss = await SenderRemiss.LoadAsync(db, user, id, ct);
        if (remiss is null)
        {
            return NotFound();
        }

        Remiss = remiss;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (Input.Svarsdatum is null)
        {
            ModelState.AddModelError("Input.Svarsdatum", "Svarsdatum måste fyllas i.");
            return Page();
        }

        var result = await mediator.Send(new UpdateRemiss.Command(id, Version, Input.Title ?? "", RemissInput.Blank(Input.Description), Input.Svarsdatum.Value,
            Input.TillaterForvaltningensSvar, RemissInput.Blank(Input.KontaktpersonNamn), RemissInput.Blank(Input.KontaktpersonEpost)), ct);
        if (!result.Succeeded)
        {
            ModelState.AddRefusal(result.Refusal!);
            return Page();
        }

        TempData["Meddelande"] = "Ändringarna sparades.";
        return Redirect($"/remisser/{id}");
    }
}
