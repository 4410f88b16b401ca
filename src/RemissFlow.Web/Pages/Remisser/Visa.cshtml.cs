using RemissFlow.Core.Features.Remisser;
using RemissFlow.Core.Sammanstallning;
using RemissFlow.Core.Sammanstallning.Charts;
using RemissFlow.Core.Workflow;
using RemissFlow.Documents.Wording;
using RemissFlow.Web.Api;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Pages.Remisser;

/// <summary>
/// A remiss as its reader may see it: an instans once it was sent to it (same rule as the API); its sender's
/// registratorer and samordnare also get the work: the buttons the workflow permits, the remisslista and handlingar
/// while it is an utkast, and after utskick the matrix, reminders, pending anstånd and the answers-over-time chart.
/// </summary>
public sealed class VisaModel(RemissFlowDbContext db, SignedInUser user, IMediator mediator, WorkflowRunner workflow, RemissMatrixQuery matrices, TimeProvider clock) : PageModel
{
    /// <summary>Triggers with their own forms; the rest are a plain button. System-only ones are never offered.</summary>
    public static readonly IReadOnlySet<string> MotiveradeTriggers = new HashSet<string> { "aterkalla", "oppna_sammanstallning" };

    /// <summary>Actions that cannot be undone: the button leads to a confirmation that says what will happen.</summary>
    public static readonly IReadOnlySet<string> Irreversible = new HashSet<string> { "skicka_ut", "radera", "aterkalla" };

    private static readonly IReadOnlySet<string> SystemTriggers = new HashSet<string> { "utskick_klart", "svarstiden_gick_ut" };

    public sealed record Handling(Guid Id, string Titel, string MediaType, long Size);

    public sealed record BegartAnstand(Guid RemissvarId, string Instans, DateOnly Nuvarande, DateOnly Begart, string Motivering, DateTimeOffset BegartAt);

    public Remiss Remiss { get; private set; } = null!;

    public bool CanManage { get; private set; }

    public IReadOnlyList<TriggerOption> Permitted { get; private set; } = [];

    public IReadOnlyList<TriggerOption> Blocked { get; private set; } = [];

    public IReadOnlyList<Handling> Handlingar { get; private set; } = [];

    public IReadOnlyList<Organisation> Lista { get; private set; } = [];

    public RemissMatrix? Matrix { get; private set; }

    public IReadOnlyList<BegartAnstand> Anstand { get; private set; } = [];

    /// <summary>One outside organisation's svarslänk as KS sees it: its state in words and the buttons that apply.</summary>
    public sealed record LankRad(Guid RemissvarId, string Instans, string Lage, bool KanFornya, bool KanAterkalla);

    public IReadOnlyList<LankRad> Lankar { get; private set; } = [];

    public IReadOnlyList<Organisation> KanLaggasTill { get; private set; } = [];

    public SvgChartResult? Chart { get; private set; }

    public bool Utkast => Remiss.Status == RemissState.Utkast;

    /// <summary>The irreversible action awaiting confirmation (from <c>?bekrafta=</c>), if this user may take it now.</summary>
    public TriggerOption? Bekrafta { get; private set; }

    /// <summary>Who is on the remisslista (utkast) or still has an open answer (after utskick): what the confirmation names.</summary>
    public IReadOnlyList<Organisation> Berorda { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, string? bekrafta, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        await ConfirmAsync(bekrafta, ct);
        return Page();
    }

    private async Task ConfirmAsync(string? trigger, CancellationToken ct)
    {
        Bekrafta = trigger is not null && Irreversible.Contains(trigger) ? Permitted.FirstOrDefault(t => t.Trigger == trigger) : null;
        if (Bekrafta is null)
        {
            return;
        }

        if (Utkast)
        {
            Berorda = Lista;
        }
        else if (Matrix is { } m)
        {
            var open = m.Rows.Where(r => !r.Besvarad && r.Kategori != SvarsKategori.Aterkallad).Select(r => r.InstansId).ToList();
            var orgs = await db.Organisationer.AsNoTracking().Where(o => open.Contains(o.Id)).ToListAsync(ct);
            Berorda = open.Select(i => orgs.First(o => o.Id == i)).ToList();
        }
    }

