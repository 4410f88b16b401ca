using RemissFlow.Core.Documents;
using RemissFlow.Core.Features.Mallar;
using RemissFlow.Documents;
using RemissFlow.Documents.Models;
using RemissFlow.Documents.Templates;

namespace RemissFlow.Web.Pages.Admin.Mallar;

/// <summary>
/// One organisation's template for one kind: the effective template (the global file with every layer merged), the
/// override edited as JSON, a preview of the example document rendered with the unsaved draft, and the versions with
/// Återställ. The preview resolves the draft per request and never registers it, so it writes nothing and no other
/// request renders with it.
/// </summary>
[Authorize(Policy = AccessPolicies.Administration)]
public sealed class RedigeraModel(IMediator mediator, RemissFlowDbContext db, DocumentRenderer renderer, Core.Files.FileStore files) : PageModel
{
    public sealed record Version(Dokumentmall Mall, string? Av);

    [BindProperty(SupportsGet = true)]
    public Guid OrganisationId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Dokumenttyp { get; set; } = "";

    public sealed class InputModel
    {
        /// <summary>The override's JSON (the field the use case and the renderer call "Mall").</summary>
        public string? Mall { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Organisation Organisation { get; private set; } = null!;

    public DocumentKind Kind { get; private set; }

    public string TypNamn => IndexModel.Namn(Dokumenttyp);

    public string Self => $"/admin/mallar/{OrganisationId}/{Dokumenttyp}";

    public string EffektivMall { get; private set; } = "";

    public IReadOnlyList<Version> Versioner { get; private set; } = [];

    /// <summary>The example rendered with the draft, a standalone HTML document shown in a sandboxed frame; null: no preview asked for.</summary>
    public string? Forhandsvisning { get; private set; }

    public IReadOnlyList<DocumentWarning> Varningar { get; private set; } = [];

    public IReadOnlyList<string> Platshallare => [.. Placeholders.Known(Kind).Order(StringComparer.Ordinal)];

    public IReadOnlyList<string> Avsnitt => [.. Placeholders.Sections(Kind).Order(StringComparer.Ordinal)];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input.Mall = await SavedOverrideAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var result = await mediator.Send(new SparaDokumentmall.Command(OrganisationId, Dokumenttyp, Input.Mall ?? ""), ct);
        if (result.Succeeded)
        {
            TempData["Meddelande"] = $"Mallen för {TypNamn.ToLowerInvariant()} sparades som version {result.Value}.";
            return Redirect(Self);
        }

        return Refused(result.Refusal!);
    }

    public async Task<IActionResult> OnPostForhandsgranskaAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (!TryPreview(out var model, out var message))
        {
            return Refused(Refusal.Field("Mall", message!));
        }

        Forhandsvisning = renderer.RenderHtml(model!);
        Varningar = renderer.Warnings(model!);
        SecurityHeaders.AllowInlineStyles(HttpContext, Forhandsvisning);
        return Page();
    }

    public async Task<IActionResult> OnPostPdfAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (!TryPreview(out var model, out var message))
        {
            return Refused(Refusal.Field("Mall", message!));
        }

