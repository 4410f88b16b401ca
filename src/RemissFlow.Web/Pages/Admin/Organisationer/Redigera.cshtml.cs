using RemissFlow.Core.Features.Organisationer;

namespace RemissFlow.Web.Pages.Admin.Organisationer;

/// <summary>
/// Edits with optimistic concurrency: the form carries the version it was read at. When someone
/// else saved in between, the user's input stays in the form beside what is saved now, and the
/// form's version moves on so a deliberate second save goes through.
/// </summary>
// The logo form is multipart; the limit lets an oversized file reach the size check and its Swedish message.
[RequestSizeLimit(Hosting.WebHosting.UploadLimitBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = Hosting.WebHosting.UploadLimitBytes)]
public sealed class RedigeraModel(IMediator mediator, RemissFlowDbContext db, Core.Files.FileStore files) : PageModel
{
    public sealed class InputModel : OrganisationDetailsInput
    {
        public int Version { get; set; }

        public bool Active { get; set; }

        public bool TillatSjalvgodkannande { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Organisation Saved { get; private set; } = null!;

    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await Load(id, ct) is null)
        {
            return NotFound();
        }

        Input = new InputModel
        {
            Version = Saved.Version,
            Name = Saved.Name,
            ForvaltningName = Saved.ForvaltningName,
            ContactEmail = Saved.ContactEmail,
            ContactPhone = Saved.ContactPhone,
            PostalAddress = Saved.PostalAddress,
            VisitingAddress = Saved.VisitingAddress,
            Web = Saved.Web,
            BeredningOrgan = [.. Saved.BeredningOrgan],
            Active = Saved.Active,
            TillatSjalvgodkannande = Saved.TillatSjalvgodkannande,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return await Load(id, ct) is null ? NotFound() : Page();
        }

        var i = Input;
        var result = await mediator.Send(new UpdateOrganisation.Command(
            id, i.Version, i.Name ?? "", NyModel.Blank(i.ForvaltningName), NyModel.Blank(i.ContactEmail), NyModel.Blank(i.ContactPhone),
            NyModel.Blank(i.PostalAddress), NyModel.Blank(i.VisitingAddress), NyModel.Blank(i.Web), i.BeredningOrgan, i.Active, i.TillatSjalvgodkannande), ct);
        if (result.Succeeded)
        {
            TempData["Meddelande"] = "Ändringarna sparades.";
            return Redirect($"/admin/organisationer/{id}");
        }

        if (await Load(id, ct) is null)
        {
            return NotFound();
        }

        Conflict = this.ShowSaveRefusal(result.Refusal!, "Input.Version", () => Input.Version = Saved.Version);
        return Page();
    }

    /// <summary>The letterhead logo as a data: URL (the CSP allows data: images), or null when the organisation has none.</summary>
    public string? LogoDataUrl { get; private set; }

    /// <summary>Uploads a new letterhead logo, or removes it (<paramref name="taBort"/>); the register is the letterhead's one source.</summary>
    public async Task<IActionResult> OnPostLogotypAsync(Guid id, IFormFile? logotyp, bool taBort, CancellationToken ct)
    {
        if (await Load(id, ct) is null)
        {
            return NotFound();
        }

        if (!taBort && (logotyp is null || logotyp.Length == 0))
        {
            return await LogoRefusedAsync(id, "Välj en PNG- eller JPEG-bild att ladda upp som logotyp.", ct);
        }

        if (!taBort && logotyp!.Length > SetOrganisationLogo.MaxBytes)
        {
            return await LogoRefusedAsync(id, $"Logotypen är för stor; högst {SetOrganisationLogo.MaxBytes / 1024} kB.", ct);
        }

        var content = taBort ? null : await Remisser.HandlingarModel.ReadAsync(logotyp!, ct);
        var result = await mediator.Send(new SetOrganisationLogo.Command(id, content), ct);
        if (!result.Succeeded)
        {
            return await LogoRefusedAsync(id, (result.Refusal!.Errors.Count > 0 ? result.Refusal.Errors[0].Message : result.Refusal.Message), ct);
        }

        TempData["Meddelande"] = taBort ? "Logotypen är borttagen." : "Logotypen är sparad och syns i nästa dokument.";
        return Redirect($"/admin/organisationer/{id}");
    }

    private async Task<IActionResult> LogoRefusedAsync(Guid id, string message, CancellationToken ct)
    {
        ModelState.AddModelError("Logotyp", message);
        await OnGetAsync(id, ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<Organisation?> Load(Guid id, CancellationToken ct)
    {
        var organisation = await db.Organisationer.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is not null)
        {
            Saved = organisation;
            LogoDataUrl = organisation.LogoSha256 is { } sha && files.Read(sha) is { } logo
                ? $"data:{organisation.LogoMediaType};base64,{Convert.ToBase64String(logo)}"
                : null;
        }

        return organisation;
    }
}
