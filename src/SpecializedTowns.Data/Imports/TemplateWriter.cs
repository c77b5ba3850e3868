using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Data.Accounts;
using XCellValues = DocumentFormat.OpenXml.Spreadsheet.CellValues;

namespace SpecializedTowns.Data.Imports;

/// <summary>
/// The .xlsx template of a kind: the data sheet with its headers (required ones marked "*" in red), one example row and
/// drop-down lists; a 填写说明 sheet with each column's meaning, format, unit and allowed values, a choice column linked to its
/// list on the 字典 page; and a hidden 选项 sheet that holds the lists, including the county, town and unit names of the
/// person's own scope.
/// </summary>
public static class TemplateWriter
{
    public const string InstructionsSheet = "填写说明";
    public const string OptionsSheet = "选项";
    private const int ValidatedRows = 100_000;
    public const string ExampleColour = "FF808080";

    /// <param name="siteUrl">The platform's address as the person reached it (http://host), so that the 字典 links open from Excel;
    /// without it the 填写说明 names the page's path.</param>
    public static async Task<byte[]> WriteAsync(TownsDbContext db, UserScope scope, ImportKind kind, DateOnly today, CancellationToken ct = default, string? siteUrl = null)
    {
        var example = await kind.ExampleAsync(db, scope, today, ct);
        var lists = new List<(ImportColumn Column, IReadOnlyList<string> Options)>();
        foreach (var c in kind.Columns)
        {
            var options = c.Reference != ReferenceKind.None ? await ImportLookups.OptionsAsync(db, scope, c.Reference, ct) : c.Options;
            if (options.Count > 0) lists.Add((c, options));
        }
        return Write(kind, example, lists, today, siteUrl);
    }

    /// <summary>
    /// Writes the workbook; the example row is written as text as a person would type it, grey and italic, its first cell
    /// marked “示例：” so that an import refuses it (<see cref="TemplateExample"/>).
    /// </summary>
    public static byte[] Write(ImportKind kind, IReadOnlyDictionary<string, string>? example, IReadOnlyList<(ImportColumn Column, IReadOnlyList<string> Options)> lists, DateOnly today,
        string? siteUrl = null)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Styles();
            var sheets = workbook.Workbook.AppendChild(new Sheets());

