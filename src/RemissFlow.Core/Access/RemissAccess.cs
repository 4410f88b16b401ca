using System.Linq.Expressions;
using RemissFlow.Core.Workflow;

namespace RemissFlow.Core.Access;

/// <summary>
/// Who may read or change a remiss, decided here only. The sending organisation changes it and reads
/// its answers (the roles for each change are on the command); on pages and in the API its
/// registratorer and samordnare manage it; an instans sees the remisser it has been sent.
/// </summary>
public static class RemissAccess
{
    /// <summary>Of the sending organisation (or the system): what the use cases check, their roles being on the command.</summary>
    public static bool IsSender(Actor actor, Guid avsandareId) => actor.IsSystem || actor.OrganisationId == avsandareId;

    /// <summary>
    /// Works on this remiss as its sender: the sending organisation's registratorer and samordnare (its
    /// administrator does not). Only Kommunstyrelsen sends remisser, so this is KS's remiss staff.
    /// </summary>
    public static bool MayManage(Actor actor, Guid avsandareId) => ArendeAccess.WorksOnRemisser(actor) && actor.OrganisationId == avsandareId;

    /// <summary>
    /// The remisser <paramref name="actor"/> may see, as a query: a kommunstyrelse's registratorer and samordnare (the KS
    /// area) every remiss that is not deleted, whichever kommunstyrelse sent it, since a remiss is a public request for
    /// comments and only its answers are the sender's (<see cref="RefuseReadAsync"/>); everybody else those its
    /// organisation has an ärende on.
    /// </summary>
    public static Expression<Func<Remiss, bool>> Visible(Actor actor, bool ofKommunstyrelse, IQueryable<Remissvar> remissvar)
    {
        var own = actor.OrganisationId;
        if (ofKommunstyrelse && ArendeAccess.WorksOnRemisser(actor))
        {
            // A remiss received from outside is KS's ärende, reached from the ärende like any instans's; it is not one KS sent.
            return r => r.Status != RemissState.Raderad && r.MottagenDatum == null;
        }

        return r => remissvar.Any(v => v.RemissId == r.Id && v.InstansId == own);
    }

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
}
