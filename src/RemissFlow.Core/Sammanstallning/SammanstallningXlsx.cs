using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace RemissFlow.Core.Sammanstallning;

/// <summary>
/// The sammanställning as an Excel workbook: one row per instans under a frozen header row with an AutoFilter,
/// dates as real dates (serial numbers with a date format) so they sort and filter; a second sheet with the counts.
/// </summary>
public static class SammanstallningXlsx
{
    public const string SheetName = "Sammanställning";

    private const uint DateStyle = 1;
    private const uint HeaderStyle = 2;
    private const uint WrapStyle = 3;
    private const uint PercentStyle = 4;

    public static byte[] Write(RemissMatrix matrix)
    {
        var columns = SammanstallningTable.Columns;
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();

            var lastColumn = ColumnName(columns.Count - 1);
            var lastRow = matrix.Rows.Count + 1;
            var data = new SheetData();
            data.Append(RowOf(1, columns.Select(c => (object?)c.Header).ToList(), HeaderStyle));
            for (var i = 0; i < matrix.Rows.Count; i++)
            {
                data.Append(RowOf((uint)i + 2, columns.Select(c => c.Value(matrix.Rows[i])).ToList(), null));
            }

            var main = workbook.AddNewPart<WorksheetPart>();
            main.Worksheet = new Worksheet(
                new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
                {
                    TabSelected = true,
                    WorkbookViewId = 0,
                }),
                new Columns(columns.Select((c, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = c.Width, CustomWidth = true })),
                data,
                new AutoFilter { Reference = $"A1:{lastColumn}{lastRow}" });

            var summary = workbook.AddNewPart<WorksheetPart>();
            var summaryData = new SheetData();
            summaryData.Append(RowOf(1, ["Remiss", $"{matrix.Remiss.Title}, {matrix.Remiss.Dnr}"], null));
            summaryData.Append(RowOf(2, ["Läget den", matrix.AsOf], null));
            uint n = 3;
            foreach (var line in SammanstallningDocument.SummaryRows(matrix.Summary))
            {
                summaryData.Append(RowOf(n++, [line[0], int.Parse(line[1], NumberStyles.AllowThousands, CultureInfo.GetCultureInfo("sv-SE"))], null));
            }

            var rate = new Row { RowIndex = n };
            rate.Append(TextCell($"A{n}", "Andel svar i tid", null));
            if (matrix.Summary.AndelITid is { } share)
            {
                rate.Append(new Cell { CellReference = $"B{n}", CellValue = new CellValue(share.ToString("R", CultureInfo.InvariantCulture)), StyleIndex = PercentStyle });
            }

            summaryData.Append(rate);
            summary.Worksheet = new Worksheet(new Columns(new Column { Min = 1, Max = 1, Width = 24, CustomWidth = true }, new Column { Min = 2, Max = 2, Width = 60, CustomWidth = true }), summaryData);

            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(main), SheetId = 1, Name = SheetName });
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(summary), SheetId = 2, Name = "Sammanfattning" });
            // Excel itself records the filter range under this hidden name; without it some versions drop the filter buttons.
            workbook.Workbook.Append(new DefinedNames(new DefinedName($"'{SheetName}'!$A$1:${lastColumn}${lastRow}")
            {
                Name = "_xlnm._FilterDatabase",
                LocalSheetId = 0,
                Hidden = true,
            }));
            workbook.Workbook.Save();
        }

        return ms.ToArray();
    }

    private static Row RowOf(uint index, IReadOnlyList<object?> values, uint? style)
    {
        var row = new Row { RowIndex = index };
        for (var i = 0; i < values.Count; i++)
        {
            var reference = ColumnName(i) + index.ToString(CultureInfo.InvariantCulture);
            switch (values[i])
            {
                case null:
                    break;
                case DateOnly d:
                    row.Append(new Cell
                    {
                        CellReference = reference,
                        CellValue = new CellValue(d.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture)),
                        StyleIndex = style ?? DateStyle,
                    });
                    break;
                case int n:
                    row.Append(new Cell { CellReference = reference, CellValue = new CellValue(n.ToString(CultureInfo.InvariantCulture)), DataType = CellValues.Number, StyleIndex = style });
                    break;
                default:
                    var text = SammanstallningTable.Text(values[i]);
                    row.Append(TextCell(reference, text, style ?? (text.Contains('\n') || text.Length > 60 ? WrapStyle : null)));
                    break;
            }
        }

        return row;
    }

    private static Cell TextCell(string reference, string text, uint? style) => new()
    {
        CellReference = reference,
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
        StyleIndex = style,
    };

    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + (n - 1) % 26) + name;
        }

        return name;
    }

    private static Stylesheet Styles() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" }) { Count = 1 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true },
            new CellFormat { NumberFormatId = 9, ApplyNumberFormat = true })
        { Count = 5 });
}
