using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Security;

namespace RemissFlow.Web.Pages.Sammantraden;

/// <summary>One meeting and its föredragningslista, with each item's paragraph once decided, and the ordförandebeslut reported at it.</summary>
[Authorize(Policy = AccessPolicies.Sammantraden)]
public sealed class VisaModel(RemissFlowDbContext db, SignedInUser user) : PageModel
{
    public sealed record Punkt(int Ordning, Guid RemissvarId, string Rubrik, string? Dnr, string Status, int? Paragraf, string? DefinitionId = null, int DefinitionVersion = 0);

    public Sammantrade Sammantrade { get; private set; } = null!;

    public Organ Organ { get; private set; } = null!;

    public IReadOnlyList<Punkt> Punkter { get; private set; } = [];

    public IReadOnlyList<Punkt> Anmalda { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var found = await (from m in db.Sammantraden.AsNoTracking()
                           join o in db.Organ.AsNoTracking() on m.OrganId equals o.Id
                           where m.Id == id && o.OrganisationId == user.Actor.OrganisationId
                           select new { m, o }).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return NotFound();
        }

        (Sammantrade, Organ) = (found.m, found.o);
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
        return Page();
    }
}
