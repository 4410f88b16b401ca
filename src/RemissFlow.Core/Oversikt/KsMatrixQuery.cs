using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Persistence;
using RemissFlow.Core.Workflow;
using RemissFlow.Workflows.Calendar;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Oversikt;

/// <summary>Where one instans stands, as KS counts it. Same categories and rules as the sammanställning's matrix.</summary>
public enum KsKategori
{
    BesvaratITid,
    BesvaratSent,
    Avstatt,
    Anstand,
    /// <summary>Not answered after svarsdatum has passed.</summary>
    Saknas,
    Aterkallad,
    /// <summary>Not answered yet, svarsdatum still ahead.</summary>
    EjBesvarad,
}

/// <param name="Anstand">For an open answer: the anstånd date that matters (pending, or granted and not yet passed).</param>
/// <param name="AnstandBeviljat">Whether <paramref name="Anstand"/> has been granted or is still asked for.</param>
/// <param name="ForsenadArbetsdagar">Working days late: how late the answer came, or how overdue a missing one is today.</param>
public sealed record KsMatrixRow(
    Guid RemissvarId,
    Guid InstansId,
    string Instans,
    OrganisationKind InstansKind,
    int Ordning,
    string? Dnr,
    string Status,
    KsKategori Kategori,
    DateOnly Svarsdatum,
    DateOnly? Anstand,
    bool AnstandBeviljat,
    DateOnly? InlamnadDatum,
    int? ForsenadArbetsdagar,
    Utfall? Utfall,
    Standpunkt? Standpunkt);

public sealed record KsMatrixSummary(int Antal, int BesvaratITid, int BesvaratSent, int Avstatt, int Anstand, int Saknas, int Aterkallad, int EjBesvarad = 0);

public sealed record KsMatrix(Guid RemissId, string Dnr, string Title, string Status, DateOnly Svarsdatum, DateOnly AsOf, IReadOnlyList<KsMatrixRow> Rows, KsMatrixSummary Summary);

/// <summary>
/// KS's live view of one remiss: every instans on the remisslista and where its answer stands.
/// Shaped for the page and the API: three narrow queries by indexed keys (the remiss, its remissvar with
/// their instans, the anstånd of those remissvar), no documents, no tracking. The sammanställning needs more
/// per row (TU, beslut, files) and has its own query; the categories here follow the same rules.
/// It does not ask who reads: a caller on behalf of a person checks <see cref="Features.Remisser.RemissAccess.RefuseReadAsync"/> first.
/// </summary>
public sealed class KsMatrixQuery(RemissFlowDbContext db, IWorkingDayCalendar calendar, TimeProvider clock)
{
    private static readonly HashSet<string> AnsweredStates = RemissvarStates.Answered.Where(s => s != "aterkallad").ToHashSet(StringComparer.Ordinal);

    private sealed record SvarRow(Guid Id, Guid InstansId, string Instans, OrganisationKind Kind, string? Dnr, string Status, DateOnly Svarsdatum,
        DateTimeOffset? InlamnadAt, Utfall? Utfall, Standpunkt? Standpunkt);

    private sealed record AnstandRow(Guid RemissvarId, AnstandBeslut Beslut, DateOnly BegartDatum, DateOnly? BeviljatDatum, DateTimeOffset BegartAt);

