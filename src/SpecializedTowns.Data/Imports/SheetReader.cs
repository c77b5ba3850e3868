using System.Text;
using ExcelDataReader;
using SpecializedTowns.Core.Imports;

namespace SpecializedTowns.Data.Imports;

/// <summary>One data row with its number as the sheet shows it, and its cells in the order of the kind's columns.</summary>
public sealed class ImportRow(int number, object?[] cells)
{
    public int Number { get; } = number;
    /// <summary>The raw cells, cleared as they are parsed into <see cref="Values"/>.</summary>
    public object?[] Cells { get; } = cells;

    /// <summary>Parsed values by column index; null for blank cells and cells that failed.</summary>
    public object?[] Values { get; } = new object?[cells.Length];
    public bool HasError { get; set; }
}

public sealed class ImportTable
{
    public string? SheetName { get; init; }
    public int HeaderRow { get; set; }

    /// <summary>Kind column index → 0-based file column; absent when the file lacks the column.</summary>
    public Dictionary<int, int> FileColumns { get; } = [];
    public List<ImportRow> Rows { get; } = [];
    public List<ImportError> Errors { get; } = [];
}

public enum ImportFormat { Xlsx, Csv }

/// <summary>
/// Reads an uploaded .xlsx or .csv into rows that keep the sheet's own row numbers: blank rows are skipped without
/// renumbering, and a title row or a merged two-row header above the data does not shift them, because the header row
/// is found by its column names rather than assumed to be the first.
/// </summary>
public static class SheetReader
{
    private const int HeaderSearchRows = 30;

