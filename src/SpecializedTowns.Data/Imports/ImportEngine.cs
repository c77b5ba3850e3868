using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Imports;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Core;

namespace SpecializedTowns.Data.Imports;

/// <summary>What a kind works with while it checks and applies the rows of one file.</summary>
internal sealed class ImportRun(TownsDbContext db, UserScope scope, string userName, DateTime nowUtc, ImportKind kind, ImportTable table, ImportResult result)
{
    public TownsDbContext Db { get; } = db;
    public UserScope Scope { get; } = scope;
    public string UserName { get; } = userName;
    public DateTime NowUtc { get; } = nowUtc;
    public DateOnly Today { get; } = ChinaTime.Date(nowUtc);
    public ImportResult Result { get; } = result;

    /// <summary>
    /// Every data row, those with a bad cell too: a kind checks each row against the database wherever the cells a check
    /// needs parsed (a bad or blank cell reads as null), so the sender sees all of a row's problems in one round; only
    /// rows without any error are applied.
    /// </summary>
    public IReadOnlyList<ImportRow> Rows { get; } = table.Rows;

    /// <summary>Whether the file has the column at all: an absent optional column keeps what is stored, a blank cell clears it.</summary>
    public bool Has(string key) => table.FileColumns.ContainsKey(kind.IndexOf(key));

    public T? Get<T>(ImportRow row, string key) => row.Values[kind.IndexOf(key)] is T t ? t : default;

    public decimal? Number(ImportRow row, string key) => row.Values[kind.IndexOf(key)] as decimal?;

    public int? Integer(ImportRow row, string key) => row.Values[kind.IndexOf(key)] as int?;

    public string? Text(ImportRow row, string key) => row.Values[kind.IndexOf(key)] as string;

    public void Error(ImportRow row, string key, string message)
    {
        var index = kind.IndexOf(key);
        row.HasError = true;
        Result.Errors.Add(new ImportError(row.Number, kind.Columns[index].FullHeader, message)
        {
            FileColumn = table.FileColumns.TryGetValue(index, out var f) ? f : null,
        });
    }

    /// <summary>A figure to check that does not stop the row (<see cref="ImportResult.Warnings"/>).</summary>
    public void Warn(ImportRow row, string key, string message)
    {
        var index = kind.IndexOf(key);
        Result.Warnings.Add(new ImportError(row.Number, kind.Columns[index].FullHeader, message)
        {
            FileColumn = table.FileColumns.TryGetValue(index, out var f) ? f : null,
        });
    }

    /// <summary>New records to write in bulk after the changes to stored ones are saved (<see cref="BulkCreate"/>), rather than through the change tracker.</summary>
    public List<object> Created { get; } = [];

    public void Change(ImportRow row, RowAction action, string record, IReadOnlyList<FieldChange>? fields = null) =>
        Result.Changes.Add(new RowChange(row.Number, action, record, fields ?? []));

    /// <summary>
    /// Reports the first row of each key and refuses the later ones, naming the columns they differ in (rows identical in
    /// every cell were taken once before: <see cref="RepeatedRows"/>).
    /// </summary>
    public Dictionary<TKey, ImportRow> FirstOfEach<TKey>(Func<ImportRow, TKey?> key, string column, string what) where TKey : notnull
    {
        var first = new Dictionary<TKey, ImportRow>();
        foreach (var row in Rows)
        {
            if (key(row) is not { } k) continue;
            if (first.TryGetValue(k, out var earlier)) Error(row, column, SameKey(row, earlier, what));
            else first[k] = row;
        }
        return first;
    }

    public string SameKey(ImportRow row, ImportRow earlier, string what) => RepeatedRows.SameKey(kind, row, earlier, what);
}

/// <summary>
/// Runs an import: reads the file, checks every cell and then every row against the database, and writes all rows in
/// one transaction with one SaveChangesAsync, or none of them. A dry run does everything but the write.
/// </summary>
public static class ImportEngine
{
    private const long WriteLock = 0x494D_504F_5254; // "IMPORT"

    public const long MaxFileBytes = 50L * 1024 * 1024;