    public async Task<KsMatrix?> ForRemissAsync(Guid remissId, CancellationToken ct = default)
    {
        var remiss = await db.Remisser.AsNoTracking().Where(r => r.Id == remissId)
            .Select(r => new { r.Id, r.Dnr, r.Title, r.Status, r.Svarsdatum })
            .FirstOrDefaultAsync(ct);
        if (remiss is null)
        {
            return null;
        }

        var today = StockholmTime.Today(clock);
        var svar = await (from s in db.Remissvar.AsNoTracking()
                          join o in db.Organisationer on s.InstansId equals o.Id
                          where s.RemissId == remissId
                          select new SvarRow(s.Id, s.InstansId, o.Name, o.Kind, s.Dnr, s.Status, s.Svarsdatum, s.InlamnadAt, s.Utfall, s.Standpunkt))
            .ToListAsync(ct);
        var ordning = await db.Set<RemisslistaPost>().AsNoTracking().Where(p => p.RemissId == remissId)
            .ToDictionaryAsync(p => p.OrganisationId, p => p.Ordning, ct);
        // Anstånd only matter for open answers; joined on the remiss so the database walks its own index, not a list of ids.
        var anstand = (await (from a in db.Anstand.AsNoTracking()
                              join s in db.Remissvar on a.RemissvarId equals s.Id
                              where s.RemissId == remissId && a.Beslut != AnstandBeslut.Avslaget
                              select new AnstandRow(a.RemissvarId, a.Beslut, a.BegartDatum, a.BeviljatDatum, a.BegartAt))
                .ToListAsync(ct))
            .ToLookup(a => a.RemissvarId);
        // A preliminary answer sets no InlamnadAt; its date is when the workflow recorded it (as in the sammanställning).
        var prelimIds = svar.Where(s => s.InlamnadAt is null && AnsweredStates.Contains(s.Status)).Select(s => s.Id).ToList();
        var prelimDates = prelimIds.Count == 0
            ? new Dictionary<Guid, DateTimeOffset>()
            : (await db.Handelser.AsNoTracking().Where(h => prelimIds.Contains(h.ArendeId) && h.Action == "workflow.preliminart_svar")
                    .Select(h => new { h.ArendeId, h.At }).ToListAsync(ct))
                .GroupBy(h => h.ArendeId).ToDictionary(g => g.Key, g => g.Min(h => h.At));

        var rows = svar
            .Select(s => Row(s, ordning.GetValueOrDefault(s.InstansId, int.MaxValue), today, anstand[s.Id], prelimDates))
            .OrderBy(r => r.Ordning).ThenBy(r => r.Instans, StringComparer.Ordinal)
            .ToList();
        int Of(KsKategori k) => rows.Count(r => r.Kategori == k);
        var summary = new KsMatrixSummary(rows.Count, Of(KsKategori.BesvaratITid), Of(KsKategori.BesvaratSent), Of(KsKategori.Avstatt),
            Of(KsKategori.Anstand), Of(KsKategori.Saknas), Of(KsKategori.Aterkallad), Of(KsKategori.EjBesvarad));
        return new KsMatrix(remiss.Id, remiss.Dnr, remiss.Title, remiss.Status, remiss.Svarsdatum, today, rows, summary);
    }

    private KsMatrixRow Row(SvarRow s, int ordning, DateOnly today, IEnumerable<AnstandRow> anstand, Dictionary<Guid, DateTimeOffset> prelimDates)
    {
        var answered = AnsweredStates.Contains(s.Status);
        var at = s.InlamnadAt ?? prelimDates.GetValueOrDefault(s.Id);
        DateOnly? inlamnad = answered && at != default ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, StockholmTime.Zone).DateTime) : null;
        KsKategori kategori;
        int? late = null;
        DateOnly? anstandDatum = null;
        var beviljat = false;
        if (s.Status == "aterkallad")
        {
            kategori = KsKategori.Aterkallad;
        }
        else if (answered)
        {
            // An answer registered on a non-working day right after svarsdatum is not late: the registry had not opened yet.
            var days = inlamnad is { } d ? calendar.CountWorkingDays(s.Svarsdatum, d) : 0;
            late = days > 0 ? days : null;
            kategori = s.Utfall == Utfall.Avstar || s.Status == "avstatt" ? KsKategori.Avstatt
                : days <= 0 ? KsKategori.BesvaratITid : KsKategori.BesvaratSent;
        }
        else
        {
            var pending = anstand.Where(a => a.Beslut == AnstandBeslut.Begart).OrderByDescending(a => a.BegartAt).FirstOrDefault();
            var granted = anstand.Where(a => a.Beslut == AnstandBeslut.Beviljat && a.BeviljatDatum != null).Select(a => a.BeviljatDatum!.Value).DefaultIfEmpty().Max();
            if (pending is not null)
            {
                anstandDatum = pending.BegartDatum;
            }
            else if (granted != default && s.Svarsdatum >= today)
            {
                anstandDatum = granted;
                beviljat = true;
            }

            kategori = anstandDatum is not null ? KsKategori.Anstand : today > s.Svarsdatum ? KsKategori.Saknas : KsKategori.EjBesvarad;
            var overdue = calendar.CountWorkingDays(s.Svarsdatum, today);
            late = kategori == KsKategori.Saknas && overdue > 0 ? overdue : null;
        }

        return new KsMatrixRow(s.Id, s.InstansId, s.Instans, s.Kind, ordning, s.Dnr, s.Status, kategori, s.Svarsdatum, anstandDatum, beviljat,
            inlamnad, late, answered ? s.Utfall : null, answered ? s.Standpunkt : null);
    }
}
