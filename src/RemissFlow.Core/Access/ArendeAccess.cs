using RemissFlow.Core.Workflow;

namespace RemissFlow.Core.Access;

/// <summary>Who is reading an ärende: the instans's own people, or the sender once the answer has reached it.</summary>
public enum ArendeReader
{
    Instans,
    Avsandare,
}

/// <summary>
/// Who may read or act on an ärende (a <see cref="Remissvar"/>), decided here only; pages, the API,
/// exports and the command handlers ask this class.
/// Read: the instans's own organisation always; the sender's registratorer and samordnare (those who
/// work on the remiss) only once the answer has been handed in, because drafts are internal until they
/// are final (offentlighetsprincipen, TF 2 kap.); everybody else — the sender's administrator included —
/// not at all, and without learning that the ärende exists.
/// Act: the instans's own organisation; the sender where the workflow lets it (anstånd); the system.
/// </summary>
public static class ArendeAccess
{
    /// <summary>States in which the answer has left the instans, so the sender may read it (category "besvarad").</summary>
    public static readonly IReadOnlySet<string> SentToSender = RemissvarStates.Besvarad.ToHashSet(StringComparer.Ordinal);

    public const string NotSentMessage = "Svaret är inte inlämnat än. Utkast är interna hos remissinstansen tills svaret är färdigt (offentlighetsprincipen).";

    /// <summary>
    /// The sender's people who work on remisser. Only Kommunstyrelsen sends remisser (CreateRemiss refuses
    /// anyone else), so being of the remiss's sending organisation is being of KS.
    /// </summary>
    public static bool WorksOnRemisser(Actor actor) =>
        !actor.IsSystem && actor.OrganisationId is not null && (actor.Roles.Contains(Role.Registrator) || actor.Roles.Contains(Role.KsSamordnare));

    /// <summary>The read rule for one ärende whose remiss was sent by <paramref name="avsandareId"/>: who reads it, or the refusal.</summary>
    public static (ArendeReader Reader, Refusal? Refusal) CheckRead(Actor actor, Remissvar svar, Guid avsandareId)
    {
        if (actor.OrganisationId is { } own && svar.InstansId == own && !actor.IsOnlyLedamot)
        {
            return (ArendeReader.Instans, null);
        }

        if (!WorksOnRemisser(actor) || avsandareId != actor.OrganisationId)
        {
            // Another organisation learns nothing, not even that the ärende exists.
            return (ArendeReader.Instans, Refusal.NotFound("Ärendet"));
        }

        return SentToSender.Contains(svar.Status) ? (ArendeReader.Avsandare, null) : (ArendeReader.Avsandare, Refusal.Forbidden(NotSentMessage));
    }

    /// <summary>The ärende for the pages only the instans's own people use (TU, beslut, ordförandebeslut, jämför): null unless the actor reads it as the instans.</summary>
    public static async Task<Remissvar?> ReadAsInstansAsync(RemissFlowDbContext db, Actor actor, Guid id, CancellationToken ct)
    {
        var (svar, reader, _) = await ReadAsync(db, actor, id, ct);
        return reader == ArendeReader.Instans ? svar : null;
    }

    /// <summary>Loads an ärende for reading: the row and who reads it, or the refusal (404 for a stranger, 403 for the sender before it is handed in).</summary>
    public static async Task<(Remissvar? Svar, ArendeReader Reader, Refusal? Refusal)> ReadAsync(RemissFlowDbContext db, Actor actor, Guid id, CancellationToken ct)
    {
        var svar = await db.Remissvar.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct);
        if (svar is null)
        {
            return (null, ArendeReader.Instans, Refusal.NotFound("Ärendet"));
        }

        // The remiss is looked up only for the sender's people from outside the instans.
        var avsandare = svar.InstansId == actor.OrganisationId || !WorksOnRemisser(actor)
            ? Guid.Empty
            : await db.Remisser.AsNoTracking().Where(r => r.Id == svar.RemissId).Select(r => r.AvsandareId).FirstOrDefaultAsync(ct);
        var (reader, refusal) = CheckRead(actor, svar, avsandare);
        return refusal is null ? (svar, reader, null) : (null, reader, refusal);
    }

    /// <summary>
    /// The act rule for one ärende: null when <paramref name="actor"/> may change it, else the refusal.
    /// <paramref name="isSender"/> is asked only when the instans is not the actor's and the workflow lets the sender act.
    /// </summary>
    public static async Task<Refusal?> RefuseActAsync(Actor actor, Remissvar svar, bool senderMayAct, Func<Task<bool>> isSender)
    {
        if (actor.IsSystem || actor.OrganisationId == svar.InstansId)
        {
            return null;
        }

        return senderMayAct && await isSender() ? null : Refusal.Forbidden("Ärendet tillhör en annan organisation.");
    }
}
