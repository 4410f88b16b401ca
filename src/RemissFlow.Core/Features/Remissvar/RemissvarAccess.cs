using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Core.Features.Remissvar;

/// <summary>Loading a remissvar for a change by the instans: it must exist and be the actor's organisation's ärende (or the sender's, where the workflow allows).</summary>
public static class RemissvarAccess
{
    public static async Task<(Domain.Remissvar? Svar, Refusal? Refusal)> LoadAsync(RemissFlowDbContext db, Guid id, Actor actor, int? expectedVersion, CancellationToken ct, bool senderMayAct = false)
    {
        var svar = await db.RemissvarByIdAsync(id, ct);
        if (svar is null)
        {
            return (null, Refusal.NotFound("Ärendet"));
        }

        if (!actor.IsSystem && actor.OrganisationId != svar.InstansId)
        {
            var isSender = senderMayAct && await db.Remisser.AnyAsync(r => r.Id == svar.RemissId && r.AvsandareId == actor.OrganisationId, ct);
            if (!isSender)
            {
                return (null, Refusal.Forbidden("Ärendet tillhör en annan organisation."));
            }
        }

        if (expectedVersion is { } expected && svar.Version != expected)
        {
            return (null, Refusal.StaleVersion);
        }

        return (svar, null);
    }
}
