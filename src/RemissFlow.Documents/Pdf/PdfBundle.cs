using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace RemissFlow.Documents.Pdf;

/// <summary>
/// One PDF to append to a bundle. <paramref name="Outline"/> is the bookmark path of its first page, e.g.
/// ["Servicenämnden", "Tjänsteutlåtande SF 2026/186"]; parts sharing a prefix share the parent bookmark.
/// </summary>
public sealed record PdfBundlePart(byte[] Pdf, IReadOnlyList<string> Outline);

/// <summary>
/// Joins whole PDFs — documents this layer rendered and files that came from outside — into one file with
/// bookmarks, keeping every page as it was (imported, not re-drawn).
/// </summary>
public static class PdfBundle
{
    /// <summary>
    /// The page count of a PDF that can be imported, or null with the reason in Swedish (encrypted, damaged, no pages).
    /// The file is imported for real, into a scratch document that is then written, so that a file passing here cannot
    /// fail later in <see cref="Merge"/>.
    /// </summary>
    public static int? ImportablePageCount(byte[] pdf, out string? reason)
    {
        PdfSharpSetup.Ensure();
        try
        {
            using var stream = new MemoryStream(pdf, writable: false);
            using var source = PdfReader.Open(stream, PdfDocumentOpenMode.Import);
            using var scratch = new PdfDocument();
            foreach (var page in source.Pages)
            {
                scratch.AddPage(page);
            }

            if (scratch.PageCount == 0)
            {
                reason = "filen har inga sidor";
                return null;
            }

            scratch.Save(Stream.Null, false);
            reason = null;
            return source.PageCount;
        }
        // The boundary of one outside file: PDFsharp's reader throws anything from its own exceptions to a bare
        // Exception ("StartXRef table could not be found") or an ArgumentOutOfRangeException for a damaged file, and
        // one bad answer must not take the sammanställning down with it.
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            reason = e.Message.Contains("password", StringComparison.OrdinalIgnoreCase)
                ? "filen är lösenordsskyddad"
                : "filen är skadad eller ingen läsbar PDF";
            return null;
        }
    }

    /// <summary>
    /// Appends the parts in order. The result is compressed like every other PDF of this layer, so
    /// <c>qpdf --check</c> stays clean: streams that arrive compressed keep their bytes, the rest get a complete zlib stream.
    /// </summary>
    /// <remarks>
    /// Imported pages lose their source's structure tree (PDFsharp does not merge tag trees); the bundle is for
    /// reading and printing, and each part stays available as its own tagged file.
    /// </remarks>
    public static byte[] Merge(IReadOnlyList<PdfBundlePart> parts, string title, string author, string language = "sv-SE")
    {
        PdfSharpSetup.Ensure();
        using var target = new PdfDocument();
        target.Options.NoCompression = true;
        target.Options.CompressContentStreams = false;
        target.Info.Title = title;
        target.Info.Author = author;
        target.Language = language;
        target.ViewerPreferences.DisplayDocTitle = true;
        target.PageMode = PdfPageMode.UseOutlines;

        var open = new List<(string Title, PdfOutline Node)>();
        foreach (var part in parts)
        {
            using var stream = new MemoryStream(part.Pdf, writable: false);
            using var source = PdfReader.Open(stream, PdfDocumentOpenMode.Import);
            PdfPage? first = null;
            foreach (var page in source.Pages)
            {
                var added = target.AddPage(page);
                first ??= added;
            }

            if (first is null || part.Outline.Count == 0)
            {
                continue;
            }

            // Keep the longest prefix of the previous path, then add the rest under it, pointing at this part's first page.
            var keep = 0;
            while (keep < open.Count && keep < part.Outline.Count - 1 && open[keep].Title == part.Outline[keep])
            {
                keep++;
            }

            open.RemoveRange(keep, open.Count - keep);
            for (var level = keep; level < part.Outline.Count; level++)
            {
                var node = level == 0
                    ? target.Outlines.Add(part.Outline[level], first, true)
                    : open[level - 1].Node.Outlines.Add(part.Outline[level], first, false);
                open.Add((part.Outline[level], node));
            }
        }

        using var ms = new MemoryStream(Math.Max(64 * 1024, parts.Sum(p => p.Pdf.Length) + 16 * 1024));
        target.Save(ms, false);
        return PdfStreamCompressor.Compress(ms.ToArray());
    }
}
