using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SpecializedTowns.Data.Imports;

namespace SpecializedTowns.Web.Tests.Imports;

/// <summary>Small workbooks written in the test, row by row at the row numbers given, as a person's file would be.</summary>
public static class TestFiles
{
    public static string?[] Header(ImportKind kind) => kind.Columns.Select(c => c.TemplateHeader).ToArray();

    /// <summary>A row of the kind's columns from key → text; columns not named are left empty.</summary>
    public static string?[] Row(ImportKind kind, IReadOnlyDictionary<string, string> values) =>
        kind.Columns.Select(c => values.GetValueOrDefault(c.Key)).ToArray();

    public static byte[] Xlsx(IEnumerable<(int Row, string?[] Cells)> rows, string sheetName = "数据", IEnumerable<string>? merges = null)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var part = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            foreach (var (number, cells) in rows.OrderBy(r => r.Row))
            {
                var row = new Row { RowIndex = (uint)number };
                for (var i = 0; i < cells.Length; i++)
                    if (cells[i] is { } text)
                        row.Append(new Cell
                        {
                            CellReference = TemplateWriter.Letter(i) + number, DataType = CellValues.InlineString,
                            InlineString = new InlineString(new Text(text)),
                        });
                data.Append(row);
            }
            var worksheet = new Worksheet(data);
            if (merges is not null)
                worksheet.Append(new MergeCells(merges.Select(m => new MergeCell { Reference = m })));
            part.Worksheet = worksheet;
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = sheetName }));
        }
        return stream.ToArray();
    }

    /// <summary>Rows numbered from 1 in order.</summary>
    public static byte[] Xlsx(params string?[][] rows) => Xlsx(rows.Select((r, i) => (i + 1, r)));

    /// <summary>A template's example cell as the person writes it when they take the row over: without the “示例：” mark.</summary>
    public static string? Unmarked(string? cell) =>
        cell is not null && cell.StartsWith(TemplateExample.Marker, StringComparison.Ordinal) ? cell[TemplateExample.Marker.Length..] : cell;

    /// <summary>
    /// A downloaded template whose example row the person has taken as their own, as the 填写说明 tells them to: the “示例：”
    /// deleted from its first cell in Excel, everything else (drop-downs, styles, other sheets) as downloaded.
    /// </summary>
    public static byte[] ExampleTakenOver(byte[] template)
    {
        using var stream = new MemoryStream();
        stream.Write(template);
        using (var doc = SpreadsheetDocument.Open(stream, true))
        {
            var workbook = doc.WorkbookPart!;
            var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
            var cell = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Cell>().Single(c => c.CellReference == "A2");
            cell.InlineString = new InlineString(new Text(Unmarked(cell.InlineString!.InnerText)!));
        }
        return stream.ToArray();
    }

    /// <summary>A downloaded template with rows added to its data sheet (after or instead of nothing: the example stays where it is).</summary>
    public static byte[] WithRows(byte[] template, IEnumerable<(int Row, string?[] Cells)> rows)
    {
        using var stream = new MemoryStream();
        stream.Write(template);
        using (var doc = SpreadsheetDocument.Open(stream, true))
        {
            var workbook = doc.WorkbookPart!;
            var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
            var data = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()!;
            foreach (var (number, cells) in rows)
            {
                data.Elements<Row>().FirstOrDefault(r => r.RowIndex! == (uint)number)?.Remove();
                var row = new Row { RowIndex = (uint)number };
                for (var i = 0; i < cells.Length; i++)
                    if (cells[i] is { } text)
                        row.Append(new Cell { CellReference = TemplateWriter.Letter(i) + number, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) });
                var after = data.Elements<Row>().LastOrDefault(r => r.RowIndex! < (uint)number);
                if (after is null) data.PrependChild(row); else after.InsertAfterSelf(row);
            }
        }
        return stream.ToArray();
    }

    /// <summary>The cells of a sheet by reference (A1 → text), with the fill colour of each cell's style.</summary>
    public static (Dictionary<string, string> Text, Dictionary<string, string?> Fill) ReadBack(byte[] xlsx, string? sheetName = null)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = doc.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First(s => sheetName is null || s.Name == sheetName);
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var formats = workbook.WorkbookStylesPart?.Stylesheet.CellFormats?.Elements<CellFormat>().ToList() ?? [];
        var fills = workbook.WorkbookStylesPart?.Stylesheet.Fills?.Elements<Fill>().ToList() ?? [];
        var text = new Dictionary<string, string>();
        var fill = new Dictionary<string, string?>();
        foreach (var cell in part.Worksheet.Descendants<Cell>())
        {
            var reference = cell.CellReference!.Value!;
            text[reference] = cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text)]
                : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue?.Text ?? "";
            var format = cell.StyleIndex is { } s ? formats.ElementAtOrDefault((int)s.Value) : null;
            fill[reference] = format?.FillId is { } f ? fills.ElementAtOrDefault((int)f.Value)?.PatternFill?.ForegroundColor?.Rgb?.Value : null;
        }
        return (text, fill);
    }
}
