using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Web.Pages.Admin.Anvandare;

public sealed class NyModel(IMediator mediator, RemissFlowDbContext db) : PageModel
{
    public sealed class InputModel
    {
        public string? DisplayName { get; set; }

        public string? Email { get; set; }

        public string? Title { get; set; }

        public Guid OrganisationId { get; set; }

        public List<Role> Roles { get; set; } = [];

        public string? Password { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    public IEnumerable<(string, string)> OrganisationOptions => Organisations.Select(o => (o.Id.ToString(), o.Name));

    public async Task OnGetAsync(CancellationToken ct) => await LoadOrganisations(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var i = Input;
            var result = await mediator.Send(new CreateUser.Command(
                (i.Email ?? "").Trim(), i.DisplayName ?? "", i.OrganisationId, i.Roles, i.Password ?? "", Organisationer.NyModel.Blank(i.Title)), ct);
            if (result.Succeeded)
            {
                TempData["Meddelande"] = $"Kontot för {i.DisplayName!.Trim()} skapades.";
                return Redirect("/admin/anvandare");
            }

            ModelState.AddRefusal(result.Refusal!);
        }

        await LoadOrganisations(ct);
        return Page();
    }

    private async Task LoadOrganisations(CancellationToken ct) =>
        Organisations = (await db.Organisationer.AsNoTracking().Where(o => o.Active).ToListAsync(ct)).OrderBy(o => o.Name, SwedishText.Comparer).ToList();
}
