using System.Globalization;
using RemissFlow.Core.Features.Arkiv;
using RemissFlow.Core.Features.Sekretess;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Features.Gallring;

/// <summary>A kind of handling the dokumenthanteringsplan classifies; <see cref="Kind"/> is the uploaded files of that kind (null: not a file).</summary>
public sealed record GallringsTyp(string Kod, string Namn, BilagaKind? Kind);

/// <summary>Why a handling is or is not due for gallring today.</summary>
public enum GallringsStatus
{
    /// <summary>Due: its plan row says gallras and its time has run out.</summary>
    Forfallen,
    EjForfallen,
    Bevaras,
    IngenPlanrad,
    Sekretess,
    ArendetOppet,

    /// <summary>Already in a proposal that waits for the arkivarie's decision.</summary>
    IForslag,
}

/// <summary>One handling as the plan sees it: the row it falls under, from when it may be gallrad, and why.</summary>
public sealed record GallringsKandidat(
    string Handlingstyp, Guid HandlingId, Guid OrganisationId, string ArendeTyp, Guid ArendeId, string? Dnr, string Namn,
    GallringsplanRad? Rad, DateOnly? GallrasFran, GallringsStatus Status, string Skal);

/// <summary>
/// The dokumenthanteringsplan's vocabulary and the one rule that classifies every handling by it. A handling with no
/// plan row is bevaras: nothing is gallrat unless the plan says so. A sekretess-marked handling is never gallrad here
/// (its sekretessprövning comes first), nor one whose ärende is still open.
/// </summary>
public static class Gallringsplan
{
    public const string Bevaras = "bevaras";
    public const string Gallras = "gallras";

    public const string Upprattad = "upprattad";
    public const string ArendeAvslutat = "arende_avslutat";
    public const string Inaktualitet = "inaktualitet";
    public const string Avaktiverat = "avaktiverat";

    /// <summary>An account deactivated long enough: "gallras" here means pseudonymised (Personuppgifter.Pseudonymisering), never deleted.</summary>
    public const string Konto = "konto";

    /// <summary>A TU version that was never approved (a draft superseded, or the last draft of a TU approved in another version).</summary>
    public const string TuUtkast = "tu_utkast";

    public static IReadOnlyList<GallringsTyp> Typer { get; } =
    [
        new("remisshandling", "Remisshandling", BilagaKind.Remisshandling),
        new("missiv", "Missiv från utomstående avsändare", BilagaKind.Missiv),
        new("remissvar_fil", "Remissvar (fil)", BilagaKind.Svar),
        new("tu_bilaga", "Bilaga till tjänsteutlåtande", BilagaKind.TjansteutlatandeBilaga),
        new("inkommen_handling", "Inkommen handling till ärendet (e-post)", BilagaKind.InkommenHandling),
        new(TuUtkast, "Tjänsteutlåtande, version som aldrig godkändes", null),
        new(Konto, "Avaktiverat användarkonto (namn och e-post pseudonymiseras)", null),
    ];

