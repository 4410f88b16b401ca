using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Core.Features.ProtokollJustering;

/// <summary>Who must justera a protokoll, and the rules that hold its beslut once it is justerat.</summary>
public static class ProtokollRules
{
    /// <summary>Justering within 14 days of the meeting (KL 5:69, 6:35).</summary>
    public const int JusteringDagar = 14;

    public const int PlatsMax = 200;

    public const int ForvaringsplatsMax = 300;

    public sealed record Signer(Ledamot Ledamot, JusteringsRoll Roll);

    /// <summary>The ordförande holding the seat on the meeting day, then the chosen justerare in their order.</summary>
    public static async Task<List<Signer>> SignersAsync(RemissFlowDbContext db, Protokoll p, Sammantrade meeting, CancellationToken ct)
    {
        var members = await db.Ledamoter.Where(l => l.OrganId == meeting.OrganId && l.Fran <= meeting.Datum && meeting.Datum <= l.Till).ToListAsync(ct);
        var signers = new List<Signer>();
        if (members.FirstOrDefault(l => l.Uppdrag == Uppdrag.Ordforande) is { } ordforande)
        {
            signers.Add(new Signer(ordforande, JusteringsRoll.Ordforande));
        }

        foreach (var id in p.JusterareIds)
        {
            if (members.FirstOrDefault(l => l.Id == id) is { } justerare)
            {
                signers.Add(new Signer(justerare, JusteringsRoll.Justerare));
            }
        }

        return signers;
    }

    /// <summary>True when every signer has approved the whole protokoll (paragraphs justerade omedelbart do not count).</summary>
    public static bool AllHaveApproved(Protokoll p, IReadOnlyList<Signer> signers) =>
        signers.Count > 0 && signers.Any(s => s.Roll == JusteringsRoll.Justerare)
        && signers.All(s => p.Godkannanden.Any(g => g.ParagrafId is null && g.LedamotId == s.Ledamot.Id));

    public static bool AllHaveApprovedParagraph(Protokoll p, IReadOnlyList<Signer> signers, Guid paragrafId) =>
        signers.Count > 0 && signers.All(s => p.Godkannanden.Any(g => (g.ParagrafId == paragrafId || g.ParagrafId is null) && g.LedamotId == s.Ledamot.Id));

    /// <summary>
    /// Refuses a change of a beslut the protokoll has locked: the whole protokoll justerat, or the paragraph justerad
    /// omedelbart. Null when the beslut may still change.
    /// </summary>
    public static async Task<Refusal?> RefuseLockedAsync(RemissFlowDbContext db, Guid? sammantradeId, Guid? beslutId, CancellationToken ct)
    {
        if (sammantradeId is not { } id || await db.Protokoll.AsNoTracking().FirstOrDefaultAsync(p => p.SammantradeId == id, ct) is not { } protokoll)
        {
            return null;
        }

        if (protokoll.JusteratDatum is not null)
        {
            return Refusal.InvalidState("Protokollet är justerat och låst; dess beslut kan inte ändras.");
        }

        if (beslutId is { } b && await db.Beslut.AsNoTracking().AnyAsync(x => x.Id == b && x.JusteradDatum != null, ct))
        {
            return Refusal.InvalidState("Paragrafen är justerad omedelbart och låst; beslutet kan inte ändras.");
        }

        return null;
    }

    /// <summary>The lock on the remissvar's latest beslut at a meeting, if the protokoll or its paragraph is justerat.</summary>
    public static async Task<Refusal?> RefuseLockedForSvarAsync(RemissFlowDbContext db, Guid remissvarId, CancellationToken ct)
    {
        var latest = await db.Beslut.AsNoTracking().Where(b => b.RemissvarId == remissvarId && !b.Ordforandebeslut && b.SammantradeId != null)
            .OrderByDescending(b => b.Datum).ThenByDescending(b => b.Paragraf).Select(b => new { b.Id, b.SammantradeId }).FirstOrDefaultAsync(ct);
        return latest is null ? null : await RefuseLockedAsync(db, latest.SammantradeId, latest.Id, ct);
    }

    /// <summary>The protokoll is late when the legal time for justering has passed and it is not justerat.</summary>
    public static bool IsLate(Protokoll p, Sammantrade meeting, DateOnly today) =>
        p.JusteratDatum is null && today > meeting.Datum.AddDays(JusteringDagar);
}
