using System.Collections.Concurrent;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using RemissFlow.Documents.Layout;

namespace RemissFlow.Documents.Pdf;

/// <summary>
/// Serves Liberation Sans from the assembly's embedded resources, so output never depends on the fonts installed
/// on the machine. PDFsharp embeds only the glyphs used (a subset).
/// </summary>
public sealed class EmbeddedFontResolver : IFontResolver
{
    private static readonly ConcurrentDictionary<string, byte[]> Cache = new();

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        // Every family request maps to a shipped face: there is deliberately no system font fallback.
        if (familyName == FontFallback.Secondary)
        {
            return new FontResolverInfo((bold, italic) switch
            {
                (true, true) => "DejaVuSans-BoldOblique",
                (true, false) => "DejaVuSans-Bold",
                (false, true) => "DejaVuSans-Oblique",
                _ => "DejaVuSans",
            });
        }

        var face = (bold, italic) switch
        {
            (true, true) => "LiberationSans-BoldItalic",
            (true, false) => "LiberationSans-Bold",
            (false, true) => "LiberationSans-Italic",
            _ => "LiberationSans-Regular",
        };
        return new FontResolverInfo(face);
    }

    public byte[]? GetFont(string faceName) => Cache.GetOrAdd(faceName, Load);

    /// <summary>A shipped face's bytes by its file name (e.g. "DejaVuSans").</summary>
    internal static byte[] FontBytes(string faceName) => Cache.GetOrAdd(faceName, Load);

    private static byte[] Load(string faceName)
    {
        var name = $"RemissFlow.Documents.Fonts.{faceName}.ttf";
        using var stream = typeof(EmbeddedFontResolver).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Font resource {name} is missing from the assembly.");
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        return ms.ToArray();
    }
}

/// <summary>One-time, process-wide PDFsharp setup (the font resolver is global in PDFsharp).</summary>
public static class PdfSharpSetup
{
    private static readonly Lazy<bool> Done = new(() =>
    {
        if (GlobalFontSettings.FontResolver is not EmbeddedFontResolver)
        {
            GlobalFontSettings.FontResolver = new EmbeddedFontResolver();
        }

        return true;
    });

    public static void Ensure() => _ = Done.Value;
}

/// <summary>
/// Text widths from the real font via PDFsharp, cached per character: PDFsharp does not kern, so the width of a
/// string is the sum of its characters' advances, and caching makes line breaking cheap.
/// </summary>
public sealed class PdfTextMeasurer : ITextMeasurer
{
    private const double ReferenceSize = 1000;
    private static readonly ConcurrentDictionary<(string Family, bool Bold, bool Italic), FaceWidths> Faces = new();

    public PdfTextMeasurer() => PdfSharpSetup.Ensure();

    public double MeasureWidth(string text, TextStyle style)
    {
        // Each character is measured in the font of the fallback chain that draws it, as the PDF surface draws it.
        var sum = 0.0;
        foreach (var run in FontFallback.Runs(text))
        {
            var face = Faces.GetOrAdd((run.Family, style.Bold, style.Italic), k => new FaceWidths(k.Family, k.Bold, k.Italic));
            foreach (var c in run.Text)
            {
                sum += face.Width(c);
            }
        }

        return sum * style.Size / ReferenceSize;
    }

    private sealed class FaceWidths
    {
        private readonly double[] latin = new double[0x250];
        private readonly ConcurrentDictionary<char, double> other = new();
        private readonly XFont font;
        private readonly XGraphics graphics;
        private readonly Lock gate = new();

        public FaceWidths(string family, bool bold, bool italic)
        {
            var style = (bold ? XFontStyleEx.Bold : 0) | (italic ? XFontStyleEx.Italic : 0);
            font = new XFont(family, ReferenceSize, style, PdfSurface.FontOptions);
            graphics = XGraphics.CreateMeasureContext(new XSize(2000, 2000), XGraphicsUnit.Point, XPageDirection.Downwards);
            Array.Fill(latin, -1);
        }

        public double Width(char c)
        {
            if (c < latin.Length)
            {
                var w = latin[c];
                if (w >= 0)
                {
                    return w;
                }

                return latin[c] = Measure(c);
            }

            return other.GetOrAdd(c, Measure);
        }

        private double Measure(char c)
        {
            lock (gate)
            {
                return graphics.MeasureString(c.ToString(), font).Width;
            }
        }
    }
}
