using RemissFlow.Core.Features.Sekretess;

namespace RemissFlow.Web.Pages.Sekretess;

/// <summary>
/// The registrator's and handläggare's sekretess page: the organisation's register of marked handlingar, and (reached
/// from a handling with ?typ=…&amp;id=…) the form that marks it under an OSL provision or lifts the marking.
/// </summary>
[Authorize]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public sealed class InputModel
    {
        public Guid? OslBestammelseId { get; set; }

        public string? Skal { get; set; }

        public string? Motivering { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Typ { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    public SekretessOversikt.Model Oversikt { get; private set; } = new([], [], null, null);

    public IEnumerable<(string, string)> BestammelseOptions => Oversikt.Bestammelser.Select(b => (b.Id.ToString(), b.Text));

    public string Self => Oversikt.Valjd is { } h ? $"/sekretess?typ={h.Typ}&id={h.Id}" : "/sekretess";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostMarkeraAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new MarkeraSekretess.Command(Typ ?? "", Id ?? Guid.Empty, Input.OslBestammelseId ?? Guid.Empty, Input.Skal), ct);
        return await AfterAsync(result.Refusal, "Handlingen är sekretessmarkerad.", ct);
    }

    public async Task<IActionResult> OnPostAvmarkeraAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new AvmarkeraSekretess.Command(Typ ?? "", Id ?? Guid.Empty, Input.Motivering), ct);
        return await AfterAsync(result.Refusal, "Sekretessmarkeringen är hävd.", ct);
    }

    private async Task<IActionResult> AfterAsync(Refusal? refusal, string done, CancellationToken ct)
    {
        if (refusal is null)
        {
            TempData["Meddelande"] = done;
            return Redirect($"/sekretess?typ={Uri.EscapeDataString(Typ ?? "")}&id={Id}");
        }

        switch (refusal.Kind)
        {
            case RefusalKind.Forbidden:
                return StatusCode(StatusCodes.Status403Forbidden);
            case RefusalKind.NotFound:
                return NotFound();
            default:
                ModelState.AddRefusal(refusal, "Input");
                var page = await LoadAsync(ct);
                Response.StatusCode = refusal.Kind == RefusalKind.Validation ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
                return page;
        }
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new SekretessOversikt.Query(Typ, Id), ct);
        if (result.Refusal is { } refusal)
        {
            return refusal.Kind == RefusalKind.NotFound ? NotFound() : StatusCode(StatusCodes.Status403Forbidden);
        }

        Oversikt = result.Value;
        return Page();
    }
}
