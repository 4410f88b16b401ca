using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Documents.Wording;
using RemissFlow.Web.Presentation;
using RemissFlow.Web.Security;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Pages.Sammantraden;

/// <summary>The organisation's bodies and their meetings: add one meeting, import a year's meetings from CSV, add a body with its settings.</summary>
[Authorize(Policy = AccessPolicies.Sammantraden)]
public sealed class IndexModel(RemissFlowDbContext db, IMediator mediator, SignedInUser user, TimeProvider clock) : PageModel
{
    public sealed record MeetingRow(Guid Id, DateOnly Datum, TimeOnly? Tid, string? Lokal, bool Extra, int Punkter);

    public sealed record OrganBlock(Organ Organ, IReadOnlyList<MeetingRow> Meetings);

    public sealed class MeetingInput
    {
        public Guid? OrganId { get; set; }

        public DateOnly? Datum { get; set; }

        public TimeOnly? Tid { get; set; }

        public string? Lokal { get; set; }

        public bool Extra { get; set; }
    }

    public sealed class OrganInput
    {
        public OrganKind? Kind { get; set; }

        public string? Name { get; set; }

        public int? HandlingarArbetsdagarFore { get; set; } = 7;

        public int? JusteringArbetsdagar { get; set; } = 5;

        public bool OmedelbarJusteringForRemissvar { get; set; }
    }

    [BindProperty]
    public MeetingInput Nytt { get; set; } = new();

    [BindProperty]
    public OrganInput NyttOrgan { get; set; } = new();

    [BindProperty]
    public IFormFile? Fil { get; set; }

    public IReadOnlyList<OrganBlock> Organs { get; private set; } = [];

    public IEnumerable<(string, string)> OrganOptions => Organs.Select(o => (o.Organ.Id.ToString(), o.Organ.Name));

    public static IEnumerable<(string, string)> KindOptions => Enum.GetValues<OrganKind>().Select(k => (k.ToString(), SwedishLabels.Organ(k)));

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostSammantradeAsync(CancellationToken ct)
    {
        Refusal? refusal = (Nytt.OrganId, Nytt.Datum) switch
        {
            (null, _) => Refusal.Field("OrganId", "Organ måste väljas."),
            (_, null) => Refusal.Field("Datum", "Datum måste fyllas i (ÅÅÅÅ-MM-DD)."),
            _ => (await mediator.Send(new CreateSammantrade.Command(Nytt.OrganId.Value, Nytt.Datum.Value, Nytt.Tid,
                string.IsNullOrWhiteSpace(Nytt.Lokal) ? null : Nytt.Lokal.Trim(), Nytt.Extra), ct)).Refusal,
        };
        return await DoneAsync(refusal, nameof(Nytt), $"Sammanträdet {Nytt.Datum:yyyy-MM-dd} är inlagt.", ct);
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        if (Fil is null || Fil.Length == 0)
        {
            return await DoneAsync(Refusal.Field("Fil", "Välj en CSV-fil att importera."), "", null, ct);
        }

        using var buffer = new MemoryStream();
        await Fil.CopyToAsync(buffer, ct);
        var result = await mediator.Send(new ImportSammantraden.Command(user.Actor.OrganisationId!.Value, buffer.ToArray()), ct);
        if (result.Succeeded)
        {
            return await DoneAsync(null, "", $"{result.Value} sammanträden importerades.", ct);
        }

        // Every error names its row; all go beside the file field, which the summary links to.
        var refusal = result.Refusal!;
        var errors = refusal.Errors.Count == 0
            ? [new FieldError("Fil", refusal.Message)]
            : refusal.Errors.Select(e => new FieldError("Fil", e.Message.StartsWith("Rad ", StringComparison.Ordinal) || e.Field is "fil" or "" ? e.Message : $"{Capitalize(e.Field)}: {e.Message}")).ToList();
        return await DoneAsync(Refusal.Validation(errors), "", null, ct);
    }

    public async Task<IActionResult> OnPostOrganAsync(CancellationToken ct)
    {
        Refusal? refusal = NyttOrgan.Kind is null
            ? Refusal.Field("Kind", "Typ av organ måste väljas.")
            : (await mediator.Send(new CreateOrgan.Command(user.Actor.OrganisationId!.Value, NyttOrgan.Kind.Value, NyttOrgan.Name ?? "",
                NyttOrgan.HandlingarArbetsdagarFore ?? -1, NyttOrgan.JusteringArbetsdagar ?? -1, NyttOrgan.OmedelbarJusteringForRemissvar), ct)).Refusal;
        return await DoneAsync(refusal, nameof(NyttOrgan), $"Organet {NyttOrgan.Name} är inlagt.", ct);
    }

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpper(s[0], SwedishText.Culture) + s[1..];

    private async Task<IActionResult> DoneAsync(Refusal? refusal, string form, string? message, CancellationToken ct)
    {
        if (refusal is null)
        {
            TempData["Meddelande"] = message;
            return Redirect("/sammantraden");
        }

        ModelState.AddRefusal(refusal, form);
        if (form.Length == 0)
        {
            // The import's errors were keyed "Fil" without a prefix.
            foreach (var key in ModelState.Keys.Where(k => k.StartsWith('.')).ToList())
            {
                var entry = ModelState[key]!;
                foreach (var e in entry.Errors)
                {
                    ModelState.AddModelError(key.TrimStart('.'), e.ErrorMessage);
                }

                ModelState.Remove(key);
            }
        }

        Response.StatusCode = ModelStateExtensions.StatusFor(refusal, StatusCodes.Status422UnprocessableEntity);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var org = user.Actor.OrganisationId!.Value;
        var since = StockholmTime.Today(clock).AddMonths(-2);
        var organs = await db.Organ.AsNoTracking().Where(o => o.OrganisationId == org).ToListAsync(ct);
        var ids = organs.Select(o => o.Id).ToList();
        var meetings = await db.Sammantraden.AsNoTracking().Where(m => ids.Contains(m.OrganId) && m.Datum >= since)
            .OrderBy(m => m.Datum)
            .Select(m => new { m.OrganId, Row = new MeetingRow(m.Id, m.Datum, m.Tid, m.Lokal, m.Extra, db.Foredragningspunkter.Count(p => p.SammantradeId == m.Id)) })
            .ToListAsync(ct);
        Organs = organs
            .OrderBy(o => o.Kind == OrganKind.Namnd || o.Kind == OrganKind.Styrelse ? 0 : 1).ThenBy(o => o.Name, SwedishText.Comparer)
            .Select(o => new OrganBlock(o, meetings.Where(m => m.OrganId == o.Id).Select(m => m.Row).ToList()))
            .ToList();
    }
}
