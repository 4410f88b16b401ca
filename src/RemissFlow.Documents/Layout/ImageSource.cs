using System.Buffers.Binary;

namespace RemissFlow.Documents.Layout;

public enum ImageFormat { Png, Jpeg }

/// <summary>
/// A validated raster image (PNG or JPEG). Limits keep a careless 40-megapixel scan out of a letterhead:
/// such an image would bloat every archived PDF/A copy and slow every render.
/// </summary>
public sealed class ImageSource
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MaxPixels = 4000;

    private ImageSource(byte[] data, ImageFormat format, int pixelWidth, int pixelHeight, string name)
    {
        Data = data;
        Format = format;
        PixelWidth = pixelWidth;
        PixelHeight = pixelHeight;
        Name = name;
    }

    public byte[] Data { get; }
    public ImageFormat Format { get; }
    public int PixelWidth { get; }
    public int PixelHeight { get; }
    public string Name { get; }

    /// <summary>Validates and wraps image bytes; <paramref name="field"/> names the source in error messages.</summary>
    public static ImageSource FromBytes(byte[] data, string field)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length > MaxBytes)
        {
            throw new DocumentInputException(field, $"Bilden är {data.Length / 1024} kB; högst {MaxBytes / 1024} kB tillåts.");
        }

        var (format, w, h) = ReadHeader(data, field);
        if (w <= 0 || h <= 0 || w > MaxPixels || h > MaxPixels)
        {
            throw new DocumentInputException(field, $"Bilden är {w}×{h} bildpunkter; högst {MaxPixels}×{MaxPixels} tillåts.");
        }

        return new ImageSource(data, format, w, h, field);
    }

    private static (ImageFormat, int, int) ReadHeader(byte[] d, string field)
    {
        ReadOnlySpan<byte> png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (d.Length >= 24 && d.AsSpan(0, 8).SequenceEqual(png))
        {
            return (ImageFormat.Png, BinaryPrimitives.ReadInt32BigEndian(d.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(d.AsSpan(20)));
        }

        if (d.Length >= 4 && d[0] == 0xFF && d[1] == 0xD8)
        {
            // Walk the JPEG segments to the first start-of-frame marker, which carries the dimensions.
            var i = 2;
            while (i + 9 < d.Length)
            {
                if (d[i] != 0xFF) { i++; continue; }
                var marker = d[i + 1];
                var length = BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(i + 2));
                var isSof = marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC);
                if (isSof)
                {
                    return (ImageFormat.Jpeg, BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(i + 7)), BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(i + 5)));
                }

                i += 2 + length;
            }
        }

        throw new DocumentInputException(field, "Bilden är varken PNG eller JPEG, eller är skadad.");
    }
}
