using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.ProtokollJustering;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Presentation;
using RemissFlow.Web.Security;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Pages.Sammantraden;

/// <summary>
/// The nämndsekreterare writes the meeting's protokoll: val av justerare with the time and place of justering, which
/// paragraphs are not public, sending it to justering; and follows each digital justering and the anslag.
/// </summary>
[Authorize(Policy = AccessPolicies.Sammantraden)]
public sealed class ProtokollModel(RemissFlowDbContext db, SignedInUser user, IMediator mediator, ProtokollExport export, TimeProvider clock) : PageModel
{
    public sealed class JusteringInput
    {
        public List<Guid> Justerare { get; set; } = [];

        public DateOnly? Datum { get; set; }

        public TimeOnly? Tid { get; set; }

        public string? Plats { get; set; }

        public string? Forvaringsplats { get; set; }
    }

    [BindProperty]
    public JusteringInput In { get; set; } = new();

    public Sammantrade Sammantrade { get; private set; } = null!;

    public Organ Organ { get; private set; } = null!;

    public Protokoll? Protokoll { get; private set; }

    public IReadOnlyList<Ledamot> Kandidater { get; private set; } = [];

    public Documents.Composition.ProtokollModel Innehall { get; private set; } = null!;

    /// <summary>Every beslut of the meeting by paragraph number, for the not-public marks.</summary>
    public IReadOnlyList<(Guid Id, int? Paragraf, string Rubrik)> Paragrafer { get; private set; } = [];

    public bool Sen { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var found = await MeetingAccess.OfOrganisationAsync(db, user.Actor.OrganisationId, id, ct);
        if (found is null)
        {
            return NotFound();
        }

        (Sammantrade, Organ) = found.Value;
        Protokoll = await db.Protokoll.AsNoTracking().Include(p => p.Godkannanden).FirstOrDefaultAsync(p => p.SammantradeId == id, ct);
        var present = await Narvarande.PresentAsync(db, Sammantrade, ct);
        Kandidater = await db.Ledamoter.AsNoTracking()
            .Where(l => present.Contains(l.Id) && l.Uppdrag != Uppdrag.Ordforande).OrderBy(l => l.Namn).ToListAsync(ct);
        Innehall = await export.ModelAsync(Sammantrade, Organ, offentlig: false, ct);
        Paragrafer = (await (from b in db.Beslut.AsNoTracking()
                             join v in db.Remissvar.AsNoTracking() on b.RemissvarId equals v.Id
                             join r in db.Remisser.AsNoTracking() on v.RemissId equals r.Id
                             where b.SammantradeId == id
                             select new { b.Id, b.Paragraf, r.Title }).ToListAsync(ct))
            .OrderBy(x => x.Paragraf).Select(x => (x.Id, x.Paragraf, x.Title)).ToList();
        Sen = Protokoll is not null ? ProtokollRules.IsLate(Protokoll, Sammantrade, StockholmTime.Today(clock)) : Sammantrade.Datum.AddDays(ProtokollRules.JusteringDagar) < StockholmTime.Today(clock);
        if (Protokoll is not null && In.Justerare.Count == 0)
        {
            In.Justerare = Protokoll.JusterareIds;
            In.Plats = Protokoll.JusteringPlats;
            In.Forvaringsplats = Protokoll.Forvaringsplats;
            if (Protokoll.JusteringTid is { } t)
            {
                var local = StockholmTime.ToLocal(t);
                In.Datum = DateOnly.FromDateTime(local.DateTime);
                In.Tid = TimeOnly.FromDateTime(local.DateTime);
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostJusterareAsync(Guid id, CancellationToken ct)
    {
        DateTimeOffset? tid = In.Datum is { } d ? StockholmTime.ToUtc(d, In.Tid ?? new TimeOnly(9, 0)) : null;
        var result = await mediator.Send(new ValjJusterare.Command(id, In.Justerare, tid, In.Plats, In.Forvaringsplats), ct);
        return await DoneAsync(id, result.Refusal, "Justerarna och justeringens tid och plats är sparade.", ct);
    }

    public async Task<IActionResult> OnPostSkickaAsync(Guid id, CancellationToken ct) =>
        await DoneAsync(id, (await mediator.Send(new SkickaTillJustering.Command(id), ct)).Refusal, "Protokollet är skickat till ordföranden och justerarna.", ct);

    public async Task<IActionResult> OnPostOffentlighetAsync(Guid id, Guid paragraf, bool offentlig, CancellationToken ct) =>
        await DoneAsync(id, (await mediator.Send(new MarkeraOffentlighet.Command(id, paragraf, offentlig), ct)).Refusal,
            offentlig ? "Paragrafen visas på anslagstavlan." : "Paragrafen är markerad som inte offentlig.", ct);

    public async Task<IActionResult> OnGetFilAsync(Guid id, string? format, CancellationToken ct)
    {
        if (await OnGetAsync(id, ct) is not PageResult)
        {
            return NotFound();
        }

        var file = (await export.RenderAsync(id, format == "docx", offentlig: false, ct))!;
        return File(file.Content, file.MediaType, file.FileName);
    }

    private async Task<IActionResult> DoneAsync(Guid id, Refusal? refusal, string message, CancellationToken ct)
    {
        if (refusal is null)
        {
            TempData["Meddelande"] = message;
            return Redirect($"/sammantraden/{id}/protokoll");
        }

        if (await OnGetAsync(id, ct) is not PageResult)
        {
            return NotFound();
        }

        ModelState.AddRefusal(refusal, nameof(In));
        Response.StatusCode = ModelStateExtensions.StatusFor(refusal, refusal.Kind == RefusalKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status422UnprocessableEntity);
        return Page();
    }
}