    public static async Task<ImportResult> RunAsync(TownsDbContext db, UserScope scope, string userName, ImportKind kind, string fileName, byte[] content,
        bool commit, TimeProvider time, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var result = new ImportResult { Kind = kind.Key, FileName = fileName };
        if (!kind.CanImport(scope)) { result.Errors.Add(new ImportError(0, null, kind.Refusal)); return result; }
        if (SheetReader.FormatOf(fileName) is not { } format)
        {
            result.Errors.Add(new ImportError(0, null, "只能导入 .xlsx 或 .csv 文件（旧版 .xls 请在 Excel 中另存为 .xlsx）"));
            return result;
        }

        progress?.Report(new ImportProgress("读取文件", 0, 0));
        var table = SheetReader.Read(content, format, kind.Columns, progress);
        result.SheetName = table.SheetName;
        result.HeaderRow = table.HeaderRow;
        foreach (var (column, f) in table.FileColumns) result.FileColumns[kind.Columns[column].Key] = f;
        result.Errors.AddRange(table.Errors);
        result.Rows = table.Rows.Count;
        if (result.Errors.Count > 0) return result;
        if (table.Rows.Count == 0) { result.Errors.Add(new ImportError(0, null, "文件中没有数据行")); return result; }
        // The template's own example never imports; the other rows are still checked, so that one round shows every fault.
        TemplateExample.Refuse(kind, table, result);
        if (table.Rows.Count == 0) return result;

        progress?.Report(new ImportProgress("检查格式", 0, table.Rows.Count));
        var nowUtc = time.GetUtcNow().UtcDateTime;
        CheckCells(kind, table, result, ChinaTime.Date(nowUtc), progress);
        RepeatedRows.TakeOnce(table, result);

        progress?.Report(new ImportProgress("核对数据库", 0, table.Rows.Count));
        var run = new ImportRun(db, scope, userName, nowUtc, kind, table, result);
        try
        {
            await kind.ApplyAsync(run, ct);
            result.Errors.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : (a.FileColumn ?? int.MaxValue).CompareTo(b.FileColumn ?? int.MaxValue));
            // A row that failed a database check is not counted as new or updated.
            var bad = result.Errors.Select(e => e.Row).ToHashSet();
            result.Changes.RemoveAll(c => bad.Contains(c.Row));
            result.Warnings.RemoveAll(w => bad.Contains(w.Row));
            result.Warnings.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : (a.FileColumn ?? int.MaxValue).CompareTo(b.FileColumn ?? int.MaxValue));
            result.Changes.Sort((a, b) => a.Row.CompareTo(b.Row));
            result.Created = result.Changes.Count(c => c.Action == RowAction.Create);
            result.Updated = result.Changes.Count(c => c.Action == RowAction.Update);
            result.Unchanged = result.Changes.Count(c => c.Action == RowAction.Unchanged);
            progress?.Report(new ImportProgress("核对数据库", table.Rows.Count, table.Rows.Count));
            if (!commit || !result.Ok) return result;

