using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Persistence;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Pages.Sammantraden;

/// <summary>
/// The public site's meetings: each meeting whose kallelse has gone out, with its föredragningslista as sent (the
/// list is an allmän handling once sent; what the sekreterare adds later shows with the supplement).
/// </summary>
[AllowAnonymous]
public sealed class PublikaModel(RemissFlowDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Mote(Guid Id, string Organ, DateOnly Datum, TimeOnly? Tid, string? Lokal, IReadOnlyList<Punkt> Lista);

    public IReadOnlyList<Mote> Moten { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var since = StockholmTime.Today(clock).AddMonths(-3);
        var meetings = await (from m in db.Sammantraden.AsNoTracking()
                              join o in db.Organ.AsNoTracking() on m.OrganId equals o.Id
                              where m.KallelseSkickadAt != null && m.Datum >= since
                              orderby m.Datum
                              select new { m.Id, o.Name, m.Datum, m.Tid, m.Lokal, m.KallelseSenastSkickadAt }).ToListAsync(ct);
        var moten = new List<Mote>();
        foreach (var m in meetings)
        {
            var lista = (await Foredragningslista.LoadAsync(db, m.Id, ct)).Where(p => p.AnmaldAt is null || p.AnmaldAt <= m.KallelseSenastSkickadAt).ToList();
            moten.Add(new Mote(m.Id, m.Name, m.Datum, m.Tid, m.Lokal, lista));
        }

        Moten = moten;
    }
}
