using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Features.Arkiv;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Presentation;
using RemissFlow.Web.Security;

namespace RemissFlow.Web.Pages.Arkiv;

/// <summary>
/// The arkivarie's e-arkiv page: choose a closed ärende, a remiss with all its remissvar or a year, download the FGS
/// package as one ZIP, and see every delivery made (from the audit log, where each export records itself).
/// </summary>
[Authorize(Policy = AccessPolicies.Arkiv)]
public sealed class IndexModel(RemissFlowDbContext db, IMediator mediator) : PageModel
{
    public sealed class Form
    {
        public string? Urval { get; set; } = nameof(Core.Features.Arkiv.Urval.Remiss);

        public string? Varde { get; set; }
    }

    public sealed record AvslutadRemiss(string Dnr, string Titel, string Status, int Svar);

    public sealed record Leverans(DateTimeOffset Tid, string Vem, string Beskrivning);

    [BindProperty]
    public Form In { get; set; } = new();

    public IReadOnlyList<AvslutadRemiss> Avslutade { get; private set; } = [];

    public IReadOnlyList<Leverans> Leveranser { get; private set; } = [];

    public static IEnumerable<(string, string)> UrvalOptions =>
    [
        (nameof(Core.Features.Arkiv.Urval.Remiss), "En remiss med alla remissvar (diarienummer)"),
        (nameof(Core.Features.Arkiv.Urval.Arende), "Ett avslutat ärende (diarienummer)"),
        (nameof(Core.Features.Arkiv.Urval.Ar), "Allt som avslutades ett år (ÅÅÅÅ)"),
    ];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Enum.TryParse<Urval>(In.Urval, ignoreCase: false, out var urval) || !Enum.IsDefined(urval))
        {
            ModelState.AddModelError("In.Urval", "Välj vad som ska levereras: en remiss, ett ärende eller ett år.");
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync(ct);
            return Page();
        }

        // The package is built beside the app's other temporary files and streamed from there; the file goes when the stream closes.
        var zip = Path.Combine(Path.GetTempPath(), $"remissflow-arkiv-{Guid.NewGuid():N}.zip");
        var result = await mediator.Send(new ExportArkivpaket.Command(urval, In.Varde ?? "", zip), ct);
        if (result.Refusal is { } refusal)
        {
            ModelState.AddRefusal(refusal, "In");
            Response.StatusCode = ModelStateExtensions.StatusFor(refusal, StatusCodes.Status422UnprocessableEntity);
            await LoadAsync(ct);
            return Page();
        }

        var stream = new FileStream(zip, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.DeleteOnClose);
        return File(stream, "application/zip", result.Value.Namn + ".zip");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var final = ExportArkivpaket.AvslutadeRemisser.ToList();
        var remisser = await db.Remisser.AsNoTracking().Where(r => final.Contains(r.Status))
            .Select(r => new { r.Dnr, r.Title, r.Status, Svar = db.Remissvar.Count(s => s.RemissId == r.Id) }).ToListAsync(ct);
        Avslutade = remisser.OrderBy(r => r.Dnr, StringComparer.Ordinal).Select(r => new AvslutadRemiss(r.Dnr, r.Title, r.Status, r.Svar)).ToList();
        var levererat = await db.Handelser.AsNoTracking().Where(h => h.ArendeTyp == "Arkivpaket" && h.Action == ExportArkivpaket.Action)
            .Select(h => new { h.Sequence, h.At, h.ActorName, h.Beskrivning }).ToListAsync(ct);
        Leveranser = levererat.OrderByDescending(h => h.Sequence).Take(50).Select(h => new Leverans(h.At, h.ActorName, h.Beskrivning)).ToList();
    }
}