            // What is written are the records the check built; the file's parsed rows go before the write makes its own
            // (a web import of 100,000 rows peaked 10–25 MB lower, against a limit of 500 MB).
            var rowCount = table.Rows.Count;
            table.Rows.Clear();
            table.Rows.TrimExcess();
            progress?.Report(new ImportProgress("写入", 0, rowCount));
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                // One import writes at a time: each holds the enterprise tallies it touches until it commits, and two
                // taking them in different orders would deadlock. (SQLite has a single writer anyway.)
                if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({WriteLock})", ct);
                await db.SaveChangesAsync(ct);
                await BulkCreate.InsertAsync(db, run.Created, ct);
                await tx.CommitAsync(ct);
                result.Committed = true;
            }
            catch (Exception e) when (e is DbUpdateException || DatabaseErrors.IsUniqueViolation(e) || DatabaseErrors.IsDeadlock(e))
            {
                await tx.RollbackAsync(ct);
                result.Errors.Add(new ImportError(0, null, "写入时与他人同时修改的数据冲突，本次没有导入任何数据；请重新上传"));
            }
            progress?.Report(new ImportProgress("写入", rowCount, rowCount));
            return result;
        }
        finally
        {
            // Nothing the check applied survives a dry run or a refused file.
            db.ChangeTracker.Clear();
        }
    }

    private const int CellBlock = 4096;

    /// <summary>
    /// Every row's cells, in blocks on all cores: each cell is checked on its own, and a file of 100,000 rows took 0.4–0.6 s
    /// on one. The problems are kept per block and joined in block order, so they read exactly as a row-by-row pass lists them.
    /// </summary>
    private static void CheckCells(ImportKind kind, ImportTable table, ImportResult result, DateOnly today, IProgress<ImportProgress>? progress)
    {
        var rows = table.Rows;
        var blocks = new List<ImportError>?[(rows.Count + CellBlock - 1) / CellBlock];
        var done = 0;
        Parallel.For(0, blocks.Length, b =>
        {
            var errors = new List<ImportError>();
            var (start, end) = (b * CellBlock, Math.Min(rows.Count, (b + 1) * CellBlock));
            for (var i = start; i < end; i++) ParseCells(kind, table, rows[i], today, errors);
            blocks[b] = errors;
            // Reported as the count passes each 10,000, as the row-by-row pass did.
            var now = Interlocked.Add(ref done, end - start);
            if (now / 10000 != (now - (end - start)) / 10000) progress?.Report(new ImportProgress("检查格式", now, rows.Count));
        });
        foreach (var errors in blocks) result.Errors.AddRange(errors!);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ParseCells(ImportKind kind, ImportTable table, ImportRow row, DateOnly today, List<ImportError> errors)
    {
        for (var i = 0; i < kind.Columns.Count; i++)
        {
            var column = kind.Columns[i];
            var cell = row.Cells[i];
            string? problem = null;
            if (CellValues.IsBlank(cell))
            {
                if (column.Required && table.FileColumns.ContainsKey(i)) problem = $"请填写“{column.Header}”";
            }
            else
            {
                (row.Values[i], problem) = Parse(column, cell!, today);
            }
            // The raw cell is not read again: a 100,000-row file keeps only its parsed values.
            row.Cells[i] = null;
            if (problem is null) continue;
            row.HasError = true;
            errors.Add(new ImportError(row.Number, column.FullHeader, problem) { FileColumn = table.FileColumns.GetValueOrDefault(i) });
        }
    }

    /// <summary>One cell against its column's type, unit, range and options.</summary>
    internal static (object? Value, string? Problem) Parse(ImportColumn column, object cell, DateOnly today)
    {
        switch (column.Type)
        {
            case ColumnType.Text or ColumnType.Reference:
            {
                var text = CellValues.Text(cell);
                return text.Length > column.MaxLength ? (null, $"{column.Header}不超过 {column.MaxLength} 字（现为 {text.Length} 字）") : (text, null);
            }
            case ColumnType.Uscc:
            {
                var code = CellValues.Narrow(CellValues.Text(cell)).Replace(" ", "").ToUpperInvariant();
                return Uscc.Problem(code) is { } p ? (null, p) : (code, null);
            }
            case ColumnType.Integer:
            {
                var (v, p) = CellValues.Integer(cell, column.Unit);
                // An out-of-range value reads as null like any bad cell: the row checks must never see month -1 or year 0.
                return p is not null ? (null, p) : RangeProblem(column, v, today) is { } r ? (null, r) : (v, null);
            }
            case ColumnType.Decimal:
            {
                var (v, p) = CellValues.Decimal(cell, column.Unit);
                // An out-of-range value reads as null like any bad cell: the row checks must never see month -1 or year 0.
                return p is not null ? (null, p) : RangeProblem(column, v, today) is { } r ? (null, r) : (v, null);
            }
            case ColumnType.Percent:
            {
                var (v, p) = CellValues.Percent(cell, null);
                return p is not null ? (null, p) : v is < 0 or > 100 ? (null, "百分数应在 0 到 100 之间") : (v, null);
            }
            case ColumnType.Date:
            {
                var (v, p) = CellValues.Date(cell);
                return p is not null ? (null, p) : v is { } d && !Core.CalendarBounds.Contains(d) ? (null, $"日期 {CellValues.Day(v.Value)} 不合理，请核对年份") : (v, null);
            }
            case ColumnType.YesNo:
                return CellValues.YesNo(cell) is var (b, problem) ? (b, problem) : default;
            case ColumnType.Enumeration:
            {
                var text = CellValues.Narrow(CellValues.Text(cell));
                var option = column.Options.FirstOrDefault(o => CellValues.Narrow(o) == text);
                return option is null ? (null, $"“{text}”不是可选的{column.Header}，应为：{string.Join("、", column.Options)}") : (option, null);
            }
            case ColumnType.EnumerationList:
            {
                var items = CellValues.List(CellValues.Text(cell));
                var unknown = items.Where(x => !column.Options.Contains(x)).ToList();
                return unknown.Count > 0
                    ? (null, $"“{string.Join("、", unknown)}”不是可选的{column.Header}，可选：{string.Join("、", column.Options)}")
                    : (items, null);
            }
            default:
                return (null, "未知的列类型");
        }
    }

    private static string? RangeProblem(ImportColumn column, decimal? value, DateOnly today) =>
        column.FinishedYears && value > column.MaxOn(today) ? Core.Recognition.AnnualFigures.YearProblem((int)value.Value, today)
        : (column.YearsAhead is not null || column.FinishedYears) && (value < column.Min || value > column.MaxOn(today))
            ? $"{column.Header}应在 {CellValues.Bound(column.Min)} 到 {CellValues.Bound(column.MaxOn(today))} 之间"
        : value < column.Min ? (column.Min == 0 ? $"{column.Header}不能为负数" : $"{column.Header}不能小于 {CellValues.Bound(column.Min)}")
        : value > column.Max ? $"{column.Header}不能大于 {CellValues.Bound(column.Max)}{(column.Unit == "万元" ? "，请核对单位是否为万元" : "")}"
        : null;
}

/// <summary>The fields one row changes on a stored record: each assignment is made only when the value differs, and noted.</summary>
internal sealed class FieldChanges
{
    public List<FieldChange> List { get; } = [];

    public void Set<T>(ImportColumn column, T old, T value, Action<T> assign, Func<T, string>? show = null)
    {
        if (EqualityComparer<T>.Default.Equals(old, value)) return;
        show ??= v => v switch { null => "（空）", decimal d => CellValues.Figure(d), DateOnly d => CellValues.Day(d), _ => v.ToString() ?? "" };
        List.Add(new FieldChange(column.FullHeader, show(old), show(value)));
        assign(value);
    }

    public RowAction Action => List.Count == 0 ? RowAction.Unchanged : RowAction.Update;
}
