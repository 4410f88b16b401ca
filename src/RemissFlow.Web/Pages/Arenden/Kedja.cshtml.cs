using RemissFlow.Core.Deadlines;
using RemissFlow.Core.Features.Kedja;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Workflow;
using RemissFlow.Core.Workflow.Transitions;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Web.Pages.Arenden;

/// <summary>
/// The chain from the receiving ärende's side: the outside remiss, the internal remiss sent on from it, and the two
/// steps of this part — sending it on (Kommunstyrelsen) and recording that the sender withdrew it.
/// </summary>
[Authorize]
public sealed class KedjaModel(IMediator mediator, RemissFlowDbContext db, KedjaQuery kedja, SignedInUser user, StateLabels labels) : PageModel
{
    public sealed class VidareInput
    {
        public List<Guid> Instanser { get; set; } = [];

        public DateOnly? Svarsdatum { get; set; }
    }

    public sealed class AterkallaInput
    {
        public string? Motivering { get; set; }
    }

    [BindProperty]
    public VidareInput Vidare { get; set; } = new();

    [BindProperty]
    public AterkallaInput Aterkallelse { get; set; } = new();

    public KedjaLank Lank { get; private set; } = null!;

    /// <summary>The outside remiss's state in the words of its workflow definition.</summary>
    public string ExternStatusText { get; private set; } = "";

    public InterntSvarsdatumForslag? Forslag { get; private set; }

    public IReadOnlyList<(Guid Id, string Name)> Instanser { get; private set; } = [];

    public bool MaySendOn => user.IsKs && Lank.InternRemissId is null && Lank.ExternStatus == RemissExternState.Mottagen
        && (user.Actor.Roles.Contains(Role.Registrator) || user.Actor.Roles.Contains(Role.KsSamordnare));

    public bool MayWithdraw => Lank.ExternStatus == RemissExternState.Mottagen && user.Actor.Roles.Contains(Role.Registrator);

    /// <summary>The ärende's own answer: its state, its handläggare, and the expediering once made.</summary>
    public Remissvar Arende { get; private set; } = null!;

    public Expediering? Expediering { get; private set; }

    /// <summary>What expediering would send: the subject and the files the sender's rule names.</summary>
    public Expediera.Leveransplan? Plan { get; private set; }

    public string? SvarsEpost { get; private set; }

    public bool Beslutat => KedjaGuards.Beslutat.Contains(Arende.Status);

    /// <summary>The organisation's registrator sends the answer, once decided and not yet sent (the command says the same).</summary>
    public bool MayExpediera => Beslutat && Expediering is null && Lank.ExternStatus == RemissExternState.Mottagen && user.Actor.Roles.Contains(Role.Registrator);

    /// <summary>The latest TU version the page was opened at: fetching the answers builds on it, so a save in between is not overwritten unseen.</summary>
    [BindProperty]
    public int? TuVersion { get; set; }

    /// <summary>Set when the internal answers are there to fetch, but something must happen first (the internal remiss is not sent out yet).</summary>
    public string? HamtaHinder { get; private set; }

