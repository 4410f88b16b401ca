using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Core.Features.Remisser;

/// <summary>Loading a remiss for a change: it must exist and belong to the actor's organisation (the sender).</summary>
public static class RemissAccess
{
    public static async Task<(Remiss? Remiss, Refusal? Refusal)> ForSenderAsync(RemissFlowDbContext db, Guid remissId, Actor actor, CancellationToken ct)
    {
        var remiss = await db.Remisser.FirstOrDefaultAsync(r => r.Id == remissId, ct);
        if (remiss is null)
        {
            return (null, Refusal.NotFound("Remissen"));
        }

        if (!actor.IsSystem && actor.OrganisationId != remiss.AvsandareId)
        {
            return (null, Refusal.Forbidden("Bara avsändarens registratorer och samordnare ändrar remissen."));
        }

        return (remiss, null);
    }
}
