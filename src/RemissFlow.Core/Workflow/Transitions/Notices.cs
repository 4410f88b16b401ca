namespace RemissFlow.Core.Workflow.Transitions;

/// <summary>
/// The notices several transitions send (the definitions' notify.* actions). Each transition calls the
/// one it declares with its own wording, so a notice's text is found from the transition that sends it.
/// </summary>
internal static class Notices
{
    /// <summary>To a role of the remiss's sender, linking to the remiss.</summary>
    public static async Task AvsandareAsync(TransitionContext<RemissSubject> c, Role role, string rubrik, string text, CancellationToken ct) =>
        await c.Notifier.ToRoleAsync(c.Subject.Remiss.AvsandareId, role, rubrik, text, c.Link, c.Subject.Remiss.Id, c.Cause, ct);

    /// <summary>notify.handlaggare: to the ärende's handläggare, when there is one.</summary>
    public static async Task HandlaggareAsync(TransitionContext<RemissvarSubject> c, string rubrik, string text, CancellationToken ct)
    {
        if (c.Subject.Svar.HandlaggareId is { } handlaggare)
        {
            await c.Notifier.ToUsersAsync([handlaggare], rubrik, text, c.Link, c.Subject.Svar.Id, c.Cause, ct);
        }
    }

    /// <summary>notify.forvaltningschef: to the instans's förvaltningschef (vd for a bolag).</summary>
    public static async Task ForvaltningschefAsync(TransitionContext<RemissvarSubject> c, string text, CancellationToken ct) =>
        await c.Notifier.ToRoleAsync(c.Subject.Svar.InstansId, Role.Forvaltningschef, $"Att godkänna: {c.Subject.Dnr}", text, c.Link, c.Subject.Svar.Id, c.Cause, ct);

    /// <summary>To the sender's KS-samordnare, linking to the remiss.</summary>
    public static async Task KsAsync(TransitionContext<RemissvarSubject> c, string rubrik, string text, CancellationToken ct) =>
        await c.Notifier.ToRoleAsync(c.Subject.Remiss.AvsandareId, Role.KsSamordnare, rubrik, text, $"/remisser/{c.Subject.Remiss.Id}", c.Subject.Svar.Id, c.Cause, ct);

    public static async Task<string> InstansNameAsync(TransitionContext<RemissvarSubject> c, CancellationToken ct) =>
        await c.Db.Organisationer.Where(o => o.Id == c.Subject.Svar.InstansId).Select(o => o.Name).FirstAsync(ct);
}