    public static IReadOnlyDictionary<string, string> Utgangspunkter { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Upprattad] = "efter att handlingen kom in eller upprättades",
        [ArendeAvslutat] = "efter att ärendet avslutats",
        [Inaktualitet] = "vid inaktualitet (när ärendet avslutats)",
        [Avaktiverat] = "efter att kontot avaktiverats",
    };

    public static GallringsTyp? Typ(string? kod) => Typer.FirstOrDefault(t => t.Kod == kod);

    public static GallringsTyp TypOf(BilagaKind kind) => Typer.First(t => t.Kind == kind);

    /// <summary>The rule as a sentence: "gallras 2 år efter att ärendet avslutats" or "bevaras".</summary>
    public static string Regel(GallringsplanRad rad) => rad.Atgard == Bevaras
        ? "bevaras"
        : rad.Handlingstyp == Konto
            ? $"pseudonymiseras {rad.Ar?.ToString(CultureInfo.InvariantCulture)} år {Utgangspunkter[Avaktiverat]}"
        : rad.Utgangspunkt == Inaktualitet
            ? $"gallras {Utgangspunkter[Inaktualitet]}"
            : $"gallras {rad.Ar?.ToString(CultureInfo.InvariantCulture)} år {Utgangspunkter.GetValueOrDefault(rad.Utgangspunkt ?? "", rad.Utgangspunkt ?? "")}";

    /// <summary>The rows in force, by handlingstyp, of one organisation.</summary>
    public static async Task<Dictionary<string, GallringsplanRad>> GallandeAsync(RemissFlowDbContext db, Guid organisationId, CancellationToken ct) =>
        (await db.Gallringsplan.AsNoTracking().Where(r => r.OrganisationId == organisationId && r.Giltig).ToListAsync(ct))
            .ToDictionary(r => r.Handlingstyp, StringComparer.Ordinal);

    /// <summary>
    /// Every handling the plan classifies, held by <paramref name="organisationId"/> (every organisation when null),
    /// as of <paramref name="today"/> (Stockholm). <paramref name="utom"/> is a proposal whose own handlingar count as free.
    /// </summary>
    public static async Task<List<GallringsKandidat>> KandidaterAsync(RemissFlowDbContext db, Guid? organisationId, DateOnly today, CancellationToken ct, Guid? utom = null)
    {
        // Read apart and joined here: a handling hangs off a remiss or an answer, and the holder depends on which.
        var bilagor = await db.Bilagor.AsNoTracking().Select(b => new { b.Id, b.Kind, b.FileName, b.Rubrik, b.UploadedAt, b.RemissId, b.RemissvarId }).ToListAsync(ct);
        var remisser = await db.Remisser.AsNoTracking().Select(r => new { r.Id, r.Dnr, r.Status, r.AvsandareId }).ToDictionaryAsync(r => r.Id, ct);
        var svar = await db.Remissvar.AsNoTracking().Select(v => new { v.Id, Dnr = v.Dnr ?? v.AvsandareDnr, v.Status, v.InstansId, v.RemissId }).ToDictionaryAsync(v => v.Id, ct);
        var utomstaende = (await db.Organisationer.AsNoTracking().Where(o => o.Kind == OrganisationKind.ExternOrganisation).Select(o => o.Id).ToListAsync(ct)).ToHashSet();

        var handlingar = bilagor.Select(b =>
        {
            // An outside organisation's answer is held by the sender that registered it (the rule SekretessRegister follows).
            var (arendeTyp, arendeId, dnr, status, holder) = b.RemissvarId is { } sid && svar.TryGetValue(sid, out var v)
                ? (nameof(Domain.Remissvar), v.Id, v.Dnr, v.Status, utomstaende.Contains(v.InstansId) ? remisser.GetValueOrDefault(v.RemissId)?.AvsandareId : v.InstansId)
                : b.RemissvarId is null && b.RemissId is { } rid && remisser.TryGetValue(rid, out var r)
                    ? (nameof(Remiss), r.Id, r.Dnr, r.Status, (Guid?)r.AvsandareId)
                    : ("", Guid.Empty, null, null, null);
            return new Handling(b.Id, TypOf(b.Kind), SekretessTyp.Fil, b.Rubrik ?? b.FileName, b.UploadedAt, arendeTyp, arendeId, dnr, status, holder);
        }).ToList();

        // TU versions that were never approved, in the instans's own ärende. A TU that was never approved at all keeps its
        // latest version, the ärende's record of what was drafted; an approved one keeps the approved version.
        var tuUtkast = Typ(TuUtkast)!;
        var versioner = await (from tv in db.TjansteutlatandeVersioner.AsNoTracking()
                               join t in db.Tjansteutlatanden on tv.TjansteutlatandeId equals t.Id
                               select new { tv.Id, tv.Nummer, tv.Rubrik, TuRubrik = t.Rubrik, tv.SkapadAt, t.RemissvarId, t.GodkandVersion, Senaste = t.Versioner.Max(x => x.Nummer) })
            .ToListAsync(ct);
        handlingar.AddRange(versioner
            .Where(x => x.Nummer != x.GodkandVersion && (x.GodkandVersion is not null || x.Nummer != x.Senaste) && svar.ContainsKey(x.RemissvarId))
            .Select(x =>
            {
                var v = svar[x.RemissvarId];
                return new Handling(x.Id, tuUtkast, SekretessTyp.TuVersion, $"Tjänsteutlåtande version {x.Nummer.ToString(CultureInfo.InvariantCulture)}: {x.Rubrik ?? x.TuRubrik}",
                    x.SkapadAt, nameof(Domain.Remissvar), v.Id, v.Dnr, v.Status, v.InstansId);
            }));
        handlingar = handlingar.Where(h => h.Holder is { } o && (organisationId is null || o == organisationId)).ToList();

        var sekretess = new HashSet<Guid>();
        foreach (var typ in handlingar.Select(h => h.SekretessTyp).Distinct())
        {
            sekretess.UnionWith(await SekretessRegister.MarkedAsync(db, typ, handlingar.Where(h => h.SekretessTyp == typ).Select(h => h.Id).ToList(), ct));
        }

        var forslag = await (from p in db.GallringsPoster.AsNoTracking()
                             join g in db.Gallringsbeslut on p.BeslutId equals g.Id
                             where g.Status == "foreslaget" && g.Id != utom
                             select p.HandlingId).ToListAsync(ct);
        var iForslag = forslag.ToHashSet();
        var closed = handlingar.Where(h => Avslutat(h.ArendeTyp, h.Status)).Select(h => h.ArendeId).Distinct().ToList();
        var closedAt = await ClosedAtAsync(db, closed, ct);
        var plans = new Dictionary<Guid, Dictionary<string, GallringsplanRad>>();
        var result = new List<GallringsKandidat>(handlingar.Count);
        foreach (var h in handlingar)
        {
            var holder = h.Holder!.Value;
            if (!plans.TryGetValue(holder, out var plan))
            {
                plans[holder] = plan = await GallandeAsync(db, holder, ct);
            }

            var typ = h.Typ;
            var rad = plan.GetValueOrDefault(typ.Kod);
            DateOnly? from = null;
            GallringsStatus status;
            string skal;
            if (rad is null)
            {
                (status, skal) = (GallringsStatus.IngenPlanrad, $"{typ.Namn}: dokumenthanteringsplanen har ingen rad för typen, så handlingen bevaras.");
            }
            else if (rad.Atgard == Bevaras)
            {
                (status, skal) = (GallringsStatus.Bevaras, $"{typ.Namn} bevaras enligt dokumenthanteringsplanen (version {V(rad.PlanVersion)}).");
            }
            else if (sekretess.Contains(h.Id))
            {
                (status, skal) = (GallringsStatus.Sekretess, $"{typ.Namn} är sekretessmarkerad och gallras inte här.");
            }
            else
            {
                // Counted from its upprättande or from the closing, but never while the ärende is open.
                DateOnly? start = !Avslutat(h.ArendeTyp, h.Status)
                    ? null
                    : rad.Utgangspunkt == Upprattad
                        ? StockholmTime.DateOf(h.UploadedAt)
                        : closedAt.TryGetValue(h.ArendeId, out var at) ? StockholmTime.DateOf(at) : null;
                if (start is null)
                {
                    (status, skal) = (GallringsStatus.ArendetOppet, $"{typ.Namn} {Regel(rad)}, och ärendet är inte avslutat.");
                }
                else
                {
                    // The handling is kept through the last day of its time and may be gallrad from the day after.
                    from = start.Value.AddYears(rad.Utgangspunkt == Inaktualitet ? 0 : rad.Ar ?? 0).AddDays(1);
                    var grund = $"{typ.Namn} {Regel(rad)} ({(rad.Utgangspunkt == Upprattad ? "upprättad" : "avslutat")} {Iso(start.Value)}; planen version {V(rad.PlanVersion)})";
                    (status, skal) = iForslag.Contains(h.Id)
                        ? (GallringsStatus.IForslag, $"{grund}; finns redan i ett förslag till gallringsbeslut.")
                        : from <= today
                            ? (GallringsStatus.Forfallen, $"{grund}; får gallras från {Iso(from.Value)}.")
                            : (GallringsStatus.EjForfallen, $"{grund}; får gallras först {Iso(from.Value)}.");
                }
            }

            result.Add(new GallringsKandidat(typ.Kod, h.Id, holder, h.ArendeTyp, h.ArendeId, h.Dnr, h.Namn, rad, from, status, skal));
        }

        return result.OrderBy(k => k.GallrasFran ?? DateOnly.MaxValue).ThenBy(k => k.Dnr, StringComparer.Ordinal).ThenBy(k => k.Namn, StringComparer.Ordinal).ToList();
    }

    /// <summary>One handling as read for the plan: a file or a TU version, with its ärende and the organisation that holds it.</summary>
    private sealed record Handling(Guid Id, GallringsTyp Typ, string SekretessTyp, string Namn, DateTimeOffset UploadedAt, string ArendeTyp, Guid ArendeId, string? Dnr, string? Status, Guid? Holder);

    private static bool Avslutat(string arendeTyp, string? status) => status is not null && (arendeTyp == nameof(Remiss)
        ? ExportArkivpaket.AvslutadeRemisser.Contains(status)
        : ExportArkivpaket.AvslutadeRemissvar.Contains(status));

    /// <summary>When each closed ärende closed: its last workflow step in the audit log (a later note, a marking or a gallring does not move it).</summary>
    private static async Task<Dictionary<Guid, DateTimeOffset>> ClosedAtAsync(RemissFlowDbContext db, List<Guid> ids, CancellationToken ct)
    {
        var result = new Dictionary<Guid, DateTimeOffset>();
        foreach (var chunk in ids.Chunk(500))
        {
            var rows = await db.Handelser.AsNoTracking().Where(h => chunk.Contains(h.ArendeId) && h.Action.StartsWith("workflow."))
                .Select(h => new { h.ArendeId, h.At }).ToListAsync(ct);
            foreach (var r in rows)
            {
                if (!result.TryGetValue(r.ArendeId, out var at) || r.At > at)
                {
                    result[r.ArendeId] = r.At;
                }
            }
        }

        return result;
    }

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string V(int v) => v.ToString(CultureInfo.InvariantCulture);
}