    /// <summary>A button without input (skicka_ut, radera, sammanstall, avsluta, paminn_sena); the irreversible ones only once confirmed.</summary>
    public async Task<IActionResult> OnPostTriggerAsync(Guid id, string trigger, string? tillbaka, string? bekraftat, CancellationToken ct)
    {
        var remiss = await SenderRemiss.LoadAsync(db, user, id, ct);
        if (remiss is null)
        {
            return NotFound();
        }

        if (MotiveradeTriggers.Contains(trigger) || trigger == "lagg_till_instans")
        {
            return BadRequest();
        }

        if (Irreversible.Contains(trigger) && bekraftat != "ja")
        {
            return Redirect($"/remisser/{id}?bekrafta={Uri.EscapeDataString(trigger)}#bekrafta");
        }

        var result = await mediator.Send(new FireRemissTrigger.Command(id, trigger), ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, result.Refusal!.Message);
            await LoadAsync(id, ct);
            Response.StatusCode = ModelStateExtensions.StatusFor(result.Refusal!, StatusCodes.Status200OK);
            return Page();
        }

        if (trigger == "radera")
        {
            TempData["Meddelande"] = $"Utkastet {remiss.Dnr} ({remiss.Title}) är raderat. Det skickades aldrig ut och blir inte offentligt.";
            return Redirect("/remisser");
        }

