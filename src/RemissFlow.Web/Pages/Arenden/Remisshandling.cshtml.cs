using RemissFlow.Core.Access;
using RemissFlow.Core.Files;

namespace RemissFlow.Web.Pages.Arenden;

/// <summary>One remisshandling of the ärende's remiss, as an attachment, under the ärende's read rule (not the sender's remiss pages).</summary>
[Authorize]
public sealed class RemisshandlingModel(RemissFlowDbContext db, FileStore files, SignedInUser user) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid bilagaId, CancellationToken ct)
    {
        var (svar, _, refusal) = await ArendeAccess.ReadAsync(db, user.Actor, id, ct);
        if (refusal is not null)
        {
            return refusal.Kind == Core.Mediation.RefusalKind.Forbidden ? StatusCode(StatusCodes.Status403Forbidden) : NotFound();
        }

        var bilaga = await db.Bilagor.AsNoTracking()
            .FirstOrDefaultAsync(b => b.Id == bilagaId && b.RemissId == svar!.RemissId && b.RemissvarId == null && b.Kind == BilagaKind.Remisshandling, ct);
        if (bilaga is not null && await Core.Features.Sekretess.SekretessRegister.IsMarkedAsync(db, SekretessTyp.Fil, bilaga.Id, ct)
            && !Core.Features.Sekretess.SekretessRegister.MayRead(user.Actor.OrganisationId, await db.Remisser.Where(r => r.Id == bilaga.RemissId).Select(r => r.AvsandareId).SingleAsync(ct)))
        {
            return NotFound();
        }

        var content = bilaga is null ? null : files.Read(bilaga.Sha256);
        return content is null ? NotFound() : File(content, bilaga!.MediaType, UploadPolicy.StoredName(bilaga.FileName, bilaga.MediaType));
    }
}
