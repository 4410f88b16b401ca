using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Mediation;
using RemissFlow.Web.Presentation;
using RemissFlow.Web.Security;

namespace RemissFlow.Web.Pages.Remisser;

[Authorize(Policy = AccessPolicies.Remisser)]
public sealed class NyModel(IMediator mediator) : PageModel
{
    public sealed class InputModel
    {
        public string? Title { get; set; }

        public string? Dnr { get; set; }

        public DateOnly? Svarsdatum { get; set; }

        public string? Description { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

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
            Input.Title ?? "", string.IsNullOrWhiteSpace(Input.Description) ? null : Input.Description,
            Input.Svarsdatum ?? DateOnly.MinValue, string.IsNullOrWhiteSpace(Input.Dnr) ? null : Input.Dnr.Trim()), ct);
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
