using RemissFlow.Core.Documents;
using RemissFlow.Core.Files;
using RemissFlow.Core.Workflow;

namespace RemissFlow.Core.Sammanstallning;

/// <summary>A document on the public page. <see cref="Id"/> is what the web passes back to <see cref="PublicRemissQuery.DocumentAsync"/>.</summary>
public sealed record PublicDokument(string Id, string Rubrik, string FileName, string MediaType, long? Size, string? Sha256);

public sealed record PublicInstans(string Namn, string Typ, DateOnly? Inlamnad);

/// <summary>A given answer: who, when, how, and its final documents.</summary>
public sealed record PublicSvar(string Instans, string? Dnr, DateOnly? Inlamnad, string Utfall, string Standpunkt, IReadOnlyList<PublicDokument> Dokument);

/// <summary>The sammanställning's rows as published: only once KS has published it.</summary>
public sealed record PublicSammanstallningRad(string Instans, string Status, string Standpunkt, DateOnly Svarsdatum, DateOnly? Inlamnad, string? Nyckelpunkter);

public sealed record PublicSammanstallning(MatrixSummary Summering, IReadOnlyList<PublicSammanstallningRad> Rader, IReadOnlyList<PublicDokument> Dokument);

/// <summary>What anyone may read about a remiss (TF 2 kap.): built only from sent, final and given material.</summary>
public sealed record PublicRemiss(
    Guid Id,
    string Dnr,
    string Titel,
    string? Beskrivning,
    string Avsandare,
    DateOnly? UtskickDatum,
    DateOnly Svarsdatum,
    bool Aterkallad,
    IReadOnlyList<PublicDokument> Remisshandlingar,
    IReadOnlyList<PublicInstans> Remisslista,
    IReadOnlyList<PublicSvar> Svar,
    PublicSammanstallning? Sammanstallning)
{
    /// <summary>The chain, once the answer is expedierad: the outside remiss and the internal remiss sent on from it link to each other.</summary>
    public PublicKedja? Kedja { get; init; }
}

/// <summary>A remiss from outside answered by the municipality: when the answer went out, and the other remiss of the chain.</summary>
public sealed record PublicKedja(DateOnly Expedierad, Guid ExternRemissId, string ExternDnr, Guid? InternRemissId, string? InternDnr);

/// <summary>
/// The public record of a remiss, for the page without sign-in. A draft remiss does not exist here. An answer appears
/// once it is given (inlämnad, avstått, the förvaltning's answer), with only its approved TU, its justerat utdrag and
/// the files that came in; drafts, comments, anstånd reasons and open ärenden never enter the model. Documents are
/// served only through <see cref="DocumentAsync"/>, which serves nothing the model does not list.
/// </summary>
public sealed class PublicRemissQuery(RemissFlowDbContext db, RemissMatrixQuery matrices, DocumentService documents, SammanstallningExporter exporter, FileStore files)
{
    public const string SammanstallningDocumentId = "sammanstallning";

    /// <summary>The address of a listed document on the public page; the sammanställning prints it for files it cannot embed.</summary>
    public static string DocumentPath(Guid remissId, string documentId) =>
        $"/publikt/remisser/{remissId}?handler=Dokument&dokument={Uri.EscapeDataString(documentId)}";

    public static string FileDocumentId(Guid bilagaId) => $"fil-{bilagaId:N}";

    public async Task<PublicRemiss?> GetAsync(Guid remissId, CancellationToken ct = default)
    {
        var matrix = await matrices.ForRemissAsync(remissId, ct);
        // Sent is what makes a remiss public: a draft withdrawn or deleted before utskick never was. A remiss that came
        // from outside is public here once the municipality's answer to it is expedierad, and not before.
        var kedja = matrix is null ? null : await KedjaAsync(matrix.Remiss, ct);
        var fromOutside = matrix is not null && await db.Remisser.AsNoTracking().AnyAsync(x => x.Id == remissId && x.MottagenDatum != null, ct);
        if (matrix is null || (fromOutside ? kedja?.ExternRemissId != matrix.Remiss.Id : matrix.Remiss.UtskickDatum is null))
        {
            return null;
        }

        var r = matrix.Remiss;
        var handlingar = await db.Bilagor.AsNoTracking()
            .Where(b => b.RemissId == remissId && b.RemissvarId == null && b.Kind == BilagaKind.Remisshandling)
            .ToListAsync(ct);
        // A sekretessmarkerad remisshandling is not public; the answers' marked handlingar the matrix has already left out.
        // A marked one with a masked copy is shown as that copy.
        var hemliga = await Features.Sekretess.SekretessRegister.MarkedAsync(db, SekretessTyp.Fil, handlingar.Select(b => b.Id), ct);
        var kopior = await Features.Sekretess.SekretessRegister.MaskedCopiesAsync(db, SekretessTyp.Fil, hemliga, ct);
        handlingar = handlingar.Where(b => !hemliga.Contains(b.Id) || kopior.ContainsKey(b.Id))
            .Select(b => kopior.TryGetValue(b.Id, out var k)
                ? new Bilaga { Id = b.Id, Kind = b.Kind, RemissId = b.RemissId, FileName = k.FileName, Rubrik = b.Rubrik, MediaType = k.MediaType, Size = k.Size, Sha256 = k.Sha256, UploadedAt = b.UploadedAt, UploadedBy = b.UploadedBy }
                : b)
            .ToList();

        var svar = matrix.Rows.Where(x => x.Besvarad).Select(x => new PublicSvar(
            x.Instans,
            x.Dnr,
            x.InlamnadDatum,
            x.Kategori == SvarsKategori.Avstatt ? "Avstår" : x.Utfall == Utfall.ForvaltningensSvar ? "Förvaltningens svar" : "Svar",
            Labels.Standpunkt(x.Standpunkt),
            AnswerDocuments(x))).ToList();

        PublicSammanstallning? sammanstallning = null;
        if (r.SammanstallningPublicerad)
        {
            sammanstallning = new PublicSammanstallning(
                matrix.Summary,
                matrix.Rows.Select(x => new PublicSammanstallningRad(x.Instans, Labels.Status(x), Labels.Standpunkt(x.Standpunkt), x.Svarsdatum, x.InlamnadDatum, x.Nyckelpunkter)).ToList(),
                [new PublicDokument(SammanstallningDocumentId, "Sammanställning av remissvar (PDF)", SammanstallningExporter.FileName(r.Dnr, SammanstallningFormat.Pdf), "application/pdf", null, null)]);
        }

        return new PublicRemiss(
            r.Id, r.Dnr, r.Title, r.Description, r.Avsandare, r.UtskickDatum, r.Svarsdatum, r.Status == RemissState.Aterkallad,
            handlingar.OrderBy(b => b.UploadedAt).ThenBy(b => b.Id)
                .Select(b => new PublicDokument(FileDocumentId(b.Id), DocumentModelFactory.Title(b), UploadPolicy.StoredName(b.FileName, b.MediaType), b.MediaType, b.Size, b.Sha256)).ToList(),
            matrix.Rows.Select(x => new PublicInstans(x.Instans, Labels.InstansKind(x.InstansKind), x.Besvarad ? x.InlamnadDatum : null)).ToList(),
            svar,
            sammanstallning)
        { Kedja = kedja };
    }

