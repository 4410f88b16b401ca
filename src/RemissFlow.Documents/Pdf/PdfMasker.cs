using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace RemissFlow.Documents.Pdf;

/// <summary>An area to black out: page (from 1) and a rectangle in percent of the page, from its top left corner.</summary>
public sealed record MaskArea(int Sida, double X, double Y, double Bredd, double Hojd);

/// <summary>The masking could not be done (pdftoppm missing or failing, a page that does not exist); the message is Swedish.</summary>
public sealed class PdfMaskException(string message) : Exception(message);

/// <summary>
/// A masked copy of an uploaded PDF: every page is rendered to pixels (pdftoppm), the areas are painted black in the
/// pixels themselves and a new PDF is built from the images alone. Nothing of the original survives (no text layer, no
/// fonts, no metadata, no image under a black box), so masked text cannot be copied out or recovered.
/// </summary>
public static class PdfMasker
{
    public const int DefaultDpi = 110;

    /// <summary>Whether pdftoppm is on the PATH, for callers that may go on without masking (the demo).</summary>
    public static bool ToolInstalled =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "pdftoppm")));

    public static byte[] Mask(byte[] pdf, IReadOnlyList<MaskArea> areas, int dpi = DefaultDpi, TimeSpan? timeout = null)
    {
        var dir = Directory.CreateTempSubdirectory("remissflow-mask-");
        try
        {
            var input = Path.Combine(dir.FullName, "in.pdf");
            File.WriteAllBytes(input, pdf);
            Run("pdftoppm", ["-r", dpi.ToString(CultureInfo.InvariantCulture), input, Path.Combine(dir.FullName, "sida")], timeout ?? TimeSpan.FromMinutes(2));

            // pdftoppm pads the page number to the width of the last one (sida-1.ppm or sida-01.ppm …).
            var pages = dir.GetFiles("sida-*.ppm")
                .OrderBy(f => int.Parse(f.Name["sida-".Length..^".ppm".Length], CultureInfo.InvariantCulture)).ToList();
            if (pages.Count == 0)
            {
                throw new PdfMaskException("PDF-filen har inga sidor som kan återges.");
            }

            var missing = areas.FirstOrDefault(a => a.Sida < 1 || a.Sida > pages.Count);
            if (missing is not null)
            {
                throw new PdfMaskException($"Sidan {missing.Sida} finns inte; filen har {pages.Count} sidor.");
            }

            PdfSharpSetup.Ensure();
            using var document = new PdfDocument();
            document.Info.Title = "Maskerad kopia";
            // As the other PDFs of this layer: saved uncompressed, then given complete zlib streams (PdfStreamCompressor).
            document.Options.NoCompression = true;
            document.Options.CompressContentStreams = false;
            for (var i = 0; i < pages.Count; i++)
            {
                var image = Ppm.Read(File.ReadAllBytes(pages[i].FullName));
                foreach (var a in areas.Where(a => a.Sida == i + 1))
                {
                    image.Black(a);
                }

                var page = document.AddPage();
                page.Width = XUnit.FromPoint(image.Width * 72.0 / dpi);
                page.Height = XUnit.FromPoint(image.Height * 72.0 / dpi);
                using var gfx = XGraphics.FromPdfPage(page);
                using var xi = XImage.FromStream(new MemoryStream(image.ToPng(), writable: false));
                gfx.DrawImage(xi, 0, 0, page.Width.Point, page.Height.Point);
            }

            using var ms = new MemoryStream();
            document.Save(ms, false);
            return PdfStreamCompressor.Compress(ms.ToArray());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Runs a command-line tool (pdftoppm, tesseract) to its end or the timeout; a failure is a <see cref="PdfMaskException"/> in Swedish.</summary>
    public static void Run(string tool, IReadOnlyList<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new PdfMaskException($"{tool} kunde inte startas.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new PdfMaskException(tool == "pdftoppm" ? "pdftoppm (poppler-utils) är inte installerat på servern." : $"{tool} är inte installerat på servern.");
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new PdfMaskException("Sidorna tog för lång tid att återge.");
            }

            if (process.ExitCode != 0)
            {
                throw new PdfMaskException("Filen kunde inte återges som bilder (skadad eller lösenordsskyddad PDF).");
            }

            _ = stderr.Result;
        }
    }

    /// <summary>A binary PPM (P6, 8 bits) as pdftoppm writes it.</summary>
    private sealed class Ppm(int width, int height, byte[] rgb)
    {
        public int Width { get; } = width;

        public int Height { get; } = height;

        public static Ppm Read(byte[] data)
        {
            var pos = 0;
            string Token()
            {
                while (pos < data.Length && (char.IsWhiteSpace((char)data[pos]) || data[pos] == '#'))
                {
                    if (data[pos] == '#')
                    {
                        while (pos < data.Length && data[pos] != '\n')
                        {
                            pos++;
                        }
                    }
                    else
                    {
                        pos++;
                    }
                }

                var start = pos;
                while (pos < data.Length && !char.IsWhiteSpace((char)data[pos]))
                {
                    pos++;
                }

                return Encoding.ASCII.GetString(data, start, pos - start);
            }

            if (Token() != "P6")
            {
                throw new PdfMaskException("Sidan kunde inte läsas som bild.");
            }

            var w = int.Parse(Token(), CultureInfo.InvariantCulture);
            var h = int.Parse(Token(), CultureInfo.InvariantCulture);
            if (Token() != "255")
            {
                throw new PdfMaskException("Sidan kunde inte läsas som bild.");
            }

            pos++; // the single whitespace before the pixels
            return new Ppm(w, h, data.AsSpan(pos, w * h * 3).ToArray());
        }

        public void Black(MaskArea a)
        {
            var x0 = Clamp((int)Math.Floor(a.X / 100 * Width), Width);
            var y0 = Clamp((int)Math.Floor(a.Y / 100 * Height), Height);
            var x1 = Clamp((int)Math.Ceiling((a.X + a.Bredd) / 100 * Width), Width);
            var y1 = Clamp((int)Math.Ceiling((a.Y + a.Hojd) / 100 * Height), Height);
            for (var y = y0; y < y1; y++)
            {
                rgb.AsSpan(((y * Width) + x0) * 3, (x1 - x0) * 3).Clear();
            }
        }

        private static int Clamp(int v, int max) => Math.Max(0, Math.Min(v, max));

        /// <summary>RGB, 8 bits, no filter per scanline, one zlib stream: the least PNG PDFsharp reads.</summary>
        public byte[] ToPng()
        {
            using var png = new MemoryStream();
            png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
            var header = new byte[13];
            BinaryPrimitives.WriteInt32BigEndian(header, Width);
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Height);
            header[8] = 8;
            header[9] = 2;
            Chunk(png, "IHDR", header);
            using (var raw = new MemoryStream())
            {
                using (var z = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
                {
                    for (var y = 0; y < Height; y++)
                    {
                        z.WriteByte(0);
                        z.Write(rgb, y * Width * 3, Width * 3);
                    }
                }

                Chunk(png, "IDAT", raw.ToArray());
            }

            Chunk(png, "IEND", []);
            return png.ToArray();
        }

        private static void Chunk(Stream s, string type, byte[] data)
        {
            Span<byte> len = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
            s.Write(len);
            var typeBytes = Encoding.ASCII.GetBytes(type);
            s.Write(typeBytes);
            s.Write(data);
            var crc = Crc32(typeBytes, data);
            BinaryPrimitives.WriteUInt32BigEndian(len, crc);
            s.Write(len);
        }

        private static readonly uint[] Table = Enumerable.Range(0, 256).Select(n =>
        {
            var c = (uint)n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            return c;
        }).ToArray();

        private static uint Crc32(byte[] a, byte[] b)
        {
            var c = 0xFFFFFFFFu;
            foreach (var x in a.Concat(b))
            {
                c = Table[(c ^ x) & 0xFF] ^ (c >> 8);
            }

            return c ^ 0xFFFFFFFFu;
        }
    }
}
