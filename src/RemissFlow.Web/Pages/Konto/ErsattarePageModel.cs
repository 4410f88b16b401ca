using RemissFlow.Core.Features.Ersattare;

namespace RemissFlow.Web.Pages.Konto;

/// <summary>
/// Konto → Ersättare (one's own periods) and Admin → Ersättare (everybody's) share the list, the form and the
/// handlers; only <see cref="Alla"/> differs, and the use cases decide who may do what.
/// </summary>
public abstract class ErsattarePageModel(IMediator mediator, SignedInUser user) : PageModel
{
    public sealed class InputModel
    {
        public Guid? FranvarandeId { get; set; }

        public Guid? ErsattareId { get; set; }

        public DateOnly? FranOchMed { get; set; }

        public DateOnly? TillOchMed { get; set; }
    }

    protected abstract bool Alla { get; }

    protected abstract string Self { get; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ErsattareOversikt.Model Oversikt { get; private set; } = new([], [], [], false);

    public Guid UserId => user.UserId;

    public IEnumerable<(string, string)> FranvarandeOptions => Oversikt.Franvarande.Select(v => (v.Id.ToString(), Alla ? $"{v.Namn} ({v.Organisation})" : v.Namn));

    public IEnumerable<(string, string)> KandidatOptions => Oversikt.Kandidater.Select(v => (v.Id.ToString(), Alla ? $"{v.Namn} ({v.Organisation})" : v.Namn));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostNamnAsync(CancellationToken ct)
    {
        var page = await LoadAsync(ct);
        if (page is not PageResult)
        {
            return page;
        }

        // The form offers only the people one may choose; another id (another organisation's account) is not told apart from none.
        if ((Input.ErsattareId is { } e && e != Guid.Empty && Oversikt.Kandidater.All(k => k.Id != e))
            || (Alla && Input.FranvarandeId is { } f && f != Guid.Empty && Oversikt.Franvarande.All(k => k.Id != f)))
        {
            return Oversikt.KanNamnge ? NotFound() : StatusCode(StatusCodes.Status403Forbidden);
        }

        if (ModelState.IsValid)
        {
            var franvarande = Alla ? Input.FranvarandeId ?? Guid.Empty : user.UserId;
            var result = await mediator.Send(new NamnErsattare.Command(franvarande, Input.ErsattareId ?? Guid.Empty, Input.FranOchMed, Input.TillOchMed), ct);
            if (result.Succeeded)
            {
                TempData["Meddelande"] = "Ersättaren är namngiven.";
                return Redirect(Self);
            }

            if (result.Refusal!.Kind == RefusalKind.Forbidden)
            {
                return StatusCode(StatusCodes.Status403Forbidden);
            }

            ModelState.AddRefusal(result.Refusal!);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAvslutaAsync(Guid period, CancellationToken ct)
    {
        var result = await mediator.Send(new AvslutaErsattare.Command(period), ct);
        if (result.Succeeded)
        {
            TempData["Meddelande"] = "Perioden är avslutad.";
            return Redirect(Self);
        }

        if (result.Refusal!.Kind == RefusalKind.NotFound)
        {
            return NotFound();
        }

        ModelState.AddRefusal(result.Refusal!, prefix: "");
        Response.StatusCode = StatusCodes.Status409Conflict;
        return await LoadAsync(ct);
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new ErsattareOversikt.Query(Alla), ct);
        if (!result.Succeeded)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Oversikt = result.Value;
        return Page();
    }
}
