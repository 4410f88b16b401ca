using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RemissFlow.Documents.Wording;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Workflow;
using RemissFlow.Web.Presentation;
using RemissFlow.Web.Security;

namespace RemissFlow.Web.Pages.Sammantraden;

/// <summary>One meeting and its föredragningslista, with each item's paragraph once decided, and the ordförandebeslut reported at it.</summary>
[Authorize(Policy = AccessPolicies.Sammantraden)]
public sealed class VisaModel(RemissFlowDbContext db, SignedInUser user, IMediator mediator, KallelseExport export) : PageModel
{
    public sealed class PunktInput
    {
        public string? Rubrik { get; set; }

        public string? Dnr { get; set; }

        public string? Foredragande { get; set; }

        public string? Beslutsforslag { get; set; }
    }

    [BindProperty]
    public PunktInput Ny { get; set; } = new();

    /// <summary>The whole föredragningslista in its order, remiss ärenden and typed-in items together.</summary>
    public IReadOnlyList<Core.Features.Sammantraden.Punkt> Lista { get; private set; } = [];

    public sealed record Punkt(int Ordning, Guid RemissvarId, string Rubrik, string? Dnr, string Status, int? Paragraf, string? DefinitionId = null, int DefinitionVersion = 0);

    public Sammantrade Sammantrade { get; private set; } = null!;

    public Organ Organ { get; private set; } = null!;

    public IReadOnlyList<Punkt> Punkter { get; private set; } = [];

    public IReadOnlyList<Punkt> Anmalda { get; private set; } = [];

    public async Task<IActionResult> OnPostPunktAsync(Guid id, CancellationToken ct) =>
        await DoneAsync(id, (await mediator.Send(new AddOvrigPunkt.Command(id, Ny.Rubrik ?? "", Ny.Dnr, Ny.Foredragande, Ny.Beslutsforslag), ct)).Refusal, "Punkten är tillagd.", ct);

    public async Task<IActionResult> OnPostFlyttaAsync(Guid id, Guid punkt, bool upp, CancellationToken ct) =>
        await DoneAsync(id, (await mediator.Send(new MovePunkt.Command(id, punkt, upp), ct)).Refusal, "Punkten är flyttad.", ct);

    public async Task<IActionResult> OnPostSkickaAsync(Guid id, CancellationToken ct)
    {
        var result = await mediator.Send(new SkickaKallelse.Command(id), ct);
        return await DoneAsync(id, result.Refusal, result.Succeeded
            ? $"{(result.Value.Tillagg ? "Tillägget" : "Kallelsen")} med {result.Value.Punkter} {SwedishText.Plural(result.Value.Punkter, "punkt", "punkter")} är skickat till "
                + $"{result.Value.Mottagare} {SwedishText.Plural(result.Value.Mottagare, "ledamot eller ersättare", "ledamöter och ersättare")} med konto."
            : null, ct);
    }

    public async Task<IActionResult> OnPostOppnaAsync(Guid id, CancellationToken ct) =>
        await DoneAsync(id, (await mediator.Send(new OppnaSammantrade.Command(id), ct)).Refusal, "Sammanträdet är öppnat; punkterna har fått sina paragrafer.", ct);

    public async Task<IActionResult> OnPostAvslutaAsync(Guid id, CancellationToken ct) =>
        await DoneAsync(id, (await mediator.Send(new AvslutaSammantrade.Command(id), ct)).Refusal, "Sammanträdet är avslutat.", ct);

    /// <summary>The meeting's state in its workflow (sammantrade.v1).</summary>
    public string Status => SammantradeState.Of(Sammantrade);

    public string Lage => Status switch
    {
        SammantradeState.Planerat => "Planerat",
        SammantradeState.Kallat => "Kallelsen är skickad",
        SammantradeState.Pagar => "Pågår",
        SammantradeState.Avslutat => "Avslutat",
        _ => Status,
    };

    public async Task<IActionResult> OnGetKallelseAsync(Guid id, string? format, CancellationToken ct)
    {
        if (await OnGetAsync(id, ct) is not PageResult)
        {
            return NotFound();
        }

        var file = (await export.KallelseAsync(id, format == "docx", ct))!;
        return File(file.Content, file.MediaType, file.FileName);
    }

    public async Task<IActionResult> OnGetHandlingarAsync(Guid id, CancellationToken ct)
    {
        if (await OnGetAsync(id, ct) is not PageResult)
        {
            return NotFound();
        }

        var file = (await export.HandlingarAsync(id, ct))!;
        return File(file.Content, file.MediaType, file.FileName);
    }

    private async Task<IActionResult> DoneAsync(Guid id, Refusal? refusal, string? message, CancellationToken ct)
    {
        if (refusal is null)
        {
            TempData["Meddelande"] = message;
            return Redirect($"/sammantraden/{id}");
        }

        if (await OnGetAsync(id, ct) is not PageResult)
        {
            return NotFound();
        }

        ModelState.AddRefusal(refusal, nameof(Ny));
        Response.StatusCode = ModelStateExtensions.StatusFor(refusal, refusal.Kind == RefusalKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status422UnprocessableEntity);
        return Page();
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var found = await MeetingAccess.OfOrganisationAsync(db, user.Actor.OrganisationId, id, ct);
        if (found is null)
        {
            return NotFound();
        }

        (Sammantrade, Organ) = found.Value;
        Punkter = await (from p in db.Foredragningspunkter
                         join v in db.Remissvar on p.RemissvarId equals v.Id
                         join i in db.WorkflowInstances on v.WorkflowInstanceId equals i.Id
                         where p.SammantradeId == id
                         orderby p.Ordning
                         select new Punkt(p.Ordning, v.Id, p.Rubrik, v.Dnr, v.Status,
                             db.Beslut.Where(b => b.RemissvarId == v.Id && b.SammantradeId == id).Select(b => b.Paragraf).FirstOrDefault(),
                             i.DefinitionId, i.Version)).ToListAsync(ct);
        Anmalda = await (from b in db.Beslut
                         join v in db.Remissvar on b.RemissvarId equals v.Id
                         join r in db.Remisser on v.RemissId equals r.Id
                         where b.AnmalsVidSammantradeId == id
                         select new Punkt(0, v.Id, r.Title, v.Dnr, v.Status, b.Paragraf)).ToListAsync(ct);
        Lista = await Foredragningslista.LoadAsync(db, id, ct);
        return Page();
    }
}
