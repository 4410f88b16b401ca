using RemissFlow.Core.Features.Organisationer;

namespace RemissFlow.Web.Pages.Admin.Organisationer;

public sealed class NyModel(IMediator mediator) : PageModel
{
    public sealed class InputModel : OrganisationDetailsInput
    {
        public OrganisationKind Kind { get; set; } = OrganisationKind.Namnd;

        public string? DnrPrefix { get; set; }
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
        var result = await mediator.Send(new CreateOrganisation.Command(
            i.Name ?? "", i.Kind, (i.DnrPrefix ?? "").Trim(), Blank(i.ForvaltningName), Blank(i.ContactEmail), Blank(i.ContactPhone),
            Blank(i.PostalAddress), Blank(i.VisitingAddress), Blank(i.Web), i.BeredningOrgan), ct);
        if (!result.Succeeded)
        {
            ModelState.AddRefusal(result.Refusal!);
            return Page();
        }

        TempData["Meddelande"] = $"Organisationen {i.Name!.Trim()} lades upp.";
        return Redirect("/admin/organisationer");
    }

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
