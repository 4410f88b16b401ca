using System.Buffers.Binary;
using System.Text;
using RemissFlow.Documents.Layout;

namespace RemissFlow.Documents.Pdf;

/// <summary>A stretch of text drawn in one family of the fallback chain.</summary>
public readonly record struct FontRun(string Family, string Text);

/// <summary>
/// The shipped fonts, in the order a character is looked for: Liberation Sans (the document face), then DejaVu Sans
/// (Latin Extended for Sami, Hebrew for Yiddish, Arabic, arrows, check marks and other symbols). A character neither
/// has is drawn with the first (as its "missing glyph" box) and reported by <see cref="Missing"/>, so the caller can
/// warn naming the field and the character.
/// </summary>
public static class FontFallback
{
    public const string Secondary = "DejaVu Sans";

    public static IReadOnlyList<string> Families { get; } = [FontNames.Sans, Secondary];

    private static readonly Lazy<Coverage[]> Coverages = new(() =>
        [Coverage.Of(EmbeddedFontResolver.FontBytes("LiberationSans-Regular")), Coverage.Of(EmbeddedFontResolver.FontBytes("DejaVuSans"))]);

    /// <summary>True when some font of the chain has a glyph for <paramref name="codePoint"/> (spaces and breaks count as drawable).</summary>
    public static bool CanDraw(int codePoint) => IsInvisible(codePoint) || Coverages.Value.Any(c => c.Has(codePoint));

    /// <summary>The characters of <paramref name="text"/> no shipped font can draw, each once, in order.</summary>
    public static IReadOnlyList<Rune> Missing(string text)
    {
        List<Rune>? missing = null;
        foreach (var r in text.EnumerateRunes())
        {
            if (!CanDraw(r.Value) && !(missing?.Contains(r) ?? false))
            {
                (missing ??= []).Add(r);
            }
        }

        return missing ?? [];
    }

    /// <summary>Splits <paramref name="text"/> into runs, each in the first family that has all its characters.</summary>
    public static IReadOnlyList<FontRun> Runs(string text)
    {
        var coverages = Coverages.Value;
        var runs = new List<FontRun>(1);
        var current = -1;
        var start = 0;
        var i = 0;
        foreach (var r in text.EnumerateRunes())
        {
            var font = 0;
            if (!IsInvisible(r.Value))
            {
                font = Array.FindIndex(coverages, c => c.Has(r.Value));
                if (font < 0)
                {
                    font = 0;
                }
            }
            else if (current >= 0)
            {
                // A space keeps the run it is in, so a Hebrew or Arabic name stays one run.
                font = current;
            }

            if (font != current)
            {
                if (current >= 0)
                {
                    runs.Add(new FontRun(Families[current], text[start..i]));
                }

                current = font;
                start = i;
            }

            i += r.Utf16SequenceLength;
        }

        if (current >= 0)
        {
            runs.Add(new FontRun(Families[current], text[start..]));
        }

        return runs;
    }

    /// <summary>
    /// The text in drawing order: each stretch of Hebrew or Arabic letters (with their points and the spaces between
    /// them) reversed, letter by letter with its marks, so it reads right to left on the page and text extraction
    /// (which reverses right-to-left glyphs again) gives the logical order. No shaping: Arabic letters keep their
    /// isolated forms; and no full bidi: digits and Latin inside such a stretch are not handled.
    /// </summary>
    public static string Visual(string text)
    {
        if (!text.Any(IsRightToLeft))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (!IsRightToLeft(text[i]))
            {
                sb.Append(text[i]);
                i++;
                continue;
            }

            var end = i;
            while (end < text.Length && (IsRightToLeft(text[end]) || char.GetUnicodeCategory(text[end]) == System.Globalization.UnicodeCategory.NonSpacingMark
                       || (text[end] == ' ' && end + 1 < text.Length && IsRightToLeft(text[end + 1]))))
            {
                end++;
            }

            var letters = new List<string>();
            var e = System.Globalization.StringInfo.GetTextElementEnumerator(text[i..end]);
            while (e.MoveNext())
            {
                letters.Add((string)e.Current);
            }

            for (var k = letters.Count - 1; k >= 0; k--)
            {
                sb.Append(letters[k]);
            }

            i = end;
        }

