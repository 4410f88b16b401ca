using System.Text;
using Microsoft.AspNetCore.Html;
using RemissFlow.Core.Documents;

namespace RemissFlow.Web.Pages.Remisser;

/// <summary>The missiv as it will go out: previewed in the page (HTML) and as the PDF download.</summary>
[Authorize(Policy = AccessPolicies.Remisser)]
public sealed class MissivModel(RemissFlowDbContext db, SignedInUser user, DocumentService documents) : PageModel
{
    public Remiss Remiss { get; private set; } = null!;

    /// <summary>The body of the document writer's HTML page, or null with <see cref="Problem"/> saying what is missing.</summary>
    public IHtmlContent? Preview { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var remiss = await SenderRemiss.LoadAsync(db, user, id, ct);
        if (remiss is null)
        {
            return NotFound();
        }

        Remiss = remiss;
        try
        {
            var html = Encoding.UTF8.GetString((await documents.RenderMissivAsync(id, OutputFormat.Html, ct)).Content);
            Preview = new HtmlString(BodyOf(html));
        }
        catch (DocumentDataException e)
        {
            Problem = e.Message;
        }

        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(Guid id, CancellationToken ct)
    {
        if (await SenderRemiss.LoadAsync(db, user, id, ct) is null)
        {
            return NotFound();
        }

        try
        {
            var pdf = await documents.RenderMissivAsync(id, OutputFormat.Pdf, ct);
            return File(pdf.Content, pdf.MediaType, pdf.FileName);
        }
        catch (DocumentDataException e)
        {
            return new UnprocessableEntityObjectResult(e.Message);
        }
    }

    /// <summary>
    /// The document writer makes a standalone page with its own inline style, which our CSP forbids; the page shows
    /// only its body (text already HTML-escaped by the writer, no script), styled by remisser.css. Its &lt;main&gt;
    /// becomes a div, since the page has its own main landmark.
    /// </summary>
    public static string BodyOf(string html)
    {
        var start = html.IndexOf("<body>", StringComparison.Ordinal);
        var end = html.LastIndexOf("</body>", StringComparison.Ordinal);
        var body = start >= 0 && end > start ? html[(start + "<body>".Length)..end] : string.Empty;
        return body.Replace("<main>", "<div class=\"missiv-main\">", StringComparison.Ordinal).Replace("</main>", "</div>", StringComparison.Ordinal)
            .Replace("<header class=\"brev\">", "<div class=\"brev\">", StringComparison.Ordinal).Replace("</header>", "</div>", StringComparison.Ordinal)
            .Replace("<footer>", "<div class=\"brev-fot\">", StringComparison.Ordinal).Replace("</footer>", "</div>", StringComparison.Ordinal);
    }
}
