using System.Globalization;
using RemissFlow.Documents.Pdf;

namespace RemissFlow.Core.Intake;

/// <summary>
/// The text of a scanned PDF: each page rendered to a grey image by pdftoppm, read by <c>tesseract -l swe</c>, both run
/// as processes through the helper the masking already uses. Pages are joined with a form feed like a text layer's.
/// </summary>
public sealed class OcrReader(int dpi = 200, TimeSpan? timeoutPerPage = null)
{
    private readonly TimeSpan timeout = timeoutPerPage ?? TimeSpan.FromSeconds(60);

    private static readonly Dictionary<string, string> SingleThread = new() { ["OMP_THREAD_LIMIT"] = "1" };

    /// <summary>Whether tesseract is on the PATH (a scan cannot be read without it).</summary>
    public static bool Installed =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "tesseract")));

    public string Read(byte[] pdf)
    {
        if (!Installed || !PdfMasker.ToolInstalled)
        {
            throw new IntakeException("Filen är en inskannad PDF utan textlager, och OCR (tesseract, pdftoppm) är inte installerat på servern.");
        }

        var dir = Directory.CreateTempSubdirectory("remissflow-ocr-");
        try
        {
            var input = Path.Combine(dir.FullName, "in.pdf");
            File.WriteAllBytes(input, pdf);
            PdfMasker.Run("pdftoppm", ["-r", dpi.ToString(CultureInfo.InvariantCulture), "-gray", input, Path.Combine(dir.FullName, "sida")], timeout * 4);
            var images = dir.GetFiles("sida-*.pgm")
                .OrderBy(f => int.Parse(f.Name["sida-".Length..^".pgm".Length], CultureInfo.InvariantCulture)).ToList();
            var pages = new List<string>();
            foreach (var image in images)
            {
                var outBase = Path.Combine(dir.FullName, Path.GetFileNameWithoutExtension(image.Name));
                // One thread: tesseract's OpenMP threads fight over a busy server's cores and make a page slower, not faster.
                PdfMasker.Run("tesseract", [image.FullName, outBase, "-l", "swe"], timeout, SingleThread);
                pages.Add(File.ReadAllText(outBase + ".txt"));
            }

            return string.Join('\f', pages);
        }
        catch (PdfMaskException e)
        {
            throw new IntakeException("Den inskannade filen kunde inte läsas med OCR: " + e.Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
