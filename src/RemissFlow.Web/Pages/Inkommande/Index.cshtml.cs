using RemissFlow.Core.Features.Inkommande;

namespace RemissFlow.Web.Pages.Inkommande;

/// <summary>The registrator's queue of e-mail read from the organisation's registry mailbox: what waits first, newest first.</summary>
[Authorize(Policy = AccessPolicies.Inkommande)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public InkommandeKo.Model Ko { get; private set; } = new([], []);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new InkommandeKo.Query(), ct);
        if (!result.Succeeded)
        {
            return Forbid();
        }

        Ko = result.Value;
        return Page();
    }
}
