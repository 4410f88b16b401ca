using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Pages.Arenden;
using RemissFlow.Web.Security;

namespace RemissFlow.Web.Pages;

/// <summary>The start page: one section per kind of work the user's roles give, each a list computed from the database.</summary>
public sealed class IndexModel(RemissFlowDbContext db, SignedInUser user, TimeProvider clock) : PageModel
{
    public string FirstName => user.Actor.Name.Split(' ')[0];

    public DateOnly Today { get; } = SwedishTime.Today(clock);

    public IReadOnlyList<Remiss>? Remisser { get; private set; }

    public IReadOnlyList<RemissvarRow>? Inkorg { get; private set; }

    public IReadOnlyList<RemissvarRow>? MinaArenden { get; private set; }

    public IReadOnlyList<RemissvarRow>? Bevakning { get; private set; }

    public (int Organisationer, int Anvandare)? Admin { get; private set; }

    public RemissvarTable InkorgTable => new(Inkorg ?? [], "Inkomna remisser att registrera", "Inkorgen är tom.");

    public RemissvarTable MinaArendenTable => new(MinaArenden ?? [], "Ärenden där du är handläggare", "Du har inga öppna ärenden.");

    public RemissvarTable BevakningTable => new(Bevakning ?? [], "Öppna remissvar med närmast svarsdatum", "Det finns inga öppna remissvar.");

    public bool HasAnything => Remisser is not null || Inkorg is not null || MinaArenden is not null || Bevakning is not null || Admin is not null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var org = user.Actor.OrganisationId ?? Guid.Empty;
        if (AccessPolicies.Allows(Area.Remisser, user))
        {
            Remisser = await db.Remisser.AsNoTracking().Where(r => r.Status != "avslutad" && r.Status != "aterkallad" && r.Status != Remiss.Raderad)
                .OrderBy(r => r.Svarsdatum).Take(10).ToListAsync(ct);
        }

        if (AccessPolicies.Allows(Area.Inkorg, user))
        {
            Inkorg = await RemissvarListing.Inkorg(db, org).Take(10).ToListAsync(ct);
        }

        if (AccessPolicies.Allows(Area.MinaArenden, user))
        {
            MinaArenden = await RemissvarListing.AssignedTo(db, org, user.UserId).Take(10).ToListAsync(ct);
        }

        if (AccessPolicies.Allows(Area.Bevakning, user))
        {
            Bevakning = await RemissvarListing.Open(db, org).Take(5).ToListAsync(ct);
        }

        if (AccessPolicies.Allows(Area.Administration, user))
        {
            Admin = (await db.Organisationer.CountAsync(ct), await db.Users.CountAsync(ct));
        }
    }
}
