using RemissFlow.Core;
using RemissFlow.Core.Access;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Workflow;
using RemissFlow.Documents.Wording;
using RemissFlow.Web.Hosting;

namespace RemissFlow.Web.Pages.Arenden;

/// <summary>
/// The TU editor. Every save is a new version based on the version the form was opened at; when
/// someone else saved in between, the page shows their text (the latest version) beside the user's
/// own, which stays in the form, so nothing is lost and a deliberate second save goes through.
/// </summary>
[Authorize(Policy = AccessPolicies.MinaArenden)]
// The import's file may be as large as any upload. No [RequestFormLimits] here: it would replace the app's FormOptions,
// whose per-value limit lets a pasted megabyte section reach the validator (422 naming the field) instead of a 400.
[RequestSizeLimit(WebHosting.UploadLimitBytes)]
public sealed class TuModel(RemissFlowDbContext db, IMediator mediator, SignedInUser user, StateLabels labels) : PageModel
{
    public sealed class InputModel
    {
        public int? BasedOnVersion { get; set; }

        public string? Rubrik { get; set; }

        public string? ForslagTillBeslut { get; set; }

        public string? Sammanfattning { get; set; }

        public string? Bakgrund { get; set; }

        public string? Arendet { get; set; }

        public string? ArendetsBeredning { get; set; }

        public string? Synpunkter { get; set; }

        public string? Kommentar { get; set; }
    }

    /// <summary>The decision point of a nämnd that justerar remissvar at the meeting (templates/tjansteutlatande.json, forslagOmedelbarJustering).</summary>
    public const string OmedelbarJusteringPoint = "Paragrafen förklaras omedelbart justerad.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Remissvar Svar { get; private set; } = null!;

    public Remiss Remiss { get; private set; } = null!;

    /// <summary>Set on a conflict: the version someone else saved, to compare with the text in the form.</summary>
    public TjansteutlatandeVersion? Theirs { get; private set; }

    public string? TheirsRubrik { get; private set; }

    public bool Editable { get; private set; }

    public sealed record ReturRad(int Version, string Av, string Kommentar);

    /// <summary>The förvaltningschef's latest return comment, shown above the form while the handläggare reworks the TU.</summary>
    public ReturRad? Retur { get; private set; }

    /// <summary>Why this user cannot change the TU now, in Swedish; null when the form is editable.</summary>
    public string? LockedReason { get; private set; }

    /// <summary>A section whose heading in the file was not the template's own, so the handläggare checks where its text went.</summary>
    public sealed record ImportMatch(string Heading, string SourceHeading);

    /// <summary>What an import put in the form (not saved): the file, the reader's warnings, the uncertain headings, the sections left empty.</summary>
    public sealed record ImportNotice(string FileName, IReadOnlyList<string> Warnings, IReadOnlyList<ImportMatch> Uncertain, IReadOnlyList<string> Empty);

    /// <summary>Set after an import: the form holds the file's text, and this says what to check before saving.</summary>
    public ImportNotice? Imported { get; private set; }

    public long MaxImportBytes => Limits.UploadFileBytes;

    /// <summary>The remiss's description, missiv and remisshandlingar, at hand while writing.</summary>
    public RemissUnderlag Underlag { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input = await SavedAsync(id, ct);
        return Page();
    }

