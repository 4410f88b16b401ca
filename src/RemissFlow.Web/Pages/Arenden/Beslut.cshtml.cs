using RemissFlow.Core;
using RemissFlow.Core.Access;
using RemissFlow.Core.Features.Remissvar;
using RemissFlow.Core.Workflow;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Pages.Arenden;

/// <summary>
/// Records what the nämnd decided (KL 5:67: proposals, voting, decision, reservations). Yrkanden,
/// reservationer and särskilda uttalanden are repeatable rows that work without JavaScript: three
/// empty rows each, and "Lägg till rad" is a submit button that shows the form again with one more.
/// </summary>
[Authorize(Policy = AccessPolicies.Bevakning)]
public sealed class BeslutModel(RemissFlowDbContext db, IMediator mediator, SignedInUser user, TimeProvider clock) : PageModel
{
    public const int EmptyRows = 3;

    public sealed class Row
    {
        public string? Ledamot { get; set; }

        public string? Text { get; set; }

        /// <summary>Reservations only: skriftlig, muntlig or empty.</summary>
        public string? Form { get; set; }

        public string? TillFormanFor { get; set; }

        public string? Bilaga { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Ledamot) && string.IsNullOrWhiteSpace(Text)
            && string.IsNullOrWhiteSpace(Form) && string.IsNullOrWhiteSpace(TillFormanFor) && string.IsNullOrWhiteSpace(Bilaga);
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

        public string? ForslagTillFullmaktige { get; set; }

        /// <summary>Only when correcting a recorded beslut: why (kept in the audit log).</summary>
        public string? Skal { get; set; }
    }

    public sealed class AngraInput
    {
        public string? Skal { get; set; }
    }

    /// <summary>One repeatable list of the form: the property it binds to, its legend, and the key "Lägg till rad" names it by.</summary>
    /// <param name="Reservation">The list's rows also take the reservation's form, proposal and bilaga.</param>
    public sealed record InlagaList(string Property, string Legend, string Lista, List<Row> Rows, bool Reservation = false);

    public IReadOnlyList<InlagaList> Lists =>
    [
        new(nameof(InputModel.Yrkanden), "Yrkanden", "yrkanden", Input.Yrkanden),
        new(nameof(InputModel.Reservationer), "Reservationer", "reservationer", Input.Reservationer, Reservation: true),
        new(nameof(InputModel.SarskildaUttalanden), "Särskilda uttalanden", "uttalanden", Input.SarskildaUttalanden),
    ];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public AngraInput Angra { get; set; } = new();

    /// <summary>The beslut is recorded and not yet justerat: the form corrects it, and it can be undone.</summary>
    public bool Correcting { get; private set; }

    /// <summary>The meeting the ärende is on, and whether it has begun (a beslut exists only from the meeting's day).</summary>
    public DateOnly? MeetingDate { get; private set; }

    public bool MeetingNotYet => MeetingDate is { } d && d > StockholmTime.Today(clock);

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

        if (Correcting)
        {
            var b = await db.Beslut.AsNoTracking().Where(x => x.RemissvarId == id && !x.Ordforandebeslut && x.JusteradDatum == null)
                .OrderByDescending(x => x.Datum).FirstAsync(ct);
            static List<Row> Rows(List<Inlaga> list) =>
                list.Select(i => new Row { Ledamot = i.Ledamot, Text = i.Text, Form = i.Form, TillFormanFor = i.TillFormanFor, Bilaga = i.Bilaga }).ToList();
            Input = new InputModel
            {
                Paragraf = b.Paragraf,
                Beslutstext = b.Beslutstext,
                Standpunkt = Svar.Standpunkt,
                OmedelbarJustering = b.OmedelbarJustering,
                Yrkanden = Rows(b.Yrkanden),
                Reservationer = Rows(b.Reservationer),
                SarskildaUttalanden = Rows(b.SarskildaUttalanden),
                Voteringsordning = b.Voteringsordning,
                Beslutsunderlag = b.Beslutsunderlag,
                ExpedierasTill = b.ExpedierasTill,
                ForslagTillFullmaktige = b.ForslagTillFullmaktige,
            };
            Pad();
            return Page();
        }

