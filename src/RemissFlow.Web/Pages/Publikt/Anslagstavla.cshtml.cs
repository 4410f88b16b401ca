using RemissFlow.Core.Features.ProtokollJustering;

namespace RemissFlow.Web.Pages.Publikt;

/// <summary>
/// The municipality's digital anslagstavla (KL 8:12): each justerat protokoll's notice from the day it goes up until
/// the timer takes it down after the appeal period, with the protokoll itself less any paragraph marked not public.
/// </summary>
[AllowAnonymous]
public sealed class AnslagstavlaModel(RemissFlowDbContext db, ProtokollExport export) : PageModel
{
    public sealed record Anslag(Guid SammantradeId, string Organ, DateOnly Sammantradesdatum, DateOnly Justerat, string Forvaringsplats, DateOnly Uppsatt, DateOnly TasNed, DateOnly OverklagandeTill);

    public IReadOnlyList<Anslag> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await UppeAsync(null, ct);

    public async Task<IActionResult> OnGetProtokollAsync(Guid id, string? format, CancellationToken ct)
    {
        if ((await UppeAsync(id, ct)).Count == 0)
        {
            return NotFound();
        }

        var file = (await export.RenderAsync(id, format == "docx", offentlig: true, ct))!;
        return File(file.Content, file.MediaType, file.FileName);
    }

    /// <summary>The notices up now: the state is the workflow's, so a notice is down exactly when its timer has fired.</summary>
    private async Task<List<Anslag>> UppeAsync(Guid? sammantradeId, CancellationToken ct)
    {
        var rows = await (from p in db.Protokoll.AsNoTracking()
                          join m in db.Sammantraden.AsNoTracking() on p.SammantradeId equals m.Id
                          join o in db.Organ.AsNoTracking() on m.OrganId equals o.Id
                          where p.Status == "anslaget" && (sammantradeId == null || m.Id == sammantradeId)
                          select new { p, m.Id, o.Name, m.Datum }).ToListAsync(ct);
        return rows.Select(x => new Anslag(x.Id, x.Name, x.Datum, x.p.JusteratDatum!.Value, x.p.Forvaringsplats ?? x.Name, x.p.AnslagUppsatt!.Value, x.p.AnslagTasNed!.Value, x.p.OverklagandeTill!.Value))
            .OrderByDescending(a => a.Uppsatt).ThenBy(a => a.Organ, StringComparer.Ordinal).ToList();
    }
}