    /// <summary>
    /// Reads a Word file (an earlier TU, a text from elsewhere, this TU edited in Word) into the form as a proposal. Nothing
    /// is stored: the handläggare checks the text and saves it as usual, so the version, the audit and the diff are the usual ones.
    /// </summary>
    public async Task<IActionResult> OnPostImportAsync(Guid id, IFormFile? fil, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var fileName = fil is null ? "" : Path.GetFileName(fil.FileName);
        // The request limit bounds what is read; the use case refuses an empty, oversized or non-Word file by the field's name.
        var content = fil is null || fil.Length == 0 ? [] : await Remisser.HandlingarModel.ReadAsync(fil, ct);
        var result = await mediator.Send(new ImporteraTuText.Query(id, content, fileName), ct);
        if (!result.Succeeded)
        {
            var refusal = result.Refusal!;
            if (refusal.Kind == RefusalKind.NotFound)
            {
                return NotFound();
            }

            // The form keeps the saved text; the refusal goes beside the file field, or at the top when it is not about the file.
            Input = await SavedAsync(id, ct);
            foreach (var message in refusal.Errors.Count == 0 ? [refusal.Message] : refusal.Errors.Select(e => e.Message))
            {
                // "fil", the field's name: binding the parameter already made that entry, and the summary links to the input by it.
                ModelState.AddModelError(refusal.Errors.Count == 0 ? string.Empty : "fil", message);
            }

            Response.StatusCode = ModelStateExtensions.StatusFor(refusal, StatusCodes.Status422UnprocessableEntity);
            return Page();
        }

        var p = result.Value;
        var saved = await SavedAsync(id, ct);
        // The proposal replaces the form's text; ModelState would otherwise show the (empty) posted values instead.
        ModelState.Clear();
        Input = new InputModel
        {
            BasedOnVersion = p.BasedOnVersion,
            Rubrik = string.IsNullOrWhiteSpace(p.Rubrik) ? saved.Rubrik : p.Rubrik,
            ForslagTillBeslut = p.Text("ForslagTillBeslut"),
            Sammanfattning = p.Text("Sammanfattning"),
            Bakgrund = p.Text("Bakgrund"),
            Arendet = p.Text("Arendet"),
            ArendetsBeredning = p.Text("ArendetsBeredning"),
            Synpunkter = p.Text("Synpunkter"),
            Kommentar = $"Importerad från {fileName}",
        };
        var headings = TuSections.All.ToDictionary(s => s.Key, s => s.Heading);
        Imported = new ImportNotice(fileName, p.Warnings,
            p.Sections.Where(s => s.Confidence < 1 && s.SourceHeading is not null).Select(s => new ImportMatch(headings[s.Key], s.SourceHeading!)).ToList(),
            p.Sections.Where(s => s.Text.Length == 0).Select(s => headings[s.Key]).ToList());
        return Page();
    }

    /// <summary>The latest saved version as the form's text, or the usual wording for a first version.</summary>
    private async Task<InputModel> SavedAsync(Guid id, CancellationToken ct)
    {
        var tu = await db.Tjansteutlatanden.AsNoTracking().Include(t => t.Versioner).FirstOrDefaultAsync(t => t.RemissvarId == id, ct);
        var latest = tu?.Versioner.OrderByDescending(v => v.Nummer).FirstOrDefault();
        return latest is null ? await DefaultsAsync(ct) : new InputModel
        {
            BasedOnVersion = latest.Nummer,
            Rubrik = tu!.Rubrik,
            ForslagTillBeslut = latest.ForslagTillBeslut,
            Sammanfattning = latest.Sammanfattning,
            Bakgrund = latest.Bakgrund,
            Arendet = latest.Arendet,
            ArendetsBeredning = latest.ArendetsBeredning,
            Synpunkter = latest.Synpunkter,
        };
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var i = Input;
        var result = await mediator.Send(new SaveTjansteutlatande.Command(id, i.BasedOnVersion, i.Rubrik ?? "", i.ForslagTillBeslut ?? "", i.Sammanfattning ?? "",
            i.Bakgrund ?? "", i.Arendet ?? "", string.IsNullOrWhiteSpace(i.ArendetsBeredning) ? null : i.ArendetsBeredning, i.Synpunkter ?? "",
            string.IsNullOrWhiteSpace(i.Kommentar) ? null : i.Kommentar.Trim()), ct);
        if (result.Succeeded)
        {
            TempData["Meddelande"] = $"Tjänsteutlåtandet sparades som version {result.Value.Nummer}.";
            return Redirect($"/arenden/{id}");
        }

        var refusal = result.Refusal!;
        if (refusal.Kind == RefusalKind.Conflict)
        {
            var tu = await db.Tjansteutlatanden.AsNoTracking().Include(t => t.Versioner).FirstAsync(t => t.RemissvarId == id, ct);
            Theirs = tu.Versioner.OrderByDescending(v => v.Nummer).First();
            TheirsRubrik = tu.Rubrik;
            // The user's text stays; the form now builds on the version they have seen, so saving again is a deliberate choice.
            ModelState.Remove("Input.BasedOnVersion");
            Input.BasedOnVersion = Theirs.Nummer;
            ModelState.AddModelError(string.Empty, refusal.Message);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        if (refusal.Kind is RefusalKind.Forbidden or RefusalKind.NotFound)
        {
            return refusal.Kind == RefusalKind.NotFound ? NotFound() : StatusCode(StatusCodes.Status403Forbidden);
        }

        ModelState.AddRefusal(refusal);
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
        Remiss = await db.Remisser.AsNoTracking().FirstAsync(r => r.Id == svar.RemissId, ct);
        Editable = svar.HandlaggareId == user.UserId && SaveTjansteutlatande.Editable.Contains(svar.Status);
        LockedReason = Editable ? null : await LockedReasonAsync(svar, ct);
        Underlag = await RemissUnderlag.LoadAsync(db, svar, Remiss, ct);
        if (SaveTjansteutlatande.Editable.Contains(svar.Status))
        {
            Retur = await LatestReturAsync(svar.Id, ct);
        }
        return true;
    }

    /// <summary>tu.registrera_retur appends "Returnerad av {namn}: {kommentar}" to the returned version's comment; the newest one counts.</summary>
    private async Task<ReturRad?> LatestReturAsync(Guid svarId, CancellationToken ct)
    {
        const string prefix = "Returnerad av ";
        var versions = await db.Tjansteutlatanden.AsNoTracking().Where(t => t.RemissvarId == svarId).SelectMany(t => t.Versioner)
            .Where(v => v.Kommentar != null && v.Kommentar.Contains(prefix)).Select(v => new { v.Nummer, v.Kommentar }).ToListAsync(ct);
        var latest = versions.OrderByDescending(v => v.Nummer).FirstOrDefault();
        var line = latest?.Kommentar!.Split('\n').LastOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        var colon = line?.IndexOf(": ", StringComparison.Ordinal) ?? -1;
        return line is null || colon < 0 ? null : new ReturRad(latest!.Nummer, line[prefix.Length..colon], line[(colon + 2)..]);
    }

    private async Task<string> LockedReasonAsync(Remissvar svar, CancellationToken ct)
    {
        if (svar.HandlaggareId != user.UserId)
        {
            var name = svar.HandlaggareId is { } h ? await db.Users.AsNoTracking().Where(u => u.Id == h).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) : null;
            return name is null
                ? "Ärendet har ingen handläggare än. Tjänsteutlåtandet skrivs av den handläggare som tilldelas ärendet."
                : $"Bara ärendets handläggare, {name}, kan ändra tjänsteutlåtandet. Du kan läsa det här.";
        }

        if (svar.Status == RemissvarState.HosForvaltningschef)
        {
            return "Tjänsteutlåtandet ligger hos förvaltningschefen för godkännande och kan inte ändras nu. Det går att ändra igen om förvaltningschefen returnerar det.";
        }

        var instance = await db.WorkflowInstances.AsNoTracking().Where(i => i.Id == svar.WorkflowInstanceId).Select(i => new { i.DefinitionId, i.Version }).FirstOrDefaultAsync(ct);
        var label = await labels.LabelAsync(instance?.DefinitionId, instance?.Version ?? 0, svar.Status, ct);
        return $"Ärendet har status {label}. Tjänsteutlåtandet kan bara ändras medan ärendet bereds.";
    }

