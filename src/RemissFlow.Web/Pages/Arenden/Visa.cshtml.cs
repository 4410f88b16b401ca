using RemissFlow.Core;
using RemissFlow.Core.Access;
using RemissFlow.Core.Deadlines;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Notifications;
using RemissFlow.Core.Workflow;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Pages.Arenden;

/// <summary>
/// One ärende: its facts, plan, documents and history, and exactly the actions the workflow permits
/// this user now. Every small action posts back here; the larger ones (TU, beslut, ordförandebeslut) have pages of their own.
/// </summary>
[Authorize]
public sealed class VisaModel(RemissFlowDbContext db, IMediator mediator, WorkflowRunner workflow, StateLabels labels, PlanQuery plans,
    Notifier notifier, SignedInUser user, TimeProvider clock) : PageModel
{
    public sealed class RegistreraInput
    {
        public string? BefintligtDiarienummer { get; set; }
    }

    public sealed class TilldelaInput
    {
        public Guid? HandlaggareId { get; set; }
    }

    public sealed class KommentarInput
    {
        public string? Kommentar { get; set; }
    }

    public sealed class BeredningInput
    {
        public OrganKind? Organ { get; set; }

        public DateOnly? Datum { get; set; }

        public bool EndastMojlighet { get; set; }
    }

    public sealed class PlaceraInput
    {
        public Guid? SammantradeId { get; set; }
    }

    public sealed class JusteraInput
    {
        public DateOnly? Justeringsdatum { get; set; }

        public string? Justerare { get; set; }
    }

    public sealed class AnstandInput
    {
        public DateOnly? OnskatSvarsdatum { get; set; }

        public string? Motivering { get; set; }
    }

    [BindProperty]
    public RegistreraInput Registrering { get; set; } = new();

    [BindProperty]
    public TilldelaInput Tilldela { get; set; } = new();

    [BindProperty]
    public KommentarInput Retur { get; set; } = new();

    [BindProperty]
    public BeredningInput Beredning { get; set; } = new();

    [BindProperty]
    public PlaceraInput Placera { get; set; } = new();

    [BindProperty]
    public JusteraInput Justering { get; set; } = new();

    [BindProperty]
    public AnstandInput AnstandBegaran { get; set; } = new();

    public ArendeView View { get; private set; } = null!;

    public SignedInUser User_ => user;

    public IReadOnlyList<(Guid Id, string Name)> HandlaggareOptions { get; private set; } = [];

    public IReadOnlyList<MeetingOption> Meetings { get; private set; } = [];

    public IReadOnlyList<OrganKind> BeredningOrgan { get; private set; } = [];

    /// <summary>"Liknande ärenden": other ärenden and answers closest in content that this user may read (Searcher.SimilarAsync).</summary>
    public IReadOnlyList<RemissFlow.Core.Search.SearchHit> Liknande { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await ShowAsync(id, ct);

    public async Task<IActionResult> OnPostRegistreraAsync(Guid id, CancellationToken ct)
    {
        var result = await mediator.Send(new RegisterRemissvar.Command(id, BefintligtDiarienummer: Registrering.BefintligtDiarienummer), ct);
        return await AfterAsync(id, result.Succeeded ? null : result.Refusal, nameof(Registrering), () => $"Ärendet är registrerat med diarienummer {result.Value}.", ct);
    }

    public async Task<IActionResult> OnPostTilldelaAsync(Guid id, CancellationToken ct)
    {
        if (Tilldela.HandlaggareId is null)
        {
            return await AfterAsync(id, Refusal.Field("HandlaggareId", "Handläggare måste väljas."), nameof(Tilldela), null, ct);
        }

        var result = await mediator.Send(new AssignHandlaggare.Command(id, Tilldela.HandlaggareId.Value), ct);
        return await AfterAsync(id, result.Refusal, nameof(Tilldela), () => "Handläggaren är tilldelad och har fått en notis.", ct);
    }

    public async Task<IActionResult> OnPostHandelseAsync(Guid id, string trigger, CancellationToken ct)
    {
        var result = await mediator.Send(new FireRemissvarTrigger.Command(id, trigger, Kommentar: trigger == "returnera" ? Retur.Kommentar : null), ct);
        var message = "Klart.";
        if (result.Succeeded)
        {
            // Say where the ärende went, in the workflow's own words.
            var instance = await db.WorkflowInstances.AsNoTracking().Where(i => i.SubjectId == id).Select(i => new { i.DefinitionId, i.Version, i.State }).FirstOrDefaultAsync(ct);
            message = instance is null ? message : $"Klart. Ärendet har nu status: {await labels.LabelAsync(instance.DefinitionId, instance.Version, instance.State, ct)}.";
        }

        return await AfterAsync(id, result.Refusal, nameof(Retur), () => message, ct);
    }

    public async Task<IActionResult> OnPostBeredningAsync(Guid id, CancellationToken ct)
    {
        if (Beredning.Organ is null || Beredning.Datum is null)
        {
            var errors = new List<FieldError>();
            if (Beredning.Organ is null)
            {
                errors.Add(new FieldError("Organ", "Beredningsorgan måste väljas."));
            }

            if (Beredning.Datum is null)
            {
                errors.Add(new FieldError("Datum", "Datum måste fyllas i (ÅÅÅÅ-MM-DD)."));
            }

            return await AfterAsync(id, Refusal.Validation(errors), nameof(Beredning), null, ct);
        }

        var result = await mediator.Send(new RecordBeredning.Command(id, Beredning.Organ.Value, Beredning.Datum.Value, Beredning.EndastMojlighet), ct);
        return await AfterAsync(id, result.Refusal, nameof(Beredning), () => "Behandlingen är registrerad.", ct);
    }

    public async Task<IActionResult> OnPostPlaceraAsync(Guid id, CancellationToken ct)
    {
        if (Placera.SammantradeId is null)
        {
            return await AfterAsync(id, Refusal.Field("SammantradeId", "Sammanträde måste väljas."), nameof(Placera), null, ct);
        }

        var result = await mediator.Send(new PlaceOnAgenda.Command(id, Placera.SammantradeId.Value), ct);
        return await AfterAsync(id, result.Refusal, nameof(Placera), () => "Ärendet står nu på föredragningslistan.", ct);
    }

    public async Task<IActionResult> OnPostJusteraAsync(Guid id, CancellationToken ct)
    {
        if (Justering.Justeringsdatum is null)
        {
            return await AfterAsync(id, Refusal.Field("Justeringsdatum", "Justeringsdatum måste fyllas i (ÅÅÅÅ-MM-DD)."), nameof(Justering), null, ct);
        }

        var result = await mediator.Send(new Justera.Command(id, Justering.Justeringsdatum.Value, Justering.Justerare ?? ""), ct);
        return await AfterAsync(id, result.Refusal, nameof(Justering), () => "Justeringen är registrerad.", ct);
    }

    public async Task<IActionResult> OnPostAnstandAsync(Guid id, CancellationToken ct)
    {
        if (AnstandBegaran.OnskatSvarsdatum is null)
        {
            return await AfterAsync(id, Refusal.Field("OnskatSvarsdatum", "Önskat svarsdatum måste fyllas i (ÅÅÅÅ-MM-DD)."), nameof(AnstandBegaran), null, ct);
        }

        var result = await mediator.Send(new RequestAnstand.Command(id, AnstandBegaran.OnskatSvarsdatum.Value, AnstandBegaran.Motivering ?? ""), ct);
        return await AfterAsync(id, result.Refusal, nameof(AnstandBegaran), () => "Anståndet är begärt hos avsändaren.", ct);
    }

    /// <summary>Success: back to the page (post/redirect/get) with a message. Refusal: the page again, the errors beside the form's fields.</summary>
    private async Task<IActionResult> AfterAsync(Guid id, Refusal? refusal, string form, Func<string>? message, CancellationToken ct)
    {
        if (refusal is null)
        {
            TempData["Meddelande"] = message?.Invoke();
            return Redirect($"/arenden/{id}");
        }

        if (refusal.Kind is RefusalKind.NotFound)
        {
            return NotFound();
        }

        if (refusal.Kind is RefusalKind.Forbidden && (await ArendeAccess.ReadAsync(db, user.Actor, id, ct)).Svar is null)
        {
            return NotFound();
        }

        ModelState.AddRefusal(refusal, form);
        Response.StatusCode = ModelStateExtensions.StatusFor(refusal, StatusCodes.Status422UnprocessableEntity);
        return await ShowAsync(id, ct, keepStatus: true);
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken ct, bool keepStatus = false)
    {
        var (svar, reader, refusal) = await ArendeAccess.ReadAsync(db, user.Actor, id, ct);
        if (refusal is not null)
        {
            return refusal.Kind == RefusalKind.Forbidden ? StatusCode(StatusCodes.Status403Forbidden) : NotFound();
        }

        View = await ArendeView.LoadAsync(db, workflow, labels, plans, user, svar!, reader, ct);
        Liknande = await HttpContext.RequestServices.GetRequiredService<RemissFlow.Core.Search.Searcher>()
            .SimilarAsync(svar!.Id, new RemissFlow.Core.Search.SearchPrincipal(user.Actor, user.IsKs), 5, ct);
        if (View.Can("tilldela") || View.Can("tilldela_om"))
        {
            HandlaggareOptions = await ArendeView.HandlaggareAsync(db, notifier, svar!.InstansId, ct);
        }

        if (View.Can("anmal_till_sammantrade"))
        {
            Meetings = await ArendeView.ComingMeetingsAsync(db, svar!.InstansId, StockholmTime.Today(clock), ct);
        }

        if (View.Can("anmal_till_beredningsorgan") || View.Can("registrera_behandling"))
        {
            var required = await db.Organisationer.AsNoTracking().Where(o => o.Id == svar!.InstansId).Select(o => o.BeredningOrgan).FirstAsync(ct);
            BeredningOrgan = required.Count > 0
                ? required
                : [OrganKind.Forvaltningsgrupp, OrganKind.Samverkansgrupp, OrganKind.RadForFunktionshinderfragor, OrganKind.Pensionarsrad];
        }

        if (!keepStatus)
        {
            Justering.Justeringsdatum ??= StockholmTime.Today(clock);
        }

        return Page();
    }
}