        return File(renderer.RenderPdf(model!), "application/pdf", $"forhandsgranskning-{Dokumenttyp}.pdf");
    }

    public async Task<IActionResult> OnPostAterstallAsync(int version, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var result = await mediator.Send(new AterstallDokumentmall.Command(OrganisationId, Dokumenttyp, version), ct);
        if (result.Succeeded)
        {
            TempData["Meddelande"] = $"Version {version} återställdes som version {result.Value}.";
            return Redirect(Self);
        }

        Input.Mall = await SavedOverrideAsync(ct);
        return Refused(result.Refusal!);
    }

    private PageResult Refused(Refusal refusal)
    {
        ModelState.AddRefusal(refusal);
        Response.StatusCode = ModelStateExtensions.StatusFor(refusal, StatusCodes.Status422UnprocessableEntity);
        return Page();
    }

    /// <summary>
    /// The example document of the kind, with the organisation's letterhead and nämnd, resolved with the draft in place of
    /// the organisation's layer. False with the renderer's Swedish message when the draft cannot be read.
    /// </summary>
    private bool TryPreview(out IDocumentModel? model, out string? message)
    {
        model = null;
        message = null;
        if (string.IsNullOrWhiteSpace(Input.Mall))
        {
            message = "Mallen är tom.";
            return false;
        }

        try
        {
            var draft = TemplateStore.ParseOverride(Kind, $"utkastet till mallen för {Organisation.Name} ({Dokumenttyp})", Input.Mall);
            var letterhead = Letterheads.IdFor(Organisation, renderer, files);
            var mall = renderer.ResolveTemplate(Kind, letterhead, null, draft);
            var example = DocumentJson.Deserialize(Kind, System.IO.File.ReadAllText(Path.Combine(renderer.TemplatesDirectory, "examples", Dokumenttyp + ".json")));
            model = example switch
            {
                TjansteutlatandeModel m => m with { Organisation = letterhead, Namnd = Organisation.Name, Mall = mall },
                ProtokollsutdragModel m => m with { Organisation = letterhead, Namnd = Organisation.Name, Mall = mall },
                MissivModel m => m with { Organisation = letterhead, Mall = mall },
                PaminnelseModel m => m with { Organisation = letterhead, Mall = mall },
                _ => throw new InvalidOperationException($"Ingen förhandsgranskning för {Kind}."),
            };
            return true;
        }
        catch (DocumentException ex)
        {
            message = ex.Message;
            return false;
        }
    }

    /// <summary>What the editor starts from: the latest saved override, else the organisation's file layer, else an empty object.</summary>
    private async Task<string> SavedOverrideAsync(CancellationToken ct) =>
        (await Dokumentmallar.LatestAsync(db, OrganisationId, Dokumenttyp, ct))?.Innehall ?? FileOverride() ?? "{\n}";

    /// <summary>The organisation's file layer (templates/organisationer/{letterhead}/{kind}.json), which a saved override replaces.</summary>
    private string? FileOverride()
    {
        var path = Path.Combine(renderer.TemplatesDirectory, "organisationer", Letterheads.IdFor(Organisation, renderer, files), Dokumenttyp + ".json");
        return System.IO.File.Exists(path) ? System.IO.File.ReadAllText(path) : null;
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!IndexModel.Typer.Any(t => t.Typ == Dokumenttyp) || !DocumentJson.TryParseKind(Dokumenttyp, out var kind))
        {
            return false;
        }

        var organisation = await db.Organisationer.AsNoTracking().FirstOrDefaultAsync(o => o.Id == OrganisationId, ct);
        if (organisation is null)
        {
            return false;
        }

        Organisation = organisation;
        Kind = kind;
        EffektivMall = Readable((await Dokumentmallar.ResolveAsync(db, renderer, OrganisationId, Letterheads.IdFor(organisation, renderer, files), kind, null, ct)).Json);
        var rows = await db.Dokumentmallar.AsNoTracking().Where(m => m.OrganisationId == OrganisationId && m.Dokumenttyp == Dokumenttyp)
            .OrderByDescending(m => m.Version).ToListAsync(ct);
        var ids = rows.Where(r => r.SkapadAv != null).Select(r => r.SkapadAv!.Value).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        Versioner = rows.Select(r => new Version(r, r.SkapadAv is { } u ? names.GetValueOrDefault(u) : null)).ToList();
        return true;
    }

    // The stored JSON escapes å, ä and ö (\u00E5 …) and is hashed as it is, so it stays so; the admin reads it unescaped.
    private static readonly System.Text.Json.JsonSerializerOptions ReadableJson = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string Readable(string json) =>
        System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(json).RootElement, ReadableJson);
}
