using RemissFlow.Core.Features.Sekretess;
using RemissFlow.Core.Workflow;
using RemissFlow.Workflows.Calendar;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Sammanstallning;

/// <summary>Where one instans stands with its answer, as KS counts it.</summary>
public enum SvarsKategori
{
    BesvaratITid,
    BesvaratSent,
    Avstatt,
    Anstand,
    /// <summary>Not answered after svarsdatum has passed: only then is an answer missing.</summary>
    Saknas,
    Aterkallad,
    /// <summary>Not answered yet, with svarsdatum still ahead (or today): nothing is late.</summary>
    EjBesvarad,
}

/// <summary>An anstånd that matters for an open answer: the date, and whether the sender has granted it or it is still asked for.</summary>
public sealed record AnstandInfo(DateOnly Datum, bool Beviljat);

/// <summary>An answer file an outside organisation (or KS for it) uploaded.</summary>
public sealed record SvarsFil(Guid BilagaId, string FileName, string MediaType, long Size, string Sha256, DateTimeOffset UploadedAt);

/// <summary>A given answer's handling kept out of the matrix because it is sekretessmarkerad; the sammanställning says "handling med sekretess" in its place.</summary>
public sealed record SekretessPost(SvarsDokumentTyp Typ, string Rubrik);

/// <summary>Where the key points shown came from.</summary>
public enum NyckelpunktKalla
{
    Ingen,
    Svaret,
    Tjansteutlatandet,
}

/// <summary>One instans's line in the KS matrix and in the sammanställning.</summary>
public sealed record MatrixRow
{
    public required Guid RemissvarId { get; init; }
    public required Guid InstansId { get; init; }
    public required string Instans { get; init; }
    public required OrganisationKind InstansKind { get; init; }
    public required int Ordning { get; init; }
    /// <summary>The instans's own dnr (null for outside organisations and before registration).</summary>
    public string? Dnr { get; init; }
    /// <summary>The workflow state, for links and filters; <see cref="Kategori"/> is what KS reads.</summary>
    public required string Status { get; init; }
    public required SvarsKategori Kategori { get; init; }
    /// <summary>Working days late: for a late answer, how late it came; for a missing one past svarsdatum, how late it is now.</summary>
    public int? ForsenadArbetsdagar { get; init; }
    /// <summary>Answered (or avstått) on or before the instans's svarsdatum; null while open.</summary>
    public bool? ITid { get; init; }
    /// <summary>This instans's deadline (after any granted anstånd).</summary>
    public required DateOnly Svarsdatum { get; init; }
    public required DateOnly UrsprungligtSvarsdatum { get; init; }
    public AnstandInfo? Anstand { get; init; }
    public DateOnly? InlamnadDatum { get; init; }
    public Utfall? Utfall { get; init; }
    public Standpunkt? Standpunkt { get; init; }
    public string? Nyckelpunkter { get; init; }
    public NyckelpunktKalla NyckelpunkterKalla { get; init; }
    /// <summary>Only answers that have been given: an approved TU of an answered instans.</summary>
    public bool HarGodkantTjansteutlatande { get; init; }
    /// <summary>The latest beslut has a paragraph and is justerat, so a protokollsutdrag can be made.</summary>
    public bool HarJusteratBeslut { get; init; }
    public IReadOnlyList<SvarsFil> Filer { get; init; } = [];
    /// <summary>The given answer's handlingar that are sekretessmarkerade: left out of the flags and files above.</summary>
    public IReadOnlyList<SekretessPost> Sekretess { get; init; } = [];

    public bool Besvarad => Kategori is SvarsKategori.BesvaratITid or SvarsKategori.BesvaratSent or SvarsKategori.Avstatt;

    public int Version { get; init; }
}

