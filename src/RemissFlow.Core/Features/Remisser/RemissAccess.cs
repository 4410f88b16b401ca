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

        return IsSender(actor, remiss.AvsandareId)
            ? (remiss, null)
            : (null, Refusal.Forbidden("Bara avsändarens registratorer och samordnare ändrar remissen."));
    }

    /// <summary>
    /// The same rule for a read that does not load the remiss: null when the actor is of the sending organisation, else
    /// the refusal (404 unknown, 403 another organisation's). One indexed lookup, so a cached read can check it first.
    /// </summary>
    public static async Task<Refusal?> RefuseReadAsync(RemissFlowDbContext db, Guid remissId, Actor actor, CancellationToken ct)
    {
        var avsandare = await db.Remisser.AsNoTracking().Where(r => r.Id == remissId).Select(r => (Guid?)r.AvsandareId).FirstOrDefaultAsync(ct);
        if (avsandare is null)
        {
            return Refusal.NotFound("Remissen");
        }

        return IsSender(actor, avsandare.Value) ? null : Refusal.Forbidden("Bara avsändarens registratorer och samordnare ser remissens svar.");
    }

    private static bool IsSender(Actor actor, Guid avsandareId) => actor.IsSystem || actor.OrganisationId == avsandareId;
}