    /// <summary>The usual wording (documents.md) as editable defaults for a first version; never forced.</summary>
    private async Task<InputModel> DefaultsAsync(CancellationToken ct)
    {
        var organ = await db.Organ.AsNoTracking().Where(o => o.OrganisationId == Svar.InstansId && (o.Kind == OrganKind.Namnd || o.Kind == OrganKind.Styrelse))
            .Select(o => new { o.Name, o.OmedelbarJusteringForRemissvar }).FirstOrDefaultAsync(ct);
        var namnd = organ?.Name ?? await db.Organisationer.AsNoTracking().Where(o => o.Id == Svar.InstansId).Select(o => o.Name).FirstAsync(ct);
        // The nämnd's practice is shown as a point of its own, so the handläggare sees (and may remove) what the document will say.
        var omedelbar = organ?.OmedelbarJusteringForRemissvar == true ? "\n" + OmedelbarJusteringPoint : "";
        var avsandare = await db.Organisationer.AsNoTracking().Where(o => o.Id == Remiss.AvsandareId).Select(o => o.Name).FirstAsync(ct);
        var title = Remiss.Title.Length > 1 && char.IsLower(Remiss.Title[1]) ? char.ToLower(Remiss.Title[0], SwedishText.Culture) + Remiss.Title[1..] : Remiss.Title;
        return new InputModel
        {
            BasedOnVersion = null,
            Rubrik = $"Remiss av {title}",
            ForslagTillBeslut = $"{namnd} godkänner förvaltningens tjänsteutlåtande som svar på remissen.{omedelbar}",
            Bakgrund = $"{avsandare} har skickat {title} ({Svar.AvsandareDnr}) på remiss till {namnd}. "
                + $"Nämndens yttrande ska ha inkommit till {avsandare.ToLower(SwedishText.Culture)} senast den {SwedishText.LongDate(Svar.Svarsdatum)}.",
        };
    }
}
