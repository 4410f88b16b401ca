using RemissFlow.Core.Access;

namespace RemissFlow.Core.Features.Remissvar;

/// <summary>Loading a remissvar for a change: it must exist and <see cref="ArendeAccess"/> must let the actor act on it.</summary>
public static class RemissvarAccess
{
    public static async Task<(Domain.Remissvar? Svar, Refusal? Refusal)> LoadAsync(RemissFlowDbContext db, Guid id, Actor actor, int? expectedVersion, CancellationToken ct, bool senderMayAct = false)
    {
        var svar = await db.RemissvarByIdAsync(id, ct);
        if (svar is null)
        {
            return (null, Refusal.NotFound("Ärendet"));
        }

        if (await ArendeAccess.RefuseActAsync(actor, svar, senderMayAct,
                () => db.Remisser.AnyAsync(r => r.Id == svar.RemissId && r.AvsandareId == actor.OrganisationId, ct)) is { } refused)
        {
            return (null, refused);
        }

        if (expectedVersion is { } expected && svar.Version != expected)
        {
            return (null, Refusal.StaleVersion);
        }

        return (svar, null);
    }
}
