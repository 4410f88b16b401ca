using RemissFlow.Core.Sammanstallning;
using RemissFlow.Core.Workflow;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Pages.Remisser;

/// <summary>
/// KS's sammanställning of one remiss: the counts, the per-instans table with editable key points, the downloads in
/// every format and publishing. Everything comes from the one matrix query, so it agrees with the remiss page.
/// </summary>
[Authorize(Policy = AccessPolicies.Remisser)]
public sealed class SammanstallningModel(RemissFlowDbContext db, SignedInUser user, IMediator mediator, WorkflowRunner workflow) : PageModel
{
    public RemissMatrix Matrix { get; private set; } = null!;

    public IReadOnlyList<TriggerOption> Permitted { get; private set; } = [];

    public bool MayEdit => user.Has(Role.KsSamordnare);

    /// <summary>The row whose key-point edit was refused, with the message and the text as typed.</summary>
    public (Guid RemissvarId, string Message, string? Text)? EditError { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnGetExportAsync(Guid id, string? format, CancellationToken ct)
    {
        if (!SammanstallningFormats.TryFromExtension(format, out var f))
        {
            return NotFound();
        }

        var result = await mediator.Send(new ExportSammanstallning.Query(id, f), ct);
        if (!result.Succeeded)
        {
            return result.Refusal!.Kind == RefusalKind.Forbidden ? Forbid() : NotFound();
        }

        return File(result.Value.Content, result.Value.MediaType, result.Value.FileName);
    }

    public async Task<IActionResult> OnPostNyckelpunkterAsync(Guid id, Guid remissvarId, int version, string? nyckelpunkter, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } problem)
        {
            return problem;
        }

        if (Matrix.Rows.All(r => r.RemissvarId != remissvarId))
        {
            return NotFound();
        }

        var result = await mediator.Send(new EditNyckelpunkter.Command(remissvarId, nyckelpunkter, version), ct);
        if (!result.Succeeded)
        {
            EditError = (remissvarId, result.Refusal!.Message, nyckelpunkter);
            ModelState.AddModelError($"punkter-{remissvarId}", result.Refusal.Message);
            Response.StatusCode = ModelStateExtensions.StatusFor(result.Refusal!, StatusCodes.Status200OK);
            return Page();
        }

        TempData["Meddelande"] = $"Nyckelpunkterna för {Matrix.Rows.First(r => r.RemissvarId == remissvarId).Instans} sparades.";
        return Redirect($"/remisser/{id}/sammanstallning#rad-{remissvarId}");
    }

    public async Task<IActionResult> OnPostPubliceraAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } problem)
        {
            return problem;
        }

        var result = await mediator.Send(new PublishSammanstallning.Command(id, Matrix.Remiss.Version), ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, result.Refusal!.Message);
            Response.StatusCode = ModelStateExtensions.StatusFor(result.Refusal!, StatusCodes.Status200OK);
            return Page();
        }

        TempData["Meddelande"] = "Sammanställningen är publicerad på remissens offentliga sida.";
        return Redirect($"/remisser/{id}/sammanstallning");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var remiss = await SenderRemiss.LoadAsync(db, user, id, ct);
        if (remiss is null)
        {
            return NotFound();
        }

        var result = await mediator.Send(new VisaRemissMatrix.Query(id), ct);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        Matrix = result.Value;
        Permitted = (await workflow.TriggersAsync(remiss, user.Actor, ct))
            .Where(t => t.Permitted && t.Trigger is "sammanstall" or "avsluta").DistinctBy(t => t.Trigger).ToList();
        return null;
    }
}
