using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.ProtokollJustering;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Presentation;
using RemissFlow.Web.Security;

namespace RemissFlow.Web.Pages.Sammantraden;

/// <summary>
/// The ordförande or a chosen justerare, signed in with their own account, reads the protokoll and justerar it — or a
/// paragraph decided with omedelbar justering. Anyone else of the organ sees no such page.
/// </summary>
[Authorize(Policy = AccessPolicies.Kallelser)]
public sealed class JusteringModel(RemissFlowDbContext db, SignedInUser user, IMediator mediator, ProtokollExport export) : PageModel
{
    public Sammantrade Sammantrade { get; private set; } = null!;

    public Organ Organ { get; private set; } = null!;

    public Protokoll Protokoll { get; private set; } = null!;

    public ProtokollRules.Signer Signer { get; private set; } = null!;

    public Documents.Composition.ProtokollModel Innehall { get; private set; } = null!;

    /// <summary>The paragraphs decided with omedelbar justering, and whether this signer has justerat each.</summary>
    public IReadOnlyList<(Guid Id, int? Paragraf, bool Klar)> Omedelbara { get; private set; } = [];

    public bool HarJusterat { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetFilAsync(Guid id, string? format, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var file = (await export.RenderAsync(id, format == "docx", offentlig: false, ct))!;
        return File(file.Content, file.MediaType, file.FileName);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? paragraf, CancellationToken ct)
    {
        var result = await mediator.Send(new JusteraProtokoll.Command(id, paragraf), ct);
        if (result.Refusal is null)
        {
            TempData["Meddelande"] = result.Value.ProtokolletJusterat ? "Protokollet är justerat av alla och låst."
                : paragraf is null ? "Du har justerat protokollet." : "Du har justerat paragrafen.";
            return Redirect($"/kallelser/{id}/justering");
        }

        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        ModelState.AddRefusal(result.Refusal, "In");
        Response.StatusCode = ModelStateExtensions.StatusFor(result.Refusal, StatusCodes.Status422UnprocessableEntity);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var found = await MeetingAccess.OfOrganisationAsync(db, user.Actor.OrganisationId, id, ct);
        var protokoll = found is null ? null : await db.Protokoll.AsNoTracking().Include(p => p.Godkannanden).FirstOrDefaultAsync(p => p.SammantradeId == id, ct);
        if (found is null || protokoll is null)
        {
            return false;
        }

        var signers = await ProtokollRules.SignersAsync(db, protokoll, found.Value.Meeting, ct);
        if (signers.FirstOrDefault(s => s.Ledamot.UserId == user.UserId) is not { } signer)
        {
            return false;
        }

        (Sammantrade, Organ, Protokoll, Signer) = (found.Value.Meeting, found.Value.Organ, protokoll, signer);
        Innehall = await export.ModelAsync(found.Value.Meeting, found.Value.Organ, offentlig: false, ct);
        HarJusterat = protokoll.Godkannanden.Any(g => g.LedamotId == signer.Ledamot.Id && g.ParagrafId is null);
        Omedelbara = (await db.Beslut.AsNoTracking().Where(b => b.SammantradeId == id && b.OmedelbarJustering).Select(b => new { b.Id, b.Paragraf }).ToListAsync(ct))
            .OrderBy(b => b.Paragraf)
            .Select(b => (b.Id, b.Paragraf, protokoll.Godkannanden.Any(g => g.LedamotId == signer.Ledamot.Id && (g.ParagrafId == b.Id || g.ParagrafId == null)))).ToList();
        return true;
    }
}