    static SheetReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static ImportFormat? FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".xlsx" => ImportFormat.Xlsx,
        ".csv" => ImportFormat.Csv,
        _ => null,
    };

    public static ImportTable Read(byte[] content, ImportFormat format, IReadOnlyList<ImportColumn> columns, IProgress<ImportProgress>? progress = null)
    {
        try
        {
            return format == ImportFormat.Csv ? FromGrid(null, ReadCsv(content), columns, progress) : ReadXlsx(content, columns, progress);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var table = new ImportTable();
            table.Errors.Add(new ImportError(0, null, format == ImportFormat.Csv
                ? "无法读取该 CSV 文件，请确认文件未损坏"
                : "无法读取该 Excel 文件：请确认是 .xlsx 格式（旧版 .xls 请另存为 .xlsx）且没有设置打开密码"));
            return table;
        }
    }

    /// <summary>A merged range of the sheet: 1-based rows, 0-based columns.</summary>
    private sealed record Merge(int FromRow, int ToRow, int FromColumn, int ToColumn);

    /// <summary>A grid row: its 1-based number and the raw cells (string, double, bool, DateTime, or decimal for percent-formatted numbers).</summary>
    private sealed record GridRow(int Number, object?[] Cells);

    private static ImportTable ReadXlsx(byte[] content, IReadOnlyList<ImportColumn> columns, IProgress<ImportProgress>? progress)
    {
        using var stream = new MemoryStream(content, writable: false);
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
        // First pass: the visible sheet whose header matches the template best.
        var best = (Index: -1, Score: 0);
        var index = 0;
        do
        {
            if (reader.VisibleState == "visible")
            {
                var head = new List<GridRow>();
                for (var n = 1; n <= HeaderSearchRows && reader.Read(); n++) head.Add(new GridRow(n, Cells(reader)));
                var score = FindHeader(head, columns).Score;
                if (score > best.Score) best = (index, score);
            }
            index++;
        } while (reader.NextResult());
        if (best.Index < 0) return FromGrid(null, [], columns, progress);

        reader.Reset();
        for (var i = 0; i < best.Index; i++) reader.NextResult();
        var name = reader.Name;
        var total = reader.RowCount;
        var grid = new List<GridRow>();
        // ExcelDataReader yields empty rows for the gaps in the sheet, so the count is the sheet's row number.
        for (var n = 1; reader.Read(); n++)
        {
            grid.Add(new GridRow(n, Cells(reader)));
            if (n % 5000 == 0) progress?.Report(new ImportProgress("读取文件", n, total));
        }
        var merged = (reader.MergeCells ?? []).Select(m => new Merge(m.FromRow + 1, m.ToRow + 1, m.FromColumn, m.ToColumn)).ToList();
        return FromGrid(name, grid, columns, progress, merged);
    }

    private static object?[] Cells(IExcelDataReader reader)
    {
        var cells = new object?[reader.FieldCount];
        for (var i = 0; i < cells.Length; i++)
        {
            var v = reader.GetValue(i);
            if (v is double d && reader.GetNumberFormatString(i) is { } f && f.Contains('%')) v = (decimal)d * 100m;
            cells[i] = v;
        }
        return cells;
    }

    /// <summary>UTF-8 with or without BOM, else GB18030 (what Excel writes for “CSV” on a Chinese Windows).</summary>
    public static Encoding DetectEncoding(byte[] content)
    {
        if (content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF) return new UTF8Encoding(true);
        if (content.Length >= 2 && content[0] == 0xFF && content[1] == 0xFE) return Encoding.Unicode;
        if (content.Length >= 2 && content[0] == 0xFE && content[1] == 0xFF) return Encoding.BigEndianUnicode;
        try
        {
            new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(content);
            return new UTF8Encoding(false);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030");
        }
    }

    /// <summary>Every record of the file as one row; an empty line is an empty row (Excel shows it as one), a quoted line break is not.</summary>
    internal static List<object?[]> CsvRecords(byte[] content) => CsvRecordStream(content).ToList();

    /// <summary>The records one at a time, decoded as they are read (the marked copy of a large file never holds them all).</summary>
    internal static IEnumerable<object?[]> CsvRecordStream(byte[] content)
    {
        // The reader drops a byte-order mark of the encoding it is given, so the first header cell reads clean.
        using var text = new StreamReader(new MemoryStream(content, writable: false), DetectEncoding(content), detectEncodingFromByteOrderMarks: true);
        using var csv = CsvHelper.CsvReader.Create(text, CsvHelper.CsvReaderOptions.Default with
        {
            HasHeader = false, SkipEmptyLines = false, DetectSeparatorHint = true,
        });
        while (csv.Read())
        {
            var cells = new object?[csv.FieldCount];
            for (var i = 0; i < cells.Length; i++) cells[i] = csv.GetString(i);
            yield return cells;
        }
    }

    private static List<GridRow> ReadCsv(byte[] content) => CsvRecords(content).Select((cells, i) => new GridRow(i + 1, cells)).ToList();

    /// <summary>The header row: the row among the first ones that names the most template columns.</summary>
    private static (int Row, int Score) FindHeader(IReadOnlyList<GridRow> rows, IReadOnlyList<ImportColumn> columns)
    {
        var best = (Row: 0, Score: 0);
        foreach (var row in rows.Take(HeaderSearchRows))
        {
            var score = row.Cells.Count(c => c is string s && Match(s, columns).Column >= 0);
            if (score > best.Score) best = (row.Number, score);
        }
        return best;
    }

    /// <summary>The column a header cell names, and whether it names it with another unit than the template's.</summary>
    private static (int Column, string? WrongUnit) Match(string cell, IReadOnlyList<ImportColumn> columns)
    {
        var text = CellValues.NormalizeHeader(cell);
        if (text.Length == 0) return (-1, null);
        for (var i = 0; i < columns.Count; i++)
        {
            var c = columns[i];
            var full = CellValues.NormalizeHeader(c.FullHeader);
            var bare = CellValues.NormalizeHeader(c.Header);
            if (text == full || text == bare) return (i, null);
            if (c.Unit is not null && text.StartsWith(bare + "(") && text.EndsWith(')'))
                return (i, text[(bare.Length + 1)..^1]);
        }
        return (-1, null);
    }

    private static ImportTable FromGrid(string? sheetName, List<GridRow> grid, IReadOnlyList<ImportColumn> columns, IProgress<ImportProgress>? progress,
        IReadOnlyList<Merge>? merged = null)
    {
        var table = new ImportTable { SheetName = sheetName };
        var (headerRow, score) = FindHeader(grid, columns);
        if (score == 0)
        {
            table.Errors.Add(new ImportError(0, null,
                $"没有找到表头：请使用本类导入模板，表头应包含：{string.Join("、", columns.Where(c => c.Required).Select(c => c.FullHeader))}"));
            return table;
        }
        table.HeaderRow = headerRow;
        var headerIndex = grid.FindIndex(r => r.Number == headerRow);
        // The header row first, then the rows just above it: a merged cell spanning two header rows holds its text in the upper one.
        for (var k = headerIndex; k >= Math.Max(0, headerIndex - 2); k--)
        {
            var cells = grid[k].Cells;
            for (var f = 0; f < cells.Length; f++)
            {
                if (cells[f] is not string s || table.FileColumns.ContainsValue(f)) continue;
                var (column, wrongUnit) = Match(s, columns);
                if (column < 0) continue;
                if (table.FileColumns.TryGetValue(column, out var first))
                {
                    // Two columns of the header row for one template column: which one counts must not be a silent guess.
                    if (k == headerIndex)
                        table.Errors.Add(new ImportError(headerRow, columns[column].FullHeader,
                            $"列“{columns[column].FullHeader}”出现了两次（第 {TemplateWriter.Letter(first)} 列和第 {TemplateWriter.Letter(f)} 列），请删去其中一列") { FileColumn = f });
                    continue;
                }
                table.FileColumns[column] = f;
                if (wrongUnit is not null)
                    table.Errors.Add(new ImportError(headerRow, s.Trim(), $"列“{s.Trim()}”的单位应为“{columns[column].Unit}”，请换算后把表头改为“{columns[column].FullHeader}”") { FileColumn = f });
            }
        }
        // A cell merged down over data rows holds its value in the first row only: Excel shows it in every row, the file has
        // it once, and the rows below read as blank (“请填写所属专业镇”) without a word about why (qa110 8). Every kind reads here.
        foreach (var m in (merged ?? []).Where(m => m.ToRow > m.FromRow && m.ToRow > headerRow).OrderBy(m => m.FromRow).ThenBy(m => m.FromColumn))
            foreach (var (column, f) in table.FileColumns.Where(x => x.Value >= m.FromColumn && x.Value <= m.ToColumn).OrderBy(x => x.Value))
                table.Errors.Add(new ImportError(Math.Max(m.FromRow, headerRow + 1), columns[column].FullHeader,
                    $"第 {m.FromRow}–{m.ToRow} 行“{columns[column].Header}”为合并单元格，请取消合并后逐行填写") { FileColumn = f });
        // A cell merged across columns inside a data row holds its value in its first column: the template's columns to its
        // right read as blank, or take nothing of what Excel shows in them. Reported like a merge down; a merge whose only
        // template column is its first reads that column rightly and is let be.
        foreach (var m in (merged ?? []).Where(m => m.ToRow == m.FromRow && m.FromRow > headerRow && m.ToColumn > m.FromColumn).OrderBy(m => m.FromRow).ThenBy(m => m.FromColumn))
        {
            var covered = table.FileColumns.Where(x => x.Value >= m.FromColumn && x.Value <= m.ToColumn).OrderBy(x => x.Value).ToList();
            if (!covered.Any(x => x.Value > m.FromColumn)) continue;
            table.Errors.Add(new ImportError(m.FromRow, columns[covered[0].Key].FullHeader,
                $"第 {m.FromRow} 行 {TemplateWriter.Letter(m.FromColumn)}–{TemplateWriter.Letter(m.ToColumn)} 列是合并单元格，请取消合并后填写每一格") { FileColumn = m.FromColumn });
        }
        foreach (var missing in columns.Select((c, i) => (c, i)).Where(x => x.c.Required && !table.FileColumns.ContainsKey(x.i)))
            table.Errors.Add(new ImportError(headerRow, missing.c.FullHeader, $"缺少必填列“{missing.c.FullHeader}”"));

        for (var k = headerIndex + 1; k < grid.Count; k++)
        {
            var source = grid[k].Cells;
            var cells = new object?[columns.Count];
            var blank = true;
            foreach (var (column, f) in table.FileColumns)
            {
                var v = f < source.Length ? source[f] : null;
                if (v is string s && string.IsNullOrWhiteSpace(s)) v = null;
                cells[column] = v;
                blank &= v is null;
            }
            if (!blank) table.Rows.Add(new ImportRow(grid[k].Number, cells));
        }
        progress?.Report(new ImportProgress("读取文件", grid.Count, grid.Count));
        return table;
    }
}
