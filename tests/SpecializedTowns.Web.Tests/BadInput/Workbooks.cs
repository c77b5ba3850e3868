using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SpecializedTowns.Data.Imports;

namespace SpecializedTowns.Web.Tests.BadInput;

/// <summary>A cell as a person's workbook may hold it: text, a number, or a formula (with or without its cached value).</summary>
public sealed record XCell(string? Text = null, double? Number = null, string? Formula = null)
{
    public static implicit operator XCell?(string? text) => text is null ? null : new XCell(text);

    public string CsvText => Text ?? (Number is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : Formula is { } f ? "=" + f : "");
}

/// <summary>Writes the mutated files: .xlsx with typed cells, merges, extra sheets; .csv in any encoding.</summary>
public static class Workbooks
{
    public sealed record Sheet(string Name, IReadOnlyList<(int Row, XCell?[] Cells)> Rows, IReadOnlyList<string>? Merges = null, bool Hidden = false);

    public static byte[] Xlsx(params Sheet[] sheets)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var list = new Sheets();
            uint id = 1;
            foreach (var sheet in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                foreach (var (number, cells) in sheet.Rows.OrderBy(r => r.Row))
                {
                    var row = new Row { RowIndex = (uint)number };
                    for (var i = 0; i < cells.Length; i++)
                    {
                        if (cells[i] is not { } c) continue;
                        var reference = TemplateWriter.Letter(i) + number;
                        if (c.Formula is { } f)
                            row.Append(new Cell { CellReference = reference, CellFormula = new CellFormula(f), CellValue = c.Number is { } cached ? new CellValue(cached) : null });
                        else if (c.Number is { } n)
                            row.Append(new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(n) });
                        else
                            row.Append(new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Escape(c.Text ?? "")) { Space = SpaceProcessingModeValues.Preserve }) });
                    }
                    data.Append(row);
                }
                var worksheet = new Worksheet(data);
                if (sheet.Merges is { Count: > 0 } merges) worksheet.Append(new MergeCells(merges.Select(m => new MergeCell { Reference = m })));
                part.Worksheet = worksheet;
                list.Append(new DocumentFormat.OpenXml.Spreadsheet.Sheet
                {
                    Id = workbook.GetIdOfPart(part), SheetId = id++, Name = sheet.Name,
                    State = sheet.Hidden ? SheetStateValues.Hidden : null,
                });
            }
            workbook.Workbook.AppendChild(list);
        }
        return stream.ToArray();
    }

    /// <summary>Control characters cannot stand in XML; Excel writes them as _x0001_, and so do we.</summary>
    private static string Escape(string text)
    {
        var b = new StringBuilder(text.Length);
        foreach (var ch in text)
            if (ch < 0x20 && ch is not ('\t' or '\n' or '\r')) b.Append($"_x{(int)ch:X4}_");
            else b.Append(ch);
        return b.ToString();
    }

    public static byte[] Csv(IEnumerable<XCell?[]> rows, Encoding encoding, bool bom, char separator = ',')
    {
        var text = new StringBuilder();
        foreach (var row in rows)
            text.Append(string.Join(separator, row.Select(c => Quote(c?.CsvText ?? "", separator)))).Append("\r\n");
        var body = encoding.GetBytes(text.ToString());
        return bom ? [.. encoding.GetPreamble(), .. body] : body;
    }

    private static string Quote(string text, char separator) =>
        text.IndexOfAny([separator, '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;

    /// <summary>A Word document, to be renamed .xlsx: a real zip of the wrong kind.</summary>
    public static byte[] Docx()
    {
        using var stream = new MemoryStream();
        using (var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new DocumentFormat.OpenXml.Wordprocessing.Document(new DocumentFormat.OpenXml.Wordprocessing.Body(
                new DocumentFormat.OpenXml.Wordprocessing.Paragraph(new DocumentFormat.OpenXml.Wordprocessing.Run(new DocumentFormat.OpenXml.Wordprocessing.Text("企业名录")))));
        }
        return stream.ToArray();
    }
}