        return sb.ToString();
    }

    private static bool IsRightToLeft(char c) => c is (>= '\u0590' and <= '\u08FF') or (>= '\uFB1D' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFF')
        && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark;

    private static bool IsInvisible(int c) => c is ' ' or '\u00A0' or '\t' or '\n' or '\r';

    /// <summary>Which code points a TrueType font maps to glyphs, read from its cmap (format 4 and 12 subtables).</summary>
    private sealed class Coverage
    {
        private readonly List<(int First, int Last)> ranges = [];

        public bool Has(int c)
        {
            int lo = 0, hi = ranges.Count - 1;
            while (lo <= hi)
            {
                var mid = (lo + hi) / 2;
                if (c < ranges[mid].First)
                {
                    hi = mid - 1;
                }
                else if (c > ranges[mid].Last)
                {
                    lo = mid + 1;
                }
                else
                {
                    return true;
                }
            }

            return false;
        }

        public static Coverage Of(byte[] font)
        {
            var span = font.AsSpan();
            var tables = BinaryPrimitives.ReadUInt16BigEndian(span[4..]);
            var cmap = -1;
            for (var t = 0; t < tables; t++)
            {
                var record = span[(12 + 16 * t)..];
                if (Encoding.ASCII.GetString(record[..4]) == "cmap")
                {
                    cmap = (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
                }
            }

            if (cmap < 0)
            {
                throw new InvalidOperationException("Font without a cmap table.");
            }

            var c = span[cmap..];
            var count = BinaryPrimitives.ReadUInt16BigEndian(c[2..]);
            int best = -1, bestFormat = 0;
            for (var s = 0; s < count; s++)
            {
                var platform = BinaryPrimitives.ReadUInt16BigEndian(c[(4 + 8 * s)..]);
                var encoding = BinaryPrimitives.ReadUInt16BigEndian(c[(6 + 8 * s)..]);
                var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(c[(8 + 8 * s)..]);
                var format = BinaryPrimitives.ReadUInt16BigEndian(c[offset..]);
                var unicode = platform == 0 || (platform == 3 && encoding is 1 or 10);
                if (unicode && (format == 12 || (format == 4 && bestFormat != 12)))
                {
                    best = offset;
                    bestFormat = format;
                }
            }

            var result = new Coverage();
            var sub = c[best..];
            if (bestFormat == 12)
            {
                var groups = BinaryPrimitives.ReadUInt32BigEndian(sub[12..]);
                for (var g = 0; g < groups; g++)
                {
                    var grp = sub[(16 + 12 * g)..];
                    result.ranges.Add(((int)BinaryPrimitives.ReadUInt32BigEndian(grp), (int)BinaryPrimitives.ReadUInt32BigEndian(grp[4..])));
                }
            }
            else if (bestFormat == 4)
            {
                var segX2 = BinaryPrimitives.ReadUInt16BigEndian(sub[6..]);
                var ends = sub[14..];
                var starts = sub[(16 + segX2)..];
                var deltas = sub[(16 + 2 * segX2)..];
                var rangeOffsets = sub[(16 + 3 * segX2)..];
                for (var seg = 0; seg < segX2 / 2; seg++)
                {
                    int end = BinaryPrimitives.ReadUInt16BigEndian(ends[(2 * seg)..]);
                    int start = BinaryPrimitives.ReadUInt16BigEndian(starts[(2 * seg)..]);
                    var delta = BinaryPrimitives.ReadInt16BigEndian(deltas[(2 * seg)..]);
                    int ro = BinaryPrimitives.ReadUInt16BigEndian(rangeOffsets[(2 * seg)..]);
                    for (var ch = start; ch <= end && ch != 0xFFFF; ch++)
                    {
                        int glyph;
                        if (ro == 0)
                        {
                            glyph = (ch + delta) & 0xFFFF;
                        }
                        else
                        {
                            var at = 2 * seg + ro + 2 * (ch - start);
                            glyph = BinaryPrimitives.ReadUInt16BigEndian(rangeOffsets[at..]);
                            glyph = glyph == 0 ? 0 : (glyph + delta) & 0xFFFF;
                        }

                        if (glyph != 0)
                        {
                            result.Add(ch);
                        }
                    }
                }
            }

            return result;
        }

        private void Add(int c)
        {
            if (ranges.Count > 0 && ranges[^1].Last == c - 1)
            {
                ranges[^1] = (ranges[^1].First, c);
            }
            else
            {
                ranges.Add((c, c));
            }
        }
    }
}