/// <summary>Counts over one remiss's rows. <see cref="AndelITid"/> is on-time answers over the answers that are due (given, or missing past svarsdatum).</summary>
public sealed record MatrixSummary(int Antal, int BesvaratITid, int BesvaratSent, int Avstatt, int Anstand, int Saknas, int Aterkallad, int ITid, int Forfallna, double? AndelITid,
    int EjBesvarad = 0)
{
    public int Besvarade => BesvaratITid + BesvaratSent + Avstatt;

    public int Count(SvarsKategori kategori) => kategori switch
    {
        SvarsKategori.BesvaratITid => BesvaratITid,
        SvarsKategori.BesvaratSent => BesvaratSent,
        SvarsKategori.Avstatt => Avstatt,
        SvarsKategori.Anstand => Anstand,
        SvarsKategori.Saknas => Saknas,
        SvarsKategori.Aterkallad => Aterkallad,
        SvarsKategori.EjBesvarad => EjBesvarad,
        _ => 0,
    };

    public static MatrixSummary Of(IReadOnlyList<MatrixRow> rows)
    {
        int Of(SvarsKategori k) => rows.Count(r => r.Kategori == k);
        var onTime = rows.Count(r => r.ITid == true);
        // The rate counts the answers given and those missing after svarsdatum; an open answer before its svarsdatum
        // (or within an anstånd) is not counted either way.
        var due = rows.Count(r => r.Besvarad) + Of(SvarsKategori.Saknas);
        return new MatrixSummary(rows.Count, Of(SvarsKategori.BesvaratITid), Of(SvarsKategori.BesvaratSent), Of(SvarsKategori.Avstatt),
            Of(SvarsKategori.Anstand), Of(SvarsKategori.Saknas), Of(SvarsKategori.Aterkallad), onTime, due, due == 0 ? null : (double)onTime / due,
            Of(SvarsKategori.EjBesvarad));
    }
}

public sealed record MatrixRemiss(Guid Id, string Dnr, string Title, string? Description, Guid AvsandareId, string Avsandare, string Status,
    DateOnly? UtskickDatum, DateOnly Svarsdatum, bool SammanstallningPublicerad, int Version);

/// <summary>The KS matrix of one remiss: who has answered, how, and the counts. The sammanställning is built from exactly this.</summary>
public sealed record RemissMatrix(MatrixRemiss Remiss, IReadOnlyList<MatrixRow> Rows, MatrixSummary Summary, DateOnly AsOf);

/// <summary>
/// The one query behind the KS matrix (web), the sammanställning (all formats), the charts and the public page,
/// so every view counts the same way. Read-only.
/// </summary>
public sealed class RemissMatrixQuery(RemissFlowDbContext db, IWorkingDayCalendar calendar, TimeProvider clock)
{
    public async Task<RemissMatrix?> ForRemissAsync(Guid remissId, CancellationToken ct = default) =>
        (await ForRemisserAsync([remissId], ct: ct)).SingleOrDefault();

    /// <summary>Remisser sent by <paramref name="avsandareId"/> (not drafts), newest svarsdatum first: the KS overview across remisser.</summary>
    /// <param name="statuses">Only remisser in these states (in SQL, before any row is read); all sent ones when null.</param>
    public async Task<IReadOnlyList<RemissMatrix>> ForAvsandareAsync(Guid avsandareId, IReadOnlyCollection<string>? statuses = null, bool categoriesOnly = false, CancellationToken ct = default)
    {
        var query = db.Remisser.AsNoTracking().Where(r => r.AvsandareId == avsandareId && r.UtskickDatum != null);
        if (statuses is not null)
        {
            query = query.Where(r => statuses.Contains(r.Status));
        }

        var ids = await query.Select(r => r.Id).ToListAsync(ct);
        return (await ForRemisserAsync(ids, categoriesOnly, ct)).OrderByDescending(m => m.Remiss.Svarsdatum).ThenBy(m => m.Remiss.Dnr, StringComparer.Ordinal).ToList();
    }

