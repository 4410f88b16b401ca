using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Core.Features.Sammantraden;

/// <summary>Who may prepare a meeting: the nämndsekreterare of the organ's own organisation (or an administratör, or the system).</summary>
public static class MeetingAccess
{
    public static async Task<(Sammantrade? Meeting, Organ? Organ, Refusal? Refusal)> ForSekreterareAsync(RemissFlowDbContext db, Actor actor, Guid sammantradeId, CancellationToken ct)
    {
        var found = await (from m in db.Sammantraden
                           join o in db.Organ on m.OrganId equals o.Id
                           where m.Id == sammantradeId
                           select new { m, o }).FirstOrDefaultAsync(ct);
        if (found is null || (!actor.IsSystem && !actor.Has(Role.Administrator) && actor.OrganisationId != found.o.OrganisationId))
        {
            // Another organisation's meeting is not named, as its ärenden are not.
            return (null, null, Refusal.NotFound("Sammanträdet"));
        }

        return (found.m, found.o, null);
    }
}
