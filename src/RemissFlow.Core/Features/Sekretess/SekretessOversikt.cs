namespace RemissFlow.Core.Features.Sekretess;

/// <summary>
/// The organisation's register of sekretessmarkerade handlingar (what is secret, under which provision, why, since when,
/// marked by whom), the provisions one may choose, and, when asked for, the one handling about to be marked.
/// </summary>
public static class SekretessOversikt
{
    [RequiresRole(Role.Registrator, Role.Handlaggare)]
    public sealed record Query(string? HandlingTyp = null, Guid? HandlingId = null) : IQuery<Model>;

    public sealed record Rad(string HandlingTyp, Guid HandlingId, string Handling, string? Dnr, string Bestammelse, string Skal, DateTimeOffset MarkeradAt, string? MarkeradAv);

    public sealed record Val(Guid Id, string Text);

    /// <param name="Valjd">The handling named by the query, if the reader may mark it; its current marking if it has one.</param>
    public sealed record Model(IReadOnlyList<Rad> Register, IReadOnlyList<Val> Bestammelser, SekretessHandling? Valjd, Rad? ValjdMarkering);

    public sealed class Handler(RemissFlowDbContext db, ICurrentActor current) : IRequestHandler<Query, Model>
    {
        public async Task<Result<Model>> Handle(Query q, CancellationToken ct)
        {
            var org = current.Actor.OrganisationId ?? Guid.Empty;
            var rows = await (from m in db.Sekretessmarkeringar.AsNoTracking()
                              join o in db.OslBestammelser on m.OslBestammelseId equals o.Id
                              where m.OrganisationId == org
                              select new { m, o.Kapitel, o.Paragraf, Av = db.Users.Where(u => u.Id == m.MarkeradAv).Select(u => u.DisplayName).FirstOrDefault() })
                .Take(1000).ToListAsync(ct);
            var register = new List<Rad>();
            foreach (var r in rows)
            {
                var h = await SekretessRegister.HandlingAsync(db, r.m.HandlingTyp, r.m.HandlingId, ct);
                register.Add(new Rad(r.m.HandlingTyp, r.m.HandlingId, h?.Namn ?? "(handlingen finns inte längre)", h?.Dnr, $"OSL {r.Kapitel}:{r.Paragraf}", r.m.Skal, r.m.MarkeradAt, r.Av));
            }

            var bestammelser = (await db.OslBestammelser.AsNoTracking().Where(o => o.Aktiv).ToListAsync(ct))
                .OrderBy(o => o.Kapitel).ThenBy(o => o.Paragraf)
                .Select(o => new Val(o.Id, $"{o.Hanvisning} – {o.Beskrivning}")).ToList();

            SekretessHandling? valjd = null;
            if (q.HandlingTyp is { } typ && q.HandlingId is { } id)
            {
                valjd = await SekretessRegister.HandlingAsync(db, typ, id, ct);
                if (SekretessRegister.MayMark(valjd, current.Actor) is { } refusal)
                {
                    return refusal;
                }
            }

            return new Model(
                register.OrderByDescending(r => r.MarkeradAt).ToList(),
                bestammelser,
                valjd,
                valjd is null ? null : register.FirstOrDefault(r => r.HandlingTyp == valjd.Typ && r.HandlingId == valjd.Id));
        }
    }
}
