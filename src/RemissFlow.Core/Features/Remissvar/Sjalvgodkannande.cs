namespace RemissFlow.Core.Features.Remissvar;

/// <summary>
/// Separation of duties for "godkann": the user who saved the version being approved may not approve it, unless the
/// instans has chosen to allow self-approval (a bolag where one person does everything). The workflow decides who
/// holds the role; this rule decides whether that person is the author. It lives in code, not in a guard of the
/// published workflow versions, because those are immutable and the rule is an organisation setting.
/// </summary>
public static class Sjalvgodkannande
{
    public sealed record Outcome(Refusal? Refusal, bool IsSelfApproval, int? Version);

    public static async Task<Outcome> CheckAsync(RemissFlowDbContext db, Domain.Remissvar svar, Actor actor, CancellationToken ct)
    {
        // Someone without the approving role is refused by the workflow with its own message.
        if (actor.IsSystem || actor.UserId is not { } userId || !actor.Roles.Contains(Role.Forvaltningschef))
        {
            return new Outcome(null, false, null);
        }

        // tu.faststall approves the highest number, so that is the version whose author counts.
        var latest = await db.Tjansteutlatanden.Where(t => t.RemissvarId == svar.Id)
            .SelectMany(t => t.Versioner).OrderByDescending(v => v.Nummer)
            .Select(v => new { v.Nummer, v.SkapadAv }).FirstOrDefaultAsync(ct);
        if (latest is null || latest.SkapadAv != userId)
        {
            return new Outcome(null, false, latest?.Nummer);
        }

        var instans = await db.Organisationer.Where(o => o.Id == svar.InstansId).Select(o => new { o.TillatSjalvgodkannande, o.Kind }).FirstAsync(ct);
        return instans.TillatSjalvgodkannande
            ? new Outcome(null, true, latest.Nummer)
            : new Outcome(Refusal.Forbidden(
                $"Du sparade version {latest.Nummer} av tjänsteutlåtandet och kan inte själv godkänna den. " +
                $"En annan {RoleNames.Swedish(Role.Forvaltningschef, instans.Kind)} måste godkänna den; organisationens administratör kan tillåta självgodkännande."), false, latest.Nummer);
    }
}
