using RemissFlow.Core.Features.Gallring;

namespace RemissFlow.Web.Pages.Arkiv.Gallring;

/// <summary>
/// The arkivarie's gallring page: what the dokumenthanteringsplan lets be gallrat today and why, the proposal that
/// waits for a decision, the decisions taken, and "Föreslå gallringsbeslut", which turns today's list into a proposal.
/// </summary>
[Authorize(Policy = AccessPolicies.Arkiv)]
public sealed class IndexModel(IMediator mediator, StateLabels labels) : PageModel
{
    public sealed record Beslut(Guid Id, string Beteckning, string Status, string StatusText, int Poster, DateTimeOffset Skapad, DateTimeOffset? Beslutad, string? BeslutadAv);

    public GallringsLista.Model Lista { get; private set; } = new(default, [], [], []);

    public IReadOnlyList<Beslut> Besluten { get; private set; } = [];

    public IReadOnlyList<Core.Features.Personuppgifter.PseudonymKandidat> Konton { get; private set; } = [];

    public Beslut? Oppet => Besluten.FirstOrDefault(b => b.Status == "foreslaget");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostForeslaAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new ForeslaGallring.Command(), ct);
        if (result.Succeeded)
        {
            TempData["Meddelande"] = "Förslaget till gallringsbeslut är upprättat. Granska listan och besluta eller avbryt.";
            return Redirect($"/arkiv/gallring/{result.Value}");
        }

        ModelState.AddRefusal(result.Refusal!);
        Response.StatusCode = ModelStateExtensions.StatusFor(result.Refusal!, StatusCodes.Status422UnprocessableEntity);
        return await LoadAsync(ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new GallringsLista.Query(), ct);
        if (!result.Succeeded)
        {
            return Forbid();
        }

        Lista = result.Value;
        var list = new List<Beslut>();
        foreach (var b in Lista.Beslut)
        {
            list.Add(new Beslut(b.Id, b.Beteckning, b.Status, await labels.LabelAsync(Core.Workflow.DefinitionIds.Gallring, 0, b.Status, ct), b.Poster.Count,
                b.SkapadAt, b.BeslutadAt, b.BeslutadAvNamn));
        }

        Besluten = list;
        var konton = await mediator.Send(new Core.Features.Personuppgifter.Pseudonymisering.Lista(), ct);
        Konton = konton.Succeeded ? konton.Value : [];
        return null;
    }
}
