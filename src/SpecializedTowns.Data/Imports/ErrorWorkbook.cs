using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using XCellValues = DocumentFormat.OpenXml.Spreadsheet.CellValues;

namespace SpecializedTowns.Data.Imports;

/// <summary>
/// The sender's own file sent back with the errors in it: an added 错误说明 column after the last used one, the message
/// naming each bad column, and the bad cells filled red. The workbook keeps its sheets, formatting and row numbers, so the
/// sender fixes it where it is and uploads it again.
/// </summary>
public static partial class ErrorWorkbook
{
    public const string ErrorHeader = "错误说明";
    public const string RedFill = "FFFFC7CE";

    public static string FileName(string original) =>
        Path.GetFileNameWithoutExtension(original) + "（错误标注）" + Path.GetExtension(original);

    public static byte[] Write(byte[] original, string fileName, ImportResult result) =>
        SheetReader.FormatOf(fileName) == ImportFormat.Csv ? WriteCsv(original, result) : WriteXlsx(original, result);

    private static Dictionary<int, string> Messages(ImportResult result) =>
        result.Errors.Where(e => e.Row > 0).GroupBy(e => e.Row)
            .ToDictionary(g => g.Key, g => string.Join("；", g.Select(e => e.Column is null ? e.Message : $"【{e.Column}】{e.Message}")));

    private static byte[] WriteCsv(byte[] original, ImportResult result)
    {
        var records = SheetReader.CsvRecords(original);
        var messages = Messages(result);
        var width = records.Count == 0 ? 0 : records.Max(r => r.Length);
        using var stream = new MemoryStream();
        using (var csv = CsvHelper.CsvWriter.Create(stream, CsvHelper.CsvWriterOptions.Default with { WriteByteOrderMark = true, ValidateFieldCount = false }, leaveOpen: true))
        {
            for (var i = 0; i < records.Count; i++)
            {
                var number = i + 1;
                var fields = new string[width + 1];
                for (var f = 0; f < width; f++) fields[f] = f < records[i].Length ? records[i][f] as string ?? "" : "";
                fields[width] = number == result.HeaderRow ? ErrorHeader : messages.GetValueOrDefault(number, "");
                csv.WriteRecord(fields);
            }
        }
        return stream.ToArray();
    }

    private static byte[] WriteXlsx(byte[] original, ImportResult result)
    {
        var stream = new MemoryStream();
        stream.Write(original);
        using (var doc = SpreadsheetDocument.Open(stream, true))
        {
            var workbook = doc.WorkbookPart!;
            var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().FirstOrDefault(s => s.Name == result.SheetName)
                        ?? workbook.Workbook.Sheets!.Elements<Sheet>().First();
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            var data = part.Worksheet.GetFirstChild<SheetData>()!;
            var rows = data.Elements<Row>().Where(r => r.RowIndex is not null).ToDictionary(r => (int)r.RowIndex!.Value);
            var lastColumn = data.Elements<Row>().SelectMany(r => r.Elements<Cell>()).Select(c => c.CellReference?.Value).OfType<string>()
                .Select(ColumnIndex).DefaultIfEmpty(-1).Max();
            var errorColumn = Math.Max(lastColumn + 1, result.FileColumns.Values.DefaultIfEmpty(-1).Max() + 1);
            var red = new RedStyles(workbook);

            Row RowAt(int number)
            {
                if (rows.TryGetValue(number, out var row)) return row;
                row = new Row { RowIndex = (uint)number };
                var next = data.Elements<Row>().FirstOrDefault(r => r.RowIndex?.Value > number);
                if (next is null) data.Append(row); else data.InsertBefore(row, next);
                rows[number] = row;
                return row;
            }

            if (result.HeaderRow > 0) SetText(RowAt(result.HeaderRow), errorColumn, ErrorHeader, red.Header);
            foreach (var (number, message) in Messages(result))
            {
                var row = RowAt(number);
                foreach (var e in result.Errors.Where(e => e.Row == number && e.FileColumn is not null))
                {
                    var cell = CellAt(row, e.FileColumn!.Value);
                    cell.StyleIndex = red.For(cell.StyleIndex?.Value ?? 0);
                }
                SetText(row, errorColumn, message, red.Message);
            }
            part.Worksheet.Save();
        }
        return stream.ToArray();
    }

