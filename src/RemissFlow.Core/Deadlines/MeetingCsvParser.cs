using System.Globalization;
using System.Text;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Core.Deadlines;

/// <summary>One sammanträde read from an import file. <paramref name="Rad"/> is the file's line number (header = 1).</summary>
public sealed record ImportedSammantrade(int Rad, string Organ, DateOnly Datum, TimeOnly? Tid, string? Lokal);

/// <summary>An import error in Swedish. <paramref name="Rad"/> is null for errors about the whole file.</summary>
public sealed record CsvImportError(int? Rad, string? Kolumn, string Meddelande)
{
    public override string ToString()
    {
        var where = (Rad, Kolumn) switch
        {
            (null, null) => string.Empty,
            (null, { } k) => $"Kolumn \"{k}\": ",
            ({ } r, null) => $"Rad {r}: ",
            ({ } r, { } k) => $"Rad {r}, kolumn \"{k}\": ",
        };
        return where + Meddelande;
    }
}

/// <summary>Either every row or every error, never both: an import is all or nothing.</summary>
public sealed record MeetingCsvImportResult(
    IReadOnlyList<ImportedSammantrade> Rows,
    IReadOnlyList<CsvImportError> Errors,
    string Encoding)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Reads a meeting calendar exported from Excel or written by hand.
/// <para>Format: a header row, then one sammanträde per row. Columns, in any order, names
/// case-insensitive: <c>organ</c> (required: the body's name), <c>datum</c> (required,
/// ÅÅÅÅ-MM-DD), <c>tid</c> (optional: start time HH:MM or HH.MM, may be empty), <c>lokal</c>
/// (optional, may be empty). Separator <c>;</c> (Swedish Excel), <c>,</c> or tab, detected from
/// the header row. Fields may be quoted with <c>"</c> as in RFC 4180. Encoding: UTF-8 with or
/// without BOM, UTF-16 with BOM, otherwise Windows-1252 (what Excel writes for "CSV (semikolonavgränsad)").</para>
/// </summary>
public static class MeetingCsvParser
{
    public const string OrganColumn = "organ";
    public const string DatumColumn = "datum";
    public const string TidColumn = "tid";
    public const string LokalColumn = "lokal";

    private static readonly string[] KnownColumns = [OrganColumn, DatumColumn, TidColumn, LokalColumn];
    private static readonly string[] TimeFormats = ["H:mm", "HH:mm", "H.mm", "HH.mm"];

    public static MeetingCsvImportResult Parse(Stream content, DateOnly today, IReadOnlyCollection<string>? knownOrgans = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        return Parse(buffer.ToArray(), today, knownOrgans);
    }

    /// <param name="today">Meetings before this date are rejected.</param>
    /// <param name="knownOrgans">When given, organ names must be one of these (case-insensitive) and are returned as spelled here.</param>
    public static MeetingCsvImportResult Parse(byte[] content, DateOnly today, IReadOnlyCollection<string>? knownOrgans = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var (text, encodingName) = Decode(content);
        var errors = new List<CsvImportError>();
        var rows = new List<ImportedSammantrade>();

        var records = ReadRecords(text, DetectSeparator(text), out int? unterminatedQuote);
        if (unterminatedQuote is { } quoteLine)
        {
            return Failure([new CsvImportError(quoteLine, null, "Ett citattecken (\") avslutas aldrig. Kontrollera raden.")], encodingName);
        }

        var header = records.FirstOrDefault(r => !r.IsBlank);
        if (header is null)
        {
            return Failure([new CsvImportError(null, null, "Filen är tom. Första raden ska vara rubrikerna organ;datum;tid;lokal.")], encodingName);
        }

        var columns = MapColumns(header, errors);
        if (errors.Count > 0)
        {
            return Failure(errors, encodingName);
        }

        var organsByName = knownOrgans?.ToDictionary(o => o.Trim(), o => o, StringComparer.OrdinalIgnoreCase);
        var seen = new Dictionary<(string Organ, DateOnly Datum, TimeOnly? Tid), int>();
        foreach (var record in records.Where(r => r.Line > header.Line && !r.IsBlank))
        {
            var row = ParseRow(record, header.Fields.Count, columns, today, organsByName, errors);
            if (row is null)
            {
                continue;
            }

            var key = (row.Organ.ToUpperInvariant(), row.Datum, row.Tid);
            if (seen.TryGetValue(key, out int firstLine))
            {
                errors.Add(new CsvImportError(record.Line, null, $"Samma sammanträde som på rad {firstLine} ({row.Organ} {SwedishText.IsoDate(row.Datum)}{(row.Tid is { } t ? " " + t.ToString("HH:mm", CultureInfo.InvariantCulture) : string.Empty)})."));
                continue;
            }

            seen[key] = record.Line;
            rows.Add(row);
        }

        if (errors.Count == 0 && rows.Count == 0)
        {
            errors.Add(new CsvImportError(null, null, "Filen innehåller inga sammanträden, bara rubrikraden."));
        }

        return errors.Count > 0 ? Failure(errors, encodingName) : new MeetingCsvImportResult(rows, [], encodingName);
    }

