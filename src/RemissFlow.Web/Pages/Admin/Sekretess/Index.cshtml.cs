using RemissFlow.Core.Features.Sekretess;

namespace RemissFlow.Web.Pages.Admin.Sekretess;

/// <summary>The administratör's list of OSL provisions that registrators and handläggare mark handlingar under.</summary>
public sealed class IndexModel(IMediator mediator, RemissFlowDbContext db) : PageModel
{
    public sealed class InputModel
    {
        public int? Kapitel { get; set; }

        public int? Paragraf { get; set; }

        public string? Beskrivning { get; set; }
    }

    public sealed record Rad(Guid Id, string Hanvisning, string Beskrivning, bool Aktiv, int Markeringar);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<Rad> Bestammelser { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await mediator.Send(new AddOslBestammelse.Command(Input.Kapitel, Input.Paragraf, Input.Beskrivning), ct);
            if (result.Succeeded)
            {
                TempData["Meddelande"] = $"OSL {Input.Kapitel}:{Input.Paragraf} är tillagd.";
                return Redirect("/admin/sekretess");
            }

            ModelState.AddRefusal(result.Refusal!);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAktivAsync(Guid id, bool aktiv, CancellationToken ct)
    {
        var result = await mediator.Send(new SetOslBestammelseAktiv.Command(id, aktiv), ct);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        TempData["Meddelande"] = aktiv ? "Bestämmelsen kan väljas igen." : "Bestämmelsen kan inte längre väljas för nya markeringar.";
        return Redirect("/admin/sekretess");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var rows = await db.OslBestammelser.AsNoTracking()
            .Select(o => new { o.Id, o.Kapitel, o.Paragraf, o.Beskrivning, o.Aktiv, N = db.Sekretessmarkeringar.Count(m => m.OslBestammelseId == o.Id) })
            .ToListAsync(ct);
        Bestammelser = rows.OrderBy(o => o.Kapitel).ThenBy(o => o.Paragraf).Select(o => new Rad(o.Id, $"OSL {o.Kapitel}:{o.Paragraf}", o.Beskrivning, o.Aktiv, o.N)).ToList();
    }
}
