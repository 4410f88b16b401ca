using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Documents;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Files;
using RemissFlow.Core.Persistence;
using RemissFlow.Documents;
using RemissFlow.Documents.Composition;
using RemissFlow.Documents.Pdf;

namespace RemissFlow.Core.Features.Sammantraden;

/// <summary>A rendered meeting document: the bytes and a file name safe in a Content-Disposition header.</summary>
public sealed record MeetingFile(byte[] Content, string MediaType, string FileName, int Pages = 0);

/// <summary>
/// Renders a meeting's kallelse (PDF or Word) and its handlingar: one PDF bundling every item's beslutsunderlag — the
/// approved TU and the remisshandlingar of each remiss ärende — behind a table of contents, with a bookmark per item.
/// Readers' access is the caller's to check; this reads what the föredragningslista holds.
/// </summary>
public sealed class KallelseExport(RemissFlowDbContext db, DocumentRenderer renderer, DocumentService documents, FileStore files)
{
    public async Task<MeetingFile?> KallelseAsync(Guid sammantradeId, bool docx, CancellationToken ct)
    {
        var ctx = await LoadAsync(sammantradeId, ct);
        if (ctx is null)
        {
            return null;
        }

        var (meeting, organ, punkter, letterhead) = ctx.Value;
        var doc = KallelseDocument.Compose(Model(meeting, organ, punkter, await OrdforandeAsync(organ.Id, meeting.Datum, ct)), renderer.Letterhead(letterhead));
        var name = $"kallelse-{FileSafe(organ.Name)}-{meeting.Datum:yyyy-MM-dd}";
        if (docx)
        {
            return new MeetingFile(renderer.RenderComposedDocx(doc), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name + ".docx");
        }

        var pdf = renderer.RenderComposedPdf(doc, letterhead);
        return new MeetingFile(pdf.Bytes, "application/pdf", name + ".pdf", pdf.Pages);
    }

    public async Task<MeetingFile?> HandlingarAsync(Guid sammantradeId, CancellationToken ct)
    {
        var ctx = await LoadAsync(sammantradeId, ct);
        if (ctx is null)
        {
            return null;
        }

        var (meeting, organ, punkter, letterhead) = ctx.Value;
        var parts = new List<(Punkt Punkt, string Rubrik, byte[] Pdf, int Pages)>();
        foreach (var p in punkter.Where(p => p.RemissvarId is not null))
        {
            var svar = await db.Remissvar.AsNoTracking().FirstAsync(v => v.Id == p.RemissvarId, ct);
            var tu = await db.Tjansteutlatanden.AsNoTracking().FirstOrDefaultAsync(t => t.RemissvarId == svar.Id, ct);
            if (tu?.GodkandVersion is { } version)
            {
                var rendered = await documents.RenderTjansteutlatandeAsync(svar.Id, OutputFormat.Pdf, version, ct);
                parts.Add((p, $"Tjänsteutlåtande {svar.Dnr}", rendered.Content, PdfBundle.ImportablePageCount(rendered.Content, out _) ?? 0));
            }

            var handlingar = await db.Bilagor.AsNoTracking()
                .Where(b => b.RemissId == svar.RemissId && b.Kind == BilagaKind.Remisshandling && b.MediaType == "application/pdf")
                .OrderBy(b => b.UploadedAt).ToListAsync(ct);
            foreach (var b in handlingar)
            {
                // A remisshandling that cannot be imported (encrypted, damaged) stays out of the bundle; the ärende still links it.
                if (files.Read(b.Sha256) is { } bytes && PdfBundle.ImportablePageCount(bytes, out _) is { } pages)
                {
                    parts.Add((p, b.Rubrik ?? b.FileName, bytes, pages));
                }
            }
        }

        // The contents page's own length moves every page number after it, so it is laid out until it stops changing.
        var head = renderer.Letterhead(letterhead);
        PdfOutput cover = renderer.RenderComposedPdf(Contents(meeting, organ, punkter, parts, head, 1), letterhead);
        for (int i = 0; i < 3; i++)
        {
            var again = renderer.RenderComposedPdf(Contents(meeting, organ, punkter, parts, head, cover.Pages), letterhead);
            bool stable = again.Pages == cover.Pages;
            cover = again;
            if (stable)
            {
                break;
            }
        }

        var bundle = new List<PdfBundlePart> { new(cover.Bytes, ["Innehåll"]) };
        bundle.AddRange(parts.Select(x => new PdfBundlePart(x.Pdf, [$"{x.Punkt.Ordning}. {x.Punkt.Rubrik}", x.Rubrik])));
        var bytesOut = PdfBundle.Merge(bundle, $"Handlingar: {organ.Name} {meeting.Datum:yyyy-MM-dd}", organ.Name);
        return new MeetingFile(bytesOut, "application/pdf", $"handlingar-{FileSafe(organ.Name)}-{meeting.Datum:yyyy-MM-dd}.pdf", cover.Pages + parts.Sum(x => x.Pages));
    }

