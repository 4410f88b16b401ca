using RemissFlow.Core.Access;
using RemissFlow.Core.Documents;

namespace RemissFlow.Web.Pages.Arenden;

/// <summary>
/// The ärende's documents, rendered on request: the TU (any version for the instans, only the approved
/// one for the sender) and the protokollsutdrag. Files are attachments; the HTML preview opens in the browser.
/// </summary>
[Authorize]
public sealed class DokumentModel(RemissFlowDbContext db, DocumentService documents, SignedInUser user) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, string typ, string format, int? version, CancellationToken ct)
    {
        var (svar, reader, refusal) = await ArendeAccess.ReadAsync(db, user.Actor, id, ct);
        if (refusal is not null)
        {
            return refusal.Kind == Core.Mediation.RefusalKind.Forbidden ? StatusCode(StatusCodes.Status403Forbidden) : NotFound();
        }

        if (!OutputFormats.TryParse(format, out var output))
        {
            return NotFound();
        }

        try
        {
            RenderedDocument doc;
            switch (typ)
            {
                case "tu":
                    if (reader == ArendeReader.Avsandare)
                    {
                        var approved = await db.Tjansteutlatanden.Where(t => t.RemissvarId == svar!.Id).Select(t => t.GodkandVersion).FirstOrDefaultAsync(ct);
                        if (approved is null || (version is not null && version != approved))
                        {
                            return NotFound();
                        }

                        version = approved;
                        var versionId = await (from v in db.TjansteutlatandeVersioner
                                               join t in db.Tjansteutlatanden on v.TjansteutlatandeId equals t.Id
                                               where t.RemissvarId == svar!.Id && v.Nummer == approved
                                               select v.Id).FirstAsync(ct);
                        if (await Core.Features.Sekretess.SekretessRegister.IsMarkedAsync(db, SekretessTyp.TuVersion, versionId, ct))
                        {
                            // The sender reads a sekretessmarkerad TU only as its masked copy, in the sammanställning.
                            return NotFound();
                        }
                    }

                    doc = await documents.RenderTjansteutlatandeAsync(svar!.Id, output, version, ct);
                    break;
                case "protokollsutdrag":
                    if (reader == ArendeReader.Avsandare && await SenderMayNotReadUtdragAsync(svar!.Id, ct))
                    {
                        return NotFound();
                    }

                    doc = await documents.RenderProtokollsutdragAsync(svar!.Id, output, ct);
                    break;
                default:
                    return NotFound();
            }

            // HTML is a preview to read in the browser (styled by its own stylesheet, allowed by hash); everything else is a download.
            if (output == OutputFormat.Html)
            {
                SecurityHeaders.AllowInlineStyles(HttpContext, System.Text.Encoding.UTF8.GetString(doc.Content));
                return File(doc.Content, doc.MediaType);
            }

            return File(doc.Content, doc.MediaType, doc.FileName);
        }
        catch (DocumentDataException)
        {
            return NotFound();
        }
    }

    /// <summary>The utdrag is of the latest beslut; when that paragraph is sekretessmarkerad, the sender does not read it.</summary>
    private async Task<bool> SenderMayNotReadUtdragAsync(Guid svarId, CancellationToken ct)
    {
        var beslut = (await db.Beslut.Where(b => b.RemissvarId == svarId).Select(b => new { b.Id, b.Datum }).ToListAsync(ct)).OrderBy(b => b.Datum).ThenBy(b => b.Id).LastOrDefault();
        return beslut is not null && await Core.Features.Sekretess.SekretessRegister.IsMarkedAsync(db, SekretessTyp.Beslut, beslut.Id, ct);
    }
}
