using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SpecializedTowns.Data.Documents;

/// <summary>One sheet: a bold, frozen header row and rows of strings and numbers (null leaves the cell empty).</summary>
public sealed record Sheet(string Name, IReadOnlyList<string> Header, IEnumerable<IReadOnlyList<object?>> Rows, IReadOnlyList<double>? Widths = null);

/// <summary>
/// Writes .xlsx the way county offices open it: Chinese headers in bold, the header frozen, numbers as numbers.
/// Rows are written with OpenXmlWriter as they come, so a long sheet is never held in memory as a DOM.
/// </summary>
public static class Workbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void Write(Stream output, params Sheet[] sheets)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Styles();
        styles.Stylesheet.Save();

        var sheetList = new Sheets();
        uint sheetId = 1;
        foreach (var sheet in sheets)
        {
            var part = workbookPart.AddNewPart<WorksheetPart>();
            WriteSheet(part, sheet);
            sheetList.Append(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = sheetId++, Name = SafeName(sheet.Name) });
        }
        workbookPart.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook(sheetList);
        workbookPart.Workbook.Save();
    }

    private static void WriteSheet(WorksheetPart part, Sheet sheet)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteStartElement(new SheetViews());
        writer.WriteStartElement(new SheetView { WorkbookViewId = 0 });
        writer.WriteElement(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteStartElement(new Columns());
        for (var i = 0; i < sheet.Header.Count; i++)
        {
            var width = sheet.Widths is { } w && i < w.Count ? w[i] : Math.Clamp(sheet.Header[i].Length * 2.2 + 4, 8, 40);
            writer.WriteElement(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = width, CustomWidth = true });
        }
        writer.WriteEndElement();
        writer.WriteStartElement(new SheetData());
        WriteRow(writer, sheet.Header.Cast<object?>().ToList(), header: true);
        foreach (var row in sheet.Rows) WriteRow(writer, row, header: false);
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void WriteRow(OpenXmlWriter writer, IReadOnlyList<object?> values, bool header)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in values)
        {
            Cell cell = value switch
            {
                null => new Cell(),
                int or long or decimal or double or float => new Cell
                {
                    DataType = CellValues.Number,
                    CellValue = new CellValue(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture)),
                },
                // Inline strings keep the writer streaming (no shared-string table to build); a leading = is never a formula.
                _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Clean(value.ToString()!))) },
            };
            if (header) cell.StyleIndex = 1;
            else if (value is string) cell.StyleIndex = 2;
            writer.WriteElement(cell);
        }
        writer.WriteEndElement();
    }

    // XML 1.0 forbids most control characters; a pasted value with one would make the file unreadable.
    private static string Clean(string text) => new(text.Where(c => c is '\t' or '\n' or '\r' || c >= ' ').ToArray());

    private static string SafeName(string name)
    {
        var cleaned = new string(name.Where(c => !"[]:*?/\\".Contains(c)).ToArray());
        return cleaned.Length > 31 ? cleaned[..31] : cleaned.Length == 0 ? "Sheet" : cleaned;
    }

    private static Stylesheet Styles() => new(
        new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "宋体" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "宋体" })),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true }));
}
