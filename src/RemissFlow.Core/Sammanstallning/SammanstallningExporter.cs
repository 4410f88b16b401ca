using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using RemissFlow.Core.Documents;
using RemissFlow.Core.Files;
using RemissFlow.Core.Workflow;
using RemissFlow.Documents;
using RemissFlow.Documents.Composition;
using RemissFlow.Documents.Pdf;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Sammanstallning;

public enum SammanstallningFormat
{
    Pdf,
    Docx,
    Xlsx,
    Csv,
    Zip,
}

public static class SammanstallningFormats
{
    /// <summary>By file extension, as the CLI's --out and download links name them.</summary>
    public static bool TryFromExtension(string? extension, out SammanstallningFormat format) =>
        Enum.TryParse((extension ?? "").TrimStart('.'), ignoreCase: true, out format) && Enum.IsDefined(format);

    public static string MediaType(SammanstallningFormat f) => f switch
    {
        SammanstallningFormat.Pdf => "application/pdf",
        SammanstallningFormat.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        SammanstallningFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        SammanstallningFormat.Csv => "text/csv; charset=utf-8",
        SammanstallningFormat.Zip => "application/zip",
        _ => throw new ArgumentOutOfRangeException(nameof(f)),
    };
}

/// <summary>
/// The sammanställning of one remiss in every format, all from one <see cref="RemissMatrix"/>, so each output shows the
/// numbers the KS matrix shows. Read-only. Throws <see cref="DocumentDataException"/> when there is nothing to compile.
/// </summary>
public sealed class SammanstallningExporter(RemissMatrixQuery matrices, SvarsDokumentSamlare samlare, DocumentRenderer renderer, RemissFlowDbContext db, FileStore files, TimeProvider clock)
{
    public const string ManifestName = "manifest.csv";

    public async Task<RenderedDocument> ExportAsync(Guid remissId, SammanstallningFormat format, IProgress<SammanstallningProgress>? progress = null, CancellationToken ct = default)
    {
        var matrix = await MatrixAsync(remissId, ct);
        var content = format switch
        {
            SammanstallningFormat.Pdf => await PdfAsync(matrix, progress, ct),
            SammanstallningFormat.Docx => await DocxAsync(matrix, progress, ct),
            SammanstallningFormat.Xlsx => SammanstallningXlsx.Write(matrix),
            SammanstallningFormat.Csv => SammanstallningTable.Csv(matrix),
            SammanstallningFormat.Zip => await ZipAsync(matrix, progress, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
        return new RenderedDocument(content, SammanstallningFormats.MediaType(format), FileName(matrix.Remiss.Dnr, format));
    }

    /// <summary>"sammanstallning-KS-2025-1616.pdf".</summary>
    public static string FileName(string dnr, SammanstallningFormat format) =>
        $"sammanstallning-{Labels.FileSafe(dnr.Replace('/', '-'))}.{format.ToString().ToLowerInvariant()}";

    public async Task<RemissMatrix> MatrixAsync(Guid remissId, CancellationToken ct)
    {
        var matrix = await matrices.ForRemissAsync(remissId, ct) ?? throw new DocumentDataException("Remissen finns inte.");
        if (matrix.Remiss.Status == RemissState.Utkast)
        {
            throw new DocumentDataException("Remissen är inte utskickad; det finns inga svar att sammanställa.");
        }

        return matrix;
    }

    /// <summary>The compiled PDF: the sammanställning's own pages, then every answer in full, with contents and bookmarks.</summary>
    public async Task<byte[]> PdfAsync(RemissMatrix matrix, IProgress<SammanstallningProgress>? progress, CancellationToken ct)
    {
        var letterhead = await LetterheadIdAsync(matrix, ct);
        var documents = await samlare.CollectAsync(matrix, render: true, progress, ct);
        var embedded = documents.Where(d => d.KanBaddasIn).ToList();
        var notEmbedded = documents.Where(d => !d.KanBaddasIn).ToList();

        // The contents give page numbers that depend on how long the contents themselves are: lay out until stable.
        var coverPages = 1;
        PdfOutput cover = null!;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var next = coverPages + 1;
            var toc = embedded.Select(d =>
            {
                var row = new InnehallsRad(d.Row.Instans, d.Rubrik, next);
                next += d.Pages!.Value;
                return row;
            }).ToList();
            cover = renderer.RenderComposedPdf(SammanstallningDocument.Compose(matrix, renderer.Letterhead(letterhead), toc, notEmbedded, withPageNumbers: true), letterhead);
            if (cover.Pages == coverPages)
            {
                break;
            }

            coverPages = cover.Pages;
        }

        progress?.Report(new SammanstallningProgress(0, 1, "Fogar samman PDF"));
        var parts = new List<PdfBundlePart> { new(cover.Bytes, ["Sammanställning"]) };
        parts.AddRange(embedded.Select(d => new PdfBundlePart(d.Content!, [d.Row.Instans, d.Rubrik])));
        var bytes = PdfBundle.Merge(parts, $"Sammanställning av remissvar: {matrix.Remiss.Title}", matrix.Remiss.Avsandare);
        progress?.Report(new SammanstallningProgress(1, 1, "Fogar samman PDF"));
        return bytes;
    }

    /// <summary>Word: the same first pages, then each TU and protokollsutdrag composed in; uploaded files are named (Word cannot hold a PDF's pages).</summary>
    public async Task<byte[]> DocxAsync(RemissMatrix matrix, IProgress<SammanstallningProgress>? progress, CancellationToken ct)
    {
        var letterhead = await LetterheadIdAsync(matrix, ct);
        var documents = await samlare.CollectAsync(matrix, render: false, progress, ct);
        var toc = documents.Select(d => new InnehallsRad(d.Row.Instans, d.Rubrik, null)).ToList();
        var uploads = documents.Where(d => d.Typ is SvarsDokumentTyp.UppladdadPdf or SvarsDokumentTyp.UppladdadFil).ToList();
        var cover = SammanstallningDocument.Compose(matrix, renderer.Letterhead(letterhead), toc, uploads, withPageNumbers: false);

        var body = new List<ContentNode>(cover.Body);
        foreach (var group in documents.GroupBy(d => d.Row.RemissvarId))
        {
            var row = group.First().Row;
            body.Add(new TitleNode($"Svar från {row.Instans}"));
            foreach (var d in group)
            {
                if (d.Model is not null)
                {
                    body.Add(new HeadingNode(1, d.Rubrik));
                    body.AddRange(renderer.Compose(d.Model).Body);
                }
                else
                {
                    body.Add(new ParagraphNode(d.Problem is null
                        ? $"{d.Rubrik}. Filen finns i PDF-sammanställningen och i ZIP-paketet (SHA-256 {d.Sha256})."
                        : $"{d.Rubrik}: {d.Problem}. SHA-256 {d.Sha256}{(d.Adress is null ? "" : $"; hämtas på {d.Adress}")}."));
                }
            }
        }

        return renderer.RenderComposedDocx(cover with { Body = body });
    }

    /// <summary>Every answer file (rendered TU and utdrag PDFs, uploaded files as they came), the CSV, and a manifest of SHA-256 sums.</summary>
    public async Task<byte[]> ZipAsync(RemissMatrix matrix, IProgress<SammanstallningProgress>? progress, CancellationToken ct)
    {
        var documents = await samlare.CollectAsync(matrix, render: true, progress, ct);
        var manifest = new StringBuilder("fil;sha256;storlek;remissinstans;dokument\r\n");
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stamp = StockholmTime.Now(clock);
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, byte[] content, string instans, string dokument)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
                entry.LastWriteTime = stamp;
                using (var s = entry.Open())
                {
                    s.Write(content);
                }

                var sha = Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();
                manifest.Append(string.Join(';', new[] { name, sha, content.LongLength.ToString(CultureInfo.InvariantCulture), instans, dokument }.Select(SammanstallningTable.Field))).Append("\r\n");
            }

