using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Security;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Web.Pages.Sammantraden;

/// <summary>A ledamot's own meetings: those of the organs where the member holds a seat on the meeting's day.</summary>
[Authorize(Policy = AccessPolicies.Kallelser)]
public sealed class KallelserModel(RemissFlowDbContext db, SignedInUser user, TimeProvider clock) : PageModel
{
    public sealed record Rad(Guid Id, string Organ, DateOnly Datum, TimeOnly? Tid, string? Lokal, string Uppdrag, bool Skickad);

    public IReadOnlyList<Rad> Sammantraden { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var since = StockholmTime.Today(clock).AddMonths(-3);
        var userId = user.UserId;
        var rows = await (from l in db.Ledamoter.AsNoTracking()
                          join m in db.Sammantraden.AsNoTracking() on l.OrganId equals m.OrganId
                          join o in db.Organ.AsNoTracking() on m.OrganId equals o.Id
                          where l.UserId == userId && m.Datum >= since && l.Fran <= m.Datum && m.Datum <= l.Till
                          select new { m.Id, o.Name, m.Datum, m.Tid, m.Lokal, l.Uppdrag, Skickad = m.KallelseSkickadAt != null }).ToListAsync(ct);
        Sammantraden = rows.OrderBy(r => r.Datum).ThenBy(r => r.Tid)
            .Select(r => new Rad(r.Id, r.Name, r.Datum, r.Tid, r.Lokal, Core.Features.Sammantraden.LedamotRules.Label(r.Uppdrag), r.Skickad)).ToList();
    }
}
