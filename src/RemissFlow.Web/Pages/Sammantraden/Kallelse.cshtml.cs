using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Sammantraden;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Security;

namespace RemissFlow.Web.Pages.Sammantraden;

/// <summary>
/// A ledamot reads a kallelse sent to the member: the föredragningslista, the kallelse and the handlingar. Before the
/// kallelse goes out, and for a meeting of an organ where the member holds no seat that day, the page does not exist.
/// </summary>
[Authorize(Policy = AccessPolicies.Kallelser)]
public sealed class KallelseModel(RemissFlowDbContext db, SignedInUser user, KallelseExport export) : PageModel
{
    public Sammantrade Sammantrade { get; private set; } = null!;

    public Organ Organ { get; private set; } = null!;

    public IReadOnlyList<Punkt> Lista { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetPdfAsync(Guid id, string? format, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var file = (await export.KallelseAsync(id, format == "docx", ct))!;
        return File(file.Content, file.MediaType, file.FileName);
    }

    public async Task<IActionResult> OnGetHandlingarAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var file = (await export.HandlingarAsync(id, ct))!;
        return File(file.Content, file.MediaType, file.FileName);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var userId = user.UserId;
        var found = await (from m in db.Sammantraden.AsNoTracking()
                           join o in db.Organ.AsNoTracking() on m.OrganId equals o.Id
                           where m.Id == id && m.KallelseSkickadAt != null
                                 && db.Ledamoter.Any(l => l.OrganId == o.Id && l.UserId == userId && l.Fran <= m.Datum && m.Datum <= l.Till)
                           select new { m, o }).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return false;
        }

        (Sammantrade, Organ) = (found.m, found.o);
        // Items placed after the latest sending are not sent yet: the ledamot reads what went out, never the sekreterare's work in progress.
        Lista = (await Foredragningslista.LoadAsync(db, id, ct)).Where(p => p.AnmaldAt is null || p.AnmaldAt <= found.m.KallelseSenastSkickadAt).ToList();
        return true;
    }
}
