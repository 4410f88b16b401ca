using RemissFlow.Core.Features.Kedja;

namespace RemissFlow.Web.Pages.Admin.Avsandare;

public sealed class NyModel(IMediator mediator) : PageModel
{
    public sealed class InputModel : AvsandareInput
    {
        public string? Kortnamn { get; set; }
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

        var i = Input;
        var result = await mediator.Send(new CreateExternAvsandare.Command(
            i.Name ?? "", i.Typ, (i.Kortnamn ?? "").Trim(), i.DnrFormat, i.SvarsEpost?.Trim(), i.SvarsAdress, i.ContactEmail?.Trim(), i.ContactPhone, i.Web,
            i.LeveransPdf, i.LeveransWord, i.LeveransDnrIAmne, i.LeveransFilnamn), ct);
        if (!result.Succeeded)
        {
            ModelState.AddRefusal(result.Refusal!);
            return Page();
        }

        TempData["Meddelande"] = $"Avsändaren {i.Name!.Trim()} lades upp.";
        return Redirect("/admin/avsandare");
    }
}
