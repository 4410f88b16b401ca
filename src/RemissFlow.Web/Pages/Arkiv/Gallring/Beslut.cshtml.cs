using RemissFlow.Core.Features.Gallring;

namespace RemissFlow.Web.Pages.Arkiv.Gallring;

/// <summary>
/// One gallringsbeslut: while proposed, what a decision will delete (listed first) and what it no longer may, and the
/// arkivarie's two answers, besluta (which carries it out) or avbryt with a reason; afterwards what was gallrat.
/// </summary>
[Authorize(Policy = AccessPolicies.Arkiv)]
public sealed class BeslutModel(IMediator mediator, StateLabels labels) : PageModel
{
    public sealed class InputModel
    {
        public string? Skal { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public VisaGallringsbeslut.Model Visning { get; private set; } = null!;

    public string StatusText { get; private set; } = "";

    public bool Oppet => Visning.Beslut.Status == "foreslaget";

    public int Raderas => Visning.Poster.Count(p => p.RaderasVidBeslut);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostBeslutaAsync(Guid id, CancellationToken ct)
    {
        var result = await mediator.Send(new BeslutaGallring.Command(id), ct);
        if (result.Succeeded)
        {
            TempData["Meddelande"] = $"Gallringsbeslutet är fattat och verkställt: {result.Value} handlingar är gallrade.";
            return Redirect($"/arkiv/gallring/{id}");
        }

        return await RefusedAsync(id, result.Refusal!, ct);
    }

    public async Task<IActionResult> OnPostAvbrytAsync(Guid id, CancellationToken ct)
    {
        var result = await mediator.Send(new AvbrytGallring.Command(id, Input.Skal), ct);
        if (result.Succeeded)
        {
            TempData["Meddelande"] = "Förslaget är avbrutet. Ingenting gallrades.";
            return Redirect($"/arkiv/gallring/{id}");
        }

        return await RefusedAsync(id, result.Refusal!, ct);
    }

    private async Task<IActionResult> RefusedAsync(Guid id, Refusal refusal, CancellationToken ct)
    {
        if (refusal.Kind == RefusalKind.NotFound)
        {
            return NotFound();
        }

        ModelState.AddRefusal(refusal);
        Response.StatusCode = ModelStateExtensions.StatusFor(refusal, StatusCodes.Status422UnprocessableEntity);
        return await LoadAsync(id, ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var result = await mediator.Send(new VisaGallringsbeslut.Query(id), ct);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        Visning = result.Value;
        StatusText = await labels.LabelAsync(Core.Workflow.DefinitionIds.Gallring, 0, Visning.Beslut.Status, ct);
        return null;
    }
}
