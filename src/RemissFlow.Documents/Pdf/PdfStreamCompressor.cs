using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace RemissFlow.Documents.Pdf;

/// <summary>
/// Compresses the streams of an uncompressed PDFsharp file with a complete zlib stream.
/// </summary>
/// <remarks>
/// Why: PDFsharp 6.5's own deflate output ends with a sync flush, with no final block and no Adler-32 checksum,
/// so qpdf warns "input stream is complete but output may still be valid" on every stream. We save with
/// compression off and compress here with System.IO.Compression's zlib, rebuilding the cross-reference table.
/// The XMP metadata stream stays unfiltered, as PDF/A wants metadata readable without decoding.
/// </remarks>
internal static class PdfStreamCompressor
{
    private static readonly byte[] EndStream = "endstream"u8.ToArray();

    public static byte[] Compress(byte[] pdf, CompressionLevel level = CompressionLevel.Optimal)
    {
        var startXref = ParseStartXref(pdf);
        var (objects, xrefEnd) = ParseXref(pdf, startXref);
        var trailerStart = IndexOf(pdf, "trailer"u8, xrefEnd);
        if (trailerStart < 0)
        {
            throw new InvalidOperationException("PDF has no trailer.");
        }

        var trailerEnd = IndexOf(pdf, "startxref"u8, trailerStart);

        var ordered = objects.Where(o => o.Offset > 0).OrderBy(o => o.Offset).ToArray();
        using var output = new MemoryStream(pdf.Length);
        var firstObject = ordered.Length > 0 ? ordered[0].Offset : startXref;
        output.Write(pdf, 0, firstObject);

        var newOffsets = new Dictionary<int, long>();
        for (var i = 0; i < ordered.Length; i++)
        {
            var start = ordered[i].Offset;
            var end = i + 1 < ordered.Length ? ordered[i + 1].Offset : startXref;
            newOffsets[ordered[i].Number] = output.Position;
            WriteObject(output, pdf.AsSpan(start, end - start), level);
        }

        var xrefPos = output.Position;
        var size = objects.Count;
        var sb = new StringBuilder();
        sb.Append("xref\n0 ").Append(size.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("0000000000 65535 f \n");
        for (var n = 1; n < size; n++)
        {
            if (newOffsets.TryGetValue(n, out var off))
            {
                sb.Append(off.ToString("D10", CultureInfo.InvariantCulture)).Append(" 00000 n \n");
            }
            else
            {
                sb.Append("0000000000 65535 f \n");
            }
        }

        output.Write(Encoding.ASCII.GetBytes(sb.ToString()));
        output.Write(pdf, trailerStart, trailerEnd - trailerStart);
        output.Write(Encoding.ASCII.GetBytes($"startxref\n{xrefPos.ToString(CultureInfo.InvariantCulture)}\n%%EOF\n"));
        return output.ToArray();
    }

    private static void WriteObject(Stream output, ReadOnlySpan<byte> obj, CompressionLevel level)
    {
        var endStream = obj.LastIndexOf(EndStream);
        if (endStream < 0)
        {
            output.Write(obj);
            return;
        }

        // The first "stream" keyword after the dictionary; the data itself may contain the word anywhere.
        var keyword = -1;
        var from = 0;
        while (from < endStream)
        {
            var k = obj[from..endStream].IndexOf("stream"u8);
            if (k < 0)
            {
                break;
            }

            k += from;
            if (k > 0 && obj[k - 1] is (byte)'>' or (byte)'\n' or (byte)'\r' or (byte)' ' && obj[k + 6] is (byte)'\r' or (byte)'\n')
            {
                keyword = k;
                break;
            }

            from = k + 6;
        }

        if (keyword < 0)
        {
            output.Write(obj);
            return;
        }

        var dictText = Encoding.Latin1.GetString(obj[..keyword]);
        var lengthAt = dictText.IndexOf("/Length ", StringComparison.Ordinal);
        if (lengthAt < 0 || dictText.Contains("/Filter", StringComparison.Ordinal) || dictText.Contains("/Type/Metadata", StringComparison.Ordinal))
        {
            output.Write(obj);
            return;
        }

        var numberStart = lengthAt + "/Length ".Length;
        var numberEnd = numberStart;
        while (numberEnd < dictText.Length && char.IsAsciiDigit(dictText[numberEnd]))
        {
            numberEnd++;
        }

        var length = int.Parse(dictText.AsSpan(numberStart, numberEnd - numberStart), CultureInfo.InvariantCulture);

        var dataStart = keyword + "stream".Length;
        if (obj[dataStart] == '\r')
        {
            dataStart++;
        }

        if (obj[dataStart] == '\n')
        {
            dataStart++;
        }

        var data = obj.Slice(dataStart, length);

        using var compressed = new MemoryStream(length / 2 + 64);
        using (var z = new ZLibStream(compressed, level, leaveOpen: true))
        {
            z.Write(data);
        }

        var newDict = string.Concat(
            dictText.AsSpan(0, lengthAt),
            $"/Filter/FlateDecode/Length {compressed.Length.ToString(CultureInfo.InvariantCulture)}",
            dictText.AsSpan(numberEnd));
        output.Write(Encoding.Latin1.GetBytes(newDict));
        output.Write("stream\n"u8);
        output.Write(compressed.GetBuffer(), 0, (int)compressed.Length);
        output.Write("\n"u8);
        output.Write(obj[(dataStart + length)..].TrimStart("\r\n"u8));
    }

    private static int ParseStartXref(byte[] pdf)
    {
        var at = pdf.AsSpan().LastIndexOf("startxref"u8);
        if (at < 0)
        {
            throw new InvalidOperationException("PDF has no startxref.");
        }

        var s = Encoding.ASCII.GetString(pdf, at + 9, Math.Min(32, pdf.Length - at - 9)).Trim();
        var digits = new string(s.TakeWhile(char.IsAsciiDigit).ToArray());
        return int.Parse(digits, CultureInfo.InvariantCulture);
    }

    private static (List<(int Number, int Offset)> Objects, int End) ParseXref(byte[] pdf, int start)
    {
        var text = Encoding.ASCII.GetString(pdf, start, pdf.Length - start);
        var lines = text.Split('\n');
        if (lines[0].Trim() != "xref")
        {
            throw new InvalidOperationException("Expected a classic xref table.");
        }

        var header = lines[1].Trim().Split(' ');
        var first = int.Parse(header[0], CultureInfo.InvariantCulture);
        var count = int.Parse(header[1], CultureInfo.InvariantCulture);
        if (first != 0)
        {
            throw new InvalidOperationException("Expected one xref subsection starting at 0.");
        }

        var objects = new List<(int, int)>(count);
        var consumed = lines[0].Length + 1 + lines[1].Length + 1;
        for (var i = 0; i < count; i++)
        {
            var line = lines[2 + i];
            consumed += line.Length + 1;
            var inUse = line.Length >= 18 && line[17] == 'n';
            objects.Add((i, inUse ? int.Parse(line.AsSpan(0, 10), CultureInfo.InvariantCulture) : 0));
        }

        return (objects, start + consumed);
    }

    private static int IndexOf(byte[] data, ReadOnlySpan<byte> needle, int from)
    {
        var i = data.AsSpan(from).IndexOf(needle);
        return i < 0 ? -1 : from + i;
    }
}
