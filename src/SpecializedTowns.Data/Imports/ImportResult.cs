namespace SpecializedTowns.Data.Imports;

/// <summary>A problem with one cell (or one row when Column is null, or the file when Row is 0), as the sender must fix it.</summary>
public sealed record ImportError(int Row, string? Column, string Message)
{
    /// <summary>The 0-based column of the file the error is in, to mark that cell; null for a row or file error.</summary>
    public int? FileColumn { get; init; }
}

public enum RowAction { Create, Update, Unchanged }

public sealed record FieldChange(string Column, string Old, string New);

/// <summary>What a valid row would do: add a record, change some of its fields, or nothing.</summary>
public sealed record RowChange(int Row, RowAction Action, string Record, IReadOnlyList<FieldChange> Fields)
{
    public string ActionName => Action switch { RowAction.Create => "新增", RowAction.Update => "更新", _ => "无变化" };
}

public sealed record ImportProgress(string Phase, int Done, int Total);

/// <summary>The outcome of checking (and, when asked and clean, writing) one file.</summary>
public sealed class ImportResult
{
    public required string Kind { get; init; }
    public required string FileName { get; init; }
    public int Rows { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }

    /// <summary>Rows identical in every cell to an earlier row, taken once (<see cref="RepeatedRows"/>); each has a 提示 in <see cref="Warnings"/>.</summary>
    public int Repeated { get; set; }
    [System.Text.Json.Serialization.JsonObjectCreationHandling(System.Text.Json.Serialization.JsonObjectCreationHandling.Populate)]
    public List<ImportError> Errors { get; } = [];

    /// <summary>
    /// Figures to check that do not stop their row (output far off the year before's): the row imports, and the page, the
    /// committed result and the marked file say what to check.
    /// </summary>
    [System.Text.Json.Serialization.JsonObjectCreationHandling(System.Text.Json.Serialization.JsonObjectCreationHandling.Populate)]
    public List<ImportError> Warnings { get; } = [];
    [System.Text.Json.Serialization.JsonObjectCreationHandling(System.Text.Json.Serialization.JsonObjectCreationHandling.Populate)]
    public List<RowChange> Changes { get; } = [];
    public bool Committed { get; set; }

    /// <summary>Where the data was found, for marking the errors in the sender's own workbook.</summary>
    public string? SheetName { get; set; }
    public int HeaderRow { get; set; }

    /// <summary>The file column of each template column found (by column key).</summary>
    [System.Text.Json.Serialization.JsonObjectCreationHandling(System.Text.Json.Serialization.JsonObjectCreationHandling.Populate)]
    public Dictionary<string, int> FileColumns { get; } = [];

    public int ErrorRows => Errors.Where(e => e.Row > 0).Select(e => e.Row).Distinct().Count();

    public int WarningRows => Warnings.Select(e => e.Row).Distinct().Count();

    /// <summary>
    /// The 错误 count as the summary shows it: in rows, as 新增, 更新 and 共 N 行 count, with the number of problems beside it
    /// where rows have several (错误 2 行（4 处）); problems of the file as a whole (a missing column) are not of a row.
    /// </summary>
    public string ErrorTally
    {
        get
        {
            var fileErrors = Errors.Count(e => e.Row == 0);
            var rowErrors = Errors.Count - fileErrors;
            var rows = ErrorRows;
            var tally = rowErrors == rows ? $"{rows:N0} 行" : $"{rows:N0} 行（{rowErrors:N0} 处）";
            return fileErrors == 0 ? tally : rows == 0 ? $"文件 {fileErrors:N0} 处" : $"{tally}，文件 {fileErrors:N0} 处";
        }
    }

    public bool Ok => Errors.Count == 0;
}
