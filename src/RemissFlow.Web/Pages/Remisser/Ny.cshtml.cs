using RemissFlow.Core.Features.Remisser;

namespace RemissFlow.Web.Pages.Remisser;

[Authorize(Policy = AccessPolicies.Remisser)]
public sealed class NyModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public RemissInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (Input.Svarsdatum is null)
        {
            ModelState.AddModelError("Input.Svarsdatum", "Svarsdatum måste fyllas i.");
        }

        // Sent even when svarsdatum is missing, so every other field's error shows in the same round.
        var result = await mediator.Send(new CreateRemiss.Command(
            Input.Title ?? "", RemissInput.Blank(Input.Description), Input.Svarsdatum ?? DateOnly.MinValue, RemissInput.Blank(Input.Dnr),
            Input.TillaterForvaltningensSvar, RemissInput.Blank(Input.KontaktpersonNamn), RemissInput.Blank(Input.KontaktpersonEpost)), ct);
        if (!result.Succeeded)
        {
            var refusal = result.Refusal!;
            if (Input.Svarsdatum is null)
            {
                refusal = refusal with { Errors = refusal.Errors.Where(e => e.Field != nameof(CreateRemiss.Command.Svarsdatum)).ToList() };
            }

            if (refusal.Errors.Count > 0 || refusal.Kind != RefusalKind.Validation)
            {
                ModelState.AddRefusal(refusal);
            }

            return Page();
        }

        TempData["Meddelande"] = $"Remissen registrerades som {result.Value.Dnr}.";
        return Redirect($"/remisser/{result.Value.Id}");
    }
}