    private static ComposedDocument Contents(Sammantrade meeting, Organ organ, IReadOnlyList<Punkt> punkter, IReadOnlyList<(Punkt Punkt, string Rubrik, byte[] Pdf, int Pages)> parts,
        global::RemissFlow.Documents.Templates.Letterhead letterhead, int coverPages)
    {
        var rows = new List<IReadOnlyList<string>>();
        int page = coverPages + 1;
        foreach (var p in punkter)
        {
            var own = parts.Where(x => x.Punkt.Id == p.Id).ToList();
            if (own.Count == 0)
            {
                rows.Add([$"{p.Ordning}. {p.Rubrik}", "Inga handlingar i RemissFlow", ""]);
            }

            foreach (var x in own)
            {
                rows.Add([$"{p.Ordning}. {p.Rubrik}", x.Rubrik, page.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                page += x.Pages;
            }
        }

        var kallelse = KallelseDocument.Compose(Model(meeting, organ, [], null), letterhead);
        return kallelse with
        {
            Metadata = kallelse.Metadata with { Title = $"Handlingar: {organ.Name} {meeting.Datum:yyyy-MM-dd}" },
            Header = kallelse.Header with { DocumentType = "Handlingar" },
            Continuation = kallelse.Continuation with { DocumentType = "Handlingar" },
            Body =
            [
                new TitleNode($"Handlingar till {organ.Name}s sammanträde"),
                new SubtitleNode(global::RemissFlow.Documents.Wording.SwedishText.WithWeekday(meeting.Datum)),
                new TableNode([4, 4, 1], ["Punkt", "Handling", "Sida"], rows),
                new ParagraphNode("Sidnumren avser sidorna i denna PDF-fil; varje handling följer med sin egen sidnumrering."),
            ],
        };
    }

    private static KallelseModel Model(Sammantrade meeting, Organ organ, IReadOnlyList<Punkt> punkter, string? ordforande) =>
        new(organ.Name, meeting.Datum, meeting.Tid, meeting.Lokal,
            punkter.Select(p => new KallelsePunkt(p.Ordning, p.Rubrik, p.Dnr, p.Foredragande, p.Beslutsforslag)).ToList(), Ordforande: ordforande);

    private Task<string?> OrdforandeAsync(Guid organId, DateOnly datum, CancellationToken ct) =>
        db.Ledamoter.AsNoTracking().Where(l => l.OrganId == organId && l.Uppdrag == Uppdrag.Ordforande && l.Fran <= datum && datum <= l.Till)
            .Select(l => l.Namn).FirstOrDefaultAsync(ct);

    private async Task<(Sammantrade, Organ, IReadOnlyList<Punkt>, string)?> LoadAsync(Guid sammantradeId, CancellationToken ct)
    {
        var meeting = await db.Sammantraden.AsNoTracking().FirstOrDefaultAsync(m => m.Id == sammantradeId, ct);
        if (meeting is null)
        {
            return null;
        }

        var organ = await db.Organ.AsNoTracking().FirstAsync(o => o.Id == meeting.OrganId, ct);
        var organisation = await db.Organisationer.AsNoTracking().FirstAsync(o => o.Id == organ.OrganisationId, ct);
        var punkter = await Foredragningslista.LoadAsync(db, meeting.Id, ct);
        return (meeting, organ, punkter, Letterheads.IdFor(organisation, renderer, files));
    }

    private static string FileSafe(string name) =>
        string.Concat(name.ToLowerInvariant().Select(c => c switch { 'å' or 'ä' => 'a', 'ö' => 'o', _ when char.IsAsciiLetterOrDigit(c) => c, _ => '-' })).Trim('-');
}