    /// <summary>The expedierad chain this remiss belongs to (as the outside remiss or as the internal one), or null.</summary>
    private async Task<PublicKedja?> KedjaAsync(MatrixRemiss r, CancellationToken ct)
    {
        var arendeId = await db.Remisser.AsNoTracking().Where(x => x.Id == r.Id).Select(x => x.ExterntArendeId).FirstOrDefaultAsync(ct);
        var expediering = arendeId is { } a
            ? await db.Expedieringar.AsNoTracking().FirstOrDefaultAsync(e => e.RemissvarId == a, ct)
            : await db.Expedieringar.AsNoTracking().FirstOrDefaultAsync(e => e.RemissId == r.Id, ct);
        if (expediering is null)
        {
            return null;
        }

        var externDnr = await db.Remisser.AsNoTracking().Where(x => x.Id == expediering.RemissId).Select(x => x.Dnr).FirstAsync(ct);
        var intern = await db.Remisser.AsNoTracking().Where(x => x.ExterntArendeId == expediering.RemissvarId && x.UtskickDatum != null && x.Status != Remiss.Raderad)
            .Select(x => new { x.Id, x.Dnr }).FirstOrDefaultAsync(ct);
        return new PublicKedja(Workflows.Runtime.StockholmTime.DateOf(expediering.ExpedieradAt), expediering.RemissId, externDnr, intern?.Id, intern?.Dnr);
    }

    /// <summary>A document listed in <see cref="GetAsync"/>'s model, or null for anything else (so a guessed id reveals nothing).</summary>
    public async Task<RenderedDocument?> DocumentAsync(Guid remissId, string documentId, CancellationToken ct = default)
    {
        var model = await GetAsync(remissId, ct);
        var listed = model?.Remisshandlingar.Concat(model.Svar.SelectMany(s => s.Dokument)).Concat(model.Sammanstallning?.Dokument ?? [])
            .FirstOrDefault(d => d.Id == documentId);
        if (listed is null)
        {
            return null;
        }

        if (documentId == SammanstallningDocumentId)
        {
            return await exporter.ExportAsync(remissId, SammanstallningFormat.Pdf, null, ct);
        }

        var (kind, id) = (documentId[..documentId.IndexOf('-')], Guid.ParseExact(documentId[(documentId.IndexOf('-') + 1)..], "N"));
        switch (kind)
        {
            case "tu":
                // Explicitly the approved version: the factory would otherwise fall back to the latest draft.
                var approved = await db.Tjansteutlatanden.AsNoTracking().Where(t => t.RemissvarId == id).Select(t => t.GodkandVersion).SingleOrDefaultAsync(ct);
                return approved is null ? null : await documents.RenderTjansteutlatandeAsync(id, OutputFormat.Pdf, approved, ct);
            case "utdrag":
                return await documents.RenderProtokollsutdragAsync(id, OutputFormat.Pdf, ct);
            case "fil":
                var content = files.Read(listed.Sha256!);
                return content is null ? null : new RenderedDocument(content, listed.MediaType, listed.FileName);
            default:
                return null;
        }
    }

    private static List<PublicDokument> AnswerDocuments(MatrixRow x)
    {
        var list = new List<PublicDokument>();
        var dnr = Labels.FileSafe((x.Dnr ?? x.Instans).Replace('/', '-'));
        if (x.HarGodkantTjansteutlatande)
        {
            list.Add(new PublicDokument($"tu-{x.RemissvarId:N}", $"Tjänsteutlåtande {x.Dnr}".Trim(), $"tjansteutlatande-{dnr}.pdf", "application/pdf", null, null));
        }

        if (x.HarJusteratBeslut)
        {
            list.Add(new PublicDokument($"utdrag-{x.RemissvarId:N}", $"Protokollsutdrag {x.Dnr}".Trim(), $"protokollsutdrag-{dnr}.pdf", "application/pdf", null, null));
        }

        list.AddRange(x.Filer.Select(f => new PublicDokument(FileDocumentId(f.BilagaId), DocumentModelFactory.Title(f.FileName), f.FileName, f.MediaType, f.Size, f.Sha256)));
        return list;
    }
}
