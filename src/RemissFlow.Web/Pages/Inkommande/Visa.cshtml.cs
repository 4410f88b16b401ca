using RemissFlow.Core.Features.Inkommande;
using RemissFlow.Core.Files;

namespace RemissFlow.Web.Pages.Inkommande;

/// <summary>
/// One e-mail of the queue: who sent it to which address, when, its text and attachments, what the reader found wrong
/// with it, and the registrator's four answers with what the mail itself suggests; a handled one links to what it became.
/// </summary>
[Authorize(Policy = AccessPolicies.Inkommande)]
public sealed class VisaModel(IMediator mediator, RemissFlowDbContext db, FileStore files) : PageModel
{
    public sealed class InputModel
    {
        public Guid? AvsandareId { get; set; }

        public string? Title { get; set; }

        public string? AvsandareDnr { get; set; }

        public DateOnly? Svarsdatum { get; set; }

        public DateOnly? MottagenDatum { get; set; }

        public Guid? MissivBilagaId { get; set; }

        public List<Guid> Remisshandlingar { get; set; } = [];

        public Guid? RemissvarId { get; set; }

        public Guid? BilagaId { get; set; }

        public Standpunkt? Standpunkt { get; set; }

        public string? Nyckelpunkter { get; set; }

        public string? Dnr { get; set; }

        public List<Guid> Bilagor { get; set; } = [];

        public string? Skal { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public VisaInkommande.Model Visning { get; private set; } = null!;

    public IEnumerable<(string Value, string Text)> Avsandare => Visning.Avsandare.Select(a => (a.Id.ToString(), a.Namn));

    public IEnumerable<(string Value, string Text)> SvarsAlternativ => Visning.Svar.Select(s => (s.RemissvarId.ToString(), $"{s.RemissDnr} {s.RemissTitel} – {s.Instans}"));

    public IEnumerable<(string Value, string Text)> Filer => Visning.Item.Bilagor.Where(b => b.Avvisad is null).OrderBy(b => b.Ordning).Select(b => (b.Id.ToString(), b.Namn));

    public static IEnumerable<(string Value, string Text)> Standpunkter =>
        new[] { Standpunkt.Tillstyrker, Standpunkt.TillstyrkerMedSynpunkter, Standpunkt.Avstyrker }.Select(s => (s.ToString(), Core.Sammanstallning.Labels.Standpunkt(s)));

    /// <summary>A suggestion's confidence as a reader says it: "säker", "ganska säker" or "osäker", with the figure.</summary>
    public static string Sakerhet(double confidence) =>
        $"{(confidence >= 0.85 ? "säker" : confidence >= 0.6 ? "ganska säker" : "osäker")}, {Math.Round(confidence * 100).ToString(System.Globalization.CultureInfo.InvariantCulture)} %";

    /// <summary>Where the item's result is shown: the ärende's chain page for a new remiss, the remiss's answer page for an answer, the ärende otherwise.</summary>
    public string? BlevHref { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } failed)
        {
            return failed;
        }

        Prefill();
        return Page();
    }

