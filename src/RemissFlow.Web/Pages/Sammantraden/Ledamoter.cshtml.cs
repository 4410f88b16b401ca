using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Documents.Wording;
using RemissFlow.Web.Presentation;
using RemissFlow.Web.Security;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Pages.Sammantraden;

/// <summary>An organ's ordförande, vice ordförande, ledamöter and ersättare per mandate period: enter one, or import them from CSV.</summary>
[Authorize(Policy = AccessPolicies.Sammantraden)]
public sealed class LedamoterModel(RemissFlowDbContext db, IMediator mediator, SignedInUser user, TimeProvider clock) : PageModel
{
    public sealed record Rad(string Namn, string? Parti, Uppdrag Uppdrag, DateOnly Fran, DateOnly Till, string? Konto);

    public sealed class LedamotInput
    {
        public string? Namn { get; set; }

        public string? Parti { get; set; }

        public Uppdrag? Uppdrag { get; set; }

        public DateOnly? Fran { get; set; }

        public DateOnly? Till { get; set; }

        public Guid? UserId { get; set; }
    }

    [BindProperty]
    public LedamotInput Ny { get; set; } = new();

    [BindProperty]
    public IFormFile? Fil { get; set; }

    public Organ Organ { get; private set; } = null!;

    public IReadOnlyList<Rad> Ledamoter { get; private set; } = [];

    public IReadOnlyList<(string, string)> KontoOptions { get; private set; } = [];

    public static IEnumerable<(string, string)> UppdragOptions =>
        Enum.GetValues<Uppdrag>().Select(u => (u.ToString(), char.ToUpper(LedamotRules.Label(u)[0], SwedishText.Culture) + LedamotRules.Label(u)[1..]));

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostNyAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Refusal? refusal = (Ny.Uppdrag, Ny.Fran, Ny.Till) switch
        {
            (null, _, _) => Refusal.Field("Uppdrag", "Uppdrag måste väljas."),
            (_, null, _) => Refusal.Field("Fran", "Från måste fyllas i (ÅÅÅÅ-MM-DD)."),
            (_, _, null) => Refusal.Field("Till", "Till måste fyllas i (ÅÅÅÅ-MM-DD)."),
            _ => (await mediator.Send(new AddLedamot.Command(id, Ny.Namn ?? "", Ny.Parti, Ny.Uppdrag.Value, Ny.Fran.Value, Ny.Till.Value, Ny.UserId), ct)).Refusal,
        };
        return await DoneAsync(id, refusal, nameof(Ny), $"{Ny.Namn?.Trim()} är inlagd.", ct);
    }

    public async Task<IActionResult> OnPostImportAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (Fil is null || Fil.Length == 0)
        {
            return await DoneAsync(id, Refusal.Field("Fil", "Välj en CSV-fil att importera."), "", null, ct);
        }

        using var buffer = new MemoryStream();
        await Fil.CopyToAsync(buffer, ct);
        var result = await mediator.Send(new ImportLedamoter.Command(id, buffer.ToArray()), ct);
        if (result.Succeeded)
        {
            return await DoneAsync(id, null, "", $"{result.Value} ledamöter och ersättare importerades.", ct);
        }

        // Every error names its row; all go beside the file field.
        var refusal = result.Refusal!;
        var errors = refusal.Errors.Count == 0 ? [new FieldError("Fil", refusal.Message)] : refusal.Errors.Select(e => new FieldError("Fil", e.Message)).ToList();
        return await DoneAsync(id, refusal.Kind == RefusalKind.Forbidden ? refusal : Refusal.Validation(errors), "", null, ct);
    }

    private async Task<IActionResult> DoneAsync(Guid id, Refusal? refusal, string form, string? message, CancellationToken ct)
    {
        if (refusal is null)
        {
            TempData["Meddelande"] = message;
            return Redirect($"/sammantraden/organ/{id}/ledamoter");
        }

        foreach (var error in refusal.Errors.Count == 0 ? [new FieldError("", refusal.Message)] : refusal.Errors)
        {
            ModelState.AddModelError(form.Length == 0 || error.Field.Length == 0 ? error.Field : $"{form}.{error.Field}", error.Message);
        }

        Response.StatusCode = ModelStateExtensions.StatusFor(refusal, StatusCodes.Status422UnprocessableEntity);
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var organ = await db.Organ.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.OrganisationId == user.Actor.OrganisationId, ct);
        if (organ is null)
        {
            return false;
        }

        Organ = organ;
        var since = StockholmTime.Today(clock).AddYears(-1);
        Ledamoter = (await (from l in db.Ledamoter.AsNoTracking()
                            where l.OrganId == id && l.Till >= since
                            join u in db.Users on l.UserId equals u.Id into accounts
                            from u in accounts.DefaultIfEmpty()
                            select new Rad(l.Namn, l.Parti, l.Uppdrag, l.Fran, l.Till, u == null ? null : u.Email)).ToListAsync(ct))
            .OrderBy(r => r.Fran).ThenBy(r => r.Uppdrag).ThenBy(r => r.Namn, SwedishText.Comparer).ToList();
        var role = nameof(Role.Ledamot).ToUpperInvariant();
        KontoOptions = (await (from u in db.Users.AsNoTracking()
                               join ur in db.UserRoles on u.Id equals ur.UserId
                               join r in db.Roles on ur.RoleId equals r.Id
                               where u.OrganisationId == organ.OrganisationId && r.NormalizedName == role
                               select new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct))
            .OrderBy(u => u.DisplayName, SwedishText.Comparer).Select(u => (u.Id.ToString(), $"{u.DisplayName} ({u.Email})")).ToList();
        return true;
    }
}
