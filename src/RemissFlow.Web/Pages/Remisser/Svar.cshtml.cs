using RemissFlow.Core.Documents;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Files;
using RemissFlow.Core.Sammanstallning;
using RemissFlow.Core.Workflow;
using RemissFlow.Documents.Wording;
using RemissFlow.Web.Hosting;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Pages.Remisser;

/// <summary>
/// One instans's answer as the sender sees it: its line of the matrix, its documents once the answer is given
/// (the approved TU, the justerat protokollsutdrag, uploaded files — never a draft), its anstånd with the decision
/// form, and for an outside organisation the form where KS records the answer that came by post or e-mail.
/// </summary>
[Authorize(Policy = AccessPolicies.Remisser)]
[RequestSizeLimit(WebHosting.UploadLimitBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = WebHosting.UploadLimitBytes)]
public sealed class SvarModel(RemissFlowDbContext db, IMediator mediator, DocumentService documents, FileStore files, PaminnelseHistorik paminnelser) : PageModel
{
    public sealed class AnstandInput
    {
        public string? Beslut { get; set; }

        public DateOnly? NyttSvarsdatum { get; set; }

        public string? Kommentar { get; set; }
    }

    public sealed class SvarInput
    {
        public string? Typ { get; set; }

        public Standpunkt? Standpunkt { get; set; }

        public string? Nyckelpunkter { get; set; }
    }

    public RemissMatrix Matrix { get; private set; } = null!;

    public MatrixRow Row { get; private set; } = null!;

    public IReadOnlyList<Anstand> AnstandHistorik { get; private set; } = [];

    /// <summary>The instans's reason for declining to comment, when it gave one.</summary>
    public string? AvstarMotivering { get; private set; }

    public IReadOnlyList<Paminnelse> Paminnelser { get; private set; } = [];

    [BindProperty]
    public AnstandInput Anstand { get; set; } = new();

    [BindProperty]
    public SvarInput Externt { get; set; } = new();

    public bool Extern => Row.InstansKind == OrganisationKind.ExternOrganisation;

    public bool Oppet => !Row.Besvarad && Row.Kategori != SvarsKategori.Aterkallad && Matrix.Remiss.Status is not (RemissState.Utkast or RemissState.Avslutad or RemissState.Aterkallad);

    public bool AnstandBegart => AnstandHistorik.Any(a => a.Beslut == AnstandBeslut.Begart);

    /// <summary>A nämnd or bolag asks first; for an outside organisation KS records a granted extension directly.</summary>
    public bool KanBeslutaAnstand => Oppet && (AnstandBegart || Extern);

    public async Task<IActionResult> OnGetAsync(Guid id, Guid svarId, CancellationToken ct)
    {
        var problem = await LoadAsync(id, svarId, ct);
        if (problem is not null)
        {
            return problem;
        }

        var pending = AnstandHistorik.FirstOrDefault(a => a.Beslut == AnstandBeslut.Begart);
        // Neither choice is made for KS: bevilja or avslå is a decision, not a default.
        Anstand = new AnstandInput { Beslut = null, NyttSvarsdatum = pending?.BegartDatum };
        return Page();
    }

    /// <summary>The letter of one recorded påminnelse, exactly as it was sent (or is to be sent by other means).</summary>
    public async Task<IActionResult> OnGetPaminnelseAsync(Guid id, Guid svarId, long nummer, CancellationToken ct)
    {
        var problem = await LoadAsync(id, svarId, ct);
        if (problem is not null)
        {
            return problem;
        }

        var p = Paminnelser.FirstOrDefault(x => x.Nummer == nummer);
        var content = p is null ? null : files.Read(p.Sha256);
        return content is null
            ? NotFound()
            : File(content, "application/pdf", $"paminnelse-{Labels.FileSafe(Row.Instans)}-{SwedishText.IsoDate(StockholmTime.DateOf(p!.Skickad))}.pdf");
    }

