using RemissFlow.Core.Features.Kedja;

namespace RemissFlow.Web.Pages.Admin.Avsandare;

public sealed class RedigeraModel(IMediator mediator, RemissFlowDbContext db) : PageModel
{
    public sealed class InputModel : AvsandareInput
    {
        public int Version { get; set; }

        public bool Active { get; set; } = true;
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Organisation Saved { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var s = Saved;
        Input = new InputModel
        {
            Version = s.Version, Name = s.Name, Typ = s.AvsandareTyp!.Value, DnrFormat = s.DnrFormat, SvarsEpost = s.SvarsEpost, SvarsAdress = s.SvarsAdress,
            ContactEmail = s.ContactEmail, ContactPhone = s.ContactPhone, Web = s.Web, LeveransPdf = s.LeveransPdf, LeveransWord = s.LeveransWord,
            LeveransDnrIAmne = s.LeveransDnrIAmne, LeveransFilnamn = s.Leveransregel().Filnamn, Active = s.Active,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var i = Input;
        var result = await mediator.Send(new UpdateExternAvsandare.Command(
            id, i.Version, i.Name ?? "", i.Typ, i.DnrFormat, i.SvarsEpost?.Trim(), i.SvarsAdress, i.ContactEmail?.Trim(), i.ContactPhone, i.Web,
            i.LeveransPdf, i.LeveransWord, i.LeveransDnrIAmne, i.LeveransFilnamn, i.Active), ct);
        if (!result.Succeeded)
        {
            ModelState.AddRefusal(result.Refusal!);
            return Page();
        }

        TempData["Meddelande"] = "Ändringarna sparades.";
        return Redirect($"/admin/avsandare/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var saved = await db.Organisationer.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.AvsandareTyp != null, ct);
        Saved = saved!;
        return saved is not null;
    }
}
