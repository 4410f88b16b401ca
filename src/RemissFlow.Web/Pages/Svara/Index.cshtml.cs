using Microsoft.AspNetCore.RateLimiting;
using RemissFlow.Core.Features.Svarslank;
using RemissFlow.Core.Files;
using RemissFlow.Web.Pages.Remisser;

namespace RemissFlow.Web.Pages.Svara;

/// <summary>
/// An outside organisation's answer page, without sign-in: the secret token in the address is the credential. It shows
/// only that organisation's remiss and its own submissions; an unknown token is 404, an expired or revoked one 410,
/// each with a Swedish page that says so. The receipt is shown after a submission (post/redirect/get).
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(SvarslankRateLimit.Policy)]
public sealed class IndexModel(IMediator mediator, CurrentActor current, FileStore files, SvarslankRateLimit limits) : PageModel
{
    public sealed class SvarInput
    {
        public Standpunkt? Standpunkt { get; set; }

        public string? Text { get; set; }

        public string? KontaktNamn { get; set; }

        public string? KontaktEpost { get; set; }
    }

    [BindProperty]
    public SvarInput Input { get; set; } = new();

    public OpenSvarslank.Vy Vy { get; private set; } = OpenSvarslank.Vy.Stangd(SvarslankLage.Okand);

    public long MaxMegabytes => files.MaxBytes / (1024 * 1024);

    /// <summary>The submission just made, when the page is the receipt.</summary>
    public OpenSvarslank.Inlamning? Kvitto { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, Guid? kvitto, CancellationToken ct)
    {
        if (await LoadAsync(token, ct) is { } closed)
        {
            return closed;
        }

        Kvitto = kvitto is { } k ? Vy.Inlamningar.FirstOrDefault(i => i.Id == k) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, IFormFile? fil, CancellationToken ct)
    {
        if (await LoadAsync(token, ct) is { } closed)
        {
            return closed;
        }

        byte[]? content = null;
        if (fil is { Length: > 0 })
        {
            if (fil.Length > files.MaxBytes)
            {
                return Refused($"Fil: filen är för stor; högst {files.MaxBytes / (1024 * 1024)} MB.", "Input.Fil");
            }

            content = await HandlingarModel.ReadAsync(fil, ct);
        }

        // The command checks the token again and acts as the organisation "via svarslänk" from there on.
        current.Actor = Actor.Anonymous;
        var result = await mediator.Send(new SubmitViaSvarslank.Command(token, Input.Standpunkt, RemissInput.Blank(Input.Text),
            fil is { Length: > 0 } ? Path.GetFileName(fil.FileName) : null, content, RemissInput.Blank(Input.KontaktNamn), RemissInput.Blank(Input.KontaktEpost)), ct);
        if (!result.Succeeded)
        {
            var refusal = result.Refusal!;
            if (refusal.Kind == RefusalKind.NotFound)
            {
                return NotFound();
            }

            if (refusal.Errors.Count == 0)
            {
                return Refused(refusal.Message, string.Empty);
            }

            ModelState.AddRefusalTo(refusal, "Input", new Dictionary<string, string> { ["FileName"] = "Fil", ["Content"] = "Fil" });
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        return Redirect($"/svara/{token}?kvitto={result.Value.Id}#kvitto");
    }

    private IActionResult Refused(string message, string field)
    {
        ModelState.AddModelError(field, message);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>The page's data, or the closed page's result: 404 (unknown; counted against the address), 410 (expired or revoked).</summary>
    private async Task<IActionResult?> LoadAsync(string token, CancellationToken ct)
    {
        current.Actor = Actor.Anonymous;
        var vy = await mediator.Send(new OpenSvarslank.Query(token), ct);
        Vy = vy.Value;
        switch (Vy.Lage)
        {
            case SvarslankLage.Giltig:
                return null;
            case SvarslankLage.Okand when !limits.MayProbe(HttpContext):
                await SvarslankRateLimit.WriteRejectedAsync(Response, ct);
                return new EmptyResult();
            case SvarslankLage.Okand:
                Response.StatusCode = StatusCodes.Status404NotFound;
                return Page();
            default:
                Response.StatusCode = StatusCodes.Status410Gone;
                return Page();
        }
    }
}
