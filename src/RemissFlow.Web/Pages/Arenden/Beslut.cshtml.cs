using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Presentation;
using RemissFlow.Web.Security;

namespace RemissFlow.Web.Pages.Arenden;

/// <summary>
/// Records what the nämnd decided (KL 5:67: proposals, voting, decision, reservations). Yrkanden,
/// reservationer and särskilda uttalanden are repeatable rows that work without JavaScript: three
/// empty rows each, and "Lägg till rad" is a submit button that shows the form again with one more.
/// </summary>
[Authorize(Policy = AccessPolicies.Bevakning)]
public sealed class BeslutModel(RemissFlowDbContext db, IMediator mediator, SignedInUser user) : PageModel
{
    public const int EmptyRows = 3;

    public sealed class Row
    {
        public string? Ledamot { get; set; }

        public string? Text { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Ledamot) && string.IsNullOrWhiteSpace(Text);
    }

    public sealed class InputModel
    {
        public int? Paragraf { get; set; }

        public string? Beslutstext { get; set; }

        public Standpunkt? Standpunkt { get; set; }

        public bool Aterremiss { get; set; }

        public bool OmedelbarJustering { get; set; }

        public List<Row> Yrkanden { get; set; } = [];

        public List<Row> Reservationer { get; set; } = [];

        public List<Row> SarskildaUttalanden { get; set; } = [];

        public string? Voteringsordning { get; set; }

        public string? Beslutsunderlag { get; set; }

        public string? ExpedierasTill { get; set; }
    }

    /// <summary>One repeatable list of the form: the property it binds to, its legend, and the key "Lägg till rad" names it by.</summary>
    public sealed record InlagaList(string Property, string Legend, string Lista, List<Row> Rows);

    public IReadOnlyList<InlagaList> Lists =>
    [
        new(nameof(InputModel.Yrkanden), "Yrkanden", "yrkanden", Input.Yrkanden),
        new(nameof(InputModel.Reservationer), "Reservationer", "reservationer", Input.Reservationer),
        new(nameof(InputModel.SarskildaUttalanden), "Särskilda uttalanden", "uttalanden", Input.SarskildaUttalanden),
    ];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Remissvar Svar { get; private set; } = null!;

    public string RemissTitle { get; private set; } = "";

    public static readonly IReadOnlyList<(string Value, string Text)> Standpunkter =
    [
        (nameof(Standpunkt.Tillstyrker), "Tillstyrker"),
        (nameof(Standpunkt.TillstyrkerMedSynpunkter), "Tillstyrker med synpunkter"),
        (nameof(Standpunkt.Avstyrker), "Avstyrker"),
        (nameof(Standpunkt.Avstar), "Avstår"),
    ];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var namnd = await db.Organ.AsNoTracking().Where(o => o.OrganisationId == Svar.InstansId && (o.Kind == OrganKind.Namnd || o.Kind == OrganKind.Styrelse))
            .Select(o => new { o.Name, o.OmedelbarJusteringForRemissvar }).FirstOrDefaultAsync(ct);
        Input = new InputModel
        {
            Beslutstext = $"{namnd?.Name ?? "Nämnden"} godkänner förvaltningens tjänsteutlåtande som svar på remissen.",
            OmedelbarJustering = namnd?.OmedelbarJusteringForRemissvar ?? false,
            Beslutsunderlag = "Förvaltningens tjänsteutlåtande",
        };
        Pad();
        return Page();
    }

    /// <summary>"Lägg till rad": the same form again, nothing saved, with one more row in the chosen list.</summary>
    public async Task<IActionResult> OnPostLaggTillAsync(Guid id, string lista, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var rows = lista switch
        {
            "reservationer" => Input.Reservationer,
            "uttalanden" => Input.SarskildaUttalanden,
            _ => Input.Yrkanden,
        };
        rows.Add(new Row());
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        static List<RecordBeslut.InlagaInput> Items(List<Row> rows) =>
            rows.Where(r => !r.IsBlank).Select(r => new RecordBeslut.InlagaInput(r.Ledamot ?? "", r.Text ?? "")).ToList();

        if (Input.Paragraf is null)
        {
            ModelState.AddModelError("Input.Paragraf", "Paragraf måste fyllas i (ett nummer, t.ex. 12).");
            return Refused();
        }

        var i = Input;
        var result = await mediator.Send(new RecordBeslut.Command(id, i.Paragraf.Value, i.Beslutstext ?? "", i.Aterremiss ? null : i.Standpunkt, i.Aterremiss,
            i.OmedelbarJustering, Items(i.Yrkanden), Items(i.Reservationer), Items(i.SarskildaUttalanden),
            Blank(i.Voteringsordning), Blank(i.Beslutsunderlag), Blank(i.ExpedierasTill)), ct);
        if (result.Succeeded)
        {
            TempData["Meddelande"] = i.Aterremiss ? "Återremissen är registrerad; handläggaren har fått en notis." : $"Beslutet är registrerat under § {i.Paragraf}.";
            return Redirect($"/arenden/{id}");
        }

        if (result.Refusal!.Kind is RefusalKind.Forbidden or RefusalKind.NotFound)
        {
            return NotFound();
        }

        // Row errors ("Reservationer[0].Ledamot") land on the list's fieldset, which the summary links to.
        ModelState.AddRefusal(result.Refusal);
        return Refused();
    }

    private PageResult Refused()
    {
        Pad();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Always at least <see cref="EmptyRows"/> rows per list, so there is room to write without JavaScript.</summary>
    private void Pad()
    {
        foreach (var rows in new[] { Input.Yrkanden, Input.Reservationer, Input.SarskildaUttalanden })
        {
            while (rows.Count < EmptyRows)
            {
                rows.Add(new Row());
            }
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var (svar, reader, _) = await ArendeAccess.ReadAsync(db, user, id, ct);
        if (svar is null || reader != ArendeReader.Instans)
        {
            return false;
        }

        Svar = svar;
        RemissTitle = await db.Remisser.Where(r => r.Id == svar.RemissId).Select(r => r.Title).FirstAsync(ct);
        return true;
    }
}
