using RemissFlow.Core.Access;
using RemissFlow.Core.Files;

namespace RemissFlow.Web.Pages.Arenden;

/// <summary>One bilaga of an ärende, always as an attachment (never rendered by the browser), under the ärende's read rule.</summary>
[Authorize]
public sealed class BilagaModel(RemissFlowDbContext db, FileStore files, SignedInUser user) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid bilagaId, CancellationToken ct)
    {
        var (svar, _, refusal) = await ArendeAccess.ReadAsync(db, user.Actor, id, ct);
        if (refusal is not null)
        {
            return refusal.Kind == Core.Mediation.RefusalKind.Forbidden ? StatusCode(StatusCodes.Status403Forbidden) : NotFound();
        }

        var bilaga = await db.Bilagor.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bilagaId && b.RemissvarId == svar!.Id, ct);
        // Another organisation reading the ärende (the sender, once it is handed in) does not read a sekretessmarkerad file.
        if (bilaga is not null && await Core.Features.Sekretess.SekretessRegister.IsMarkedAsync(db, SekretessTyp.Fil, bilaga.Id, ct)
            && await Core.Features.Sekretess.SekretessRegister.HandlingAsync(db, SekretessTyp.Fil, bilaga.Id, ct) is { } h
            && !Core.Features.Sekretess.SekretessRegister.MayRead(user.Actor.OrganisationId, h.OrganisationId))
        {
            return NotFound();
        }

        var content = bilaga is null ? null : files.Read(bilaga.Sha256);
        return content is null ? NotFound() : File(content, bilaga!.MediaType, UploadPolicy.StoredName(bilaga.FileName, bilaga.MediaType));
    }
}
