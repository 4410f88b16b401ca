using System.Globalization;
using RemissFlow.Core.Deadlines;
using RemissFlow.Core.Domain;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Core.Features.Sammantraden;

/// <summary>One member read from an import file. <paramref name="Rad"/> is the file's line number (header = 1).</summary>
public sealed record ImportedLedamot(int Rad, string Namn, string? Parti, Uppdrag Uppdrag, DateOnly Fran, DateOnly Till, string? Epost);

/// <summary>
/// The rows that could be read and the errors of those that could not. The import adds rows only when there are no
/// errors at all; the good rows are kept so their conflicts (a second ordförande, an unknown account) are reported in
/// the same round as the unreadable ones.
/// </summary>
public sealed record LedamotCsvImportResult(IReadOnlyList<ImportedLedamot> Rows, IReadOnlyList<CsvImportError> Errors, string Encoding)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Reads an organ's members exported from Excel or written by hand, with the meeting import's reading of the file
/// (encodings, separators, quoting: <see cref="MeetingCsvParser"/>).
/// <para>Columns, in any order, names case-insensitive: <c>namn</c>, <c>uppdrag</c> (ordförande, vice ordförande,
/// ledamot, ersättare), <c>från</c> and <c>till</c> (the mandate period, ÅÅÅÅ-MM-DD) required; <c>parti</c> and
/// <c>e-post</c> (the account the member signs in with) optional.</para>
/// </summary>
public static class LedamotCsvParser
{
    private const string Namn = "namn";
    private const string Parti = "parti";
    private const string UppdragColumn = "uppdrag";
    private const string Fran = "från";
    private const string Till = "till";
    private const string Epost = "e-post";

    private static readonly Dictionary<string, string> ColumnNames = new(StringComparer.OrdinalIgnoreCase)
    {
        [Namn] = Namn, [Parti] = Parti, [UppdragColumn] = UppdragColumn, [Fran] = Fran, ["fran"] = Fran, [Till] = Till, [Epost] = Epost, ["epost"] = Epost,
    };

    private static readonly string[] Required = [Namn, UppdragColumn, Fran, Till];