    /// <param name="categoriesOnly">Leave out what only the matrix's cells show (key points, beslut, files): for figures over many remisser, which need only each answer's category and dates.</param>
    public async Task<IReadOnlyList<RemissMatrix>> ForRemisserAsync(IReadOnlyCollection<Guid> remissIds, bool categoriesOnly = false, CancellationToken ct = default)
    {
        if (remissIds.Count == 0)
        {
            return [];
        }

        var ids = remissIds.Distinct().ToList();
        var today = StockholmTime.Today(clock);
        var remisser = await db.Remisser.AsNoTracking().Include(r => r.Remisslista).Where(r => ids.Contains(r.Id)).ToListAsync(ct);
        var svar = await db.Remissvar.AsNoTracking().Where(s => ids.Contains(s.RemissId)).ToListAsync(ct);
        var svarIds = svar.Select(s => s.Id).ToList();
        var orgIds = svar.Select(s => s.InstansId).Concat(remisser.Select(r => r.AvsandareId)).Distinct().ToList();
        var orgs = await db.Organisationer.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var anstand = (await db.Anstand.AsNoTracking().Where(a => svarIds.Contains(a.RemissvarId)).ToListAsync(ct)).ToLookup(a => a.RemissvarId);
        var approved = categoriesOnly ? [] : await (
                from t in db.Tjansteutlatanden.AsNoTracking()
                join v in db.TjansteutlatandeVersioner.AsNoTracking() on t.Id equals v.TjansteutlatandeId
                where svarIds.Contains(t.RemissvarId) && t.GodkandVersion == v.Nummer
                select new { t.RemissvarId, v.Id, v.Sammanfattning })
            .ToDictionaryAsync(x => x.RemissvarId, x => (x.Id, x.Sammanfattning), ct);
        var beslut = (categoriesOnly ? [] : await db.Beslut.AsNoTracking().Where(b => svarIds.Contains(b.RemissvarId)).ToListAsync(ct))
            .GroupBy(b => b.RemissvarId)
            .ToDictionary(g => g.Key, g => g.OrderBy(b => b.Datum).ThenBy(b => b.Id).Last());
        var filer = (categoriesOnly ? [] : await db.Bilagor.AsNoTracking().Where(b => b.RemissvarId != null && svarIds.Contains(b.RemissvarId.Value) && b.Kind == BilagaKind.Svar).ToListAsync(ct))
            .ToLookup(b => b.RemissvarId!.Value);
        // The matrix is read by the sender and the public, never by the holding instans alone: a marked handling stays out of it.
        var hemliga = new HemligaHandlingar(
            await SekretessRegister.MarkedAsync(db, SekretessTyp.TuVersion, approved.Values.Select(a => a.Id), ct),
            await SekretessRegister.MarkedAsync(db, SekretessTyp.Beslut, beslut.Values.Select(b => b.Id), ct),
            await SekretessRegister.MarkedAsync(db, SekretessTyp.Fil, filer.SelectMany(g => g).Select(b => b.Id), ct),
            await SekretessRegister.MaskedCopiesAsync(db, SekretessTyp.Fil, filer.SelectMany(g => g).Select(b => b.Id), ct),
            await SekretessRegister.MaskedCopiesAsync(db, SekretessTyp.TuVersion, approved.Values.Select(a => a.Id), ct),
            await SekretessRegister.MaskedCopiesAsync(db, SekretessTyp.Beslut, beslut.Values.Select(b => b.Id), ct));
        var result = new List<RemissMatrix>();
        var svarByRemiss = svar.ToLookup(s => s.RemissId);
        foreach (var remiss in remisser)
        {
            var ordning = remiss.Remisslista.ToDictionary(p => p.OrganisationId, p => p.Ordning);
            var rows = svarByRemiss[remiss.Id]
                .Select(s => Row(s, orgs[s.InstansId], ordning.GetValueOrDefault(s.InstansId, int.MaxValue), remiss, today, anstand[s.Id].ToList(),
                    approved.TryGetValue(s.Id, out var a) ? a : null, beslut.GetValueOrDefault(s.Id), filer[s.Id].ToList(), hemliga))
                .OrderBy(r => r.Ordning).ThenBy(r => r.Instans, StringComparer.Ordinal)
                .ToList();
            var header = new MatrixRemiss(remiss.Id, remiss.Dnr, remiss.Title, remiss.Description, remiss.AvsandareId, orgs[remiss.AvsandareId].Name, remiss.Status,
                remiss.UtskickDatum, remiss.Svarsdatum, remiss.SammanstallningPublicerad, remiss.Version);
            result.Add(new RemissMatrix(header, rows, MatrixSummary.Of(rows), today));
        }

        return result;
    }

