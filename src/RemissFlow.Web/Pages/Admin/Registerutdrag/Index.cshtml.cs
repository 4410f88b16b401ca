using RemissFlow.Core.Features.Personuppgifter;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Pages.Admin.Registerutdrag;

/// <summary>
/// The administratör's registerutdrag (GDPR art. 15): a person's e-mail address or name, every place RemissFlow holds
/// their personal data on the page, and the same as a JSON file and a readable HTML file. Each one made is audited.
/// </summary>
[Authorize(Policy = AccessPolicies.Administration)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public sealed class InputModel
    {
        public string? Sok { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Core.Features.Personuppgifter.Registerutdrag.Utdrag? Utdrag { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct) => await MakeAsync(u => { Utdrag = u; return Page(); }, ct);

    public async Task<IActionResult> OnPostJsonAsync(CancellationToken ct) =>
        await MakeAsync(u => File(Core.Features.Personuppgifter.Registerutdrag.ToJson(u), "application/json", FileName(u, "json")), ct);

    public async Task<IActionResult> OnPostHtmlAsync(CancellationToken ct) =>
        await MakeAsync(u => File(Core.Features.Personuppgifter.Registerutdrag.ToHtml(u), "text/html; charset=utf-8", FileName(u, "html")), ct);

    private async Task<IActionResult> MakeAsync(Func<Core.Features.Personuppgifter.Registerutdrag.Utdrag, IActionResult> answer, CancellationToken ct)
    {
        var result = await mediator.Send(new Core.Features.Personuppgifter.Registerutdrag.Command(Input.Sok), ct);
        if (result.Succeeded)
        {
            return answer(result.Value);
        }

        ModelState.AddRefusal(result.Refusal!);
        Response.StatusCode = ModelStateExtensions.StatusFor(result.Refusal!, StatusCodes.Status422UnprocessableEntity);
        return Page();
    }

    private static string FileName(Core.Features.Personuppgifter.Registerutdrag.Utdrag u, string ext) =>
        $"registerutdrag-{StockholmTime.ToLocal(u.Upprattat):yyyy-MM-dd-HHmm}.{ext}";
}
