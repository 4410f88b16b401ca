using RemissFlow.Core;
using RemissFlow.Core.Access;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Workflow;
using RemissFlow.Documents.Wording;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Pages.Arenden;

/// <summary>
/// The urgent path: the ordförande decides on delegation when no meeting fits (offered only when the
/// workflow's guard permits it), and the decision is later reported at the nämnd's next meeting.
/// </summary>
[Authorize(Policy = AccessPolicies.Bevakning)]
public sealed class OrdforandebeslutModel(RemissFlowDbContext db, IMediator mediator, WorkflowRunner workflow, SignedInUser user, TimeProvider clock) : PageModel
{
    public sealed class BeslutInput
    {
        public DateOnly? Beslutsdatum { get; set; }

        public string? Ordforande { get; set; }

        public Standpunkt? Standpunkt { get; set; }

        public string? Beslutstext { get; set; }
    }

    public sealed class AnmalanInput
    {
        public Guid? SammantradeId { get; set; }

        public int? Paragraf { get; set; }
    }

    [BindProperty]
    public BeslutInput Beslut { get; set; } = new();

    [BindProperty]
    public AnmalanInput Anmalan { get; set; } = new();

    public Remissvar Svar { get; private set; } = null!;

    public bool CanDecide { get; private set; }

    public bool CanReport { get; private set; }

    public string? Refused { get; private set; }

    public IReadOnlyList<(string Value, string Text)> Meetings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Beslut.Beslutsdatum = StockholmTime.Today(clock);
        return Page();
    }

    public async Task<IActionResult> OnPostFattaAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Refusal? refusal;
        if (Beslut.Beslutsdatum is null || Beslut.Standpunkt is null)
        {
            var errors = new List<FieldError>();
            if (Beslut.Beslutsdatum is null)
            {
                errors.Add(new("Beslutsdatum", "Beslutsdatum måste fyllas i (ÅÅÅÅ-MM-DD)."));
            }

            if (Beslut.Standpunkt is null)
            {
                errors.Add(new("Standpunkt", "Ställningstagande måste väljas."));
            }

            refusal = Refusal.Validation(errors);
        }
        else
        {
            refusal = (await mediator.Send(new Core.Features.Remissvar.Ordforandebeslut.Command(id, Beslut.Beslutsdatum.Value, Beslut.Ordforande ?? "",
                Beslut.Standpunkt.Value, string.IsNullOrWhiteSpace(Beslut.Beslutstext) ? null : Beslut.Beslutstext), ct)).Refusal;
        }

        return Done(id, refusal, nameof(Beslut), "Ordförandebeslutet är registrerat. Lämna in svaret och anmäl beslutet vid nästa sammanträde.");
    }

    public async Task<IActionResult> OnPostAnmalAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Refusal? refusal = Anmalan.SammantradeId is null || Anmalan.Paragraf is null
            ? Refusal.Validation([.. Anmalan.SammantradeId is null ? [new FieldError("SammantradeId", "Sammanträde måste väljas.")] : Array.Empty<FieldError>(),
                .. Anmalan.Paragraf is null ? [new FieldError("Paragraf", "Paragraf måste fyllas i.")] : Array.Empty<FieldError>()])
            : (await mediator.Send(new AnmalOrdforandebeslut.Command(id, Anmalan.SammantradeId.Value, Anmalan.Paragraf.Value), ct)).Refusal;
        return Done(id, refusal, nameof(Anmalan), "Ordförandebeslutet är anmält till nämnden.");
    }

    private IActionResult Done(Guid id, Refusal? refusal, string form, string message)
    {
        if (refusal is null)
        {
            TempData["Meddelande"] = message;
            return Redirect($"/arenden/{id}");
        }

        ModelState.AddRefusal(refusal, form);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var svar = await ArendeAccess.ReadAsInstansAsync(db, user.Actor, id, ct);
        if (svar is null)
        {
            return false;
        }

        Svar = svar;
        var triggers = await workflow.TriggersAsync(svar, user.Actor, ct);
        CanDecide = triggers.Any(t => t.Trigger == "ordforandebeslut" && t.Permitted);
        CanReport = triggers.Any(t => t.Trigger == "anmal_ordforandebeslut" && t.Permitted);
        Refused = triggers.FirstOrDefault(t => t.Trigger == "ordforandebeslut" && !t.Permitted)?.RefusalMessage;
        var today = StockholmTime.Today(clock);
        Meetings = (await (from m in db.Sammantraden
                           join o in db.Organ on m.OrganId equals o.Id
                           where o.OrganisationId == svar.InstansId && o.Kind == OrganKind.Namnd
                           orderby m.Datum
                           select new { m.Id, m.Datum, o.Name }).ToListAsync(ct))
            .Where(m => m.Datum >= today.AddDays(-60))
            .Select(m => (m.Id.ToString(), $"{m.Name} {SwedishText.IsoDate(m.Datum)}")).ToList();
        return true;
    }
}
