using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Core.Features.Sammantraden;

/// <summary>One member of the organ at the meeting, with what the närvaro says of them.</summary>
public sealed record NarvaroRad(Guid LedamotId, string Namn, string? Parti, Uppdrag Uppdrag, bool Narvarande, Guid? ErsatterId, string? ErsatterNamn)
{
    public bool ArErsattare => Uppdrag == Uppdrag.Ersattare;

    /// <summary>Serving at the meeting: an ordinary member present, or an ersättare serving for an absent one.</summary>
    public bool Tjanstgor => Narvarande && (!ArErsattare || ErsatterId is not null);
}

public sealed record JavRad(Guid PunktId, Guid LedamotId, string Namn, Guid? ErsattareId, string? ErsattareNamn);

public sealed record VoteringRad(Guid Id, Guid PunktId, string JaForslag, string NejForslag, int Ja, int Nej, int Avstar, string Utfall, bool Utslagsrost, IReadOnlyList<Rostning> Roster);

/// <summary>A member serving on one item; <paramref name="For"/> names whom they serve for, if anyone.</summary>
public sealed record Tjanstgorande(Guid LedamotId, string Namn, string? Parti, Uppdrag Uppdrag, string? For);

public sealed record PunktData(Punkt Punkt, IReadOnlyList<Tjanstgorande> Tjanstgor, IReadOnlyList<JavRad> Jav, IReadOnlyList<VoteringRad> Voteringar);

/// <summary>
/// What the meeting recorded, for the page and the protokoll: the närvaro (every member of the organ's mandate period
/// that day), and per item in agenda order its §, who served on it (jäv taken out, the ersättare who stepped in put in),
/// the jäv and the voteringar.
/// </summary>
public sealed record SammantradeProtokollData(Sammantrade Sammantrade, Organ Organ, bool NarvaroRegistrerad, IReadOnlyList<NarvaroRad> Narvaro, IReadOnlyList<PunktData> Punkter)
{
    public IEnumerable<NarvaroRad> Tjanstgorande => Narvaro.Where(n => n.Tjanstgor);

    /// <summary>More than half of the organ's ledamöter serve (KL 6:27).</summary>
    public bool Beslutfor => Tjanstgorande.Count() * 2 > Narvaro.Count(n => !n.ArErsattare);

    public PunktData? PunktOf(Guid punktId) => Punkter.FirstOrDefault(p => p.Punkt.Id == punktId);

    public static async Task<SammantradeProtokollData?> LoadAsync(RemissFlowDbContext db, Guid sammantradeId, CancellationToken ct)
    {
        var meeting = await db.Sammantraden.AsNoTracking().FirstOrDefaultAsync(m => m.Id == sammantradeId, ct);
        if (meeting is null)
        {
            return null;
        }

        var organ = await db.Organ.AsNoTracking().FirstAsync(o => o.Id == meeting.OrganId, ct);
        var members = await Members(db, meeting).ToListAsync(ct);
        var narvaro = await db.Narvaro.AsNoTracking().Where(n => n.SammantradeId == meeting.Id).ToListAsync(ct);
        var byId = members.ToDictionary(m => m.Id);
        string? NameOf(Guid? id) => id is { } i && byId.TryGetValue(i, out var m) ? m.Namn : null;
        var rader = members
            .OrderBy(m => m.Uppdrag).ThenBy(m => m.Namn, StringComparer.Create(new System.Globalization.CultureInfo("sv-SE"), false))
            .Select(m =>
            {
                var n = narvaro.FirstOrDefault(x => x.LedamotId == m.Id);
                return new NarvaroRad(m.Id, m.Namn, m.Parti, m.Uppdrag, n?.Narvarande ?? false, n?.ErsatterLedamotId, NameOf(n?.ErsatterLedamotId));
            }).ToList();

        var jav = (await db.Jav.AsNoTracking().Where(j => j.SammantradeId == meeting.Id).ToListAsync(ct))
            .Select(j => new JavRad(j.PunktId, j.LedamotId, NameOf(j.LedamotId) ?? "", j.ErsattareId, NameOf(j.ErsattareId))).ToList();
        var voteringar = (await db.Voteringar.AsNoTracking().Where(v => v.SammantradeId == meeting.Id).ToListAsync(ct))
            .Select(v => new VoteringRad(v.Id, v.PunktId, v.JaForslag, v.NejForslag, v.Ja, v.Nej, v.Avstar, v.Utfall, v.Utslagsrost, v.Roster)).ToList();
        var punkter = (await Foredragningslista.LoadAsync(db, meeting.Id, ct))
            .Select(p => new PunktData(p, Serving(rader, jav.Where(j => j.PunktId == p.Id).ToList()), jav.Where(j => j.PunktId == p.Id).ToList(),
                voteringar.Where(v => v.PunktId == p.Id).ToList()))
            .ToList();
        return new SammantradeProtokollData(meeting, organ, narvaro.Count > 0, rader, punkter);
    }

    /// <summary>The organ's members whose mandate covers the meeting's day.</summary>
    internal static IQueryable<Ledamot> Members(RemissFlowDbContext db, Sammantrade meeting) =>
        db.Ledamoter.AsNoTracking().Where(l => l.OrganId == meeting.OrganId && l.Fran <= meeting.Datum && meeting.Datum <= l.Till);

    private static List<Tjanstgorande> Serving(IReadOnlyList<NarvaroRad> rader, IReadOnlyList<JavRad> jav)
    {
        var serving = rader.Where(r => r.Tjanstgor && jav.All(j => j.LedamotId != r.LedamotId))
            .Select(r => new Tjanstgorande(r.LedamotId, r.Namn, r.Parti, r.Uppdrag, r.ErsatterNamn)).ToList();
        foreach (var j in jav.Where(j => j.ErsattareId is not null))
        {
            var e = rader.First(r => r.LedamotId == j.ErsattareId);
            serving.Add(new Tjanstgorande(e.LedamotId, e.Namn, e.Parti, e.Uppdrag, j.Namn));
        }

        return serving;
    }

    /// <summary>
    /// Reservationer and särskilda uttalanden come only from members serving on the item (once the närvaro is recorded):
    /// a reservation is a dissent of one who took part in the decision (KL 4:27).
    /// </summary>
    public static async Task<Refusal?> RefuseInlagorAsync(RemissFlowDbContext db, Sammantrade meeting, Guid remissvarId, Remissvar.RecordBeslut.IBeslutInput input, CancellationToken ct)
    {
        var data = await LoadAsync(db, meeting.Id, ct);
        if (data is null || !data.NarvaroRegistrerad || data.Punkter.FirstOrDefault(p => p.Punkt.RemissvarId == remissvarId) is not { } punkt)
        {
            return null;
        }

        var names = punkt.Tjanstgor.Select(t => t.Namn).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (list, field, what) in new[] { (input.Reservationer, "Reservationer", "Reservation"), (input.SarskildaUttalanden, "SarskildaUttalanden", "Särskilt uttalande") })
        {
            if ((list ?? []).FirstOrDefault(i => !names.Contains(i.Ledamot.Trim())) is { } outside)
            {
                return Refusal.Field(field, $"{what}: {outside.Ledamot.Trim()} tjänstgör inte på punkten; bara de som tjänstgör kan anmäla {(what == "Reservation" ? "reservation" : "särskilt uttalande")}.");
            }
        }

        return null;
    }
}