    private static ImportedSammantrade? ParseRow(
        CsvRecord record,
        int headerWidth,
        Dictionary<string, int> columns,
        DateOnly today,
        Dictionary<string, string>? organsByName,
        List<CsvImportError> errors)
    {
        int errorsBefore = errors.Count;
        // Excel pads rows with empty trailing fields; only non-empty extra fields are an error.
        if (record.Fields.Count > headerWidth && record.Fields.Skip(headerWidth).Any(f => f.Trim().Length > 0))
        {
            errors.Add(new CsvImportError(record.Line, null, $"Raden har {record.Fields.Count} fält men rubrikraden har {headerWidth}. Kontrollera avgränsaren och citattecken."));
            return null;
        }

        string Field(string column) =>
            columns.TryGetValue(column, out int index) && index < record.Fields.Count ? record.Fields[index].Trim() : string.Empty;

        string organ = Field(OrganColumn);
        if (organ.Length == 0)
        {
            errors.Add(new CsvImportError(record.Line, OrganColumn, "Organ saknas."));
        }
        else if (organsByName is not null)
        {
            if (organsByName.TryGetValue(organ, out var canonical))
            {
                organ = canonical;
            }
            else
            {
                errors.Add(new CsvImportError(record.Line, OrganColumn, $"Okänt organ \"{organ}\"."));
            }
        }

        string datumText = Field(DatumColumn);
        DateOnly datum = default;
        if (datumText.Length == 0)
        {
            errors.Add(new CsvImportError(record.Line, DatumColumn, "Datum saknas."));
        }
        else if (!DateOnly.TryParseExact(datumText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out datum))
        {
            errors.Add(new CsvImportError(record.Line, DatumColumn, $"\"{datumText}\" är inget giltigt datum. Skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2025-09-23."));
        }
        else if (datum < today)
        {
            errors.Add(new CsvImportError(record.Line, DatumColumn, $"Sammanträdet {datumText} har redan varit (i dag är det {SwedishText.IsoDate(today)})."));
        }
        else if (!DateBounds.Contains(datum, today))
        {
            errors.Add(new CsvImportError(record.Line, DatumColumn, DateBounds.Message("Datum", today)));
        }

        string tidText = Field(TidColumn);
        TimeOnly? tid = null;
        if (tidText.Length > 0)
        {
            if (TimeOnly.TryParseExact(tidText, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                tid = parsed;
            }
            else
            {
                errors.Add(new CsvImportError(record.Line, TidColumn, $"\"{tidText}\" är ingen giltig tid. Skriv tid som TT:MM, t.ex. 13:00."));
            }
        }

        string lokal = Field(LokalColumn);
        return errors.Count > errorsBefore ? null : new ImportedSammantrade(record.Line, organ, datum, tid, lokal.Length == 0 ? null : lokal);
    }

    private static Dictionary<string, int> MapColumns(CsvRecord header, List<CsvImportError> errors)
    {
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < header.Fields.Count; i++)
        {
            string name = header.Fields[i].Trim();
            if (name.Length == 0)
            {
                // Excel leaves empty header cells after the last real column.
                continue;
            }

            if (!KnownColumns.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new CsvImportError(header.Line, name, $"Okänd kolumn \"{name}\". Tillåtna kolumner är organ, datum, tid och lokal."));
            }
            else if (!columns.TryAdd(name, i))
            {
                errors.Add(new CsvImportError(header.Line, name.ToLowerInvariant(), $"Kolumnen \"{name.ToLowerInvariant()}\" finns två gånger."));
            }
        }

        foreach (var required in new[] { OrganColumn, DatumColumn })
        {
            if (!columns.ContainsKey(required))
            {
                errors.Add(new CsvImportError(header.Line, required, $"Kolumnen \"{required}\" saknas i rubrikraden."));
            }
        }

        return columns;
    }

    private static MeetingCsvImportResult Failure(List<CsvImportError> errors, string encoding) => new([], errors, encoding);

    internal static (string Text, string EncodingName) Decode(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (new UTF8Encoding(false, false).GetString(bytes, 3, bytes.Length - 3), "UTF-8 med BOM");
        }

        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2), "UTF-16");
        }

        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2), "UTF-16");
        }

        try
        {
            // Text in Windows-1252 with any å, ä or ö is almost never valid UTF-8, so strict decoding tells them apart.
            return (new UTF8Encoding(false, true).GetString(bytes), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            // The provider is used directly rather than registered, so importing has no process-wide side effect.
            var windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)
                ?? throw new InvalidOperationException("Windows-1252 saknas i CodePagesEncodingProvider.");
            return (windows1252.GetString(bytes), "Windows-1252");
        }
    }

    internal static char DetectSeparator(string text)
    {
        int end = text.IndexOfAny(['\r', '\n']);
        var firstLine = end < 0 ? text : text[..end];
        char[] candidates = [';', ',', '\t'];
        var best = candidates.MaxBy(c => firstLine.Count(ch => ch == c));
        return firstLine.Contains(best) ? best : ';';
    }

    internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields)
    {
        public bool IsBlank => Fields.All(f => f.Trim().Length == 0);
    }

    /// <summary>RFC 4180 records; quoted fields may hold separators, doubled quotes and line breaks.</summary>
    internal static List<CsvRecord> ReadRecords(string text, char separator, out int? unterminatedQuoteLine)
    {
        var records = new List<CsvRecord>();
        int quoteStartLine = 0;
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        bool inQuotes = false;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }

                if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                i++;
                continue;
            }

            if (c == '"' && field.ToString().Trim().Length == 0)
            {
                field.Clear();
                inQuotes = true;
                quoteStartLine = recordLine;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                field.Clear();
                records.Add(new CsvRecord(recordLine, fields.ToList()));
                fields.Clear();
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
            }

            i++;
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add(new CsvRecord(recordLine, fields.ToList()));
        }

        unterminatedQuoteLine = inQuotes ? quoteStartLine : null;
        return records;
    }
}