        var namnd = await db.Organ.AsNoTracking().Where(o => o.OrganisationId == Svar.InstansId && (o.Kind == OrganKind.Namnd || o.Kind == OrganKind.Styrelse))
            .Select(o => new { o.Name, o.OmedelbarJusteringForRemissvar }).FirstOrDefaultAsync(ct);
        Input = new InputModel
        {
            // Paragraphs run through the organ's year: suggest the next free one rather than make the secretary look it up.
            Paragraf = await RecordBeslut.NextParagrafAsync(db, id, ct),
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
            rows.Where(r => !r.IsBlank).Select(r => new RecordBeslut.InlagaInput(r.Ledamot ?? "", r.Text ?? "", Blank(r.Form), Blank(r.TillFormanFor), Blank(r.Bilaga))).ToList();

        if (Input.Paragraf is null)
        {
            ModelState.AddModelError("Input.Paragraf", "Paragraf måste fyllas i (ett nummer, t.ex. 12).");
            return Refused();
        }

        var i = Input;
        var result = Correcting
            ? await mediator.Send(new RattaBeslut.Command(id, i.Skal ?? "", i.Paragraf.Value, i.Beslutstext ?? "", i.Standpunkt,
                i.OmedelbarJustering, Items(i.Yrkanden), Items(i.Reservationer), Items(i.SarskildaUttalanden),
                Blank(i.Voteringsordning), Blank(i.Beslutsunderlag), Blank(i.ExpedierasTill), ForslagTillFullmaktige: Blank(i.ForslagTillFullmaktige)), ct)
            : await mediator.Send(new RecordBeslut.Command(id, i.Paragraf.Value, i.Beslutstext ?? "", i.Aterremiss ? null : i.Standpunkt, i.Aterremiss,
                i.OmedelbarJustering, Items(i.Yrkanden), Items(i.Reservationer), Items(i.SarskildaUttalanden),
                Blank(i.Voteringsordning), Blank(i.Beslutsunderlag), Blank(i.ExpedierasTill), ForslagTillFullmaktige: Blank(i.ForslagTillFullmaktige)), ct);
        if (result.Succeeded)
        {
            TempData["Meddelande"] = Correcting ? $"Beslutet är rättat (§ {i.Paragraf}); rättelsen och skälet finns i händelseloggen."
                : i.Aterremiss ? "Återremissen är registrerad; handläggaren har fått en notis." : $"Beslutet är registrerat under § {i.Paragraf}.";
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

    /// <summary>Undoes the recorded beslut (before justering): the ärende is back on the föredragningslista.</summary>
    public async Task<IActionResult> OnPostAngraAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var result = await mediator.Send(new AngraBeslut.Command(id, Angra.Skal ?? ""), ct);
        if (result.Succeeded)
        {
            TempData["Meddelande"] = "Beslutet är ångrat; ärendet står åter på sammanträdets föredragningslista. Skälet finns i händelseloggen.";
            return Redirect($"/arenden/{id}");
        }

        if (result.Refusal!.Kind is RefusalKind.Forbidden or RefusalKind.NotFound)
        {
            return NotFound();
        }

        ModelState.AddRefusal(result.Refusal, prefix: "Angra");
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
        var svar = await ArendeAccess.ReadAsInstansAsync(db, user.Actor, id, ct);
        if (svar is null)
        {
            return false;
        }

        Svar = svar;
        RemissTitle = await db.Remisser.Where(r => r.Id == svar.RemissId).Select(r => r.Title).FirstAsync(ct);
        Correcting = svar.Status == RemissvarState.Beslutad
            && await db.Beslut.AnyAsync(b => b.RemissvarId == id && !b.Ordforandebeslut && b.JusteradDatum == null, ct);
        MeetingDate = await (from p in db.Foredragningspunkter
                             join m in db.Sammantraden on p.SammantradeId equals m.Id
                             where p.RemissvarId == id
                             orderby m.Datum descending
                             select (DateOnly?)m.Datum).FirstOrDefaultAsync(ct);
        return true;
    }
}