            // The data sheet.
            var data = new SheetData();
            data.Append(RowOf(1, kind.Columns.Select(c => (c.TemplateHeader, c.Required ? 2u : 1u))));
            if (example is not null)
                data.Append(RowOf(2, kind.Columns.Select((c, i) =>
                    (i == 0 ? TemplateExample.Mark(example.GetValueOrDefault(c.Key, "")) : example.GetValueOrDefault(c.Key, ""), 5u))));
            var dataSheet = new Worksheet(
                new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }),
                Columns(kind.Columns.Select(c => Math.Clamp(c.FullHeader.Length * 2.2 + 4, 12, 40)).ToList()),
                data);
            var validations = new DataValidations();
            foreach (var (column, options) in lists)
            {
                var index = kind.IndexOf(column.Key);
                var listColumn = Letter(lists.ToList().FindIndex(l => l.Column.Key == column.Key));
                var single = column.Type is ColumnType.Enumeration;
                validations.Append(new DataValidation
                {
                    Type = DataValidationValues.List, AllowBlank = true, ShowDropDown = false,
                    // A list that allows several values, or names a person may qualify (阳泉市城区), only suggests.
                    ShowErrorMessage = single, ErrorTitle = "请从列表中选择", Error = $"{column.Header}应为：{string.Join("、", options.Take(20))}",
                    SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{Letter(index)}2:{Letter(index)}{ValidatedRows}" },
                    Formula1 = new Formula1($"'{OptionsSheet}'!${listColumn}$2:${listColumn}${options.Count + 1}"),
                });
            }
            if (validations.HasChildren)
            {
                validations.Count = (uint)validations.ChildElements.Count;
                dataSheet.Append(validations);
            }
            AddSheet(workbook, sheets, kind.SheetName, dataSheet, 1);

            // The instructions.
            var notes = new SheetData();
            var notesPart = workbook.AddNewPart<WorksheetPart>();
            var links = new Hyperlinks();
            var coded = kind.Columns.Any(c => c.Codes is not null);
            uint r = 1;
            notes.Append(RowOf(r++, [($"{kind.Title}导入模板 填写说明", 1u)]));
            var intro = kind.Notes.Prepend(TemplateExample.Note(kind)).Prepend($"请在“{kind.SheetName}”工作表中从第 2 行起填写，每行一条。标 * 的列必须填写。");
            if (coded) intro = intro.Append("可选值以平台“系统 → 字典”为准：下表“字典”列的链接打开该列的字典，写明每个值的中文名称和接口代码。");
            foreach (var line in intro)
                notes.Append(RowOf(r++, [(line, 0u)]));
            r++;
            notes.Append(RowOf(r++, [("列名", 1u), ("是否必填", 1u), ("说明", 1u), ("格式", 1u), ("单位", 1u), ("可选值", 1u), .. coded ? [("字典", 1u)] : Array.Empty<(string, uint)>()]));
            foreach (var c in kind.Columns)
            {
                var link = c.Codes is { } list ? DictionaryLink(list, siteUrl) : null;
                notes.Append(RowOf(r, [(c.FullHeader, 0u), (c.Required ? "必填" : "选填", 0u), (c.Description, 4u), (c.Format(today), 4u), (c.Unit ?? "", 0u),
                    (c.Options.Count > 0 ? string.Join("、", c.Options) : c.Reference != ReferenceKind.None ? "见下拉列表（您数据范围内的名称）" : "", 4u),
                    .. link is null ? Array.Empty<(string, uint)>() : [($"{c.Codes!.Title}：{link}", Uri.IsWellFormedUriString(link, UriKind.Absolute) ? 6u : 4u)]]));
                if (link is not null && Uri.IsWellFormedUriString(link, UriKind.Absolute))
                    links.Append(new Hyperlink { Reference = $"G{r}", Id = notesPart.AddHyperlinkRelationship(new Uri(link, UriKind.Absolute), true).Id });
                r++;
            }
            var notesSheet = new Worksheet(Columns([22, 10, 44, 36, 8, 40, .. coded ? [48.0] : Array.Empty<double>()]), notes);
            if (links.HasChildren) notesSheet.Append(links);
            notesPart.Worksheet = notesSheet;
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(notesPart), SheetId = 2, Name = InstructionsSheet });

            // The lists behind the drop-downs, hidden.
            var optionData = new SheetData();
            var longest = lists.Count == 0 ? 0 : lists.Max(l => l.Options.Count);
            optionData.Append(RowOf(1, lists.Select(l => (l.Column.Header, 1u))));
            for (var i = 0; i < longest; i++)
                optionData.Append(RowOf((uint)i + 2, lists.Select(l => (i < l.Options.Count ? l.Options[i] : "", 0u))));
            AddSheet(workbook, sheets, OptionsSheet, new Worksheet(optionData), 3, hidden: true);
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    /// <summary>Where the 填写说明 sends a person for a column's list: the 字典 page's section, on the platform they came from.</summary>
    public static string DictionaryLink(CodeList list, string? siteUrl) =>
        (string.IsNullOrWhiteSpace(siteUrl) ? "" : siteUrl.TrimEnd('/')) + CodeLists.Link(list);

    private static void AddSheet(WorkbookPart workbook, Sheets sheets, string name, Worksheet worksheet, uint id, bool hidden = false)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        part.Worksheet = worksheet;
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name, State = hidden ? SheetStateValues.Hidden : null });
    }

    private static Columns Columns(IReadOnlyList<double> widths)
    {
        var columns = new Columns();
        for (var i = 0; i < widths.Count; i++)
            columns.Append(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = widths[i], CustomWidth = true, Style = 3 });
        return columns;
    }

    private static Row RowOf(uint number, IEnumerable<(string Text, uint Style)> cells)
    {
        var row = new Row { RowIndex = number };
        var i = 0;
        foreach (var (text, style) in cells)
        {
            row.Append(new Cell
            {
                CellReference = Letter(i++) + number, DataType = XCellValues.InlineString, StyleIndex = style,
                InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
            });
        }
        return row;
    }

    /// <summary>A, B, … Z, AA for a 0-based column.</summary>
    public static string Letter(int index)
    {
        var s = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) s = (char)('A' + (n - 1) % 26) + s;
        return s;
    }

    /// <summary>
    /// 0 plain, 1 header, 2 required header (red), 3 text cell (so 18-digit codes stay text), 4 wrapped text, 5 the example
    /// row (text, grey italic, so that it reads as a sample rather than data), 6 a link (blue, underlined, wrapped).
    /// </summary>
    private static Stylesheet Styles() => new(
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "等线" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "等线" }),
            new Font(new Bold(), new Color { Rgb = "FFC00000" }, new FontSize { Val = 11 }, new FontName { Val = "等线" }),
            new Font(new Italic(), new Color { Rgb = ExampleColour }, new FontSize { Val = 11 }, new FontName { Val = "等线" }),
            new Font(new Underline(), new Color { Rgb = "FF0563C1" }, new FontSize { Val = 11 }, new FontName { Val = "等线" })) { Count = 5 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E1F2" }) { PatternType = PatternValues.Solid })) { Count = 3 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, FillId = 2, ApplyFont = true, ApplyFill = true },
            new CellFormat { FontId = 2, FillId = 2, ApplyFont = true, ApplyFill = true },
            new CellFormat { NumberFormatId = 49, ApplyNumberFormat = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true },
            new CellFormat { NumberFormatId = 49, FontId = 3, ApplyNumberFormat = true, ApplyFont = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { FontId = 4, ApplyFont = true, ApplyAlignment = true }) { Count = 7 });
}