        TempData["Meddelande"] = trigger switch
        {
            "skicka_ut" => "Remissen är utskickad. Varje instans har fått sitt remissvar att besvara.",
            "sammanstall" => "Remissen är sammanställd.",
            "avsluta" => "Remissen är avslutad.",
            "paminn_sena" => "Påminnelser skickades till de instanser som inte har svarat.",
            _ => "Klart.",
        };
        return Redirect(tillbaka == "sammanstallning" ? $"/remisser/{id}/sammanstallning" : $"/remisser/{id}");
    }

    /// <summary>Återkalla and öppna sammanställningen igen: both need a motivering, which goes into the history.</summary>
    public async Task<IActionResult> OnPostMotiveradAsync(Guid id, string trigger, string? motivering, string? bekraftat, CancellationToken ct)
    {
        if (await SenderRemiss.LoadAsync(db, user, id, ct) is null)
        {
            return NotFound();
        }

        if (!MotiveradeTriggers.Contains(trigger))
        {
            return BadRequest();
        }

        if (Irreversible.Contains(trigger) && bekraftat != "ja")
        {
            return Redirect($"/remisser/{id}?bekrafta={Uri.EscapeDataString(trigger)}#bekrafta");
        }

        var result = await mediator.Send(new FireRemissTrigger.Command(id, trigger, Motivering: motivering), ct);
        if (!result.Succeeded)
        {
            var field = $"Motivering-{trigger}";
            ModelState.AddModelError(result.Refusal!.Errors.Count > 0 ? field : string.Empty, result.Refusal.Message);
            ModelState.SetModelValue(field, motivering, motivering);
            await LoadAsync(id, ct);
            await ConfirmAsync(trigger, ct);
            Response.StatusCode = ModelStateExtensions.StatusFor(result.Refusal!, StatusCodes.Status200OK);
            return Page();
        }

        TempData["Meddelande"] = trigger == "aterkalla" ? "Remissen är återkallad; alla öppna remissvar är stängda." : "Sammanställningen är öppnad igen.";
        return Redirect($"/remisser/{id}");
    }

    public async Task<IActionResult> OnPostLaggTillAsync(Guid id, Guid? organisationId, CancellationToken ct)
    {
        if (await SenderRemiss.LoadAsync(db, user, id, ct) is null)
        {
            return NotFound();
        }

        var result = await mediator.Send(new FireRemissTrigger.Command(id, "lagg_till_instans", OrganisationId: organisationId), ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(result.Refusal!.Errors.Count > 0 ? "OrganisationId" : string.Empty, result.Refusal.Message);
            await LoadAsync(id, ct);
            Response.StatusCode = ModelStateExtensions.StatusFor(result.Refusal!, StatusCodes.Status200OK);
            return Page();
        }

        var name = await db.Organisationer.Where(o => o.Id == organisationId).Select(o => o.Name).FirstAsync(ct);
        TempData["Meddelande"] = $"{name} har lagts till på remisslistan och fått remissen.";
        return Redirect($"/remisser/{id}");
    }

    /// <summary>"Påminn de som saknas": the instanser ticked in the matrix, all or nothing.</summary>
    public async Task<IActionResult> OnPostPaminnAsync(Guid id, List<Guid> valda, CancellationToken ct)
    {
        if (await SenderRemiss.LoadAsync(db, user, id, ct) is null)
        {
            return NotFound();
        }

        var result = await mediator.Send(new SendPaminnelser.Command(id, valda), ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(result.Refusal!.Errors.Count > 0 ? "Valda" : string.Empty, result.Refusal.Message);
            await LoadAsync(id, ct);
            Response.StatusCode = ModelStateExtensions.StatusFor(result.Refusal!, StatusCodes.Status200OK);
            return Page();
        }

        var sent = result.Value;
        var reached = sent.Where(s => s.Nadd).Select(s => s.Instans).ToList();
        var unreached = sent.Where(s => !s.Nadd).Select(s => s.Instans).ToList();
        TempData["Meddelande"] = string.Join(" ", new[]
        {
            reached.Count > 0 ? $"Påminnelse skickad till {string.Join(", ", reached)}." : null,
            unreached.Count > 0
                ? $"{string.Join(", ", unreached)} har varken e-postadress eller användare i RemissFlow, så påminnelsen nådde ingen: öppna instansen i matrisen och skicka påminnelsebrevet (PDF) på annat sätt."
                : null,
        }.Where(x => x is not null));
        return Redirect($"/remisser/{id}#matris");
    }

    /// <summary>"Förnya länk": a new svarslänk, the old ones dead; the new address is shown once, as it is stored only as a hash.</summary>
    public async Task<IActionResult> OnPostFornyaLankAsync(Guid id, Guid svarId, CancellationToken ct)
    {
        if (await SenderRemiss.LoadAsync(db, user, id, ct) is null)
        {
            return NotFound();
        }

        var result = await mediator.Send(new Core.Features.Svarslank.RenewSvarslank.Command(svarId), ct);
        if (!result.Succeeded)
        {
            return await LankRefusedAsync(id, result.Refusal!, ct);
        }

        var f = result.Value;
        // Shown beside the table the button is in (the redirect lands there), the address in a field of its own to copy:
        // in the page's top message it ran into the next sentence and was scrolled out of view.
        TempData["NySvarslank"] = f.Url;
        TempData["NySvarslankText"] = $"Ny svarslänk för {await InstansNameAsync(svarId, ct)}, giltig till och med {SwedishText.LongDate(f.GiltigTill)}. " +
            (f.Skickad ? "Den är skickad till organisationens e-postadress; tidigare länkar fungerar inte längre." : "Skicka den till organisationen; tidigare länkar fungerar inte längre. Adressen visas bara nu.");
        return Redirect($"/remisser/{id}#svarslankar");
    }

    public async Task<IActionResult> OnPostAterkallaLankAsync(Guid id, Guid svarId, CancellationToken ct)
    {
        if (await SenderRemiss.LoadAsync(db, user, id, ct) is null)
        {
            return NotFound();
        }

        var result = await mediator.Send(new Core.Features.Svarslank.RevokeSvarslank.Command(svarId), ct);
        if (!result.Succeeded)
        {
            return await LankRefusedAsync(id, result.Refusal!, ct);
        }

        TempData["Meddelande"] = "Svarslänken är återkallad. Svar som redan kommit in finns kvar.";
        return Redirect($"/remisser/{id}#svarslankar");
    }

    private Task<string> InstansNameAsync(Guid svarId, CancellationToken ct) =>
        (from s in db.Remissvar.AsNoTracking() join o in db.Organisationer.AsNoTracking() on s.InstansId equals o.Id where s.Id == svarId select o.Name).SingleAsync(ct);

    private async Task<IActionResult> LankRefusedAsync(Guid id, Refusal refusal, CancellationToken ct)
    {
        ModelState.AddModelError(refusal.Errors.Count > 0 ? "Svarslank" : string.Empty, refusal.Message);
        await LoadAsync(id, ct);
        Response.StatusCode = ModelStateExtensions.StatusFor(refusal, refusal.Kind == RefusalKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status422UnprocessableEntity);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var remiss = await RemissEndpoints.Visible(db, user).Include(r => r.Remisslista).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (remiss is null)
        {
            return false;
        }

        Remiss = remiss;
        CanManage = SenderRemiss.MayManage(user, remiss);
        Handlingar = (await db.Bilagor.AsNoTracking()
            .Where(b => b.RemissId == id && b.RemissvarId == null && b.Kind == BilagaKind.Remisshandling)
            .OrderBy(b => b.UploadedAt).ThenBy(b => b.Id).ToListAsync(ct)).Select(b => new Handling(b.Id, Core.Documents.DocumentModelFactory.Title(b), b.MediaType, b.Size)).ToList();
        if (!CanManage)
        {
            return true;
        }

        var triggers = (await workflow.TriggersAsync(remiss, user.Actor, ct)).Where(t => !SystemTriggers.Contains(t.Trigger)).ToList();
        Permitted = triggers.Where(t => t.Permitted).DistinctBy(t => t.Trigger).ToList();
        // Refused for this person's role: not their button. Refused for the remiss's state or a guard: worth saying why.
        Blocked = triggers.Where(t => !t.Permitted && t.Reason == RefusalReason.Guard && Permitted.All(p => p.Trigger != t.Trigger)).DistinctBy(t => t.Trigger).ToList();

        var listIds = remiss.Remisslista.OrderBy(p => p.Ordning).Select(p => p.OrganisationId).ToList();
        var orgs = await db.Organisationer.AsNoTracking().Where(o => listIds.Contains(o.Id)).ToListAsync(ct);
        Lista = listIds.Select(i => orgs.First(o => o.Id == i)).ToList();

        if (!Utkast)
        {
            Matrix = await matrices.ForRemissAsync(id, ct);
            var svarIds = Matrix!.Rows.Select(r => r.RemissvarId).ToList();
            var pending = await db.Anstand.AsNoTracking().Where(a => svarIds.Contains(a.RemissvarId) && a.Beslut == AnstandBeslut.Begart).ToListAsync(ct);
            Anstand = pending.Where(a => Matrix.Rows.First(r => r.RemissvarId == a.RemissvarId).Kategori == SvarsKategori.Anstand)
                .Select(a =>
                {
                    var row = Matrix.Rows.First(r => r.RemissvarId == a.RemissvarId);
                    return new BegartAnstand(a.RemissvarId, row.Instans, row.Svarsdatum, a.BegartDatum, a.Motivering, a.BegartAt);
                }).OrderBy(a => a.BegartAt).ToList();
            if (Permitted.Any(t => t.Trigger == "lagg_till_instans"))
            {
                var listed = Matrix.Rows.Select(r => r.InstansId).ToHashSet();
                KanLaggasTill = (await db.Organisationer.AsNoTracking().Where(o => o.Active && o.Kind != OrganisationKind.Kommunstyrelse).ToListAsync(ct))
                    .Where(o => !listed.Contains(o.Id)).OrderBy(o => o.Name, SwedishText.Comparer).ToList();
            }

            Lankar = await LankarAsync(ct);
            if (ChartQueries.CumulativeAnswers(Matrix) is { } data)
            {
                Chart = SvgChart.CumulativeAnswers(data);
            }
        }

        return true;
    }

    private async Task<IReadOnlyList<LankRad>> LankarAsync(CancellationToken ct)
    {
        var today = StockholmTime.Today(clock);
        var rows = Matrix!.Rows;
        var ids = rows.Select(r => r.InstansId).ToList();
        var externa = await db.Organisationer.AsNoTracking().Where(o => ids.Contains(o.Id) && o.Kind == OrganisationKind.ExternOrganisation).Select(o => o.Id).ToListAsync(ct);
        var svarIds = rows.Where(r => externa.Contains(r.InstansId)).Select(r => r.RemissvarId).ToList();
        var lankar = await db.Svarslankar.AsNoTracking().Where(l => svarIds.Contains(l.RemissvarId)).ToListAsync(ct);
        var svar = await db.Remissvar.AsNoTracking().Where(s => svarIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        return rows.Where(r => svarIds.Contains(r.RemissvarId)).Select(r =>
        {
            var s = svar[r.RemissvarId];
            var egna = lankar.Where(l => l.RemissvarId == r.RemissvarId).ToList();
            var live = egna.Any(l => l.AterkalladAt is null);
            var open = s.Status != RemissvarState.Aterkallad;
            var lage = !open ? "Remissen är återkallad"
                : egna.Count == 0 ? "Ingen länk"
                : today > s.Svarsdatum ? $"Gick ut {SwedishText.LongDate(s.Svarsdatum)}"
                : live ? $"Giltig till och med {SwedishText.LongDate(s.Svarsdatum)}"
                : "Återkallad";
            return new LankRad(r.RemissvarId, r.Instans, lage, open && today <= s.Svarsdatum, open && live && today <= s.Svarsdatum);
        }).ToList();
    }
}
