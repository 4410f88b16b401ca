using System.Security.Cryptography;
using RemissFlow.Core.Documents;
using RemissFlow.Core.Files;
using RemissFlow.Documents;
using RemissFlow.Documents.Models;
using RemissFlow.Documents.Pdf;

namespace RemissFlow.Core.Sammanstallning;

public enum SvarsDokumentTyp
{
    Tjansteutlatande,
    Protokollsutdrag,
    /// <summary>An uploaded PDF: appended to the sammanställning page by page.</summary>
    UppladdadPdf,
    /// <summary>An uploaded Office file: cannot be embedded in a PDF, so it is listed with its SHA-256.</summary>
    UppladdadFil,
}

/// <summary>
/// One document of one given answer, ready to compile. <see cref="Content"/> is null when it could not be made;
/// <see cref="Problem"/> then says why, in Swedish, and the sammanställning prints that instead of failing.
/// </summary>
public sealed record SvarsDokument(MatrixRow Row, SvarsDokumentTyp Typ, string Rubrik, string FileName, byte[]? Content, int? Pages, string? Problem)
{
    /// <summary>The document model (TU, utdrag) the content was rendered from; Word composes it inline.</summary>
    public IDocumentModel? Model { get; init; }

    /// <summary>Where anyone can fetch an uploaded file: its address on the remiss's public page (given answers are public).</summary>
    public string? Adress { get; init; }

    public string? Sha256 { get; } = Content is null ? null : Convert.ToHexString(SHA256.HashData(Content)).ToLowerInvariant();

    public bool KanBaddasIn => Content is not null && Pages is > 0 && Typ != SvarsDokumentTyp.UppladdadFil;
}

/// <summary>How far a long compilation has come, for progress bars.</summary>
public sealed record SammanstallningProgress(int Klara, int Totalt, string Steg);

/// <summary>
/// Produces every given answer's documents: the approved TU and the protokollsutdrag rendered through the document
/// layer, and uploaded files as they came. Models are read one at a time (one DbContext); rendering, the slow part,
/// runs in parallel, overlapping the reading, because the renderer is thread-safe.
/// </summary>
public sealed class SvarsDokumentSamlare(DocumentModelFactory models, DocumentRenderer renderer, FileStore files)
{
    /// <summary>What the sammanställning says in a sekretessmarkerad handling's place.</summary>
    public const string SekretessText = "handling med sekretess";

    /// <param name="render">False: models only (Word composes them itself), no PDF rendering.</param>
    public async Task<IReadOnlyList<SvarsDokument>> CollectAsync(RemissMatrix matrix, bool render, IProgress<SammanstallningProgress>? progress, CancellationToken ct)
    {
        var slots = new List<Slot>();
        var rendering = new List<Task>();
        var total = matrix.Rows.Where(r => r.Besvarad).Sum(r => (r.HarGodkantTjansteutlatande ? 1 : 0) + (r.HarJusteratBeslut ? 1 : 0));
        var done = 0;
        using var lanes = new SemaphoreSlim(Math.Max(1, Environment.ProcessorCount));
        progress?.Report(new SammanstallningProgress(0, total, "Renderar svar"));

        // Reading models is database-bound and sequential; each model is rendered on the pool as soon as it is read.
        void Queue(Slot slot)
        {
            slots.Add(slot);
            if (!render || slot.Model is null)
            {
                return;
            }

            rendering.Add(Task.Run(async () =>
            {
                await lanes.WaitAsync(ct);
                try
                {
                    var output = renderer.RenderPdfWithPageCount(slot.Model);
                    slot.Content = output.Bytes;
                    slot.Pages = output.Pages;
                }
                catch (DocumentException e)
                {
                    slot.Problem = e.Message;
                }
                finally
                {
                    lanes.Release();
                }

                progress?.Report(new SammanstallningProgress(Interlocked.Increment(ref done), total, "Renderar svar"));
            }, ct));
        }

        foreach (var row in matrix.Rows.Where(r => r.Besvarad))
        {
            if (row.HarGodkantTjansteutlatande)
            {
                Queue(await ModelSlot(row, SvarsDokumentTyp.Tjansteutlatande, () => models.TjansteutlatandeAsync(row.RemissvarId, null, ct)));
            }

            if (row.HarJusteratBeslut)
            {
                Queue(await ModelSlot(row, SvarsDokumentTyp.Protokollsutdrag, () => models.ProtokollsutdragAsync(row.RemissvarId, ct)));
            }

            foreach (var fil in row.Filer)
            {
                Queue(FileSlot(matrix.Remiss.Id, row, fil));
            }

            // In the marked handling's place: that it exists and is secret, nothing of its content or name.
            foreach (var hemlig in row.Sekretess)
            {
                Queue(new Slot(row, hemlig.Typ, hemlig.Rubrik, hemlig.Rubrik) { Problem = SekretessText });
            }
        }

        await Task.WhenAll(rendering);
        return slots.Select(s => new SvarsDokument(s.Row, s.Typ, s.Rubrik, s.FileName, s.Content, s.Pages, s.Problem) { Model = s.Model, Adress = s.Adress }).ToList();
    }

    private static async Task<Slot> ModelSlot<T>(MatrixRow row, SvarsDokumentTyp typ, Func<Task<T>> build)
        where T : IDocumentModel
    {
        var rubrik = typ == SvarsDokumentTyp.Tjansteutlatande ? "Tjänsteutlåtande" : "Protokollsutdrag";
        try
        {
            var model = await build();
            return new Slot(row, typ, $"{rubrik} {model.Dnr}", DocumentService.FileName(model, OutputFormat.Pdf)) { Model = model };
        }
        catch (DocumentDataException e)
        {
            return new Slot(row, typ, rubrik, $"{typ.ToString().ToLowerInvariant()}.pdf") { Problem = e.Message };
        }
    }

    private Slot FileSlot(Guid remissId, MatrixRow row, SvarsFil fil)
    {
        var content = files.Read(fil.Sha256);
        var isPdf = fil.MediaType == UploadPolicy.Pdf;
        var slot = new Slot(row, isPdf ? SvarsDokumentTyp.UppladdadPdf : SvarsDokumentTyp.UppladdadFil, $"Inlämnat svar: {fil.FileName}", fil.FileName)
        {
            Content = content,
            Adress = PublicRemissQuery.DocumentPath(remissId, PublicRemissQuery.FileDocumentId(fil.BilagaId)),
        };
        if (content is null)
        {
            slot.Problem = "Filen saknas i fillagret.";
        }
        else if (isPdf)
        {
            slot.Pages = PdfBundle.ImportablePageCount(content, out var reason);
            if (slot.Pages is null)
            {
                slot.Problem = $"kunde inte bifogas: {reason}; filen finns i ZIP-paketet";
            }
        }

        return slot;
    }

    private sealed class Slot(MatrixRow row, SvarsDokumentTyp typ, string rubrik, string fileName)
    {
        public MatrixRow Row { get; } = row;
        public SvarsDokumentTyp Typ { get; } = typ;
        public string Rubrik { get; } = rubrik;
        public string FileName { get; } = fileName;
        public IDocumentModel? Model { get; init; }
        public string? Adress { get; init; }
        public byte[]? Content { get; set; }
        public int? Pages { get; set; }
        public string? Problem { get; set; }
    }
}
