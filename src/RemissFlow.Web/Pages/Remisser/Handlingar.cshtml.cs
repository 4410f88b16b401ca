using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Files;
using RemissFlow.Web.Api;
using RemissFlow.Web.Hosting;

namespace RemissFlow.Web.Pages.Remisser;

/// <summary>
/// Uploads remisshandlingar (the sender, before utskick) and serves them back from the file store as attachments,
/// to the sender and to every instans the remiss was sent to. Never from wwwroot: the bytes live outside the web root.
/// </summary>
[RequestSizeLimit(WebHosting.UploadLimitBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = WebHosting.UploadLimitBytes)]
public sealed class HandlingarModel(RemissFlowDbContext db, SignedInUser user, IMediator mediator, FileStore files) : PageModel
{
    public Remiss Remiss { get; private set; } = null!;

    public IReadOnlyList<Bilaga> Handlingar { get; private set; } = [];

    public long MaxBytes => files.MaxBytes;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, IFormFile? fil, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (fil is null || fil.Length == 0)
        {
            ModelState.AddModelError("Fil", "Välj en fil att ladda upp (PDF eller Office-dokument).");
            return Page();
        }

        if (fil.Length > files.MaxBytes)
        {
            ModelState.AddModelError("Fil", $"Filen är för stor; högst {files.MaxBytes / (1024 * 1024)} MB.");
            return Page();
        }

        var content = await ReadAsync(fil, ct);
        var result = await mediator.Send(new AddRemisshandling.Command(id, Path.GetFileName(fil.FileName), content), ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(result.Refusal!.Errors.Count > 0 ? "Fil" : string.Empty, result.Refusal.Message);
            await LoadAsync(id, ct);
            return Page();
        }

        var stored = await db.Bilagor.AsNoTracking().Where(b => b.Id == result.Value).Select(b => b.FileName).FirstAsync(ct);
        TempData["Meddelande"] = $"{stored} är bifogad.";
        return Redirect($"/remisser/{id}/handlingar");
    }

    /// <summary>The title the missiv and the public page show; empty gives the file name back.</summary>
    public async Task<IActionResult> OnPostRubrikAsync(Guid id, Guid bilagaId, string? rubrik, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var result = await mediator.Send(new SetRemisshandlingRubrik.Command(id, bilagaId, rubrik), ct);
        if (!result.Succeeded)
        {
            return await RefusedAsync(id, $"Rubrik-{bilagaId}", result.Refusal!, ("Rubrik-" + bilagaId, rubrik), ct);
        }

        TempData["Meddelande"] = $"Rubriken är sparad: {result.Value}.";
        return Redirect($"/remisser/{id}/handlingar");
    }

    /// <summary>A new version of the file in the old one's place (same title, same place in the list).</summary>
    public async Task<IActionResult> OnPostErsattAsync(Guid id, Guid bilagaId, IFormFile? fil, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var field = $"Fil-{bilagaId}";
        if (fil is null || fil.Length == 0 || fil.Length > files.MaxBytes)
        {
            ModelState.AddModelError(field, fil is null || fil.Length == 0
                ? "Välj filen som ska ersätta remisshandlingen (PDF eller Office-dokument)."
                : $"Filen är för stor; högst {files.MaxBytes / (1024 * 1024)} MB.");
            return Page();
        }

        var result = await mediator.Send(new ReplaceRemisshandling.Command(id, bilagaId, Path.GetFileName(fil.FileName), await ReadAsync(fil, ct)), ct);
        if (!result.Succeeded)
        {
            return await RefusedAsync(id, field, result.Refusal!, null, ct);
        }

        TempData["Meddelande"] = $"{result.Value} är ersatt med {Path.GetFileName(fil.FileName)}.";
        return Redirect($"/remisser/{id}/handlingar");
    }

    public async Task<IActionResult> OnPostTaBortAsync(Guid id, Guid bilagaId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var result = await mediator.Send(new RemoveRemisshandling.Command(id, bilagaId), ct);
        if (!result.Succeeded)
        {
            return await RefusedAsync(id, string.Empty, result.Refusal!, null, ct);
        }

        TempData["Meddelande"] = $"{result.Value} är borttagen ur remisshandlingarna.";
        return Redirect($"/remisser/{id}/handlingar");
    }

    private async Task<IActionResult> RefusedAsync(Guid id, string field, Refusal refusal, (string Key, string? Value)? keep, CancellationToken ct)
    {
        if (refusal.Kind == RefusalKind.NotFound)
        {
            return NotFound();
        }

        ModelState.AddModelError(refusal.Errors.Count > 0 ? field : string.Empty, refusal.Message);
        if (keep is { } k)
        {
            ModelState.SetModelValue(k.Key, k.Value, k.Value);
        }

        await LoadAsync(id, ct);
        Response.StatusCode = ModelStateExtensions.StatusFor(refusal, StatusCodes.Status200OK);
        return Page();
    }

    /// <summary>One remisshandling as a download, for whoever may read the remiss.</summary>
    public async Task<IActionResult> OnGetFilAsync(Guid id, Guid bilagaId, CancellationToken ct)
    {
        if (!await RemissEndpoints.Visible(db, user).AnyAsync(r => r.Id == id, ct))
        {
            return NotFound();
        }

        var bilaga = await db.Bilagor.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bilagaId && b.RemissId == id && b.Kind == BilagaKind.Remisshandling, ct);
        var content = bilaga is null ? null : files.Read(bilaga.Sha256);
        return content is null ? NotFound() : File(content, bilaga!.MediaType, UploadPolicy.StoredName(bilaga.FileName, bilaga.MediaType));
    }

    public static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken ct)
    {
        using var ms = new MemoryStream((int)file.Length);
        await file.CopyToAsync(ms, ct);
        return ms.ToArray();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var remiss = await SenderRemiss.LoadAsync(db, user, id, ct);
        if (remiss is null)
        {
            return false;
        }

        Remiss = remiss;
        Handlingar = await db.Bilagor.AsNoTracking().Where(b => b.RemissId == id && b.RemissvarId == null && b.Kind == BilagaKind.Remisshandling)
            .OrderBy(b => b.UploadedAt).ToListAsync(ct);
        return true;
    }
}
