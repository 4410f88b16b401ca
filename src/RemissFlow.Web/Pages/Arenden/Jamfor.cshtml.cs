using RemissFlow.Core.Access;
using RemissFlow.Core.Features.Remissvar;

namespace RemissFlow.Web.Pages.Arenden;

/// <summary>What changed between two TU versions, section by section, as a word diff. Drafts: the instans only.</summary>
[Authorize]
public sealed class JamforModel(RemissFlowDbContext db, SignedInUser user) : PageModel
{
    public Remissvar Svar { get; private set; } = null!;

    public int Fran { get; private set; }

    public int Till { get; private set; }

    public IReadOnlyList<int> Numbers { get; private set; } = [];

    public IReadOnlyList<(string Heading, IReadOnlyList<DiffPart> Parts)> Sections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, int? fran, int? till, CancellationToken ct)
    {
        var svar = await ArendeAccess.ReadAsInstansAsync(db, user.Actor, id, ct);
        if (svar is null)
        {
            return NotFound();
        }

        Svar = svar;
        var tu = await db.Tjansteutlatanden.AsNoTracking().Include(t => t.Versioner).FirstOrDefaultAsync(t => t.RemissvarId == id, ct);
        var versions = tu?.Versioner.OrderBy(v => v.Nummer).ToList() ?? [];
        Numbers = versions.Select(v => v.Nummer).ToList();
        if (versions.Count == 0)
        {
            return NotFound();
        }

        Till = till ?? versions[^1].Nummer;
        Fran = fran ?? (versions.Count > 1 ? versions[^2].Nummer : Till);
        var a = versions.FirstOrDefault(v => v.Nummer == Fran);
        var b = versions.FirstOrDefault(v => v.Nummer == Till);
        if (a is null || b is null)
        {
            return NotFound();
        }

        Sections = TuSections.All.Select(s => (s.Heading, TextDiff.Words(s.Read(a), s.Read(b)))).ToList();
        return Page();
    }
}