    /// <summary>The ärende's handläggare brings the internal answers into the TU while the ärende is being prepared.</summary>
    public bool MayHamta => Lank.InternRemissId is not null && Arende.HandlaggareId == user.UserId && user.Actor.Roles.Contains(Role.Handlaggare)
        && SaveTjansteutlatande.Editable.Contains(Arende.Status);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Vidare.Svarsdatum = Forslag?.Datum;
        return Page();
    }

    public async Task<IActionResult> OnPostVidareAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var result = await mediator.Send(new SkickaVidareInternt.Command(id, Vidare.Instanser, Vidare.Svarsdatum), ct);
        if (!result.Succeeded)
        {
            return Refused(result.Refusal!, "Vidare");
        }

        TempData["Meddelande"] = $"Den interna remissen {result.Value!.Dnr} är skapad med svarsdatum {SwedishText.IsoDate(result.Value.Svarsdatum)}. Granska den och skicka ut den.";
        return Redirect($"/remisser/{result.Value.RemissId}");
    }

    public async Task<IActionResult> OnPostAterkallaAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var result = await mediator.Send(new AterkallaExternRemiss.Command(Lank.ExternRemissId, Aterkallelse.Motivering ?? ""), ct);
        if (!result.Succeeded)
        {
            return Refused(result.Refusal!, "Aterkallelse");
        }

        TempData["Meddelande"] = "Återkallelsen registrerades; ärendet och den interna remissen är stängda.";
        return Redirect($"/arenden/{id}/kedja");
    }

    public async Task<IActionResult> OnPostHamtaAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var result = await mediator.Send(new HamtaRemissvarenTillTu.Command(id, TuVersion), ct);
        if (!result.Succeeded)
        {
            return Refused(result.Refusal!, "Kedja", conflict: StatusCodes.Status409Conflict);
        }

        TempData["Meddelande"] = $"Remissvaren hämtades in i tjänsteutlåtandet som version {result.Value!.Nummer}, med sammanställningen som bilaga. Granska och redigera texten.";
        return Redirect($"/arenden/{id}/tu");
    }

    /// <summary>The registrator sends the decided answer to the sender; the page then shows what went, to whom and when.</summary>
    public async Task<IActionResult> OnPostExpedieraAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var result = await mediator.Send(new ExpedieraSvar.Command(id), ct);
        if (!result.Succeeded)
        {
            // A second sending is refused like the rest: the page is unchanged, the answer already went.
            return Refused(result.Refusal!, "Kedja");
        }

        TempData["Meddelande"] = $"Svaret är expedierat till {result.Value!.Till}.";
        return Redirect($"/arenden/{id}/kedja");
    }

    /// <summary>
    /// A refusal on the page, in Swedish, as 422 (a version conflict as <paramref name="conflict"/>, where the person can
    /// reload and try again); forbidden and not found as such.
    /// </summary>
    private IActionResult Refused(Refusal refusal, string prefix, int conflict = StatusCodes.Status422UnprocessableEntity)
    {
        switch (refusal.Kind)
        {
            case RefusalKind.Forbidden:
                return Forbid();
            case RefusalKind.NotFound:
                return NotFound();
        }

        ModelState.AddRefusal(refusal, prefix);
        Response.StatusCode = refusal.Kind == RefusalKind.Conflict ? conflict : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>Only the organisation holding the ärende sees its chain; to anyone else it does not exist.</summary>
    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var own = user.Actor.OrganisationId;
        if (own is null || !await db.Remissvar.AsNoTracking().AnyAsync(a => a.Id == id && a.InstansId == own, ct) || await kedja.ForArendeAsync(id, ct) is not { } lank)
        {
            return false;
        }

        Lank = lank;
        ExternStatusText = await labels.LabelAsync(DefinitionIds.RemissExtern, 0, lank.ExternStatus, ct);
        Arende = await db.Remissvar.AsNoTracking().FirstAsync(a => a.Id == id, ct);
        Expediering = await db.Expedieringar.AsNoTracking().FirstOrDefaultAsync(e => e.RemissvarId == id, ct);
        var remiss = await db.Remisser.AsNoTracking().FirstAsync(r => r.Id == lank.ExternRemissId, ct);
        var avsandare = await db.Organisationer.AsNoTracking().FirstAsync(o => o.Id == remiss.AvsandareId, ct);
        var instans = await db.Organisationer.AsNoTracking().FirstAsync(o => o.Id == Arende.InstansId, ct);
        SvarsEpost = avsandare.SvarsEpost;
        Plan = Expediera.Plan(avsandare.Leveransregel(), remiss, instans);
        if (MayHamta)
        {
            var intern = await db.Remisser.AsNoTracking().Where(r => r.Id == lank.InternRemissId).Select(r => new { r.Dnr, r.UtskickDatum }).FirstAsync(ct);
            HamtaHinder = intern.UtskickDatum is null ? $"Den interna remissen {intern.Dnr} är inte utskickad än, så det finns inga remissvar att hämta." : null;
            TuVersion ??= await (from t in db.Tjansteutlatanden.AsNoTracking()
                                 join v in db.TjansteutlatandeVersioner.AsNoTracking() on t.Id equals v.TjansteutlatandeId
                                 where t.RemissvarId == id
                                 select (int?)v.Nummer).MaxAsync(ct);
        }

        if (MaySendOn)
        {
            Forslag = await kedja.ForslagAsync(id, ct);
            Instanser = (await db.Organisationer.AsNoTracking()
                    .Where(o => o.Active && o.AvsandareTyp == null && o.Kind != OrganisationKind.Kommunstyrelse)
                    .Select(o => new { o.Id, o.Name }).ToListAsync(ct))
                .OrderBy(o => o.Name, SwedishText.Comparer).Select(o => (o.Id, o.Name)).ToList();
        }

        return true;
    }
}
