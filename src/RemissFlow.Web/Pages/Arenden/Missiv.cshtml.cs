using RemissFlow.Core.Access;
using RemissFlow.Core.Documents;

namespace RemissFlow.Web.Pages.Arenden;

/// <summary>The missiv the ärende's remiss was sent with, as a PDF, under the ärende's read rule.</summary>
[Authorize]
public sealed class MissivModel(RemissFlowDbContext db, DocumentService documents, SignedInUser user) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var (svar, _, refusal) = await ArendeAccess.ReadAsync(db, user.Actor, id, ct);
        if (refusal is not null)
        {
            return refusal.Kind == Core.Mediation.RefusalKind.Forbidden ? StatusCode(StatusCodes.Status403Forbidden) : NotFound();
        }

        // An ärende exists only for a sent remiss, but the check keeps an unsent draft's letter from ever being read here.
        if (!await db.Remisser.AnyAsync(r => r.Id == svar!.RemissId && r.UtskickDatum != null, ct))
        {
            return NotFound();
        }

        try
        {
            var pdf = await documents.RenderMissivAsync(svar!.RemissId, OutputFormat.Pdf, ct);
            return File(pdf.Content, pdf.MediaType, pdf.FileName);
        }
        catch (DocumentDataException e)
        {
            return new UnprocessableEntityObjectResult(e.Message);
        }
    }
}
