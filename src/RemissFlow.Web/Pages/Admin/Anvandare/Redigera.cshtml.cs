using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Web.Pages.Admin.Anvandare;

/// <summary>
/// One account: its details and roles (with optimistic concurrency, as on the organisation page:
/// the form carries the concurrency stamp it was read at), whether it may sign in, and a new
/// password. Three forms, one use case each.
/// </summary>
public sealed class RedigeraModel(IMediator mediator, RemissFlowDbContext db) : PageModel
{
    public sealed class InputModel
    {
        public string? ConcurrencyStamp { get; set; }

        public string? DisplayName { get; set; }

        public string? Title { get; set; }

        public string? Phone { get; set; }

        public Guid OrganisationId { get; set; }

        public List<Role> Roles { get; set; } = [];
    }

    public sealed class PasswordInput
    {
        public string? NewPassword { get; set; }
    }

    public sealed record Account(
        Guid Id, string DisplayName, string? Email, string? Title, string? Phone, Guid OrganisationId, string Organisation,
        IReadOnlyList<Role> Roles, bool Deactivated, string? ConcurrencyStamp);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public PasswordInput Losenord { get; set; } = new();

    public Account Saved { get; private set; } = null!;

    public IReadOnlyList<(string, string)> OrganisationOptions { get; private set; } = [];

    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await Load(id, ct))
        {
            return NotFound();
        }

        FillFromSaved();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return await Load(id, ct) ? Page() : NotFound();
        }

        var i = Input;
        var result = await mediator.Send(new UpdateUser.Command(
            id, i.ConcurrencyStamp ?? "", i.DisplayName ?? "", i.OrganisationId, i.Roles, Organisationer.NyModel.Blank(i.Title), Organisationer.NyModel.Blank(i.Phone)), ct);
        if (result.Succeeded)
        {
            return Done(id, "Ändringarna sparades.");
        }

        if (!await Load(id, ct))
        {
            return NotFound();
        }

        Conflict = this.ShowSaveRefusal(result.Refusal!, "Input.ConcurrencyStamp", () => Input.ConcurrencyStamp = Saved.ConcurrencyStamp);
        return Page();
    }

    public async Task<IActionResult> OnPostStatusAsync(Guid id, bool active, CancellationToken ct)
    {
        var result = await mediator.Send(new SetUserActive.Command(id, active), ct);
        return result.Succeeded
            ? Done(id, active ? "Kontot är aktivt igen; personen kan logga in." : "Kontot är inaktiverat; personen kan inte längre logga in.")
            : await Refused(id, result.Refusal!, "", ct);
    }

    public async Task<IActionResult> OnPostLosenordAsync(Guid id, CancellationToken ct)
    {
        var result = await mediator.Send(new ResetUserPassword.Command(id, Losenord.NewPassword ?? ""), ct);
        return result.Succeeded
            ? Done(id, "Det nya lösenordet gäller från nu. Lämna det till personen på ett säkert sätt.")
            : await Refused(id, result.Refusal!, nameof(Losenord), ct);
    }

    private RedirectResult Done(Guid id, string message)
    {
        TempData["Meddelande"] = message;
        return Redirect($"/admin/anvandare/{id}");
    }

    /// <summary>The details form was not posted: it shows what is saved, the refused form its errors.</summary>
    private async Task<IActionResult> Refused(Guid id, Refusal refusal, string form, CancellationToken ct)
    {
        if (!await Load(id, ct))
        {
            return NotFound();
        }

        FillFromSaved();
        if (form.Length == 0)
        {
            ModelState.AddModelError(string.Empty, refusal.Message);
        }
        else
        {
            ModelState.AddRefusal(refusal, form);
        }

        return Page();
    }

    private void FillFromSaved() => Input = new InputModel
    {
        ConcurrencyStamp = Saved.ConcurrencyStamp,
        DisplayName = Saved.DisplayName,
        Title = Saved.Title,
        Phone = Saved.Phone,
        OrganisationId = Saved.OrganisationId,
        Roles = [.. Saved.Roles],
    };

    private async Task<bool> Load(Guid id, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Join(db.Organisationer, u => u.OrganisationId, o => o.Id, (u, o) => new
            {
                u.DisplayName, u.Email, u.Title, u.PhoneNumber, u.OrganisationId, Organisation = o.Name, u.LockoutEnd, u.ConcurrencyStamp,
            })
            .FirstOrDefaultAsync(ct);
        if (user is null)
        {
            return false;
        }

        var roleNames = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id select r.Name!).ToListAsync(ct);
        Saved = new Account(id, user.DisplayName, user.Email, user.Title, user.PhoneNumber, user.OrganisationId, user.Organisation,
            [.. AccountRules.Parse(roleNames).Order()], AppUser.IsDeactivatedLockout(user.LockoutEnd), user.ConcurrencyStamp);

        // Active organisations, and the account's own even if it is no longer active, so saving never moves it silently.
        var organisations = await db.Organisationer.AsNoTracking().Where(o => o.Active || o.Id == user.OrganisationId).ToListAsync(ct);
        OrganisationOptions = organisations.OrderBy(o => o.Name, SwedishText.Comparer).Select(o => (o.Id.ToString(), o.Name)).ToList();
        return true;
    }
}
