using RemissFlow.Core.Sammanstallning;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Svarslank;

/// <summary>
/// What an outside organisation sees behind its svarslänk: the remiss (title, dnr, sender, its own svarsdatum), the
/// public remisshandlingar, and its own earlier submissions; nothing about any other instans.
/// </summary>
public static class OpenSvarslank
{
    [SecretToken]
    public sealed record Query(string Token) : IQuery<Vy>;

    public sealed record Handling(string Rubrik, string Url, string MediaType, long? Size);

    public sealed record Inlamning(Guid Id, int Nummer, Standpunkt Standpunkt, DateTimeOffset InlamnadAt, string KontaktNamn, string? FileName, bool Skriven);

    /// <param name="Lage">Whether the link works; every other field is empty unless it is <see cref="SvarslankLage.Giltig"/>.</param>
    /// <param name="KanAvsta">False once an answer is in: a later submission is a new version of the answer.</param>
    public sealed record Vy(
        SvarslankLage Lage,
        string Instans,
        string Titel,
        string Dnr,
        string Avsandare,
        DateOnly Svarsdatum,
        string? Beskrivning,
        IReadOnlyList<Handling> Handlingar,
        IReadOnlyList<Inlamning> Inlamningar,
        bool KanAvsta,
        bool HarAvstatt)
    {
        public static Vy Stangd(SvarslankLage lage) => new(lage, "", "", "", "", default, null, [], [], false, false);
    }

    public sealed class Handler(RemissFlowDbContext db, PublicRemissQuery publik, TimeProvider clock) : IRequestHandler<Query, Vy>
    {
        public async Task<Result<Vy>> Handle(Query q, CancellationToken ct)
        {
            var traff = await Svarslankar.ResolveAsync(db, q.Token, StockholmTime.Today(clock), ct);
            if (traff.Lage != SvarslankLage.Giltig)
            {
                return Vy.Stangd(traff.Lage);
            }

            var svar = traff.Svar!;
            var remiss = await db.Remisser.AsNoTracking().FirstAsync(r => r.Id == svar.RemissId, ct);
            var avsandare = await db.Organisationer.AsNoTracking().Where(o => o.Id == remiss.AvsandareId).Select(o => o.Name).FirstAsync(ct);
            var instans = await db.Organisationer.AsNoTracking().Where(o => o.Id == svar.InstansId).Select(o => o.Name).FirstAsync(ct);
            // The public record decides which remisshandlingar are public (a sekretessmarkerad one is left out or masked).
            var offentlig = await publik.GetAsync(remiss.Id, ct);
            var handlingar = (offentlig?.Remisshandlingar ?? [])
                .Select(d => new Handling(d.Rubrik, PublicRemissQuery.DocumentPath(remiss.Id, d.Id), d.MediaType, d.Size)).ToList();
            var egna = await (from s in db.SvarslankSvar.AsNoTracking()
                              where s.RemissvarId == svar.Id
                              join b in db.Bilagor.AsNoTracking() on s.BilagaId equals b.Id into files
                              from b in files.DefaultIfEmpty()
                              orderby s.Nummer
                              select new Inlamning(s.Id, s.Nummer, s.Standpunkt, s.InlamnadAt, s.KontaktNamn, b == null ? null : b.FileName, s.Text != null)).ToListAsync(ct);
            return new Vy(SvarslankLage.Giltig, instans, remiss.Title, remiss.Dnr, avsandare, svar.Svarsdatum, remiss.Description, handlingar, egna,
                svar.Status == Core.Workflow.RemissvarState.Utskickad, svar.Status == Core.Workflow.RemissvarState.Avstatt);
        }
    }
}
