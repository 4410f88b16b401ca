using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Workflow;
using RemissFlow.Web.Security;

namespace RemissFlow.Web.Pages.Arenden;

/// <summary>Who is reading an ärende: the instans's own people, or the sender once the answer has reached it.</summary>
public enum ArendeReader
{
    Instans,
    Avsandare,
}

/// <summary>
/// The read rule for one remissvar, shared by the page and the API: the instans's own organisation
/// always; the sender's registratorer and samordnare (those who work on the remiss, the same people
/// <see cref="Remisser.SenderRemiss.MayManage"/> lets in) only once the answer has been handed in,
/// because drafts are internal until they are final (offentlighetsprincipen, TF 2 kap.); everybody
/// else — the sender's administrator included — not at all.
/// </summary>
public static class ArendeAccess
{
    /// <summary>States in which the answer has left the instans, so the sender may read it.</summary>
    public static readonly IReadOnlySet<string> SentToSender = RemissvarStates.Besvarad.ToHashSet();

    public static async Task<(Remissvar? Svar, ArendeReader Reader, Refusal? Refusal)> ReadAsync(RemissFlowDbContext db, SignedInUser user, Guid id, CancellationToken ct)
    {
        var svar = await db.Remissvar.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct);
        if (svar is null || !user.IsSignedIn)
        {
            return (null, ArendeReader.Instans, Refusal.NotFound("Ärendet"));
        }

        if (svar.InstansId == user.Actor.OrganisationId)
        {
            return (svar, ArendeReader.Instans, null);
        }

        var isSender = AccessPolicies.Allows(Area.Remisser, user)
            && await db.Remisser.AnyAsync(r => r.Id == svar.RemissId && r.AvsandareId == user.Actor.OrganisationId, ct);
        if (!isSender)
        {
            // Another organisation learns nothing, not even that the ärende exists.
            return (null, ArendeReader.Instans, Refusal.NotFound("Ärendet"));
        }

        return SentToSender.Contains(svar.Status)
            ? (svar, ArendeReader.Avsandare, null)
            : (null, ArendeReader.Avsandare, Refusal.Forbidden("Svaret är inte inlämnat än. Utkast är interna hos remissinstansen tills svaret är färdigt (offentlighetsprincipen)."));
    }
}
