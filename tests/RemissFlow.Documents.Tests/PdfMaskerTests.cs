using System.Globalization;
using System.Text;
using RemissFlow.Documents.Models;
using RemissFlow.Documents.Pdf;

namespace RemissFlow.Documents.Tests;

/// <summary>A masked copy is the original's pages as pixels with the areas painted black: no text survives, and what is masked is black.</summary>
public sealed class PdfMaskerTests
{
    private static byte[] Original() => Examples.Renderer.RenderPdf(Examples.Load(DocumentKind.Tjansteutlatande));

    [Test]
    public void No_text_of_the_original_survives_and_the_masked_area_is_black()
    {
        var original = Original();
        Assert.That(Examples.Flat(Tools.PdfToText(original)), Has.Length.GreaterThan(200), "the example has text to lose");

        var masked = PdfMasker.Mask(original, [new MaskArea(1, 10, 20, 80, 30)], dpi: 60);

        Assert.That(Tools.PdfToText(masked).Trim(), Is.Empty, "pdftotext finds nothing: the copy is images only");
        Assert.That(Encoding.Latin1.GetString(masked), Does.Not.Contain("/Font"), "no font, so no text layer");
        Tools.QpdfCheck(masked);

        var (w, h, rgb) = Render(masked, page: 1);
        Assert.That(Box(w, h, rgb, 12, 22, 76, 26).All(v => v == 0), Is.True, "inside the area every pixel is black");
        Assert.That(Box(w, h, rgb, 0, 0, 100, 15).Any(v => v > 200), Is.True, "outside it the page is still there");
        Assert.That(PageCount(masked), Is.EqualTo(PageCount(original)).And.GreaterThan(1), "every page is kept");
    }

    [Test]
    public void A_page_that_does_not_exist_or_a_damaged_file_is_refused_in_swedish()
    {
        var e = Assert.Throws<PdfMaskException>(() => PdfMasker.Mask(Original(), [new MaskArea(99, 0, 0, 10, 10)], dpi: 30));
        Assert.That(e!.Message, Does.StartWith("Sidan 99 finns inte"));
        var damaged = Assert.Throws<PdfMaskException>(() => PdfMasker.Mask(Encoding.ASCII.GetBytes("%PDF-1.4 trasig"), [new MaskArea(1, 0, 0, 10, 10)]));
        Assert.That(damaged!.Message, Does.Contain("kunde inte återges"));
    }

    private static int PageCount(byte[] pdf)
    {
        var path = WriteTemp(pdf);
        try
        {
            var info = Tools.Run("pdfinfo", path).Output;
            return int.Parse(info.Split('\n').First(l => l.StartsWith("Pages:", StringComparison.Ordinal))[6..].Trim(), CultureInfo.InvariantCulture);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string WriteTemp(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rf-mask-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        return path;
    }

    /// <summary>The page as pdftoppm draws it (P6, 30 dpi).</summary>
    private static (int W, int H, byte[] Rgb) Render(byte[] pdf, int page)
    {
        var path = WriteTemp(pdf);
        var prefix = path + "-sida";
        var p = page.ToString(CultureInfo.InvariantCulture);
        var (exit, output) = Tools.Run("pdftoppm", "-r", "30", "-f", p, "-l", p, "-singlefile", path, prefix);
        Assert.That(exit, Is.Zero, output);
        var data = File.ReadAllBytes(prefix + ".ppm");
        File.Delete(prefix + ".ppm");
        File.Delete(path);
        var header = Encoding.ASCII.GetString(data, 0, 40).Split((char[])['\n', ' '], 5);
        var (w, h) = (int.Parse(header[1], CultureInfo.InvariantCulture), int.Parse(header[2], CultureInfo.InvariantCulture));
        return (w, h, data[^(w * h * 3)..]);
    }

    private static IEnumerable<byte> Box(int w, int h, byte[] rgb, double x, double y, double bw, double bh)
    {
        for (var row = (int)(y / 100 * h); row < (int)((y + bh) / 100 * h); row++)
        {
            for (var col = (int)(x / 100 * w); col < (int)((x + bw) / 100 * w); col++)
            {
                for (var c = 0; c < 3; c++)
                {
                    yield return rgb[(((row * w) + col) * 3) + c];
                }
            }
        }
    }
}

/// <summary>A masked copy of an own document: the passage is replaced wherever it stands and the document renders again.</summary>
public sealed class DocumentMaskingTests
{
    [Test]
    public void A_passage_is_replaced_in_every_section_and_the_copy_renders_without_it()
    {
        var model = Examples.Load<TjansteutlatandeModel>();
        var text = Examples.Flat(Tools.PdfToText(Examples.Renderer.RenderPdf(model)));
        var passage = model.Dnr;
        Assert.That(text, Does.Contain(passage));

        var masked = DocumentMasking.Mask(model, [passage], DocumentMasking.Replacement("OSL 21:7"));
        var maskedText = Examples.Flat(Tools.PdfToText(Examples.Renderer.RenderPdf(masked)));
        Assert.That(maskedText, Does.Not.Contain(passage));
        Assert.That(maskedText, Does.Contain("[…] (OSL 21:7)"));
    }

    [Test]
    public void A_passage_not_in_the_document_is_refused_by_name()
    {
        var e = Assert.Throws<DocumentInputException>(() => DocumentMasking.Mask(Examples.Load<TjansteutlatandeModel>(), ["Detta står inte i handlingen"], "[…]"));
        Assert.That(e!.Message, Does.Contain("finns inte i handlingen"));
    }
}