    [GeneratedRegex("^[A-Z]+")]
    private static partial Regex Letters();

    public static int ColumnIndex(string reference)
    {
        var n = 0;
        foreach (var c in Letters().Match(reference.ToUpperInvariant()).Value) n = n * 26 + (c - 'A' + 1);
        return n - 1;
    }

    /// <summary>The cell of the column in the row, created in column order when the row lacks it.</summary>
    private static Cell CellAt(Row row, int column)
    {
        var reference = TemplateWriter.Letter(column) + row.RowIndex!.Value;
        Cell? after = null;
        foreach (var cell in row.Elements<Cell>())
        {
            var index = cell.CellReference?.Value is { } r ? ColumnIndex(r) : -1;
            if (index == column) return cell;
            if (index > column) { after = cell; break; }
        }
        var created = new Cell { CellReference = reference };
        if (after is null) row.Append(created); else row.InsertBefore(created, after);
        return created;
    }

    private static void SetText(Row row, int column, string text, uint style)
    {
        var cell = CellAt(row, column);
        cell.RemoveAllChildren();
        cell.DataType = XCellValues.InlineString;
        cell.InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        cell.StyleIndex = style;
    }

    /// <summary>For each style a bad cell had, the same style with a red fill, added to the workbook's own stylesheet once.</summary>
    private sealed class RedStyles
    {
        private readonly CellFormats _formats;
        private readonly uint _fill;
        private readonly Dictionary<uint, uint> _made = [];

        public uint Header { get; }
        public uint Message { get; }

        public RedStyles(WorkbookPart workbook)
        {
            var part = workbook.WorkbookStylesPart ?? workbook.AddNewPart<WorkbookStylesPart>();
            part.Stylesheet ??= new Stylesheet();
            var sheet = part.Stylesheet;
            var fonts = sheet.Fonts ??= new Fonts(new Font());
            if (!fonts.HasChildren) fonts.Append(new Font());
            var fills = sheet.Fills ??= new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }));
            sheet.Borders ??= new Borders(new Border());
            if (!sheet.Borders.HasChildren) sheet.Borders.Append(new Border());
            _formats = sheet.CellFormats ??= new CellFormats(new CellFormat());
            if (!_formats.HasChildren) _formats.Append(new CellFormat());
            fills.Append(new Fill(new PatternFill(new ForegroundColor { Rgb = RedFill }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }));
            _fill = (uint)fills.Elements<Fill>().Count() - 1;
            fills.Count = _fill + 1;
            fonts.Append(new Font(new Bold(), new Color { Rgb = "FF9C0006" }));
            var boldRed = (uint)fonts.Elements<Font>().Count() - 1;
            fonts.Count = boldRed + 1;
            fonts.Append(new Font(new Color { Rgb = "FF9C0006" }));
            var red = (uint)fonts.Elements<Font>().Count() - 1;
            fonts.Count = red + 1;
            Header = Add(new CellFormat { FontId = boldRed, FillId = _fill, ApplyFont = true, ApplyFill = true });
            Message = Add(new CellFormat(new Alignment { WrapText = false }) { FontId = red, ApplyFont = true });
            part.Stylesheet.Save();
        }

        private uint Add(CellFormat format)
        {
            _formats.Append(format);
            var index = (uint)_formats.Elements<CellFormat>().Count() - 1;
            _formats.Count = index + 1;
            return index;
        }

        public uint For(uint style)
        {
            if (_made.TryGetValue(style, out var made)) return made;
            var source = _formats.Elements<CellFormat>().ElementAtOrDefault((int)style);
            var copy = source is null ? new CellFormat() : (CellFormat)source.CloneNode(true);
            copy.FillId = _fill;
            copy.ApplyFill = true;
            return _made[style] = Add(copy);
        }
    }
}
