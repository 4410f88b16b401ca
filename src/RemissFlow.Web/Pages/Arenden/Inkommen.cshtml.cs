using RemissFlow.Core.Features.Kedja;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Web.Pages.Arenden;

/// <summary>A registrator of Kommunstyrelsen or a nämnd registers a remiss that came from an outside sender.</summary>
[Authorize]
[RequestSizeLimit(Hosting.WebHosting.UploadLimitBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = Hosting.WebHosting.UploadLimitBytes)]
public sealed class InkommenModel(IMediator mediator, RemissFlowDbContext db, SignedInUser user, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        public Guid? AvsandareId { get; set; }

        public string? Title { get; set; }

        public string? AvsandareDnr { get; set; }

        public DateOnly? Svarsdatum { get; set; }

        public DateOnly? MottagenDatum { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<(string Value, string Text)> Avsandare { get; private set; } = [];

    /// <summary>Who registers a remiss from outside: a registrator of KS or of a nämnd (a bolag is reached through KS).</summary>
    public static bool MayRegisterFor(SignedInUser user) =>
        user.Has(Role.Registrator) && user.OrganisationKind is OrganisationKind.Kommunstyrelse or OrganisationKind.Namnd;

    private bool MayRegister => MayRegisterFor(user);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!MayRegister)
        {
            return Forbid();
        }

        Input.MottagenDatum = RemissFlow.Workflows.Runtime.StockholmTime.Today(clock);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? missiv, List<IFormFile>? handlingar, CancellationToken ct)
    {
        if (!MayRegister)
        {
            return Forbid();
        }

        await LoadAsync(ct);
        if (Input.AvsandareId is null)
        {
            ModelState.AddModelError("Input.AvsandareId", "Avsändare måste väljas.");
        }

        if (Input.Svarsdatum is null)
        {
            ModelState.AddModelError("Input.Svarsdatum", "Svarsdatum måste fyllas i.");
        }

        if (Input.MottagenDatum is null)
        {
            ModelState.AddModelError("Input.MottagenDatum", "Mottagen måste fyllas i.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var filer = new List<InkommenFil>();
        foreach (var f in handlingar ?? [])
        {
            if (f.Length > 0)
            {
                filer.Add(new InkommenFil(f.FileName, await Remisser.HandlingarModel.ReadAsync(f, ct)));
            }
        }

        var brev = missiv is { Length: > 0 } ? new InkommenFil(missiv.FileName, await Remisser.HandlingarModel.ReadAsync(missiv, ct)) : null;
        var result = await mediator.Send(new RegisterExternRemiss.Command(
            Input.AvsandareId!.Value, Input.Title ?? "", Input.AvsandareDnr ?? "", Input.Svarsdatum!.Value, Input.MottagenDatum!.Value, brev, filer), ct);
        if (!result.Succeeded)
        {
            ModelState.AddRefusal(result.Refusal!);
            return Page();
        }

        TempData["Meddelande"] = $"Remissen registrerades som {result.Value!.Dnr}.";
        return Redirect($"/arenden/{result.Value.ArendeId}/kedja");
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Avsandare = (await db.Organisationer.AsNoTracking().Where(o => o.AvsandareTyp != null && o.Active).Select(o => new { o.Id, o.Name }).ToListAsync(ct))
            .OrderBy(o => o.Name, SwedishText.Comparer).Select(o => (o.Id.ToString(), o.Name)).ToList();
}