    private static readonly Dictionary<string, Uppdrag> Uppdragen = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ordförande"] = Uppdrag.Ordforande, ["ordforande"] = Uppdrag.Ordforande,
        ["vice ordförande"] = Uppdrag.ViceOrdforande, ["vice ordforande"] = Uppdrag.ViceOrdforande, ["vice"] = Uppdrag.ViceOrdforande,
        ["ledamot"] = Uppdrag.Ledamot,
        ["ersättare"] = Uppdrag.Ersattare, ["ersattare"] = Uppdrag.Ersattare,
    };

    public static LedamotCsvImportResult Parse(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var (text, encoding) = MeetingCsvParser.Decode(content);
        var records = MeetingCsvParser.ReadRecords(text, MeetingCsvParser.DetectSeparator(text), out int? unterminated);
        if (unterminated is { } quoteLine)
        {
            return Failure([new CsvImportError(quoteLine, null, "Ett citattecken (\") avslutas aldrig. Kontrollera raden.")], encoding);
        }

        var header = records.FirstOrDefault(r => !r.IsBlank);
        if (header is null)
        {
            return Failure([new CsvImportError(null, null, "Filen är tom. Första raden ska vara rubrikerna namn;parti;uppdrag;från;till;e-post.")], encoding);
        }

        var errors = new List<CsvImportError>();
        var columns = new Dictionary<string, int>();
        for (int i = 0; i < header.Fields.Count; i++)
        {
            string name = header.Fields[i].Trim();
            if (name.Length == 0)
            {
                continue;
            }

            if (!ColumnNames.TryGetValue(name, out var canonical))
            {
                errors.Add(new CsvImportError(header.Line, name, $"Okänd kolumn \"{name}\". Tillåtna kolumner är namn, parti, uppdrag, från, till och e-post."));
            }
            else if (!columns.TryAdd(canonical, i))
            {
                errors.Add(new CsvImportError(header.Line, canonical, $"Kolumnen \"{canonical}\" finns två gånger."));
            }
        }

        errors.AddRange(Required.Where(r => !columns.ContainsKey(r)).Select(r => new CsvImportError(header.Line, r, $"Kolumnen \"{r}\" saknas i rubrikraden.")));
        if (errors.Count > 0)
        {
            return Failure(errors, encoding);
        }

        var rows = new List<ImportedLedamot>();
        foreach (var record in records.Where(r => r.Line > header.Line && !r.IsBlank))
        {
            if (ParseRow(record, header.Fields.Count, columns, errors) is { } row)
            {
                rows.Add(row);
            }
        }

        if (errors.Count == 0 && rows.Count == 0)
        {
            errors.Add(new CsvImportError(null, null, "Filen innehåller inga ledamöter, bara rubrikraden."));
        }

        return new LedamotCsvImportResult(rows, errors, encoding);
    }

    private static ImportedLedamot? ParseRow(MeetingCsvParser.CsvRecord record, int headerWidth, Dictionary<string, int> columns, List<CsvImportError> errors)
    {
        int before = errors.Count;
        if (record.Fields.Count > headerWidth && record.Fields.Skip(headerWidth).Any(f => f.Trim().Length > 0))
        {
            errors.Add(new CsvImportError(record.Line, null, $"Raden har {record.Fields.Count} fält men rubrikraden har {headerWidth}. Kontrollera avgränsaren och citattecken."));
            return null;
        }

        string Field(string column) => columns.TryGetValue(column, out int i) && i < record.Fields.Count ? record.Fields[i].Trim() : string.Empty;

        string namn = Field(Namn);
        if (namn.Length == 0)
        {
            errors.Add(new CsvImportError(record.Line, Namn, "Namn saknas."));
        }
        else if (namn.Length > Limits.Namn)
        {
            errors.Add(new CsvImportError(record.Line, Namn, $"Namnet får vara högst {Limits.Namn} tecken."));
        }

        string parti = Field(Parti);
        if (parti.Length > LedamotRules.PartiMax)
        {
            errors.Add(new CsvImportError(record.Line, Parti, $"Parti får vara högst {LedamotRules.PartiMax} tecken."));
        }

        string uppdragText = Field(UppdragColumn);
        Uppdrag uppdrag = default;
        if (uppdragText.Length == 0)
        {
            errors.Add(new CsvImportError(record.Line, UppdragColumn, "Uppdrag saknas."));
        }
        else if (!Uppdragen.TryGetValue(string.Join(' ', uppdragText.Split(' ', StringSplitOptions.RemoveEmptyEntries)), out uppdrag))
        {
            errors.Add(new CsvImportError(record.Line, UppdragColumn, $"Okänt uppdrag \"{uppdragText}\". Skriv ordförande, vice ordförande, ledamot eller ersättare."));
        }

        DateOnly? fran = Date(record.Line, Fran, Field(Fran), errors);
        DateOnly? till = Date(record.Line, Till, Field(Till), errors);
        if (fran is { } f && till is { } t && t < f)
        {
            errors.Add(new CsvImportError(record.Line, Till, $"Mandatperioden slutar ({SwedishText.IsoDate(t)}) före den börjar ({SwedishText.IsoDate(f)})."));
        }

        string epost = Field(Epost);
        if (epost.Length > 0 && (epost.Length > Limits.Namn || !epost.Contains('@', StringComparison.Ordinal)))
        {
            errors.Add(new CsvImportError(record.Line, Epost, $"\"{epost}\" är ingen giltig e-postadress."));
        }

        return errors.Count > before
            ? null
            : new ImportedLedamot(record.Line, namn, parti.Length == 0 ? null : parti, uppdrag, fran!.Value, till!.Value, epost.Length == 0 ? null : epost);
    }

    private static DateOnly? Date(int line, string column, string text, List<CsvImportError> errors)
    {
        if (text.Length == 0)
        {
            errors.Add(new CsvImportError(line, column, $"{char.ToUpperInvariant(column[0])}{column[1..]}-datum saknas."));
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(new CsvImportError(line, column, $"\"{text}\" är inget giltigt datum. Skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2023-01-01."));
            return null;
        }

        return date;
    }

    private static LedamotCsvImportResult Failure(List<CsvImportError> errors, string encoding) => new([], errors, encoding);
}