    private MatrixRow Row(Domain.Remissvar s, Organisation instans, int ordning, Remiss remiss, DateOnly today, List<Anstand> anstand,
        (Guid Id, string? Sammanfattning)? approvedTu, Beslut? beslut, List<Bilaga> filer, HemligaHandlingar hemliga)
    {
        var sekretess = new List<SekretessPost>();
        var tuHemlig = approvedTu is { } tu && hemliga.Tu.Contains(tu.Id);
        var approvedSammanfattning = tuHemlig ? null : approvedTu?.Sammanfattning;
        var harTu = approvedTu is not null && !tuHemlig;
        // A marked TU or utdrag with a masked copy (passages replaced, re-rendered) is shown as that copy, among the files.
        var kopior = new List<SvarsFil>();
        if (tuHemlig && hemliga.TuKopior.TryGetValue(approvedTu!.Value.Id, out var tuKopia))
        {
            kopior.Add(new SvarsFil(tuKopia.HandlingId, tuKopia.FileName, tuKopia.MediaType, tuKopia.Size, tuKopia.Sha256, tuKopia.SkapadAt));
        }
        else if (tuHemlig)
        {
            sekretess.Add(new SekretessPost(SvarsDokumentTyp.Tjansteutlatande, "Tjänsteutlåtande"));
        }

        var justerat = beslut is { Paragraf: not null } && (beslut.JusteradDatum is not null || beslut.OmedelbarJustering);
        if (justerat && hemliga.Beslut.Contains(beslut!.Id))
        {
            justerat = false;
            if (hemliga.BeslutKopior.TryGetValue(beslut.Id, out var utdragKopia))
            {
                kopior.Add(new SvarsFil(utdragKopia.HandlingId, utdragKopia.FileName, utdragKopia.MediaType, utdragKopia.Size, utdragKopia.Sha256, utdragKopia.SkapadAt));
            }
            else
            {
                sekretess.Add(new SekretessPost(SvarsDokumentTyp.Protokollsutdrag, "Protokollsutdrag"));
            }
        }

        // A marked file with a masked copy is shown as that copy; one without is named only as secret.
        sekretess.AddRange(filer.Where(f => hemliga.Filer.Contains(f.Id) && !hemliga.Kopior.ContainsKey(f.Id)).Select(_ => new SekretessPost(SvarsDokumentTyp.UppladdadFil, "Inlämnad fil")));
        var visade = filer.Where(f => !hemliga.Filer.Contains(f.Id)).Select(f => new SvarsFil(f.Id, Files.UploadPolicy.StoredName(f.FileName, f.MediaType), f.MediaType, f.Size, f.Sha256, f.UploadedAt))
            .Concat(filer.Where(f => hemliga.Filer.Contains(f.Id) && hemliga.Kopior.ContainsKey(f.Id))
                .Select(f => Kopia(f, hemliga.Kopior[f.Id])))
            .OrderBy(f => f.UploadedAt).ThenBy(f => f.BilagaId)
            .Concat(kopior).ToList();

        var k = SvarsKlassning.Classify(s.Status, s.Utfall, s.Svarsdatum, s.InlamnadAt ?? s.PreliminartSvarAt, anstand.Select(AnstandFakta.Of), today, calendar);
        var answered = k.Besvarad;

        // Key points: what the instans (or KS) wrote; else the approved TU's sammanfattning — never a draft, never before the answer is given.
        var (punkter, kalla) = !answered ? (null, NyckelpunktKalla.Ingen)
            : !string.IsNullOrWhiteSpace(s.Nyckelpunkter) ? (s.Nyckelpunkter, NyckelpunktKalla.Svaret)
            : !string.IsNullOrWhiteSpace(approvedSammanfattning) ? (approvedSammanfattning, NyckelpunktKalla.Tjansteutlatandet)
            : (null, NyckelpunktKalla.Ingen);

        return new MatrixRow
        {
            RemissvarId = s.Id,
            InstansId = instans.Id,
            Instans = instans.Name,
            InstansKind = instans.Kind,
            Ordning = ordning,
            Dnr = s.Dnr,
            Status = s.Status,
            Kategori = k.Kategori,
            ForsenadArbetsdagar = k.ForsenadArbetsdagar,
            ITid = k.ITid,
            Svarsdatum = s.Svarsdatum,
            UrsprungligtSvarsdatum = remiss.Svarsdatum,
            Anstand = k.Anstand,
            InlamnadDatum = k.InlamnadDatum,
            Utfall = answered ? s.Utfall : null,
            Standpunkt = answered ? s.Standpunkt : null,
            Nyckelpunkter = punkter,
            NyckelpunkterKalla = kalla,
            HarGodkantTjansteutlatande = answered && harTu,
            HarJusteratBeslut = answered && justerat,
            Sekretess = answered ? sekretess : [],
            Filer = answered ? visade : [],
            Version = s.Version,
        };
    }

    private static SvarsFil Kopia(Bilaga f, MaskeradKopia k) => new(f.Id, k.FileName, k.MediaType, k.Size, k.Sha256, f.UploadedAt);

    private sealed record HemligaHandlingar(HashSet<Guid> Tu, HashSet<Guid> Beslut, HashSet<Guid> Filer, Dictionary<Guid, MaskeradKopia> Kopior,
        Dictionary<Guid, MaskeradKopia> TuKopior, Dictionary<Guid, MaskeradKopia> BeslutKopior);
}
