using System.Globalization;
using RemissFlow.Core.Features.Sekretess;
using RemissFlow.Documents.Pdf;

namespace RemissFlow.Web.Pages.Sekretess;

/// <summary>
/// Where the registrator chooses what to black out of a sekretessmarkerad PDF (page and rectangle in percent, one area a
/// line) or which passages of an own document (TU, beslut) to replace, looks at the result, and saves the masked copy the
/// public will see in the original's place.
/// </summary>
[Authorize]
public sealed class MaskeraModel(IMediator mediator, RemissFlowDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>fil: areas of an uploaded PDF; tu or beslut: passages of RemissFlow's own document.</summary>
    [BindProperty(SupportsGet = true)]
    public string Typ { get; set; } = SekretessTyp.Fil;

    public bool Stycken => Typ != SekretessTyp.Fil;

    [BindProperty]
    public string? Omraden { get; set; }

    public string Namn { get; private set; } = "";

    public bool HarKopia { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var kopia = await db.MaskeradeKopior.AsNoTracking().FirstOrDefaultAsync(k => k.HandlingTyp == Typ && k.HandlingId == Id, ct);
        if (kopia is not null && Stycken)
        {
            Omraden = string.Join("\n", System.Text.Json.JsonSerializer.Deserialize<List<string>>(kopia.Maskering) ?? []);
        }
        else if (kopia is not null)
        {
            var areas = System.Text.Json.JsonSerializer.Deserialize<List<MaskArea>>(kopia.Maskering) ?? [];
            Omraden = string.Join("\n", areas.Select(a => string.Join("; ", new[] { a.Sida, a.X, a.Y, a.Bredd, a.Hojd }.Select(v => v.ToString(CultureInfo.InvariantCulture)))));
        }

        return await LoadAsync(ct) ?? Page();
    }

    public Task<IActionResult> OnPostForhandsgranskaAsync(CancellationToken ct) => SendAsync(preview: true, ct);

    public Task<IActionResult> OnPostSparaAsync(CancellationToken ct) => SendAsync(preview: false, ct);

    private async Task<IActionResult> SendAsync(bool preview, CancellationToken ct)
    {
        var denied = await LoadAsync(ct);
        if (denied is not null)
        {
            return denied;
        }

        Result<SkapaMaskeradKopia.Kopia> result;
        if (Stycken)
        {
            var passager = (Omraden ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            result = await mediator.Send(new MaskeraStycken.Command(Typ, Id, passager, preview), ct);
        }
        else
        {
            var areas = Parse(Omraden, out var error);
            if (areas is null)
            {
                ModelState.AddModelError(nameof(Omraden), error!);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }

            result = await mediator.Send(new SkapaMaskeradKopia.Command(Id, areas, preview), ct);
        }

        if (result.Refusal is { } refusal)
        {
            if (refusal.Kind == RefusalKind.NotFound)
            {
                return NotFound();
            }

            if (refusal.Kind == RefusalKind.Forbidden)
            {
                return StatusCode(StatusCodes.Status403Forbidden);
            }

            ModelState.AddModelError(nameof(Omraden), refusal.Errors.Count > 0 ? refusal.Errors[0].Message : refusal.Message);
            Response.StatusCode = refusal.Kind == RefusalKind.Validation ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
            return Page();
        }

        if (preview)
        {
            return File(result.Value.Content, "application/pdf", result.Value.FileName);
        }

        TempData["Meddelande"] = "Den maskerade kopian är sparad; den visas publikt i handlingens ställe.";
        return Redirect($"/sekretess/maskera?typ={Typ}&id={Id}");
    }

    /// <summary>"sida; x; y; bredd; höjd" a line, numbers with a point or a comma as the decimal sign.</summary>
    public static List<MaskArea>? Parse(string? text, out string? error)
    {
        var areas = new List<MaskArea>();
        var lines = (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            var parts = lines[i].Split(';', StringSplitOptions.TrimEntries);
            var numbers = parts.Select(p => double.TryParse(p.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : (double?)null).ToList();
            if (parts.Length != 5 || numbers.Any(n => n is null) || numbers[0] % 1 != 0)
            {
                error = $"Områden: rad {i + 1} ska vara ”sida; x; y; bredd; höjd”, t.ex. ”1; 10; 20; 80; 5”.";
                return null;
            }

            areas.Add(new MaskArea((int)numbers[0]!.Value, numbers[1]!.Value, numbers[2]!.Value, numbers[3]!.Value, numbers[4]!.Value));
        }

        if (areas.Count == 0)
        {
            error = "Områden: ange minst ett område att maskera.";
            return null;
        }

        error = null;
        return areas;
    }

    /// <summary>Null when the reader may work on the handling; otherwise the refusal (as the sekretess page gives it).</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (!SekretessTyp.All.Contains(Typ))
        {
            return NotFound();
        }

        var result = await mediator.Send(new SekretessOversikt.Query(Typ, Id), ct);
        if (result.Refusal is { } refusal)
        {
            return refusal.Kind == RefusalKind.NotFound ? NotFound() : StatusCode(StatusCodes.Status403Forbidden);
        }

        Namn = result.Value.Valjd!.Namn;
        HarKopia = await db.MaskeradeKopior.AsNoTracking().AnyAsync(k => k.HandlingTyp == Typ && k.HandlingId == Id, ct);
        return null;
    }
}