    public async Task<IActionResult> OnPostAnstandAsync(Guid id, Guid svarId, CancellationToken ct)
    {
        var problem = await LoadAsync(id, svarId, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (Anstand.Beslut is not ("bevilja" or "avsla"))
        {
            ModelState.AddModelError("Anstand.Beslut", "Välj om anståndet beviljas eller avslås.");
            return Page();
        }

        var bevilja = Anstand.Beslut == "bevilja";
        var result = await mediator.Send(new DecideAnstand.Command(svarId, bevilja, bevilja ? Anstand.NyttSvarsdatum : null, RemissInput.Blank(Anstand.Kommentar), Row.Version), ct);
        if (!result.Succeeded)
        {
            ModelState.AddRefusalTo(result.Refusal!, "Anstand", new Dictionary<string, string> { ["Kommentar"] = "Kommentar", ["NyttSvarsdatum"] = "NyttSvarsdatum" });
            return Page();
        }

        TempData["Meddelande"] = bevilja
            ? $"Anstånd beviljat för {Row.Instans} till {SwedishText.LongDate(result.Value)}."
            : $"Anståndet för {Row.Instans} avslogs; svarsdatum är fortfarande {SwedishText.LongDate(result.Value)}.";
        return Redirect($"/remisser/{id}/svar/{svarId}");
    }

    public async Task<IActionResult> OnPostExterntAsync(Guid id, Guid svarId, IFormFile? fil, CancellationToken ct)
    {
        var problem = await LoadAsync(id, svarId, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (Externt.Typ is not ("svar" or "avstar"))
        {
            ModelState.AddModelError("Externt.Typ", "Välj om organisationen svarar eller avstår.");
            return Page();
        }

        var avstar = Externt.Typ == "avstar";
        byte[]? content = null;
        if (!avstar && fil is { Length: > 0 })
        {
            if (fil.Length > files.MaxBytes)
            {
                ModelState.AddModelError("Externt.Fil", $"Filen är för stor; högst {files.MaxBytes / (1024 * 1024)} MB.");
                return Page();
            }

            content = await HandlingarModel.ReadAsync(fil, ct);
        }

        var result = await mediator.Send(new RegisterExternalAnswer.Command(svarId, avstar, avstar ? null : fil is null ? null : Path.GetFileName(fil.FileName),
            content, avstar ? null : Externt.Standpunkt, RemissInput.Blank(Externt.Nyckelpunkter)), ct);
        if (!result.Succeeded)
        {
            ModelState.AddRefusalTo(result.Refusal!, "Externt", new Dictionary<string, string> { ["FileName"] = "Fil", ["Content"] = "Fil" });
            return Page();
        }

        TempData["Meddelande"] = avstar ? $"{Row.Instans} avstår; det är registrerat som svar." : $"Svaret från {Row.Instans} är registrerat.";
        return Redirect($"/remisser/{id}/svar/{svarId}");
    }

    public async Task<IActionResult> OnGetTuAsync(Guid id, Guid svarId, CancellationToken ct)
    {
        if (await LoadAsync(id, svarId, ct) is { } problem)
        {
            return problem;
        }

        // Only a given answer's approved version; a draft never leaves the instans.
        var approved = await db.Tjansteutlatanden.AsNoTracking().Where(t => t.RemissvarId == svarId).Select(t => t.GodkandVersion).FirstOrDefaultAsync(ct);
        if (!Row.HarGodkantTjansteutlatande || approved is null)
        {
            return NotFound();
        }

        var pdf = await documents.RenderTjansteutlatandeAsync(svarId, OutputFormat.Pdf, approved, ct);
        return File(pdf.Content, pdf.MediaType, pdf.FileName);
    }

    public async Task<IActionResult> OnGetUtdragAsync(Guid id, Guid svarId, CancellationToken ct)
    {
        if (await LoadAsync(id, svarId, ct) is { } problem)
        {
            return problem;
        }

        if (!Row.HarJusteratBeslut)
        {
            return NotFound();
        }

        var pdf = await documents.RenderProtokollsutdragAsync(svarId, OutputFormat.Pdf, ct);
        return File(pdf.Content, pdf.MediaType, pdf.FileName);
    }

    public async Task<IActionResult> OnGetFilAsync(Guid id, Guid svarId, Guid bilagaId, CancellationToken ct)
    {
        if (await LoadAsync(id, svarId, ct) is { } problem)
        {
            return problem;
        }

        var fil = Row.Filer.FirstOrDefault(f => f.BilagaId == bilagaId);
        var content = fil is null ? null : files.Read(fil.Sha256);
        return content is null ? NotFound() : File(content, fil!.MediaType, UploadPolicy.StoredName(fil.FileName, fil.MediaType));
    }

    private async Task<IActionResult?> LoadAsync(Guid id, Guid svarId, CancellationToken ct)
    {
        var result = await mediator.Send(new VisaRemissMatrix.Query(id), ct);
        if (!result.Succeeded)
        {
            return result.Refusal!.Kind == RefusalKind.Forbidden ? Forbid() : NotFound();
        }

        Matrix = result.Value;
        var row = Matrix.Rows.FirstOrDefault(r => r.RemissvarId == svarId);
        if (row is null)
        {
            return NotFound();
        }

        Row = row;
        AnstandHistorik = await db.Anstand.AsNoTracking().Where(a => a.RemissvarId == svarId).OrderBy(a => a.BegartAt).ToListAsync(ct);
        AvstarMotivering = await db.Remissvar.AsNoTracking().Where(s => s.Id == svarId).Select(s => s.AvstarMotivering).FirstOrDefaultAsync(ct);
        Paminnelser = await paminnelser.ForAsync(svarId, ct);
        return null;
    }
}