            Add(FileName(matrix.Remiss.Dnr, SammanstallningFormat.Csv), SammanstallningTable.Csv(matrix), "", "Sammanställning (CSV)");
            foreach (var d in documents.Where(d => d.Content is not null))
            {
                var folder = $"{IndexOf(matrix, d.Row) + 1:00}-{Labels.FileSafe(d.Row.Instans)}";
                var name = $"{folder}/{Labels.FileSafe(d.FileName)}";
                for (var i = 2; !used.Add(name); i++)
                {
                    name = $"{folder}/{Path.GetFileNameWithoutExtension(Labels.FileSafe(d.FileName))}-{i}{Path.GetExtension(d.FileName).ToLowerInvariant()}";
                }

                Add(name, d.Content!, d.Row.Instans, d.Rubrik);
            }

            var entryManifest = zip.CreateEntry(ManifestName, CompressionLevel.Fastest);
            entryManifest.LastWriteTime = stamp;
            using var m = entryManifest.Open();
            m.Write(Encoding.UTF8.GetPreamble());
            m.Write(Encoding.UTF8.GetBytes(manifest.ToString()));
        }

        return ms.ToArray();
    }

    private static int IndexOf(RemissMatrix matrix, MatrixRow row)
    {
        for (var i = 0; i < matrix.Rows.Count; i++)
        {
            if (matrix.Rows[i].RemissvarId == row.RemissvarId)
            {
                return i;
            }
        }

        return matrix.Rows.Count;
    }

    private async Task<string> LetterheadIdAsync(RemissMatrix matrix, CancellationToken ct)
    {
        var avsandare = await db.Organisationer.AsNoTracking().SingleAsync(o => o.Id == matrix.Remiss.AvsandareId, ct);
        return Letterheads.IdFor(avsandare, renderer, files);
    }
}