    /// <summary>An attachment as it came, always as a download (never shown by the browser).</summary>
    public async Task<IActionResult> OnGetBilagaAsync(Guid id, Guid bilagaId, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } failed)
        {
            return failed;
        }

        var bilaga = Visning.Item.Bilagor.FirstOrDefault(b => b.Id == bilagaId);
        var content = bilaga is null ? null : files.Read(bilaga.Sha256);
        return content is null ? NotFound() : File(content, "application/octet-stream", bilaga!.Namn);
    }

    public async Task<IActionResult> OnPostRemissAsync(Guid id, CancellationToken ct) =>
        await DoAsync(id, new RegistreraSomRemiss.Command(id, Input.AvsandareId ?? Guid.Empty, Input.Title ?? "", Input.AvsandareDnr ?? "",
            Input.Svarsdatum ?? default, Input.MottagenDatum ?? default, Input.MissivBilagaId, Input.Remisshandlingar), r => $"Remissen registrerades som {r.Dnr}.", ct);

    public async Task<IActionResult> OnPostSvarAsync(Guid id, CancellationToken ct) =>
        await DoAsync(id, new RegistreraSomSvar.Command(id, Input.RemissvarId, Input.BilagaId, Input.Standpunkt, Input.Nyckelpunkter), _ => "Svaret registrerades på remissen.", ct);

    public async Task<IActionResult> OnPostArendeAsync(Guid id, CancellationToken ct) =>
        await DoAsync(id, new LaggTillArende.Command(id, Input.Dnr, Input.Bilagor), _ => "Handlingen lades till i ärendet.", ct);

    public async Task<IActionResult> OnPostEjAllmanAsync(Guid id, CancellationToken ct) =>
        await DoAsync(id, new MarkeraEjAllmanHandling.Command(id, Input.Skal), _ => "E-brevet är markerat som inte allmän handling.", ct);

    public async Task<IActionResult> OnPostAteroppnaAsync(Guid id, CancellationToken ct) =>
        await DoAsync(id, new AteroppnaInkommande.Command(id, Input.Skal), _ => "E-brevet väntar i kön igen.", ct);

    private async Task<IActionResult> DoAsync<T>(Guid id, ICommand<T> command, Func<T, string> done, CancellationToken ct)
    {
        var result = await mediator.Send(command, ct);
        if (result.Succeeded)
        {
            TempData["Meddelande"] = done(result.Value);
            return Redirect($"/inkommande/{id}");
        }

        if (result.Refusal!.Kind == RefusalKind.NotFound)
        {
            return NotFound();
        }

        ModelState.AddRefusal(result.Refusal);
        Response.StatusCode = ModelStateExtensions.StatusFor(result.Refusal, StatusCodes.Status422UnprocessableEntity);
        return await LoadAsync(id, ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var result = await mediator.Send(new VisaInkommande.Query(id), ct);
        if (!result.Succeeded)
        {
            return result.Refusal!.Kind == RefusalKind.Forbidden ? Forbid() : NotFound();
        }

        Visning = result.Value;
        var item = Visning.Item;
        BlevHref = item.BlevId is not { } blev ? null : item.BlevTyp switch
        {
            InkommandeBlev.Remiss => $"/arenden/{blev}/kedja",
            InkommandeBlev.Svar => await db.Remissvar.AsNoTracking().Where(s => s.Id == blev).Select(s => $"/remisser/{s.RemissId}/svar/{s.Id}").FirstOrDefaultAsync(ct),
            _ => $"/arenden/{blev}",
        };
        return null;
    }

    /// <summary>The suggestions go into the forms; the registrator confirms or corrects them.</summary>
    private void Prefill()
    {
        var f = Visning.Remiss;
        Input.AvsandareId = f.AvsandareId;
        Input.Title = f.Title;
        Input.AvsandareDnr = f.AvsandareDnr;
        Input.Svarsdatum = f.Svarsdatum;
        Input.MottagenDatum = Workflows.Runtime.StockholmTime.DateOf(Visning.Item.MottagenAt);
        Input.MissivBilagaId = f.MissivBilagaId ?? Visning.Item.Bilagor.Where(b => b.Avvisad is null).OrderBy(b => b.Ordning).Select(b => (Guid?)b.Id).FirstOrDefault();
        Input.Remisshandlingar = Visning.Item.Bilagor.Where(b => b.Avvisad is null && b.Id != Input.MissivBilagaId).Select(b => b.Id).ToList();
        Input.RemissvarId = Visning.Svar.FirstOrDefault(s => s.Foreslagen)?.RemissvarId;
        Input.BilagaId = Visning.SvarFranBilaga.BilagaId ?? Input.MissivBilagaId;
        Input.Standpunkt = Visning.SvarFranBilaga.Standpunkt;
        Input.Nyckelpunkter = Visning.SvarFranBilaga.Nyckelpunkter?.Value;
        Input.Dnr = Visning.Arenden.Count > 0 ? Visning.Arenden[0].Dnr : null;
        Input.Bilagor = Visning.Item.Bilagor.Where(b => b.Avvisad is null).Select(b => b.Id).ToList();
    }
}
