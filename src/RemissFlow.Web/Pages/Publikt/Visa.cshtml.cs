using RemissFlow.Core.Sammanstallning;

namespace RemissFlow.Web.Pages.Publikt;

/// <summary>
/// The public record of one remiss, without sign-in. Everything on it comes from <see cref="PublicRemissQuery"/>,
/// which is built only from sent, final and given material; documents are served only through its DocumentAsync,
/// which serves nothing its model does not list. An utkast is 404, as is any id that is not a sent remiss.
/// </summary>
[AllowAnonymous]
public sealed class VisaModel(PublicRemissQuery query, RemissFlowDbContext db) : PageModel
{
    public PublicRemiss Remiss { get; private set; } = null!;

    /// <summary>The appeal period of each answer decided at a meeting whose protokoll is anslaget, by the answer's dnr.</summary>
    public IReadOnlyDictionary<string, Core.Features.ProtokollJustering.Overklagandetid> Overklagande { get; private set; } = new Dictionary<string, Core.Features.ProtokollJustering.Overklagandetid>();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var remiss = await query.GetAsync(id, ct);
        if (remiss is null)
        {
            return NotFound();
        }

        Remiss = remiss;
        Overklagande = await Core.Features.ProtokollJustering.Overklagandetid.ForRemissAsync(db, id, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetDokumentAsync(Guid id, string? dokument, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(dokument) || dokument.Length > 64)
        {
            return NotFound();
        }

        var document = await query.DocumentAsync(id, dokument, ct);
        return document is null ? NotFound() : File(document.Content, document.MediaType, document.FileName);
    }
}
