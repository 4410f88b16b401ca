using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Features.Gallring;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Personuppgifter;

/// <summary>An account the plan says is to be pseudonymised today: when it was deactivated and under which plan row.</summary>
public sealed record PseudonymKandidat(Guid UserId, string Namn, string? Epost, Guid OrganisationId, DateTimeOffset Avaktiverat, DateOnly Fran, GallringsplanRad Rad);

/// <summary>
/// Accounts deactivated longer than the organisation's plan row <c>konto</c> allows lose their name and e-mail to a
/// stable pseudonym (the same account always gets the same one). What the law requires to be kept keeps the name: the
/// audit log (append-only and hash-chained), allmänna handlingar (files, TU versions, beslut, protokoll, the missiv's
/// kontaktperson) and ledamot entries behind protokoll. What only served the account goes: its notices, its title,
/// telephone and password; sent e-mail keeps its row under the pseudonymous address.
/// </summary>
public static class Pseudonymisering
{
    public const string Domain = "pseudonym.invalid";

    /// <summary>The pseudonym of an account: derived from its id alone, so it is stable and says nothing about the person.</summary>
    public static string Pseudonym(Guid userId) =>
        "Pseudonym " + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("remissflow-pseudonym:" + userId.ToString("D"))))[..10];

    public static string PseudonymEpost(Guid userId) => Pseudonym(userId)["Pseudonym ".Length..].ToLowerInvariant() + "@" + Domain;

    /// <summary>Every account due today (Stockholm) in <paramref name="organisationId"/>, or in every organisation when null.</summary>
    public static async Task<List<PseudonymKandidat>> DueAsync(RemissFlowDbContext db, Guid? organisationId, DateOnly today, CancellationToken ct)
    {
        var rows = (await db.Gallringsplan.AsNoTracking().Where(r => r.Giltig && r.Handlingstyp == Gallringsplan.Konto && r.Atgard == Gallringsplan.Gallras
                && (organisationId == null || r.OrganisationId == organisationId)).ToListAsync(ct))
            .ToDictionary(r => r.OrganisationId);
        if (rows.Count == 0)
        {
            return [];
        }

        var orgs = rows.Keys.ToList();
        var suffix = "@" + Domain;
        var users = (await db.Users.AsNoTracking().Where(u => orgs.Contains(u.OrganisationId) && u.LockoutEnd != null && !(u.Email ?? "").EndsWith(suffix))
                .Select(u => new { u.Id, u.DisplayName, u.Email, u.OrganisationId, u.LockoutEnd }).ToListAsync(ct))
            .Where(u => AppUser.IsDeactivatedLockout(u.LockoutEnd)).ToList();
        var ids = users.Select(u => u.Id).ToList();
        // Deactivated since the last deactivation that no activation followed (the audit log is the account's history).
        var events = await db.Handelser.AsNoTracking()
            .Where(h => h.ArendeTyp == nameof(AppUser) && ids.Contains(h.ArendeId) && (h.Action == "anvandare.inaktiverad" || h.Action == "anvandare.aktiverad"))
            .Select(h => new { h.ArendeId, h.Sequence, h.Action, h.At }).ToListAsync(ct);
        var result = new List<PseudonymKandidat>();
        foreach (var u in users)
        {
            var last = events.Where(e => e.ArendeId == u.Id).MaxBy(e => e.Sequence);
            if (last is not { Action: "anvandare.inaktiverad" })
            {
                continue;
            }

            var rad = rows[u.OrganisationId];
            var from = StockholmTime.DateOf(last.At).AddYears(rad.Ar ?? 0).AddDays(1);
            if (from <= today)
            {
                result.Add(new PseudonymKandidat(u.Id, u.DisplayName, u.Email, u.OrganisationId, last.At, from, rad));
            }
        }

        return result.OrderBy(k => k.Fran).ThenBy(k => k.Namn, StringComparer.Ordinal).ToList();
    }

    /// <summary>Who is due: the administratör sees every organisation, an arkivarie the own.</summary>
    [RequiresRole(Role.Arkivarie, Role.Administrator)]
    public sealed record Lista : IQuery<IReadOnlyList<PseudonymKandidat>>;

    public sealed class ListaHandler(RemissFlowDbContext db, ICurrentActor current, TimeProvider clock) : IRequestHandler<Lista, IReadOnlyList<PseudonymKandidat>>
    {
        public async Task<Result<IReadOnlyList<PseudonymKandidat>>> Handle(Lista q, CancellationToken ct) =>
            await DueAsync(db, Scope(current.Actor), StockholmTime.Today(clock), ct);
    }

    /// <summary>Pseudonymises every account due today within the actor's reach; returns how many.</summary>
    [RequiresRole(Role.Arkivarie, Role.Administrator)]
    public sealed record Command : ICommand<int>;

    /// <summary>The command takes no input: what it covers is today's list.</summary>
    public sealed class Validator : AbstractValidator<Command>;

    public sealed class Handler(RemissFlowDbContext db, AuditTrail audit, ICurrentActor current, TimeProvider clock) : IRequestHandler<Command, int>
    {
        public async Task<Result<int>> Handle(Command c, CancellationToken ct)
        {
            if (!current.Actor.IsSystem && !current.Actor.Roles.Contains(Role.Administrator) && current.Actor.OrganisationId is null)
            {
                return Refusal.Forbidden("Pseudonymisering gäller en organisations konton; du tillhör ingen.");
            }

            var due = await DueAsync(db, Scope(current.Actor), StockholmTime.Today(clock), ct);
            if (due.Count == 0)
            {
                return Refusal.InvalidState("Inget konto ska pseudonymiseras i dag enligt dokumenthanteringsplanen.");
            }

            var ids = due.Select(d => d.UserId).ToList();
            var users = await db.Users.Where(u => ids.Contains(u.Id)).ToListAsync(ct);
            var notiser = await db.Notiser.Where(n => ids.Contains(n.UserId)).ToListAsync(ct);
            db.Notiser.RemoveRange(notiser);
            foreach (var d in due)
            {
                var user = users.Single(u => u.Id == d.UserId);
                var oldEmail = user.Email;
                var pseudonym = Pseudonym(user.Id);
                var epost = PseudonymEpost(user.Id);
                user.DisplayName = pseudonym;
                user.Email = epost;
                user.NormalizedEmail = epost.ToUpperInvariant();
                user.UserName = epost;
                user.NormalizedUserName = epost.ToUpperInvariant();
                user.Title = null;
                user.PhoneNumber = null;
                user.PasswordHash = null;
                user.SecurityStamp = Guid.NewGuid().ToString("N");
                if (oldEmail is not null)
                {
                    foreach (var mail in await db.UtgaendeEpost.Where(e => e.Till == oldEmail && e.SentAt != null).ToListAsync(ct))
                    {
                        mail.Till = epost;
                    }
                }

                // The entry names the pseudonym and the rule, never the name it replaced.
                audit.Record(nameof(AppUser), user.Id, null, "anvandare.pseudonymiserad",
                    $"Kontot pseudonymiserades som {pseudonym} enligt dokumenthanteringsplanen ({Gallringsplan.Regel(d.Rad)}, version {d.Rad.PlanVersion.ToString(CultureInfo.InvariantCulture)})",
                    after: new { pseudonym, planradId = d.Rad.Id, avaktiverat = d.Avaktiverat, notiserBorttagna = notiser.Count(n => n.UserId == user.Id) });
            }

            return due.Count;
        }
    }

    private static Guid? Scope(Actor actor) => actor.IsSystem || actor.Roles.Contains(Role.Administrator) ? null : actor.OrganisationId ?? Guid.Empty;
}
