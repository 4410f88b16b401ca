using System.Globalization;
using System.Text;
using RemissFlow.Documents.Wording;

namespace RemissFlow.Core.Sammanstallning;

/// <summary>One column of the spreadsheet outputs. A value is a string, an int or a DateOnly (so Excel gets real numbers and dates).</summary>
public sealed record SammanstallningColumn(string Header, double Width, Func<MatrixRow, object?> Value);

/// <summary>The row-per-instans table that Excel and CSV share.</summary>
public static class SammanstallningTable
{
    public static IReadOnlyList<SammanstallningColumn> Columns { get; } =
    [
        new("Remissinstans", 34, r => r.Instans),
        new("Typ", 18, r => Labels.InstansKind(r.InstansKind)),
        new("Eget dnr", 14, r => r.Dnr),
        new("Status", 16, r => Labels.Kategori(r.Kategori)),
        new("Arbetsdagar sent", 10, r => r.ForsenadArbetsdagar),
        new("Ställningstagande", 24, r => Labels.Standpunkt(r.Standpunkt)),
        new("Svarsdatum", 12, r => r.Svarsdatum),
        new("Ursprungligt svarsdatum", 12, r => r.UrsprungligtSvarsdatum),
        new("Anstånd till", 12, r => r.Anstand?.Datum),
        new("Anstånd", 10, r => r.Anstand is null ? null : r.Anstand.Beviljat ? "beviljat" : "begärt"),
        new("Inlämnat", 12, r => r.InlamnadDatum),
        new("Nyckelpunkter", 80, r => r.Nyckelpunkter),
    ];

    /// <summary>
    /// CSV as Swedish Excel opens it: UTF-8 with BOM, ';' between fields, CRLF, ISO dates. A text that starts like a
    /// formula (= + - @) gets a leading apostrophe: the key points are written by outside parties.
    /// </summary>
    public static byte[] Csv(RemissMatrix matrix)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(';', Columns.Select(c => Field(c.Header))).Append("\r\n");
        foreach (var row in matrix.Rows)
        {
            sb.AppendJoin(';', Columns.Select(c => Field(Text(c.Value(row))))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    public static string Text(object? value) => value switch
    {
        null => "",
        DateOnly d => SwedishText.IsoDate(d),
        int i => i.ToString(CultureInfo.InvariantCulture),
        string s => s,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([';', '"', '\r', '\n']) >= 0 || value != value.Trim()
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }
}
