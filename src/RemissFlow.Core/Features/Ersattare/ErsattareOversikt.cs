using RemissFlow.Core.Access;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Ersattare;

/// <summary>
/// The periods a person sees on Konto → Ersättare (their own absences and the work they hold for others) or the
/// administratör on Admin → Ersättare (everybody's), with the people who may be chosen.
/// </summary>
public static class ErsattareOversikt
{
    [AnySignedInUser]
    public sealed record Query(bool Alla = false) : IQuery<Model>;

    public sealed record Rad(Guid Id, Guid FranvarandeId, string Franvarande, Guid ErsattareId, string Ersattare, string Organisation,
        DateOnly FranOchMed, DateOnly TillOchMed, string Status, bool KanAvslutas);

    public sealed record Val(Guid Id, string Namn, string Organisation);

    /// <param name="Franvarande">Whom the reader may name an ersättare for: themselves, or (administratör) anybody with a role to hand over.</param>
    /// <param name="Kandidater">Who may be chosen: the förvaltning's people of the same organisations.</param>
    public sealed record Model(IReadOnlyList<Rad> Perioder, IReadOnlyList<Val> Franvarande, IReadOnlyList<Val> Kandidater, bool KanNamnge);

    public sealed class Authorizer : IAuthorizer<Query>
    {
        public Task<Refusal?> Authorize(Query request, Actor actor, CancellationToken ct) =>
            Task.FromResult(!request.Alla || actor.IsSystem || actor.EgnaRoller.Contains(Role.Administrator)
                ? null
                : Refusal.Forbidden("Bara administratören ser allas ersättare."));
    }

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current, TimeProvider clock) : IRequestHandler<Query, Model>
    {
        public async Task<Result<Model>> Handle(Query q, CancellationToken ct)
        {
            var actor = current.Actor;
            var me = actor.UserId ?? Guid.Empty;
            var today = StockholmTime.Today(clock);
            var rows = await (from p in db.Ersattarperioder.AsNoTracking()
                              where q.Alla || p.FranvarandeId == me || p.ErsattareId == me
                              join f in db.Users on p.FranvarandeId equals f.Id
                              join e in db.Users on p.ErsattareId equals e.Id
                              join o in db.Organisationer on p.OrganisationId equals o.Id
                              orderby p.FranOchMed descending, f.DisplayName
                              select new { p, Franvarande = f.DisplayName, Ersattare = e.DisplayName, Org = o.Name })
                .Take(500).ToListAsync(ct);
            var perioder = rows.Select(r => new Rad(r.p.Id, r.p.FranvarandeId, r.Franvarande, r.p.ErsattareId, r.Ersattare, r.Org, r.p.FranOchMed, r.p.TillOchMed,
                    Status(r.p, today), r.p.AvslutadAt is null && r.p.TillOchMed >= today && ErsattareAccess.MayManage(actor, r.p.FranvarandeId)))
                .ToList();

            var admin = q.Alla && actor.EgnaRoller.Contains(Role.Administrator);
            var kanNamnge = admin || ErsattareAccess.MayNameOwn(actor);
            var overlatbara = ErsattareAccess.Overlatbara.Select(r => r.ToString().ToUpperInvariant()).ToList();
            var forvaltning = ErsattareAccess.Forvaltningsroller.Select(r => r.ToString().ToUpperInvariant()).ToList();
            var org = actor.OrganisationId ?? Guid.Empty;
            var people = await (from u in db.Users.AsNoTracking()
                                where (admin || u.OrganisationId == org) && (u.LockoutEnd == null || u.LockoutEnd < AppUser.DeactivatedFrom)
                                join o in db.Organisationer on u.OrganisationId equals o.Id
                                orderby o.Name, u.DisplayName
                                select new
                                {
                                    u.Id,
                                    u.DisplayName,
                                    Org = o.Name,
                                    Overlatbar = db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && overlatbara.Contains(r.NormalizedName!))),
                                    Kandidat = db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && forvaltning.Contains(r.NormalizedName!))),
                                }).ToListAsync(ct);
            var franvarande = admin
                ? people.Where(p => p.Overlatbar).Select(p => new Val(p.Id, p.DisplayName, p.Org)).ToList()
                : people.Where(p => p.Id == me && kanNamnge).Select(p => new Val(p.Id, p.DisplayName, p.Org)).ToList();
            var kandidater = kanNamnge ? people.Where(p => p.Kandidat && (admin || p.Id != me)).Select(p => new Val(p.Id, p.DisplayName, p.Org)).ToList() : [];
            return new Model(perioder, franvarande, kandidater, kanNamnge);
        }

        private static string Status(Ersattarperiod p, DateOnly today) => p switch
        {
            { AvslutadAt: not null } => "avslutad",
            _ when p.TillOchMed < today => "slut",
            _ when p.FranOchMed > today => "kommande",
            _ => "pågår",
        };
    }
}
